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
  const subscriber = state.redis.duplicate({ enableOfflineQueue: true, lazyConnect: false });
  subscriber.on('error', () => undefined); // the shared connection already reports Redis being away
  const target = createRedisEventTarget({ publishClient: publishingThrough(state.redis, logger), subscribeClient: subscriber });
  return { target, close: () => subscriber.disconnect() };
}

/**
 * The shared connection, whose PUBLISH failures are logged instead of left unhandled (the event target
 * does not await it, and without an offline queue a command fails at once while Redis is away).
 */
function publishingThrough(redis: Redis, logger: Logger): Redis {
  return new Proxy(redis, {
    get(target, property, receiver) {
      if (property !== 'publish') return Reflect.get(target, property, receiver);
      return (channel: string, message: string) =>
        target.publish(channel, message).catch((error: unknown) => {
          logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'a window change could not be published through Redis; subscribers hear the next one');
          return 0;
        });
    },
  });
}
