import type { CallColumns } from './call-columns.js';
import { INTERACTION_TYPES } from './call-record.js';
import { isUncoded, StatsAccumulator } from './call-stats.js';
import type { DimensionCodes } from './dimensions.js';
import { ExactSum } from './money.js';
import type { WindowGroups } from './window-groups.js';

/** One report group a scan met: its bucket start, its value in each dimension, and its totals. */
export interface ScannedGroup {
  readonly start: number | undefined;
  readonly values: readonly (string | null)[];
  readonly totals: StatsAccumulator;
}

/** Where each figure of a group sits in its stretch of `figures`. */
const CALLS = 0;
const SECONDS = 1;
const MAX_SECONDS = 2;
/** Whole micro-units below 2⁵³ in magnitude, exact in a double (money.ts); the rest goes to the group's ExactSum. */
const COST_MICROS = 3;
const BILLED_MICROS = 4;
const UNCODED = 5;
/** Then one count per interaction type. */
const BY_TYPE = 6;
const STRIDE = BY_TYPE + INTERACTION_TYPES.length;

/** Ids of values and bucket starts up to this are packed into one number key; beyond, the key is text. */
const ID_RADIX = 1 << 16;

/** What each group keeps beside its figures: who it is, and the sums that left micro-units. */
interface GroupNote {
  readonly start: number | undefined;
  readonly values: readonly (string | null)[];
  readonly cost: ExactSum;
  readonly billed: ExactSum;
}

/**
 * The totals of a report's scanned rows per report group, in one typed array with a stretch per
 * group: a row costs a few additions there, no object and no text. A window's local groups are
 * matched to report groups once per window (by their values, through ids given to each value met),
 * its hang-up and activity codes are read once per window, not once per row.
 */
export class ScanTotals {
  private figures = new Float64Array(0);
  /** Legs per hang-up, `hangUpWidth` per group, by hang-up id. */
  private byHangUp = new Float64Array(0);
  private hangUpWidth = 4;
  private readonly hangUps: (string | null)[] = [];
  private readonly hangUpIds = new Map<string | null, number>();
  private readonly groups: GroupNote[] = [];
  private readonly groupByKey = new Map<number | string, number>();
  private readonly startIds = new Map<number | undefined, number>();
  private readonly valueIds: Map<string | null, number>[];
  /** Per window: each local group's report group, each hang-up code's id, whether each activity code is uncoded. */
  private groupOfLocal = new Int32Array(0);
  private hangUpOfCode = new Int32Array(0);
  private uncodedOfCode = new Uint8Array(0);

  constructor(dimensions: number) {
    this.valueIds = Array.from({ length: dimensions }, () => new Map());
  }

  /** Adds the selected `rows` of a window, grouped as `local` says (codes: the window's codes of each dimension). */
  add(columns: CallColumns, rows: Uint32Array, local: WindowGroups, codes: readonly DimensionCodes[]): void {
    const groupOf = this.matchGroups(local, codes);
    const hangUpOf = this.readHangUps(columns);
    const uncodedOf = this.readActivities(columns);
    const { durationSeconds, costMicros, billedMicros, type } = columns;
    const hangUpCodes = columns.codes.hangUp;
    const codActCodes = columns.codes.codAct;
    const localOf = local.groupOf;
    const { figures, byHangUp, hangUpWidth } = this;
    for (let j = 0; j < rows.length; j += 1) {
      const row = rows[j]!;
      const group = groupOf[localOf[j]!]!;
      const at = group * STRIDE;
      figures[at + CALLS]! += 1;
      const seconds = durationSeconds[row]!;
      figures[at + SECONDS]! += seconds;
      if (seconds > figures[at + MAX_SECONDS]!) figures[at + MAX_SECONDS] = seconds;
      const cost = costMicros[row]!;
      if (Number.isNaN(cost)) this.groups[group]!.cost.addText(columns.exactCost(row));
      else this.addMicros(group, at + COST_MICROS, cost, 'cost');
      const billed = billedMicros[row]!;
      if (!Number.isNaN(billed)) this.addMicros(group, at + BILLED_MICROS, billed, 'billed');
      else {
        const text = columns.billedMinutes(row);
        if (text !== null) this.groups[group]!.billed.addText(text);
      }
      figures[at + UNCODED]! += uncodedOf[codActCodes[row]!]!;
      figures[at + BY_TYPE + type[row]!]! += 1;
      byHangUp[group * hangUpWidth + hangUpOf[hangUpCodes[row]!]!]! += 1;
    }
  }

