import type { CallColumns } from '../columns/call-columns.js';
import { INTERACTION_TYPES } from '../model/call-record.js';
import { isUncoded, LegTotals } from '../stats/call-stats.js';
import type { DimensionCodes } from '../grouping/dimensions.js';
import { ExactSum } from '../model/money.js';
import type { WindowGroups } from '../grouping/window-groups.js';

/** One report group a scan met: its bucket start, its value in each dimension, and its totals. */
export interface ScannedGroup {
  readonly start: number | undefined;
  readonly values: readonly (string | null)[];
  readonly totals: LegTotals;
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
/** `add` counts the four interaction types in four local variables: a fifth type must be counted there too. */
const TYPE_COUNT: (typeof INTERACTION_TYPES)['length'] extends 4 ? 4 : never = INTERACTION_TYPES.length;
const STRIDE = BY_TYPE + TYPE_COUNT;

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
 * group. A window's rows come laid out by local group; each local group is added up in local
 * variables (a few additions per row, no object and no text) and then into its report group's
 * stretch. Local groups are matched to report groups once per window, by their values through ids
 * given to each value met; hang-up and activity codes are read once per window, not once per row.
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
  /** Per window and dimension: each code's value id, or −1 before it is looked up. */
  private readonly idOfCode: Int32Array[];
  /** The ids of one local group: its bucket start's, then its values'. */
  private readonly ids: number[] = [];
  /** Per window: each local group's report group, each hang-up code's id, whether each activity code is uncoded. */
  private groupOfLocal = new Int32Array(0);
  private hangUpOfCode = new Int32Array(0);
  /** Legs per hang-up code of the window, for the local group being added (zero between groups). */
  private hangUpCounts = new Float64Array(0);
  private uncodedOfCode = new Uint8Array(0);

  constructor(dimensions: number) {
    this.valueIds = Array.from({ length: dimensions }, () => new Map<string | null, number>());
    this.idOfCode = Array.from({ length: dimensions }, () => new Int32Array(0));
  }

  /** Adds a window's selected rows, laid out by local group (codes: the window's codes of each dimension). */
  /** Report groups met so far. */
  get groupCount(): number {
    return this.groups.length;
  }

