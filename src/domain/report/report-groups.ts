import { CATEGORICAL, CATEGORICAL_DIMENSIONS, type CallGroupKey, type CategoricalDimension } from '../grouping/dimensions.js';
import type { TimeKey } from '../grouping/time-key.js';
import { LegTotals, type CallStats, type DurationSource, type LegSource } from '../stats/call-stats.js';
import { reportGroupsHeapBytes } from '../summary/heap-cost.js';
import type { WindowSummary } from '../summary/window-summary.js';

export interface CallGroup {
  readonly key: CallGroupKey;
  readonly stats: CallStats;
}

/** A summary cell a group was merged from, found again for its duration profile. */
export interface CellRef {
  readonly summary: WindowSummary;
  readonly key: string;
}

/** Where the figures of a group (by id; null: the total) that need more than totals come from. */
export interface FigureSources {
  legs(id: string | null): LegSource;
  durations(cells: () => readonly CellRef[], id: string | null): DurationSource;
}

/** A report met more groups than it may hold (MAX_REPORT_GROUPS): it stops there, before holding more. */
export class TooManyGroupsError extends Error {
  override readonly name = 'TooManyGroupsError';

  constructor(readonly max: number) {
    super(`the report has more than ${max} groups`);
  }
}

interface Group {
  readonly key: CallGroupKey;
  totals: LegTotals;
  /** Whether `totals` is the group's own (merged into), or the one part it was given. */
  owned: boolean;
  readonly cells: CellRef[];
}

/** A report's groups by id (group-id.ts) as their parts arrive: summary cells, scanned totals, another report part's groups. */
export class Groups {
  private readonly byKey = new Map<string, Group>();

  /** At most `maxGroups` groups are held: the one past it is a TooManyGroupsError. */
  constructor(private readonly maxGroups = Infinity) {}

  get size(): number {
    return this.byKey.size;
  }

  /**
   * `id` names the group (its time key and values, in dimension order); `key` builds its key once, for a
   * new group; `cell` is where summarized totals came from. A group met once (a day's campaign in a report
   * by campaign and day) reads the totals it was given, which nobody changes (a summary's, a scan's
   * finished ones, a kept report part's); it gets totals of its own only when a second part arrives.
   */
  merge(id: string, key: () => CallGroupKey, totals: LegTotals, cell?: CellRef): void {
    const group = this.part(id, key, totals);
    if (group && cell) group.cells.push(cell);
  }

  /** Every group of `other` merged in; `other` is left as it was (its totals are read, never merged into). */
  absorb(other: Groups): void {
    for (const [id, { key, totals, cells }] of other.byKey) this.part(id, () => key, totals)?.cells.push(...cells);
  }

  /** The group `id` with `totals` added (undefined when they hold no call). */
  private part(id: string, key: () => CallGroupKey, totals: LegTotals): Group | undefined {
    // A group exists only where there are calls (an empty window's summary adds none).
    if (totals.calls === 0) return undefined;
    const group = this.byKey.get(id);
    if (!group) {
      if (this.byKey.size >= this.maxGroups) throw new TooManyGroupsError(this.maxGroups);
      const created: Group = { key: key(), totals, owned: false, cells: [] };
      this.byKey.set(id, created);
      return created;
    }
    if (!group.owned) {
      const own = new LegTotals();
      own.merge(group.totals);
      group.totals = own;
      group.owned = true;
    }
    group.totals.merge(totals);
    return group;
  }

  /** Estimated heap of the groups themselves (their totals and cell references), for what a kept part holds. */
  get heapBytes(): number {
    let cells = 0;
    for (const group of this.byKey.values()) cells += group.cells.length;
    return reportGroupsHeapBytes(this.byKey.size, cells);
  }

  /** The summaries the groups' cells point at (a kept part keeps them alive). */
  summaries(): Set<WindowSummary> {
    const summaries = new Set<WindowSummary>();
    for (const group of this.byKey.values()) for (const cell of group.cells) summaries.add(cell.summary);
    return summaries;
  }

  results(grouped: boolean, sources: FigureSources): { total: CallStats; groups: CallGroup[] } {
    const total = new LegTotals();
    for (const { totals } of this.byKey.values()) total.merge(totals);
    const groups: CallGroup[] = [];
    if (grouped) {
      for (const [id, { key, totals, cells }] of this.byKey) groups.push({ key, stats: totals.result(sources.legs(id), sources.durations(() => cells, id)) });
      const fields = CATEGORICAL_DIMENSIONS.map((dimension) => CATEGORICAL[dimension].key).filter((field) => groups[0]?.key[field] !== undefined);
      groups.sort((a, b) => compareTime(a.key, b.key) || compareValues(a.key, b.key, fields));
    }
    const allCells = () => [...this.byKey.values()].flatMap((group) => group.cells);
    return { total: total.result(sources.legs(null), sources.durations(allCells, null)), groups };
  }
}

export function groupKey(time: TimeKey | undefined, categorical: readonly CategoricalDimension[], values: readonly (string | null)[]): CallGroupKey {
  const key: Record<string, unknown> = { ...time };
  categorical.forEach((dimension, d) => (key[CATEGORICAL[dimension].key] = values[d]));
  return key;
}

function compareTime(a: CallGroupKey, b: CallGroupKey): number {
  return (a.period ?? 0) - (b.period ?? 0) || (a.weekday ?? 0) - (b.weekday ?? 0) || (a.hourOfDay ?? 0) - (b.hourOfDay ?? 0);
}

/** Groups of one time key are ordered by their values of `fields` (the grouped ones, in dimension order; no value before any). */
function compareValues(a: CallGroupKey, b: CallGroupKey, fields: readonly (keyof CallGroupKey)[]): number {
  for (const field of fields) {
    const x = a[field] ?? '';
    const y = b[field] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
