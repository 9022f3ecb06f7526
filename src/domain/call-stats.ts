import type { CallRecord } from './call-record.js';
import { Decimal } from './decimal.js';

/** Aggregates over a set of calls. Money is summed exactly; never through binary floating point. */
export interface CallStats {
  readonly calls: number;
  readonly totalCost: Decimal;
  readonly totalDurationSeconds: number;
  /** null when there are no calls. */
  readonly averageDurationSeconds: number | null;
}

export function statsOf(calls: Iterable<CallRecord>): CallStats {
  const totals = new StatsAccumulator();
  for (const call of calls) totals.add(call);
  return totals.result();
}

export class StatsAccumulator {
  private count = 0;
  private cost = new Decimal(0);
  private seconds = 0;

  add(call: CallRecord): void {
    this.count += 1;
    this.cost = this.cost.plus(call.cost);
    this.seconds += call.durationSeconds;
  }

  result(): CallStats {
    return {
      calls: this.count,
      totalCost: this.cost,
      totalDurationSeconds: this.seconds,
      averageDurationSeconds: this.count === 0 ? null : this.seconds / this.count,
    };
  }
}
