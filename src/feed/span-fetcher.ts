import { CallColumns, rowRange, type LegPick } from '../domain/columns/call-columns.js';
import { WindowSummary } from '../domain/summary/window-summary.js';
import type { TimeRange } from '../domain/time/time-range.js';
import { partitionPoint } from '../domain/util/partition-point.js';
import { UpstreamBadDataError } from '../upstream/errors.js';
import type { BackgroundWork, CallSource, CdrAnswer } from '../upstream/call-source.js';
import type { FreshnessPolicy } from './freshness.js';
import type { Prepaid } from './request-allowance.js';
import type { RequestPlanner } from './request-planner.js';
import type { EndTurn, RequestTurns } from './request-turns.js';
import type { UnreadableRow, WindowData } from './window-store.js';
import { windowKey } from './windows.js';

/** Where fetched windows go: the cache for operations; for background work, the durable tier only. */
export interface WindowSink {
  keep(data: WindowData): void;
  /** The `provisional` count of the copy a new one replaces (see FreshnessPolicy.provisionalAfter). */
  previousProvisional(window: TimeRange): number | undefined;
}

/** The engine's counters (EngineStats) that fetching a span moves. */
export interface FetchStats {
  /** Requests sent to the source (each retried request counts once; planned parts and truncation splits count). */
  upstreamRequests: number;
  /** Requests the source refused before sending any (daily budget spent, circuit open, token gate or Redis unavailable). */
  refusedRequests: number;
  failedRequests: number;
  rowsFetched: number;
  /** Requests split because their answer reached wolkvox's row cap. */
  truncationSplits: number;
}

/**
 * The fetch of a run of adjacent windows from wolkvox for the window engine: in as many requests as the
 * learned density of legs says it needs, each paid for and sent in its turn, an answer at the row cap
 * split and asked again; then each window's legs taken from the answers that cover it.
 */
export class SpanFetcher {
  constructor(
    private readonly options: { readonly source: CallSource; readonly freshness: FreshnessPolicy },
    private readonly planner: RequestPlanner,
    private readonly stats: FetchStats,
    private readonly now: () => number,
  ) {}

  /**
   * Every answer for a run of windows, and when it was asked for; what was taken ahead and not sent
   * goes back. The run waits for its turn, so that it is planned from the answers read before it.
   */
  async fetchRun(range: TimeRange, span: readonly TimeRange[], prepaid: Prepaid, turns: RequestTurns, background?: BackgroundWork): Promise<{ answers: CdrAnswer[]; fetchedAt: number }> {
    const endTurn = await turns.take();
    const fetchedAt = this.now();
    try {
      // Planned again with what the runs before this one showed: it may need more than was taken ahead.
      prepaid.cover(this.planner.plan(range, span).length);
      const run: RunContext = { prepaid, turns, abandoned: new AbortController().signal, ...(background && { background }) };
      return { answers: await this.fetchComplete(range, span, run, Promise.resolve(endTurn)), fetchedAt };
    } finally {
      endTurn();
      prepaid.settle();
    }
  }

  /** Each window of a run from the answers that cover it, handed to `sink` and returned by key. */
  async fetchSpan(span: readonly TimeRange[], fetching: Promise<{ answers: CdrAnswer[]; fetchedAt: number }>, sink: WindowSink): Promise<Map<number, WindowData>> {
    const { answers, fetchedAt } = await fetching;
    const byWindow = new Map<number, { calls: LegPick[]; unreadable: UnreadableRow[]; unsure: boolean }>(
      span.map((window) => [windowKey(window), { calls: [], unreadable: [], unsure: false }]),
    );
    for (const answer of answers) {
      // Answers come in the order of their ranges and their rows in date order: each window's rows are
      // a run of each answer that covers it, taken in that order.
      const { calls } = answer;
      for (const window of span) {
        if (window.to <= answer.range.from || window.from >= answer.range.to) continue;
        const [first, end] = [calls.rowAt(window.from), calls.rowAt(window.to)];
        if (end > first) byWindow.get(windowKey(window))!.calls.push({ columns: calls, rows: rowRange(first, end) });
      }
      // A row that could not be read has no date to place it by: it goes with the first window its request covered.
      const first = span[indexOfWindow(span, answer.range.from)]!;
      const home = answer.range.from < first.to ? byWindow.get(windowKey(first))! : byWindow.get(windowKey(span[0]!))!;
      for (const row of answer.rejected) home.unreadable.push({ ...row, window: answer.range });
      // Nobody knows which window an unreadable row belongs to: every window its answer covered may lack it.
      if (answer.rejected.length === 0) continue;
      for (const window of span) {
        if (window.from < answer.range.to && window.to > answer.range.from) byWindow.get(windowKey(window))!.unsure = true;
      }
    }
    const result = new Map<number, WindowData>();
    for (const window of span) {
      const { calls, unreadable, unsure } = byWindow.get(windowKey(window))!;
      // Rows that could not be read may be a passing fault: such a copy is asked for again before it is final.
      const provisional = this.options.freshness.provisionalAfter(window, fetchedAt, unsure, unsure ? sink.previousProvisional(window) : 0);
      const data = windowData(window, CallColumns.gather(calls), unreadable, fetchedAt, provisional);
      sink.keep(data);
      result.set(windowKey(window), data);
    }
    return result;
  }

