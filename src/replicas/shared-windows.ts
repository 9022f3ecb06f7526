import type { FreshnessPolicy } from '../feed/freshness.js';
import type { WindowData } from '../feed/window-store.js';
import { windowKey } from '../feed/windows.js';
import type { Logger } from '../logger.js';
import { archiveKey } from '../store/archive-keys.js';
import { decodeWindowFor, encodeWindow, StoredWindowError, type UnreadableReason } from '../store/window-codec.js';
import type { SharedState } from './redis-connection.js';
import type { TimeRange } from '../domain/time/time-range.js';

/**
 * The window tier every replica shares, in Redis: the same stored form as the disk tier (versioned,
 * checksummed; a bad value is deleted, never served), under the same namespaced keys, read with one
 * MGET per span (never a KEYS scan). An open window expires from Redis when its freshness runs out;
 * a settled one stays, for the operator's memory policy (e.g. `maxmemory-policy allkeys-lru`) to decide.
 */
export class SharedWindows {
  readonly stats = { hits: 0, misses: 0, writes: 0 };
  readonly dropped: Record<UnreadableReason, number> = { format: 0, version: 0, checksum: 0, content: 0 };

  constructor(
    private readonly state: SharedState,
    private readonly namespace: string,
    private readonly freshness: FreshnessPolicy,
    private readonly now: () => number,
    private readonly logger: Logger,
  ) {}

  /** The fresh shared copies of `windows`, by window key; throws when Redis cannot be read. */
  async read(windows: readonly TimeRange[]): Promise<Map<number, WindowData>> {
    const found = new Map<number, WindowData>();
    if (windows.length === 0) return found;
    const keys = windows.map((window) => archiveKey(this.namespace, window));
    const values = await this.state.redis.mgetBuffer(...keys);
    const now = this.now();
    values.forEach((bytes, i) => {
      const window = windows[i]!;
      const data = bytes ? this.decode(keys[i]!, bytes, window) : undefined;
      if (data && this.freshness.isFresh(window, data.fetchedAt, now, data.provisional)) found.set(windowKey(window), data);
    });
    this.stats.hits += found.size;
    this.stats.misses += windows.length - found.size;
    return found;
  }

  /** Stores fetched windows for every replica; open and provisional ones expire when they would be stale anyway. */
  async write(windows: readonly WindowData[]): Promise<void> {
    if (windows.length === 0) return;
    const now = this.now();
    const batch = this.state.redis.multi();
    for (const data of windows) {
      const key = archiveKey(this.namespace, data.window);
      const bytes = Buffer.from(encodeWindow(data));
      if (this.freshness.isStable(data.window, data.fetchedAt, data.provisional)) batch.set(key, bytes);
      else batch.set(key, bytes, 'PX', Math.max(1, data.fetchedAt + this.freshness.servedForMs(data.window, data.fetchedAt, data.provisional) - now));
    }
    await batch.exec();
    this.stats.writes += windows.length;
  }

  private decode(key: string, bytes: Buffer, window: TimeRange): WindowData | undefined {
    try {
      return decodeWindowFor(window, bytes);
    } catch (error) {
      if (!(error instanceof StoredWindowError)) throw error;
      this.dropped[error.reason] += 1;
      this.logger.warn({ key, reason: error.reason, detail: error.message, tier: 'redis' }, 'dropped a shared window that cannot be served; fetching it again');
      // The window is fetched again either way: a DEL that fails leaves it to be dropped by the next reader.
      void this.state.redis.del(key).catch(() => undefined);
      return undefined;
    }
  }
}