  add(columns: CallColumns, local: WindowGroups, codes: readonly DimensionCodes[]): void {
    if (local.count === 0) return;
    const groupOf = this.matchGroups(local, codes);
    const hangUpOf = this.readHangUps(columns);
    const uncodedOf = this.readActivities(columns);
    const hangUpCounts = this.hangUpCounts;
    const { durationSeconds, costMicros, billedMicros, type } = columns;
    const hangUpCodes = columns.codes.hangUp;
    const codActCodes = columns.codes.codAct;
    const { rows, offsets } = local;
    for (let g = 0; g < local.count; g += 1) {
      const group = groupOf[g]!;
      const at = group * STRIDE;
      const { figures } = this;
      // Each figure in a local variable through the group's rows: no store and reload per row.
      let seconds = 0;
      let maxSeconds = figures[at + MAX_SECONDS]!;
      let cost = figures[at + COST_MICROS]!;
      let billed = figures[at + BILLED_MICROS]!;
      let uncoded = 0;
      let inbound = 0;
      let outbound = 0;
      let internal = 0;
      const first = offsets[g]!;
      const end = offsets[g + 1]!;
      for (let p = first; p < end; p += 1) {
        const row = rows[p]!;
        const duration = durationSeconds[row]!;
        seconds += duration;
        maxSeconds = Math.max(maxSeconds, duration);
        // One comparison catches both a sum that would leave the exact range and a NaN (not in micro-units).
        const nextCost = cost + costMicros[row]!;
        if (Math.abs(nextCost) <= Number.MAX_SAFE_INTEGER) cost = nextCost;
        else cost = this.addOutside(columns, row, group, 'cost', cost);
        const nextBilled = billed + billedMicros[row]!;
        if (Math.abs(nextBilled) <= Number.MAX_SAFE_INTEGER) billed = nextBilled;
        else billed = this.addOutside(columns, row, group, 'billed', billed);
        uncoded += uncodedOf[codActCodes[row]!]!;
        const kind = type[row]!;
        inbound += Number(kind === 0);
        outbound += Number(kind === 1);
        internal += Number(kind === 2);
        hangUpCounts[hangUpCodes[row]!]! += 1;
      }
      const calls = end - first;
      figures[at + CALLS]! += calls;
      figures[at + SECONDS]! += seconds;
      figures[at + MAX_SECONDS] = maxSeconds;
      figures[at + COST_MICROS] = cost;
      figures[at + BILLED_MICROS] = billed;
      figures[at + UNCODED]! += uncoded;
      figures[at + BY_TYPE]! += inbound;
      figures[at + BY_TYPE + 1]! += outbound;
      figures[at + BY_TYPE + 2]! += internal;
      figures[at + BY_TYPE + 3]! += calls - inbound - outbound - internal;
      for (let code = 0; code < hangUpOf.length; code += 1) {
        const count = hangUpCounts[code]!;
        if (count === 0) continue;
        this.byHangUp[group * this.hangUpWidth + hangUpOf[code]!]! += count;
        hangUpCounts[code] = 0;
      }
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
      const totals = new LegTotals();
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

  /**
   * A row's amount that a group's running micro-unit sum (`sum`) cannot take: kept as text when it
   * does not fit micro-units (a leg without billed minutes adds nothing), or, when the sum would pass
   * 2⁵³, the sum so far moved to the group's ExactSum. Returns the running sum from here on.
   */
  private addOutside(columns: CallColumns, row: number, group: number, figure: 'cost' | 'billed', sum: number): number {
    const exact = this.groups[group]![figure];
    const micros = (figure === 'cost' ? columns.costMicros : columns.billedMicros)[row]!;
    if (!Number.isNaN(micros)) {
      exact.addMicros(sum);
      return micros;
    }
    const text = figure === 'cost' ? columns.exactCost(row) : columns.billedMinutes(row);
    if (text !== null) exact.addText(text);
    return sum;
  }

  /** Each local group's report group, opened when first met. */
  private matchGroups(local: WindowGroups, codes: readonly DimensionCodes[]): Int32Array {
    if (this.groupOfLocal.length < local.count) this.groupOfLocal = new Int32Array(Math.max(local.count, 2 * this.groupOfLocal.length));
    for (let d = 0; d < codes.length; d += 1) {
      const { distinct } = codes[d]!;
      if (this.idOfCode[d]!.length < distinct) this.idOfCode[d] = new Int32Array(Math.max(distinct, 2 * this.idOfCode[d]!.length));
      this.idOfCode[d]!.fill(-1, 0, distinct);
    }
    const ids = this.ids;
    for (let g = 0; g < local.count; g += 1) {
      const start = local.starts[g];
      ids[0] = idOf(this.startIds, start);
      let packable = ids[0] < ID_RADIX && codes.length <= 2;
      for (let d = 0; d < codes.length; d += 1) {
        const code = local.codes[g * codes.length + d]!;
        let id = this.idOfCode[d]![code]!;
        if (id < 0) this.idOfCode[d]![code] = id = idOf(this.valueIds[d]!, codes[d]!.valueOf(code));
        ids[d + 1] = id;
        packable &&= id < ID_RADIX;
      }
      let key: number | string;
      if (packable) {
        key = 0;
        for (let d = 0; d <= codes.length; d += 1) key = key * ID_RADIX + ids[d]!;
      } else key = ids.slice(0, codes.length + 1).join('|');
      let group = this.groupByKey.get(key);
      if (group === undefined) this.groupByKey.set(key, (group = this.open(start, codes.map((dimension, d) => dimension.valueOf(local.codes[g * codes.length + d]!)))));
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
    if (this.hangUpOfCode.length < values.length) {
      this.hangUpOfCode = new Int32Array(values.length);
      this.hangUpCounts = new Float64Array(values.length);
    }
    for (let code = 0; code < values.length; code += 1) {
      const hangUp = values[code]!;
      let id = this.hangUpIds.get(hangUp);
      if (id === undefined) {
        this.hangUpIds.set(hangUp, (id = this.hangUps.length));
        this.hangUps.push(hangUp);
        if (id >= this.hangUpWidth) this.resize(this.figures.length / STRIDE, 2 * this.hangUpWidth);
      }
      this.hangUpOfCode[code] = id;
    }
    return this.hangUpOfCode.subarray(0, values.length);
  }

  /** By activity code of the window: 1 where the leg is uncoded. */
  private readActivities(columns: CallColumns): Uint8Array {
    const { values } = columns.tables.codAct;
    if (this.uncodedOfCode.length < values.length) this.uncodedOfCode = new Uint8Array(values.length);
    for (let code = 0; code < values.length; code += 1) this.uncodedOfCode[code] = Number(isUncoded(values[code]!));
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
