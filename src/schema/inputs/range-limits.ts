import { DAY_MS, rangeKey, type TimeRange } from '../../domain/time/time-range.js';
import { badUserInput } from '../core/errors.js';
import { GRAPH_LIMITS } from '../core/limits.js';

/**
 * The days of calls one operation may ask for, over all its distinct ranges (MAX_OPERATION_RANGE_DAYS):
 * each range is capped on its own (92 days), and this caps what many fields or aliases add up to.
 */
export class OperationRangeDays {
  private readonly admitted = new Set<string>();
  private days = 0;

  constructor(readonly maxDays: number) {}

  /** A client's DateRange, checked on its own and against what the operation already asked for. */
  admit(input: { from: number; to: number }): TimeRange {
    const range = toTimeRange(input);
    const key = rangeKey(range);
    if (this.admitted.has(key)) return range;
    const days = (range.to - range.from) / DAY_MS;
    if (this.days + days > this.maxDays) {
      throw badUserInput(
        `This operation asks for ${(this.days + days).toFixed(1)} days of calls over its ranges; at most ${this.maxDays} are allowed per operation. Split it into several operations.`,
        { limit: 'rangeDays', max: this.maxDays },
      );
    }
    this.days += days;
    this.admitted.add(key);
    return range;
  }
}

/** A checked `DateRange`: from < to, no longer than the configured maximum. */
export function toTimeRange(input: { from: number; to: number }): TimeRange {
  if (!(input.from < input.to)) throw badUserInput('range.to must be after range.from (the range is half-open: from <= date < to).');
  const days = (input.to - input.from) / DAY_MS;
  if (days > GRAPH_LIMITS.maxRangeDays) {
    throw badUserInput(`range spans ${days.toFixed(1)} days; at most ${GRAPH_LIMITS.maxRangeDays} days are allowed per range. Split it into several queries.`, {
      maxRangeDays: GRAPH_LIMITS.maxRangeDays,
    });
  }
  return { from: input.from, to: input.to };
}
