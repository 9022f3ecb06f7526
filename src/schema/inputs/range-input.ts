import { periodRange, type RelativePeriod } from '../../domain/time/relative-period.js';
import type { TimeRange } from '../../domain/time/time-range.js';
import type { GraphContext } from '../core/context.js';
import { badUserInput } from '../core/errors.js';

/** A DateRange as GraphQL gives it: `from` and `to`, or a `period`. */
export interface DateRangeInput {
  readonly from?: number | null;
  readonly to?: number | null;
  readonly period?: RelativePeriod | null;
}

/** The instants a DateRange names for this operation (its zone, its "now"); BAD_USER_INPUT unless it is either from and to, or a period. */
export function rangeOf(input: DateRangeInput, ctx: Pick<GraphContext, 'clock' | 'now'>): TimeRange {
  const range = instantsOf(input, ctx);
  if (range === null) throw badUserInput('A DateRange takes either `from` and `to`, or `period` alone, e.g. {period: TODAY}.');
  return range;
}

/** As rangeOf, or null for a DateRange that is neither form (for estimates made before resolvers run). */
export function instantsOf(input: DateRangeInput, ctx: Pick<GraphContext, 'clock' | 'now'>): TimeRange | null {
  const { from, to, period } = input;
  if (period != null) return from == null && to == null ? periodRange(period, ctx.clock, ctx.now) : null;
  return from != null && to != null ? { from, to } : null;
}
