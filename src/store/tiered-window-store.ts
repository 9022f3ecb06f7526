import type { Logger } from '../logger.js';
import { activeSpan, isoOf } from '../tracing/spans.js';
import { WindowStore, type DayRollup, type WindowData } from '../feed/window-store.js';
import { archiveKey, rollupKey } from './archive-keys.js';
import { decodeRollupFor, encodeRollup } from './rollup-codec.js';
import type { WindowArchive } from './window-archive.js';
import { decodeWindowFor, encodeWindow, StoredWindowError, type UnreadableReason } from './window-codec.js';
import type { TimeRange } from '../domain/time/time-range.js';

/** A durable tier and the namespace this server's windows live under in it. */
export interface DurableTier {
  readonly archive: WindowArchive;
  readonly namespace: string;
}

/** What the tiers did, for `/metrics`. */
export interface TierStats {
  /** Lookups answered by each tier (memory, then the durable one). */
  readonly hits: Readonly<Record<'memory' | 'durable', number>>;
  /** Stored windows dropped instead of served, by why. */
  readonly dropped: Readonly<Record<UnreadableReason, number>>;
  /** Stored day roll-ups dropped instead of served (and made again from their windows), by why. */
  readonly droppedRollups: Readonly<Record<UnreadableReason, number>>;
  /** Day roll-ups read from the durable tier. */
  readonly rollupHits: number;
  readonly durableTier: string;
  durableBytes(): number;
}

/**
 * The window cache in two tiers behind the one WindowStore interface the engine reads: the in-process
 * columnar LRU first, then a durable tier, read lazily when memory misses (nothing is loaded at
 * start-up). A window found there is put back in memory as it was stored, `fetchedAt` included, so
 * the engine's freshness rules judge it like any other copy: an open window read from disk is stale
 * after the freshness interval. Every window the engine stores goes to both tiers. Bytes that are not
 * a whole window of the current format are dropped and reported, never served: the engine fetches
 * the window again as if it had never been stored.
 */
export class TieredWindowStore extends WindowStore implements TierStats {
  readonly hits = { memory: 0, durable: 0 };
  readonly dropped: Record<UnreadableReason, number> = { format: 0, version: 0, checksum: 0, content: 0 };
  readonly droppedRollups: Record<UnreadableReason, number> = { format: 0, version: 0, checksum: 0, content: 0 };
  rollupHits = 0;
  readonly durableTier: string;
  /** Keys dropped whose removal may not be committed yet: not read again until a new copy is stored. */
  private readonly refused = new Set<string>();

  constructor(
    maxRows: number,
    private readonly durable: DurableTier,
    private readonly logger?: Logger,
    maxBytes?: number,
    /** With replicas: where a final roll-up is shared too (Redis), whenever it is made or holds more. */
    private readonly shareRollup?: (rollup: DayRollup) => void,
  ) {
    super(maxRows, maxBytes);
    this.durableTier = durable.archive.tier;
  }

  /** A final roll-up of `day`: in memory, else read from the durable tier and held (without its windows). */
  override dayRollup(day: TimeRange): DayRollup | undefined {
    const held = this.heldRollup(day);
    if (held) return held;
    const key = rollupKey(this.durable.namespace, day);
    const bytes = this.durable.archive.read(key);
    if (!bytes) return undefined;
    let rollup: DayRollup;
    try {
      rollup = decodeRollupFor(day, bytes, () => this.dropStoredRollup(day, key, new StoredWindowError('checksum', 'a profile table fails its checksum')));
    } catch (error) {
      if (!(error instanceof StoredWindowError)) throw error;
      this.dropStoredRollup(day, key, error);
      return undefined;
    }
    this.rollupHits += 1;
    this.keepRollup(rollup);
    return rollup;
  }

  /** A stored roll-up that cannot be served is counted, logged and removed (from memory too): its day is made again from its windows. */
  private dropStoredRollup(day: TimeRange, key: string, error: StoredWindowError): void {
    this.droppedRollups[error.reason] += 1;
    this.durable.archive.remove(key);
    this.forgetRollup(day);
    this.logger?.warn({ key, reason: error.reason, detail: error.message, tier: this.durableTier }, 'dropped a stored day roll-up that cannot be served; it is made again from its windows');
  }

  /** Encoded when the archive writes it, so that a roll-up deriving several tables in one report is stored once. */
  protected override rollupChanged(rollup: DayRollup): void {
    this.durable.archive.write(rollupKey(this.durable.namespace, rollup.window), () => encodeRollup(rollup));
    this.shareRollup?.(rollup);
  }

  protected override rollupDropped(day: TimeRange): void {
    this.durable.archive.remove(rollupKey(this.durable.namespace, day));
  }

  override get(window: TimeRange): WindowData | undefined {
    const held = super.get(window);
    if (held) {
      this.hits.memory += 1;
      return held;
    }
    const stored = this.readDurable(window);
    if (!stored) return undefined;
    this.hits.durable += 1;
    activeSpan()?.addEvent('window from the durable tier', { 'cdr.tier': this.durableTier, 'cdr.window.from': isoOf(window.from) });
    super.set(stored);
    return stored;
  }

  override set(data: WindowData): void {
    super.set(data);
    const key = this.keyOf(data.window);
    // Encoded when the archive writes it: after the answer that brought the window has been served.
    this.durable.archive.write(key, () => encodeWindow(data));
    this.refused.delete(key);
  }

  /**
   * Stores a window in the durable tier only: background work (the history mirror) must not push out
   * of memory what operations asked for. A copy memory already holds is replaced, so that it is not
   * served older than the stored one.
   */
  storeDurably(data: WindowData): void {
    if (this.peek(data.window)) super.set(data);
    const key = this.keyOf(data.window);
    this.durable.archive.write(key, () => encodeWindow(data));
    this.refused.delete(key);
  }

  /** Whether the durable tier holds a roll-up of `day` (not read: it may still prove damaged when it is). */
  storesRollup(day: TimeRange): boolean {
    return this.durable.archive.has(rollupKey(this.durable.namespace, day));
  }

  /**
   * Stores a final day roll-up in the durable tier only, as storeDurably does windows: made by
   * background work (the history mirror), it must not push out of memory what operations asked for.
   */
  storeRollupDurably(rollup: DayRollup): void {
    this.durable.archive.write(rollupKey(this.durable.namespace, rollup.window), () => encodeRollup(rollup));
  }

  /** The durable tier's copy of `window`, read without putting it in memory; undefined when there is none it would serve. */
  override storedCopy(window: TimeRange): WindowData | undefined {
    return this.readDurable(window);
  }

  override storedDurably(window: TimeRange): boolean {
    const key = this.keyOf(window);
    return !this.refused.has(key) && this.durable.archive.has(key);
  }

  durableBytes(): number {
    return this.durable.archive.bytes();
  }

  private readDurable(window: TimeRange): WindowData | undefined {
    const key = this.keyOf(window);
    if (this.refused.has(key)) return undefined;
    const bytes = this.durable.archive.read(key);
    if (!bytes) return undefined;
    try {
      return decodeWindowFor(window, bytes);
    } catch (error) {
      if (!(error instanceof StoredWindowError)) throw error;
      this.dropped[error.reason] += 1;
      this.refused.add(key);
      this.durable.archive.remove(key);
      this.logger?.warn({ key, reason: error.reason, detail: error.message, tier: this.durableTier }, 'dropped a stored window that cannot be served; fetching it again');
      return undefined;
    }
  }

  private keyOf(window: TimeRange): string {
    return archiveKey(this.durable.namespace, window);
  }
}
