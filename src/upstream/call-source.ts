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

/** What a caller of `fetchCalls` is told as its request goes (the client's contract), and whose request it is. */
export interface FetchHooks {
  /** The answer is in and the token free, before it is read. */
  readonly received?: () => void;
  /** An HTTP attempt went out: the request was not refused here (budget, circuit, token gate) before reaching wolkvox. */
  readonly sent?: () => void;
  /** Set for background work; absent for an operation's request. */
  readonly background?: BackgroundWork;
}

/** Anything that answers like the wolkvox client. */
export interface CallSource {
  fetchCalls(range: TimeRange, signal?: AbortSignal, hooks?: FetchHooks): Promise<CdrAnswer>;
  /** False while the source refuses to be asked (an open circuit): callers then fall back to what they hold. */
  accepting?(): boolean;
  /** Rows at which an answer may be cut short (wolkvox's cap): callers plan requests below it. */
  readonly maxRowsPerResponse?: number;
}
