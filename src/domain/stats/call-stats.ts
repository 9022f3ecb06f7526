import type { CallColumns } from '../columns/call-columns.js';
import { INTERACTION_TYPES, type InteractionType } from '../model/call-record.js';
import { Decimal, decimalText, type DecimalText } from '../model/decimal.js';
import type { DurationDistribution } from './duration-profile.js';
import type { LegFigures } from './leg-set.js';
import { ExactSum, type StoredSum } from '../model/money.js';

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
  /** Legs without an outcome: `cod_act` empty (`-`) or TIMEOUTACW (the agent's after-call time ran out). */
  readonly uncodedCalls: number;
  /** Legs whose `hang_up` is `agent`. */
  readonly agentHungUpCalls: number;
  /** totalDurationSeconds / 60, rounded half-even to 6 decimals. */
  readonly actualMinutes: DecimalText;
  /** totalBilledMinutes − actualMinutes: what rounding each leg up to its billing step adds. */
  readonly roundingOverheadMinutes: DecimalText;
  /** totalCost / totalBilledMinutes, rounded half-even to 6 decimals; null when nothing was billed. */
  readonly costPerBilledMinute: DecimalText | null;
  /** The legs themselves, for distinct counts (scanned when first asked, once per report). */
  legs(): Promise<LegFigures>;
  /** The duration distribution: merged from window profiles where a report can, else from the legs. */
  durations(): Promise<DurationDistribution>;
}

/** What the `hang_up` of a leg the agent ended says. */
export const AGENT_HUNG_UP = 'agent';
/** The `cod_act` wolkvox writes when the agent's after-call work timed out without a code. */
export const TIMEOUT_CODE = 'TIMEOUTACW';

export const AVERAGE_COST_DECIMALS = 6;

/** Where a group's legs come from when a figure needs them (a report scans once for all its groups). */
export type LegSource = () => Promise<LegFigures>;
/** Where a group's duration distribution comes from when a figure first needs it. */
export type DurationSource = () => Promise<DurationDistribution>;

/** For totals read without their legs (a window's own summary): asking for legs there is a bug. */
const NO_LEGS: LegSource = () => Promise.reject(new Error('these totals were computed without their legs; build them through buildReport'));

/** Whether a leg has no outcome (see `uncodedCalls`). */
export function isUncoded(codAct: string | null): boolean {
  return codAct === null || codAct === TIMEOUT_CODE;
}

/** Totals of some legs counted elsewhere, at once (a scan's typed arrays: scan-totals.ts). */
export interface CountedTotals {
  readonly calls: number;
  readonly cost: ExactSum;
  readonly billed: ExactSum;
  readonly seconds: number;
  /** The longest leg; −1 without legs. */
  readonly maxSeconds: number;
  /** Legs per interaction type, by index in INTERACTION_TYPES. */
  readonly byType: ArrayLike<number>;
  readonly byHangUp: Iterable<readonly [string | null, number]>;
  readonly uncoded: number;
}

/** LegTotals as plain data (JSON), for stored roll-ups: calls, cost, billed, seconds, longest, by type, by hang-up, uncoded. */
export type StoredTotals = readonly [number, StoredSum, StoredSum, number, number, readonly number[], readonly (readonly [string | null, number])[], number];