  /** Each report group met, with its totals. */
  results(): ScannedGroup[] {
    return this.groups.map((note, group) => {
      const at = group * STRIDE;
      const cost = note.cost.copy();
      cost.addMicros(this.figures[at + COST_MICROS]!);
      const billed = note.billed.copy();
      billed.addMicros(this.figures[at + BILLED_MICROS]!);
      const totals = new StatsAccumulator();
      totals.addCounted({
        calls: this.figures[at + CALLS]!,
        cost,
        billed,
        seconds: this.figures[at + SECONDS]!,
        maxSeconds: this.figures[at + MAX_SECONDS]!,
        byType: this.figures.subarray(at + BY_TYPE, at + STRIDE),
        byHangUp: this.hangUps.map((hangUp, id) => [hangUp, this.byHangUp[group * this.hangUpWidth + id]!] as const),
        uncoded: this.figures[at + UNCODED]!,
      });
      return { start: note.start, values: note.values, totals };
    });
  }

  /** A micro-unit amount into a group's double while the sum stays exact; the sum so far into its ExactSum when it would not. */
  private addMicros(group: number, at: number, micros: number, sum: 'cost' | 'billed'): void {
    const total = this.figures[at]! + micros;
    if (Math.abs(total) <= Number.MAX_SAFE_INTEGER) this.figures[at] = total;
    else {
      this.groups[group]![sum].addMicros(this.figures[at]!);
      this.figures[at] = micros;
    }
  }

  /** Each local group's report group, opened when first met. */
  private matchGroups(local: WindowGroups, codes: readonly DimensionCodes[]): Int32Array {
    if (this.groupOfLocal.length < local.count) this.groupOfLocal = new Int32Array(Math.max(local.count, 2 * this.groupOfLocal.length));
    for (let g = 0; g < local.count; g += 1) {
      const start = local.starts[g];
      const values = local.codes[g]!.map((code, d) => codes[d]!.valueOf(code));
      const ids = [idOf(this.startIds, start), ...values.map((value, d) => idOf(this.valueIds[d]!, value))];
      const key = ids.length <= 3 && ids.every((id) => id < ID_RADIX) ? ids.reduce((packed, id) => packed * ID_RADIX + id, 0) : ids.join('|');
      let group = this.groupByKey.get(key);
      if (group === undefined) this.groupByKey.set(key, (group = this.open(start, values)));
      this.groupOfLocal[g] = group;
    }
    return this.groupOfLocal;
  }

  private open(start: number | undefined, values: readonly (string | null)[]): number {
    const group = this.groups.length;
    this.groups.push({ start, values, cost: new ExactSum(), billed: new ExactSum() });
    if (this.figures.length < (group + 1) * STRIDE) this.resize(Math.max(8, 2 * (group + 1)), this.hangUpWidth);
    this.figures[group * STRIDE + MAX_SECONDS] = -1;
    return group;
  }

  /** Each hang-up code of the window as an id of its text, new texts given new ids (and room). */
  private readHangUps(columns: CallColumns): Int32Array {
    const { values } = columns.tables.hangUp;
    if (this.hangUpOfCode.length < values.length) this.hangUpOfCode = new Int32Array(values.length);
    values.forEach((hangUp, code) => {
      let id = this.hangUpIds.get(hangUp);
      if (id === undefined) {
        this.hangUpIds.set(hangUp, (id = this.hangUps.length));
        this.hangUps.push(hangUp);
        if (id >= this.hangUpWidth) this.resize(this.figures.length / STRIDE, 2 * this.hangUpWidth);
      }
      this.hangUpOfCode[code] = id;
    });
    return this.hangUpOfCode;
  }

  /** By activity code of the window: 1 where the leg is uncoded. */
  private readActivities(columns: CallColumns): Uint8Array {
    const { values } = columns.tables.codAct;
    if (this.uncodedOfCode.length < values.length) this.uncodedOfCode = new Uint8Array(values.length);
    values.forEach((codAct, code) => (this.uncodedOfCode[code] = isUncoded(codAct) ? 1 : 0));
    return this.uncodedOfCode;
  }

  /** Room for `groups` groups of `hangUpWidth` hang-ups each, keeping what is counted. */
  private resize(groups: number, hangUpWidth: number): void {
    const figures = new Float64Array(groups * STRIDE);
    figures.set(this.figures);
    const byHangUp = new Float64Array(groups * hangUpWidth);
    for (let group = 0; group < this.groups.length; group += 1) {
      byHangUp.set(this.byHangUp.subarray(group * this.hangUpWidth, (group + 1) * this.hangUpWidth), group * hangUpWidth);
    }
    this.figures = figures;
    this.byHangUp = byHangUp;
    this.hangUpWidth = hangUpWidth;
  }
}

/** The id of `value` among those met so far, a new one when it is new. */
function idOf<T>(ids: Map<T, number>, value: T): number {
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = ids.size));
  return id;
}
