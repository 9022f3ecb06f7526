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

/** A replica's turn at background work, held until it is released (or lost, when Redis goes away). */
export interface WorkTurn {
  /** False once the turn was lost: the work should stop, another replica may have taken over. */
  held(): boolean;
  release(): Promise<void>;
}

/** How long a backfill turn outlives a replica that died holding it. */
const BACKFILL_LEASE_MS = 30_000;

/**
 * Whose turn it is to backfill the history mirror: one replica at a time holds a Redis lock, renewed
 * while it works and released when it stops; one that dies holding it loses it after the lease.
 * Without Redis nobody takes it (nothing could be fetched anyway).
 */
export function backfillTurns(state: SharedState, key: string, leaseMs = BACKFILL_LEASE_MS): () => Promise<WorkTurn | null> {
  return async () => {
    let lost = false;
    const turn = new Mutex(state.redis, key, { lockTimeout: leaseMs, acquireAttemptsLimit: 1, refreshInterval: Math.floor(leaseMs / 3), onLockLost: () => void (lost = true) });
    try {
      if (!(await turn.tryAcquire())) return null;
    } catch {
      return null;
    }
    return { held: () => !lost, release: () => turn.release().catch(() => undefined) };
  };
}
