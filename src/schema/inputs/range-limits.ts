import { DAY_MS, rangeKey, type TimeRange } from '../../domain/time/time-range.js';
import { badUserInput } from '../core/errors.js';

/**
 * The days of calls one operation may ask for: each range on its own (MAX_RANGE_DAYS), and over all
 * its distinct ranges (MAX_OPERATION_RANGE_DAYS), which caps what many fields or aliases add up to.
 */
export class OperationRangeDays {
  private readonly admitted = new Set<string>();
  private days = 0;

  constructor(
    readonly maxDays: number,
    /** MAX_RANGE_DAYS. */
    readonly longestRangeDays: number,
  ) {}

  /** A client's DateRange, checked on its own and against what the operation already asked for. */
  admit(input: { from: number; to: number }): TimeRange {
    const range = this.checked(input);
    const key = rangeKey(range);
    if (this.admitted.has(key)) return range;
    const days = (range.to - range.from) / DAY_MS;
    if (this.days + days > this.maxDays) {
      throw badUserInput(
        `This operation asks for ${(this.days + days).toFixed(1)} days of calls over its ranges; at most ${this.maxDays} are allowed per operation (MAX_OPERATION_RANGE_DAYS). Split it into several operations.`,
        { limit: 'rangeDays', measured: Math.ceil(this.days + days), max: this.maxDays },
      );
    }
    this.days += days;
    this.admitted.add(key);
    return range;
  }

  /** A client's DateRange checked on its own (from < to, no longer than MAX_RANGE_DAYS), asking for no data. */
  checked(input: { from: number; to: number }): TimeRange {
    if (!(input.from < input.to)) throw badUserInput('range.to must be after range.from (the range is half-open: from <= date < to).');
    const days = (input.to - input.from) / DAY_MS;
    if (days > this.longestRangeDays) {
      throw badUserInput(`range spans ${days.toFixed(1)} days; at most ${this.longestRangeDays} days are allowed per range (MAX_RANGE_DAYS). Split it into several ranges.`, {
        limit: 'rangeDaysEach',
        measured: Math.ceil(days),
        max: this.longestRangeDays,
        maxRangeDays: this.longestRangeDays,
      });
    }
    return { from: input.from, to: input.to };
  }
}
