import type { CallColumns } from './call-columns.js';
import { INTERACTION_TYPES, type InteractionType } from './call-record.js';
import { Decimal, decimalText, type DecimalText } from './decimal.js';
import { ExactSum } from './money.js';

/** Totals over a set of call legs. Money and minutes are exact; averages are defined below. */
export interface CallStats {
  readonly calls: number;
  readonly totalCost: DecimalText;
  /** totalCost / calls, rounded half-even to 6 decimals; null when there are no calls. */
  readonly averageCost: DecimalText | null;
  readonly totalDurationSeconds: number;
  /** totalDurationSeconds / calls; null when there are no calls. */
  readonly averageDurationSeconds: number | null;
  /** The longest leg; null when there are no calls. */
  readonly maxDurationSeconds: number | null;
  /** Sum of billed minutes over the legs that have them. */
  readonly totalBilledMinutes: DecimalText;
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
    for (let type = 0; type < this.byType.length; type += 1) this.byType[type]! += other.byType[type]!;
    for (const [hangUp, count] of other.byHangUp) this.byHangUp.set(hangUp, (this.byHangUp.get(hangUp) ?? 0) + count);
  }

  /** The figures as they stand now; each is worked out when first read (a report rarely reads them all). */
  result(): CallStats {
    return new Figures(this.calls, this.cost.copy(), this.billed.copy(), this.seconds, this.maxSeconds, [...this.byType], new Map(this.byHangUp));
  }
}

class Figures implements CallStats {
  private cost: DecimalText | undefined;

  constructor(
    readonly calls: number,
    private readonly costSum: ExactSum,
    private readonly billedSum: ExactSum,
    readonly totalDurationSeconds: number,
    private readonly maxSeconds: number,
    private readonly byType: readonly number[],
    private readonly byHangUp: ReadonlyMap<string | null, number>,
  ) {}

  get totalCost(): DecimalText {
    return (this.cost ??= this.costSum.text());
  }

  get averageCost(): DecimalText | null {
    if (this.calls === 0) return null;
    return decimalText(new Decimal(this.totalCost).div(this.calls).toDecimalPlaces(AVERAGE_COST_DECIMALS, Decimal.ROUND_HALF_EVEN));
  }

  get averageDurationSeconds(): number | null {
    return this.calls === 0 ? null : this.totalDurationSeconds / this.calls;
  }

  get maxDurationSeconds(): number | null {
    return this.calls === 0 ? null : this.maxSeconds;
  }

  get totalBilledMinutes(): DecimalText {
    return this.billedSum.text();
  }

  get callsByType(): CallStats['callsByType'] {
    return INTERACTION_TYPES.map((type, i) => ({ type, calls: this.byType[i]! }));
  }

  get callsByHangUp(): CallStats['callsByHangUp'] {
    return [...this.byHangUp]
      .map(([hangUp, calls]) => ({ hangUp, calls }))
      .sort((a, b) => b.calls - a.calls || String(a.hangUp).localeCompare(String(b.hangUp)));
  }
}
