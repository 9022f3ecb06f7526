import { Mutex } from 'redis-semaphore';
import type { SharedState } from './redis-connection.js';

/**
 * Whose turn it is to keep today's windows warm: the first replica to tick takes a Redis lock that
 * lasts most of an interval and is never renewed or released, so about one replica per interval
 * refreshes; the others find today's windows fresh in Redis when asked. Without Redis nobody
 * refreshes (nothing could be fetched anyway).
 */
export function refreshTurns(state: SharedState, key: string, intervalMs: number): () => Promise<boolean> {
  return async () => {
    const turn = new Mutex(state.redis, key, { lockTimeout: Math.max(1_000, Math.floor(intervalMs * 0.9)), acquireAttemptsLimit: 1, refreshInterval: 0 });
    try {
      return await turn.tryAcquire();
    } catch {
      return false;
    }
  };
}
