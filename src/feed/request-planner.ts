import { spanMs, type TimeRange } from '../domain/time/time-range.js';
import type { CdrAnswer } from '../upstream/call-source.js';
import type { ExpectedLegs, LegDensity } from './leg-density.js';

/** Share of the row cap a planned request aims at: room for a day busier than the ones learned from. */
const PLANNED_SHARE_OF_CAP = 0.8;
const SECOND_MS = 1000;

/**
 * Cuts a span into upstream requests that should each stay under wolkvox's row cap, from the density
 * of legs earlier answers showed (per local hour of the week, `LegDensity`): a dense range is cut
 * before it is asked, where its expected legs reach equal shares, so a busy afternoon gets shorter
 * requests than the night. With nothing learned yet a span is asked whole: its answer either brings
 * everything or, at the cap, teaches the density from its own rows. Truncation splitting stays the
 * safety net.
 */
export class RequestPlanner {
  constructor(
    private readonly maxRows: number,
    private readonly density: LegDensity,
  ) {}

  /** Learns from an answer; a truncated one only for the stretch its rows span, where it may be whole. */
  observe(answer: CdrAnswer): void {
    const dates = answer.calls.date;
    if (!answer.possiblyTruncated) return this.density.learn(answer.range, dates);
    if (dates.length === 0) return;
    // wolkvox does not say which rows it kept; between the first and last second it sent, rows are
    // complete when it cuts by date, and a lower bound otherwise, which truncation splitting catches.
    let earliest = Infinity;
    let latest = -Infinity;
    for (const date of dates) [earliest, latest] = [Math.min(earliest, date), Math.max(latest, date)];
    const first = Math.floor(earliest / SECOND_MS) * SECOND_MS + SECOND_MS;
    const last = Math.floor(latest / SECOND_MS) * SECOND_MS;
    this.density.learn(first < last ? { from: first, to: last } : answer.range, dates);
  }

  /** Something has been learned: requests can be planned. */
  get informed(): boolean {
    return !this.density.empty;
  }

  /** The requests `range` (covering `windows`) should be asked in, in order; none that covers no window. */
  plan(range: TimeRange, windows: readonly TimeRange[]): TimeRange[] {
    const expected = this.density.expected(range);
    if (!expected) return [range];
    const parts = cutByLegs(range, expected, this.maxRows * PLANNED_SHARE_OF_CAP);
    return parts.filter((part) => windows.some((window) => window.from < part.to && window.to > part.from));
  }

  /** The parts a truncated answer's range is asked again in: at least two. */
  split(range: TimeRange, windows: readonly TimeRange[]): TimeRange[] {
    const planned = this.plan(range, windows);
    return planned.length > 1 ? planned : halves(range);
  }
}

/**
 * `range` cut into as few parts as keep each under `target` expected legs, at equal shares of them:
 * on an hour boundary when that keeps every part under the target, else at the whole second
 * (wolkvox's resolution) where the share is reached.
 */
function cutByLegs(range: TimeRange, expected: readonly ExpectedLegs[], target: number): TimeRange[] {
  const total = expected.reduce((sum, stretch) => sum + stretch.legs, 0);
  const parts = Math.ceil(total / target);
  if (parts <= 1) return [range];
  const share = total / parts;
  const slack = (target - share) / 2;
  const cuts: number[] = [];
  let before = 0;
  let next = 1;
  for (const stretch of expected) {
    while (next < parts && before + stretch.legs >= next * share) {
      const wanted = next * share;
      const nearer = wanted - before <= before + stretch.legs - wanted ? { at: stretch.from, legs: before } : { at: stretch.to, legs: before + stretch.legs };
      const inside = stretch.from + ((wanted - before) / stretch.legs) * (stretch.to - stretch.from);
      cuts.push(Math.abs(nearer.legs - wanted) <= slack ? nearer.at : Math.floor(inside / SECOND_MS) * SECOND_MS);
      next += 1;
    }
    before += stretch.legs;
  }
  const bounds = [range.from, ...new Set(cuts.filter((at) => at > range.from && at < range.to)), range.to].sort((a, b) => a - b);
  return bounds.slice(1).map((to, i) => ({ from: bounds[i]!, to }));
}

function halves(range: TimeRange): TimeRange[] {
  const middle = Math.floor((range.from + spanMs(range) / 2) / SECOND_MS) * SECOND_MS;
  return middle > range.from && middle < range.to ? [{ from: range.from, to: middle }, { from: middle, to: range.to }] : [range];
}