  /**
   * Every row of `range`, in as many requests as the planner says it needs; an answer at the row cap is
   * split and asked again. Each request is paid for first, and sent in its turn (`turn`: one already
   * taken for it).
   */
  private async fetchComplete(range: TimeRange, span: readonly TimeRange[], run: RunContext, turn?: Promise<EndTurn>): Promise<CdrAnswer[]> {
    const parts = this.planner.plan(range, span);
    if (parts.length > 1) return this.fetchParts(parts, span, run, turn);
    const endTurn = await (turn ?? run.turns.take());
    let answer: CdrAnswer;
    let [asked, sent] = [false, false];
    try {
      run.abandoned.throwIfAborted();
      await run.prepaid.pay();
      asked = true;
      // Knowing nothing yet, the next request waits for this answer to be read, so that it is planned from it.
      const hooks = { sent: () => void (sent = true), ...(this.planner.informed && { received: endTurn }), ...(run.background && { background: run.background }) };
      answer = await this.options.source.fetchCalls(range, undefined, hooks);
      this.stats.upstreamRequests += 1;
      this.stats.rowsFetched += answer.rowCount;
      this.planner.observe(answer);
    } catch (error) {
      // Counted as sent only when an attempt reached wolkvox; one the budget, the circuit or the gate stopped here is a refusal.
      if (sent) this.stats.upstreamRequests += 1;
      else if (asked && !run.abandoned.aborted) this.stats.refusedRequests += 1;
      if (!run.abandoned.aborted) this.stats.failedRequests += 1;
      endTurn();
      throw error;
    }
    try {
      if (!answer.possiblyTruncated) return [answer];
      if (range.to - range.from <= 1000) {
        throw new UpstreamBadDataError('wolkvox returned its row cap for a single second; the rows beyond it cannot be fetched');
      }
      this.stats.truncationSplits += 1;
      // The parts take their turns before this one ends: ahead of the batch's later runs.
      // eslint-disable-next-line @typescript-eslint/return-await -- `finally` ends this turn once the parts have taken theirs (synchronously), not once they are fetched: they would wait behind it
      return this.fetchParts(this.planner.split(range, span), span, run);
    } finally {
      endTurn();
    }
  }

  /** The parts take their turns now, in order (the first may have one already); once one fails, those not yet sent are not sent. */
  private async fetchParts(parts: readonly TimeRange[], span: readonly TimeRange[], run: RunContext, turn?: Promise<EndTurn>): Promise<CdrAnswer[]> {
    const ahead = run.turns.takeAhead(turn ? parts.length - 1 : parts.length);
    const turns = turn ? [turn, ...ahead] : ahead;
    const failed = new AbortController();
    const partRun = { ...run, abandoned: AbortSignal.any([run.abandoned, failed.signal]) };
    const answers = parts.map((part, i) =>
      this.fetchComplete(part, span, partRun, turns[i]).catch((error: unknown) => {
        failed.abort(error);
        throw error;
      }),
    );
    const settled = await Promise.allSettled(answers);
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure) throw failed.signal.reason ?? failure.reason;
    return settled.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
  }
}

/** What the requests of one run share: the allowance paid ahead, the batch's turns, and whether the run has failed. */
interface RunContext {
  readonly prepaid: Prepaid;
  readonly turns: RequestTurns;
  readonly abandoned: AbortSignal;
  /** Set for background work (the history mirror). */
  readonly background?: BackgroundWork;
}

/** A window's data, with its calls summarized once, here, as they arrive. */
export function windowData(window: TimeRange, columns: CallColumns, unreadable: readonly UnreadableRow[], fetchedAt: number, provisional = 0): WindowData {
  return { window, columns, summary: WindowSummary.of(columns), unreadable, fetchedAt, ...(provisional > 0 && { provisional }) };
}

/** Index of the last window of `span` (in order) that starts at or before `instant`. */
function indexOfWindow(span: readonly TimeRange[], instant: number): number {
  return Math.max(0, partitionPoint(span.length, (i) => span[i]!.from <= instant) - 1);
}
