import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { Redis } from 'ioredis';
import type { ChangeEventTarget } from '../feed/change-events.js';
import type { Logger } from '../logger.js';
import type { SharedState } from './redis-connection.js';

/**
 * Window changes through Redis pub/sub (`@graphql-yoga/redis-event-target`), so that the subscribers of
 * every replica hear what the one replica whose turn it was to refresh found. Subscribing takes a
 * connection of its own (a Redis connection in subscriber mode runs no other command), which, unlike the
 * shared one, queues its SUBSCRIBE until connected and subscribes again after a reconnection. Publishing
 * while Redis is away loses that change (logged): subscribers hear the next one.
 */
export function sharedChangeEvents(state: SharedState, logger: Logger): { target: ChangeEventTarget; close(): void } {
  const subscriber = state.redis.duplicate({ enableOfflineQueue: true });
  subscriber.on('error', () => undefined); // the shared connection already reports Redis being away
  const warn = (what: string) => (error: unknown) =>
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, `window changes: ${what} through Redis failed; subscribers hear the next change`);
  const target = createRedisEventTarget({
    publishClient: failingQuietly(state.redis, 'publish', warn('publishing')),
    // After close, a subscription ending late still unsubscribes: nothing to report then.
    subscribeClient: failingQuietly(failingQuietly(subscriber, 'subscribe', warn('subscribing')), 'unsubscribe', () => undefined),
  });
  return { target, close: () => subscriber.disconnect() };
}

/**
 * `redis` with the failures of `method` handed to `onFailure` instead of left unhandled: the event
 * target calls PUBLISH, SUBSCRIBE and UNSUBSCRIBE without awaiting them, and a command fails at once
 * while Redis is away (no offline queue) or after the connection is closed.
 */
function failingQuietly(redis: Redis, method: 'publish' | 'subscribe' | 'unsubscribe', onFailure: (error: unknown) => void): Redis {
  return new Proxy(redis, {
    get(target, property, receiver) {
      if (property !== method) return Reflect.get(target, property, receiver) as unknown;
      return (...args: string[]) => (target[method] as (...args: string[]) => Promise<unknown>).apply(target, args).catch(onFailure);
    },
  });
}
