import type { CallRecord } from '../domain/call-record.js';
import type { TimeRange } from '../domain/time-range.js';
import type { RejectedRow } from '../upstream/cdr-response.js';
import { UpstreamBadDataError } from '../upstream/errors.js';
import { MAX_SPAN_MS, type CdrWindow } from '../upstream/wolkvox-client.js';

/** Where rows come from: the wolkvox client, or anything that answers like it. */
export interface CallSource {
  fetchCalls(range: TimeRange, signal?: AbortSignal): Promise<CdrWindow>;
}

/** A row wolkvox sent that could not be read, with the range of the request that brought it. */
export interface UnreadableRow extends RejectedRow {
  readonly window: TimeRange;
}

/** Every call of a range, in (date, id) order, and every row of it that could not be read. */
export interface CallSet {
  readonly range: TimeRange;
  readonly calls: readonly CallRecord[];
  readonly unreadable: readonly UnreadableRow[];
}

/**
 * The rows behind one GraphQL operation. Resolvers ask it for ranges; it asks wolkvox for each
 * distinct range once per operation, in pieces wolkvox accepts (≤ 31 days), and splits any piece whose
 * answer may have been truncated at the row cap until none is.
 */
export class CallFeed {
  private readonly loaded = new Map<string, Promise<CallSet>>();

  constructor(
    private readonly source: CallSource,
    private readonly signal?: AbortSignal,
  ) {}

  callsIn(range: TimeRange): Promise<CallSet> {
    const key = `${range.from}:${range.to}`;
    let set = this.loaded.get(key);
    if (!set) {
      set = this.load(range);
      this.loaded.set(key, set);
    }
    return set;
  }

  private async load(range: TimeRange): Promise<CallSet> {
    const pieces: TimeRange[] = [];
    for (let from = range.from; from < range.to; from += MAX_SPAN_MS) pieces.push({ from, to: Math.min(range.to, from + MAX_SPAN_MS) });
    const windows = (await Promise.all(pieces.map((piece) => this.complete(piece)))).flat();
    const calls = windows.flatMap((w) => w.records).sort(byDateThenId);
    const unreadable = windows.flatMap((w) => w.rejected.map((row) => ({ ...row, window: w.range })));
    return { range, calls, unreadable };
  }

  /** The windows that together hold every row of `range`: split in halves while an answer is at the cap. */
  private async complete(range: TimeRange): Promise<CdrWindow[]> {
    const window = await this.source.fetchCalls(range, this.signal);
    if (!window.possiblyTruncated) return [window];
    if (range.to - range.from <= 1000) {
      throw new UpstreamBadDataError('wolkvox returned its row cap for a single second; the rows beyond it cannot be fetched');
    }
    const middle = range.from + Math.floor((range.to - range.from) / 2000) * 1000;
    const halves = await Promise.all([this.complete({ from: range.from, to: middle }), this.complete({ from: middle, to: range.to })]);
    return halves.flat();
  }
}

export function byDateThenId(a: CallRecord, b: CallRecord): number {
  return a.date - b.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
