import type { CallColumns } from './call-columns.js';
import { INTERACTION_TYPES, type InteractionType } from './call-record.js';
import { Decimal } from './decimal.js';
import { ExactSum } from './money.js';

/** Totals over a set of call legs. Money and minutes are exact; averages are defined below. */
export interface CallStats {
  readonly calls: number;
  readonly totalCost: Decimal;
  /** totalCost / calls, rounded half-even to 6 decimals; null when there are no calls. */
  readonly averageCost: Decimal | null;
  readonly totalDurationSeconds: number;
  /** totalDurationSeconds / calls; null when there are no calls. */
  readonly averageDurationSeconds: number | null;
  /** The longest leg; null when there are no calls. */
  readonly maxDurationSeconds: number | null;
  /** Sum of billed minutes over the legs that have them. */
  readonly totalBilledMinutes: Decimal;
  /** Legs per interaction type, every type listed (zero included), in enum order. */
  readonly callsByType: readonly { readonly type: InteractionType; readonly calls: number }[];
  /** Legs per `hang_up` value (null: not stated), most frequent first. */
  readonly callsByHangUp: readonly { readonly hangUp: string | null; readonly calls: number }[];
}

export const AVERAGE_COST_DECIMALS = 6;

/** A mergeable running total: rows are added one by one, partial totals (window summaries) merged. */
export class StatsAccumulator {
  calls = 0;
  private readonly cost = new ExactSum();
  private readonly billed = new ExactSum();
  private seconds = 0;
  private maxSeconds = -1;
  private readonly byType = new Array<number>(INTERACTION_TYPES.length).fill(0);
  private readonly byHangUp = new Map<string | null, number>();

  addRow(columns: CallColumns, i: number): void {
    this.calls += 1;
    const cost = columns.costMicros[i]!;
    if (Number.isNaN(cost)) this.cost.addText(columns.exactCost(i));
    else this.cost.addMicros(cost);
    const billed = columns.billedMicros[i]!;
    if (!Number.isNaN(billed)) this.billed.addMicros(billed);
    else {
      const text = columns.billedMinutes(i);
      if (text !== null) this.billed.addText(text);
    }
    const seconds = columns.durationSeconds[i]!;
    this.seconds += seconds;
    if (seconds > this.maxSeconds) this.maxSeconds = seconds;
    this.byType[columns.type[i]!]! += 1;
    const hangUp = columns.text('hangUp', i);
    this.byHangUp.set(hangUp, (this.byHangUp.get(hangUp) ?? 0) + 1);
  }

  merge(other: StatsAccumulator): void {
    this.calls += other.calls;
    this.cost.merge(other.cost);
    this.billed.merge(other.billed);
    this.seconds += other.seconds;
    this.maxSeconds = Math.max(this.maxSeconds, other.maxSeconds);
    other.byType.forEach((count, type) => (this.byType[type]! += count));
    for (const [hangUp, count] of other.byHangUp) this.byHangUp.set(hangUp, (this.byHangUp.get(hangUp) ?? 0) + count);
  }

  result(): CallStats {
    const totalCost = this.cost.value();
    const none = this.calls === 0;
    return {
      calls: this.calls,
      totalCost,
      averageCost: none ? null : totalCost.div(this.calls).toDecimalPlaces(AVERAGE_COST_DECIMALS, Decimal.ROUND_HALF_EVEN),
      totalDurationSeconds: this.seconds,
      averageDurationSeconds: none ? null : this.seconds / this.calls,
      maxDurationSeconds: none ? null : this.maxSeconds,
      totalBilledMinutes: this.billed.value(),
      callsByType: INTERACTION_TYPES.map((type, i) => ({ type, calls: this.byType[i]! })),
      callsByHangUp: [...this.byHangUp]
        .map(([hangUp, calls]) => ({ hangUp, calls }))
        .sort((a, b) => b.calls - a.calls || String(a.hangUp).localeCompare(String(b.hangUp))),
    };
  }
}
