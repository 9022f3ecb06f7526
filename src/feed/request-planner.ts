import { spanMs, type TimeRange } from '../domain/time-range.js';
import type { Window } from './windows.js';

/** Share of the row cap a planned request aims at: room for calls spread unevenly (business hours). */
const PLANNED_SHARE_OF_CAP = 0.8;
/** Answers remembered for the estimate. */
const REMEMBERED_ANSWERS = 64;

interface Answer {
  readonly range: TimeRange;
  readonly rows: number;
}

/**
 * Cuts a span into upstream requests that should each stay under wolkvox's row cap, from what earlier
 * answers showed: a dense range is cut before it is asked, not after a truncated answer. Deliberately
 * simple: one rate pooled over recent complete answers, and for ranges a truncated answer covered, the
 * lower bound it gave. Truncation splitting stays the safety net.
 */
export class RequestPlanner {
  private readonly complete: Answer[] = [];
  private readonly truncated: Answer[] = [];

  constructor(private readonly maxRows: number) {}

  /** An answer of `rows` rows for `range`; a truncated one says only that there are at least that many. */
  observe(range: TimeRange, rows: number, truncated: boolean): void {
    const answers = truncated ? this.truncated : this.complete;
    if (answers.length >= REMEMBERED_ANSWERS) answers.shift();
    answers.push({ range, rows });
  }

  /** Rows expected in `range`, or undefined while nothing is known. */
  estimate(range: TimeRange): number | undefined {
    const estimates: number[] = [];
    if (this.complete.length > 0) {
      const rows = this.complete.reduce((sum, answer) => sum + answer.rows, 0);
      const ms = this.complete.reduce((sum, answer) => sum + spanMs(answer.range), 0);
      estimates.push((rows / ms) * spanMs(range));
    }
    for (const answer of this.truncated) {
      const overlap = Math.min(range.to, answer.range.to) - Math.max(range.from, answer.range.from);
      if (overlap > 0) estimates.push((answer.rows * overlap) / spanMs(answer.range));
    }
    return estimates.length > 0 ? Math.max(...estimates) : undefined;
  }

  /** The requests `range` (covering `windows`) should be asked in, in order. */
  plan(range: TimeRange, windows: readonly Window[]): TimeRange[] {
    const rows = this.estimate(range) ?? 0;
    return cut(range, windows, Math.ceil(rows / (this.maxRows * PLANNED_SHARE_OF_CAP)));
  }

  /** The parts a truncated answer's range is asked again in: at least two. */
  split(range: TimeRange, windows: readonly Window[]): TimeRange[] {
    const planned = this.plan(range, windows);
    return planned.length > 1 ? planned : cut(range, windows, 2);
  }
}

/**
 * `range` cut into about `parts` spans of equal length, at window boundaries where there are enough
 * (so that answers fill whole windows), else at whole seconds (wolkvox's resolution).
 */
function cut(range: TimeRange, windows: readonly Window[], parts: number): TimeRange[] {
  if (parts <= 1) return [range];
  const inner = windows.map((window) => window.from).filter((from) => from > range.from && from < range.to);
  const ideal = Array.from({ length: parts - 1 }, (_, i) => range.from + ((i + 1) * spanMs(range)) / parts);
  const cuts = (inner.length >= parts - 1 ? ideal.map((at) => nearest(inner, at)) : ideal.map((at) => Math.floor(at / 1000) * 1000))
    .filter((at) => at > range.from && at < range.to);
  const bounds = [range.from, ...new Set(cuts), range.to];
  return bounds.slice(1).map((to, i) => ({ from: bounds[i]!, to }));
}

function nearest(candidates: readonly number[], at: number): number {
  return candidates.reduce((best, candidate) => (Math.abs(candidate - at) < Math.abs(best - at) ? candidate : best));
}
