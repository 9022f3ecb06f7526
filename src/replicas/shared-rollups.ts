import type { SharedRollups as RollupsReader } from '../feed/call-feed.js';
import type { DayRollup } from '../feed/window-store.js';
import type { Logger } from '../logger.js';
import { rollupKey } from '../store/archive-keys.js';
import { decodeRollupFor, encodeRollup } from '../store/rollup-codec.js';
import { StoredWindowError, type UnreadableReason } from '../store/window-codec.js';
import type { TimeRange } from '../domain/time/time-range.js';
import type { SharedState } from './redis-connection.js';

/**
 * How long a roll-up waits before it is written: a report that derives a table for a year of days changes
 * every day's roll-up in one go, and each is then written once, after the answer.
 */
const WRITE_DELAY_MS = 100;

/**
 * The day roll-ups every replica shares, in Redis, in the stored form of the disk tier (rollup-codec.ts:
 * versioned, checksummed; a bad value is deleted, never served), under the same keys: a replica reads
 * a year of roll-ups another one made with one MGET, and keeps them in memory. Only final roll-ups
 * (every window settled) are written, and they do not expire: like settled windows, they are for the
 * operator's memory policy to evict.
 */
export class SharedRollups implements RollupsReader {
  readonly stats = { hits: 0, misses: 0, writes: 0 };
  readonly dropped: Record<UnreadableReason, number> = { format: 0, version: 0, checksum: 0, content: 0 };
  private readonly unwritten = new Map<string, DayRollup>();
  private writing: NodeJS.Timeout | undefined;
  private lastWrite: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: SharedState,
    private readonly namespace: string,
    private readonly logger: Logger,
  ) {}

  async read(days: readonly TimeRange[]): Promise<Map<number, DayRollup>> {
    const found = new Map<number, DayRollup>();
    if (days.length === 0) return found;
    const keys = days.map((day) => rollupKey(this.namespace, day));
    const values = await this.state.redis.mgetBuffer(...keys);
    values.forEach((bytes, i) => {
      const rollup = bytes ? this.decode(keys[i]!, bytes, days[i]!) : undefined;
      if (rollup) found.set(rollup.window.from, rollup);
    });
    this.stats.hits += found.size;
    this.stats.misses += days.length - found.size;
    return found;
  }

  /** Which of `days` have a roll-up in Redis (not read), by the start of each day. */
  async stored(days: readonly TimeRange[]): Promise<Set<number>> {
    const batch = this.state.redis.pipeline();
    for (const day of days) batch.exists(rollupKey(this.namespace, day));
    const answers = (await batch.exec()) ?? [];
    return new Set(days.filter((_day, i) => answers[i]?.[1] === 1).map((day) => day.from));
  }

  /** Stores `rollup` for every replica, a little later (encoded then, with whatever it holds by then). */
  write = (rollup: DayRollup): void => {
    this.unwritten.set(rollupKey(this.namespace, rollup.window), rollup);
    this.writing ??= setTimeout(() => void this.writeUnwritten(), WRITE_DELAY_MS).unref();
  };

  /** Resolves when every roll-up written so far is in Redis (or has failed, which is logged). */
  async flushed(): Promise<void> {
    clearTimeout(this.writing);
    await this.writeUnwritten();
  }

  private writeUnwritten(): Promise<void> {
    this.writing = undefined;
    if (this.unwritten.size === 0) return this.lastWrite;
    const batch = this.state.redis.multi();
    for (const [key, rollup] of this.unwritten) batch.set(key, Buffer.from(encodeRollup(rollup)));
    const count = this.unwritten.size;
    this.unwritten.clear();
    this.lastWrite = batch.exec().then(
      () => void (this.stats.writes += count),
      (error: unknown) => this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'day roll-ups could not be shared through Redis; other replicas will make them from their windows'),
    );
    return this.lastWrite;
  }

  private decode(key: string, bytes: Buffer, day: TimeRange): DayRollup | undefined {
    try {
      return decodeRollupFor(day, bytes, () => void this.state.redis.del(key).catch(() => undefined));
    } catch (error) {
      if (!(error instanceof StoredWindowError)) throw error;
      this.dropped[error.reason] += 1;
      this.logger.warn({ key, reason: error.reason, detail: error.message, tier: 'redis' }, 'dropped a shared day roll-up that cannot be served; it is made again from its windows');
      void this.state.redis.del(key).catch(() => undefined);
      return undefined;
    }
  }
}
