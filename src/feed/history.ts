import { dayRuns, daysIn } from '../domain/time/local-days.js';
import type { TimeRange } from '../domain/time/time-range.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import { UpstreamQuotaError } from '../upstream/errors.js';

/** What the history mirror (src/mirror/) holds, as the graph reports it. */
export interface HistoryStatus {
  /** WOLKVOX_HISTORY_DAYS: the settled days the mirror keeps (0: it is off). */
  readonly wantedDays: number;
  /** Of those, the days held whole in the durable tier. */
  readonly heldDays: number;
  /** The most recent run of held days, back to its oldest day; null while none is held. */
  readonly held: TimeRange | null;
  /** The wanted days not held yet, as runs of consecutive days, in order. */
  readonly missing: readonly TimeRange[];
  /** When the mirror expects to hold every wanted day; null when it does, or cannot tell yet. */
  readonly estimatedCompleteAt: number | null;
  /** Requests the mirror has spent today, of WOLKVOX_BACKFILL_REQUESTS_PER_DAY. */
  readonly requestsToday: number;
  readonly requestsPerDay: number;
}

/** What operations need of the history mirror: whether it holds a window, what it holds, when it will hold the rest. */
export interface HistoryHoldings {
  /** Whether `window` lies in a day the mirror holds whole. */
  holds(window: TimeRange): boolean;
  status(): HistoryStatus;
  /**
   * When the mirror expects to hold the days of `range` it does not hold yet; null when some of them
   * are not in the history it keeps (too old, or not settled), or it cannot tell yet.
   */
  expectedBy(range: TimeRange): number | null;
}

/** Without a mirror (WOLKVOX_HISTORY_DAYS=0): nothing held, nothing expected. */
export const NO_HISTORY: HistoryHoldings = {
  holds: () => false,
  status: () => ({ wantedDays: 0, heldDays: 0, held: null, missing: [], estimatedCompleteAt: null, requestsToday: 0, requestsPerDay: 0 }),
  expectedBy: () => null,
};

/**
 * An operation whose ranges the mirror does not hold needs more wolkvox requests than it may cause:
 * refused before any is sent, saying what is held, what is missing and when the mirror will have it.
 * UPSTREAM_QUOTA, as when the allowance runs out during a fetch, with the limit's shape in `extensions`.
 */
export class RangeNotHeldError extends UpstreamQuotaError {
  readonly extensions: Record<string, unknown>;

  constructor(refusal: { needed: number; allowance: number; missing: readonly TimeRange[]; history: HistoryHoldings; clock: ZoneClock }) {
    const { needed, allowance, history, clock } = refusal;
    const runs = dayRuns(refusal.missing, clock);
    const status = history.status();
    const span = { from: runs[0]!.from, to: runs.at(-1)!.to };
    const availableAt = history.expectedBy(span);
    const days = runs.reduce((sum, run) => sum + daysIn(run, clock), 0);
    const date = (instant: number) => clock.at(instant).toISODate()!;
    const listed = runs.map((run) => (daysIn(run, clock) === 1 ? date(run.from) : `${date(run.from)} to ${date(run.to - 1)}`));
    super(
      `This operation needs about ${needed} wolkvox requests, and may cause at most ${allowance} (MAX_UPSTREAM_REQUESTS_PER_OPERATION), ` +
        `for ${days === 1 ? 'a day' : `${days} days`} the server does not hold: ${elide(listed).join(', ')}. ${heldText(status, date)} ` +
        `${whenText(status, availableAt, clock)}`,
    );
    this.extensions = {
      limit: 'upstreamRequestsPerOperation',
      measured: needed,
      max: allowance,
      missingDays: days,
      missing: runs.map((run) => ({ from: clock.iso(run.from), to: clock.iso(run.to) })),
      historyFrom: status.held ? clock.iso(status.held.from) : null,
      historyTo: status.held ? clock.iso(status.held.to) : null,
      availableAt: availableAt === null ? null : clock.iso(availableAt),
    };
  }
}

/** At most a few runs in a message; the extensions list them all. */
function elide(runs: readonly string[]): string[] {
  return runs.length <= 4 ? [...runs] : [...runs.slice(0, 3), `… (${runs.length - 3} more runs)`];
}

function heldText(status: HistoryStatus, date: (instant: number) => string): string {
  if (status.wantedDays === 0) return 'The history mirror is off (WOLKVOX_HISTORY_DAYS=0).';
  if (!status.held) return `The history mirror holds none of its ${status.wantedDays} days yet.`;
  return `The history mirror holds ${date(status.held.from)} to ${date(status.held.to - 1)} (${status.heldDays} of ${status.wantedDays} days).`;
}

function whenText(status: HistoryStatus, availableAt: number | null, clock: ZoneClock): string {
  if (availableAt !== null) return `It expects to hold these days by ${clock.iso(availableAt)}: ask again then, or ask for shorter ranges now.`;
  if (status.wantedDays === 0) return 'Ask for shorter ranges, in several operations.';
  return 'Some of these days are not in the history it keeps (older, or not settled yet), or it cannot tell yet when it will have them: ask for shorter ranges, in several operations.';
}
