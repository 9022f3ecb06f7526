import type { TimeRange } from '../domain/time/time-range.js';
import type { CdrRows } from './cdr-response.js';
import type { DailyBudget } from './daily-budget.js';

/** wolkvox's answer for one requested range, as the client read it. */
export interface CdrAnswer extends CdrRows {
  readonly range: TimeRange;
  /** The response reached wolkvox's row cap: rows may be missing, so the range must be split and refetched. */
  readonly possiblyTruncated: boolean;
  /**
   * Rows whose instant lies outside the requested range. This happens only in a DST overlap, where
   * one wall-clock hour stands for two instants; such rows belong to the neighbouring range, which
   * receives them too, so they are counted there, once.
   */
  readonly outsideRange: number;
}

/**
 * A request of background work (the history mirror): it waits for the token behind every operation's,
 * and each of its attempts spends from `share` (WOLKVOX_BACKFILL_REQUESTS_PER_DAY) before the daily budget.
 */
export interface BackgroundWork {
  readonly share: DailyBudget;
}

/** Anything that answers like the wolkvox client. */
export interface CallSource {
  /**
   * `received`: told when the answer is in and the token free, before it is read (the client's contract).
   * `background`: set for background work, absent for an operation's request.
   */
  fetchCalls(range: TimeRange, signal?: AbortSignal, received?: () => void, background?: BackgroundWork): Promise<CdrAnswer>;
  /** False while the source refuses to be asked (an open circuit): callers then fall back to what they hold. */
  accepting?(): boolean;
  /** Rows at which an answer may be cut short (wolkvox's cap): callers plan requests below it. */
  readonly maxRowsPerResponse?: number;
}