/** A mergeable running total: rows are added one by one, partial totals (window summaries) merged. */
export class LegTotals {
  calls = 0;
  private cost = new ExactSum();
  private billed = new ExactSum();
  private seconds = 0;
  private maxSeconds = -1;
  private readonly byType = new Array<number>(INTERACTION_TYPES.length).fill(0);
  private readonly byHangUp = new Map<string | null, number>();
  private uncoded = 0;

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
    const codAct = columns.text('codAct', i);
    if (codAct === null || codAct === TIMEOUT_CODE) this.uncoded += 1;
  }

  /** Adds legs counted elsewhere: the same totals as adding each leg with `addRow`. */
  addCounted(counted: CountedTotals): void {
    this.calls += counted.calls;
    this.cost.merge(counted.cost);
    this.billed.merge(counted.billed);
    this.seconds += counted.seconds;
    this.maxSeconds = Math.max(this.maxSeconds, counted.maxSeconds);
    for (let type = 0; type < this.byType.length; type += 1) this.byType[type]! += counted.byType[type]!;
    for (const [hangUp, count] of counted.byHangUp) if (count > 0) this.byHangUp.set(hangUp, (this.byHangUp.get(hangUp) ?? 0) + count);
    this.uncoded += counted.uncoded;
  }

  /** The totals as counted (their sums shared, not copied): what a report part sent between threads carries. */
  counted(): CountedTotals {
    const { calls, cost, billed, seconds, maxSeconds, byType, byHangUp, uncoded } = this;
    return { calls, cost, billed, seconds, maxSeconds, byType, byHangUp, uncoded };
  }

  merge(other: LegTotals): void {
    this.calls += other.calls;
    this.cost.merge(other.cost);
    this.billed.merge(other.billed);
    this.seconds += other.seconds;
    this.maxSeconds = Math.max(this.maxSeconds, other.maxSeconds);
    for (let type = 0; type < this.byType.length; type += 1) this.byType[type]! += other.byType[type]!;
    for (const [hangUp, count] of other.byHangUp) this.byHangUp.set(hangUp, (this.byHangUp.get(hangUp) ?? 0) + count);
    this.uncoded += other.uncoded;
  }

  stored(): StoredTotals {
    return [this.calls, this.cost.stored(), this.billed.stored(), this.seconds, this.maxSeconds, [...this.byType], [...this.byHangUp], this.uncoded];
  }

  /** Totals read back from `stored()`; throws on data of another shape (a stored roll-up that is not served). */
  static fromStored(stored: StoredTotals): LegTotals {
    const [calls, cost, billed, seconds, maxSeconds, byType, byHangUp, uncoded] = stored;
    if (byType.length !== INTERACTION_TYPES.length || !Array.isArray(byHangUp)) throw new Error('not stored totals');
    const totals = new LegTotals();
    totals.calls = calls;
    totals.cost = ExactSum.fromStored(cost);
    totals.billed = ExactSum.fromStored(billed);
    totals.seconds = seconds;
    totals.maxSeconds = maxSeconds;
    byType.forEach((count, type) => (totals.byType[type] = count));
    for (const [hangUp, count] of byHangUp as [string | null, number][]) totals.byHangUp.set(hangUp, count);
    totals.uncoded = uncoded;
    return totals;
  }

  /**
   * The figures of these totals, each worked out when first read (a report rarely reads them all). They
   * read the sums in place, without copying them: ask once nothing more is added (a finished report's
   * groups, a summary's totals).
   */
  result(legs: LegSource = NO_LEGS, durations: DurationSource = legs): CallStats {
    return new Figures(this.calls, this.cost, this.billed, this.seconds, this.maxSeconds, this.byType, this.byHangUp, this.uncoded, legs, durations);
  }
}

class Figures implements CallStats {
  private cost: DecimalText | undefined;
  private distribution: Promise<DurationDistribution> | undefined;

  constructor(
    readonly calls: number,
    private readonly costSum: ExactSum,
    private readonly billedSum: ExactSum,
    readonly totalDurationSeconds: number,
    private readonly maxSeconds: number,
    private readonly byType: readonly number[],
    private readonly byHangUp: ReadonlyMap<string | null, number>,
    readonly uncodedCalls: number,
    private readonly legSource: LegSource,
    private readonly durationSource: DurationSource,
  ) {}

  legs(): Promise<LegFigures> {
    return this.legSource();
  }

  durations(): Promise<DurationDistribution> {
    return (this.distribution ??= this.durationSource());
  }

  get agentHungUpCalls(): number {
    return this.byHangUp.get(AGENT_HUNG_UP) ?? 0;
  }

  get actualMinutes(): DecimalText {
    return decimalText(new Decimal(this.totalDurationSeconds).div(60).toDecimalPlaces(AVERAGE_COST_DECIMALS, Decimal.ROUND_HALF_EVEN));
  }

  get roundingOverheadMinutes(): DecimalText {
    return decimalText(new Decimal(this.totalBilledMinutes).minus(this.actualMinutes));
  }

  get costPerBilledMinute(): DecimalText | null {
    const billed = new Decimal(this.totalBilledMinutes);
    if (billed.isZero()) return null;
    return decimalText(new Decimal(this.totalCost).div(billed).toDecimalPlaces(AVERAGE_COST_DECIMALS, Decimal.ROUND_HALF_EVEN));
  }

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
