import { CallColumns } from '../columns/call-columns.js';
import { LegTotals } from '../stats/call-stats.js';
import { combinationKey, rowsByCombination } from '../grouping/combination-rows.js';
import { CATEGORICAL_DIMENSIONS, dimensionCodes, type CategoricalDimension, type DimensionCodes } from '../grouping/dimensions.js';
import { Directory } from './directory.js';
import { DurationProfile, type DurationProfiles } from '../stats/duration-profile.js';
import { combinationHeapBytes, profilesHeapBytes, summarizedDimensionBytes, summaryTablesHeapBytes } from './heap-cost.js';

/** The totals of the calls that share one value in each of some dimensions (values in their order). */
export interface CombinationTotals {
  /** combinationKey(values): where the cell's duration profile is found. */
  readonly key: string;
  readonly values: readonly (string | null)[];
  readonly totals: LegTotals;
}

/** What a summary derives on first use and keeps (boundedly): totals per combination, duration profiles. */
interface Derived {
  readonly value: ReadonlyMap<string, CombinationTotals> | DurationProfiles;
  readonly bytes: number;
}

/**
 * Derived tables a summary keeps at most, least recently used dropped first: each is a few kilobytes
 * per window (a day's AGENT × TYPE is some 160 totals), and a dashboard asks a handful of shapes.
 */
export const MAX_DERIVED_TABLES = 6;

/** Dimensions a derived table combines at most. */
export const MAX_COMBINED_DIMENSIONS = 3;

/**
 * A window's totals: overall and its directory when the window is loaded, per value of a categorical
 * dimension when a report first asks for that dimension (a cold month by campaign reads campaigns
 * only; summarizing all nine dimensions of every window on arrival was a tenth of a cold month's time),
 * then kept. A report over many windows merges these instead of scanning every call.
 */
export class WindowSummary {
  readonly total = new LegTotals();
  private readonly byDimension = new Map<CategoricalDimension, Map<string | null, LegTotals>>();
  /** The agents, campaigns and skills of the window, with their latest names. */
  readonly directory = new Directory();
  /** Where the dimensions summarized on first use come from: the window's columns, or the parts merged. */
  private readonly source: CallColumns | readonly WindowSummary[];
  /** By `totals:` or `durations:` and the dimensions; in order of last use. */
  private readonly derived = new Map<string, Derived>();
  private derivedBytes = 0;
  /** The table used last (the end of `derived`'s order). */
  private newest: string | undefined;
  /** Told the change in estimated heap whenever a derived table is kept or dropped (the window store's budget). */
  private resized: ((bytes: number) => void) | null = null;

  private constructor(source: CallColumns | readonly WindowSummary[]) {
    this.source = source;
    if (!(source instanceof CallColumns)) return;
    for (let i = 0; i < source.length; i += 1) {
      this.total.addRow(source, i);
      this.directory.addRow(source, i);
    }
  }

  static of(columns: CallColumns): WindowSummary {
    return new WindowSummary(columns);
  }

  /** The summary of adjacent windows taken together (`parts` in order): a day rolled up from its hours. */
  static merged(parts: readonly WindowSummary[]): WindowSummary {
    const summary = new WindowSummary(parts);
    for (const part of parts) {
      summary.total.merge(part.total);
      summary.directory.merge(part.directory);
    }
    return summary;
  }

  /** Totals per value of `dimension` (null: calls without a value). */
  by(dimension: CategoricalDimension): ReadonlyMap<string | null, LegTotals> {
    let byValue = this.byDimension.get(dimension);
    if (!byValue) {
      this.byDimension.set(dimension, (byValue = this.summarize(dimension)));
      this.resized?.(summarizedDimensionBytes(byValue.size));
    }
    return byValue;
  }

  /** Whether `dimension`'s totals are held now (once a report has asked for them), for the cache's heap estimate. */
  holds(dimension: CategoricalDimension): boolean {
    return this.byDimension.has(dimension);
  }

  /** Estimated heap of what was derived on first use (heap-cost.ts). */
  get derivedHeapBytes(): number {
    return this.derivedBytes;
  }

  /** `listener` is told each change of `derivedHeapBytes` from now on (null: nobody is). */
  onResize(listener: ((bytes: number) => void) | null): void {
    this.resized = listener;
  }

  /** Totals per combination of values of two to MAX_COMBINED_DIMENSIONS `dimensions` (canonical order), derived on first use. */
  combination(dimensions: readonly CategoricalDimension[]): Iterable<CombinationTotals> {
    return this.keep(`totals:${dimensions.join()}`, () => this.combine(dimensions), (cells) => combinationHeapBytes(cells.size)).values();
  }

  /** Duration profiles per combination of values of `dimensions` (canonical order), by combinationKey. */
  durations(dimensions: readonly CategoricalDimension[]): DurationProfiles {
    return this.keep(`durations:${dimensions.join()}`, () => this.profile(dimensions), profilesHeapBytes);
  }

  /** Whether a derived table is held now (without touching it). */
  holdsDerived(kind: 'totals' | 'durations', dimensions: readonly CategoricalDimension[]): boolean {
    return this.derived.has(`${kind}:${dimensions.join()}`);
  }

  private keep<T extends Derived['value']>(name: string, derive: () => T, bytesOf: (value: T) => number): T {
    const held = this.derived.get(name);
    if (held) {
      // Reordered only when another table was used since: a report reads one table of many windows.
      if (name !== this.newest) {
        this.derived.delete(name);
        this.derived.set(name, held);
        this.newest = name;
      }
      return held.value as T;
    }
    this.newest = name;
    const value = derive();
    const bytes = bytesOf(value);
    this.derived.set(name, { value, bytes });
    let change = bytes;
    for (const [oldest, { bytes: dropped }] of this.derived) {
      if (this.derived.size <= MAX_DERIVED_TABLES) break;
      this.derived.delete(oldest);
      change -= dropped;
    }
    this.derivedBytes += change;
    this.resized?.(change);
    return value;
  }

  /** The windows whose calls this summary speaks for. */
  private windows(): CallColumns[] {
    return this.source instanceof CallColumns ? [this.source] : this.source.flatMap((part) => part.windows());
  }

  /** The parts' tables merged when every part holds one (cheaper than its calls), else from the calls. */
  private combine(dimensions: readonly CategoricalDimension[]): Map<string, CombinationTotals> {
    const combined = new Map<string, CombinationTotals>();
    const add = (values: readonly (string | null)[], totals: LegTotals) => {
      const key = combinationKey(values);
      let cell = combined.get(key);
      if (!cell) combined.set(key, (cell = { key, values, totals: new LegTotals() }));
      cell.totals.merge(totals);
    };
    const parts = this.source instanceof CallColumns ? null : this.source;
    if (parts?.every((part) => part.holdsDerived('totals', dimensions))) {
      for (const part of parts) for (const { values, totals } of part.combination(dimensions)) add(values, totals);
      return combined;
    }
    for (const { values, parts: rowsOf } of rowsByCombination(this.windows(), dimensions).values()) {
      const totals = new LegTotals();
      for (const { columns, rows } of rowsOf) for (const i of rows) totals.addRow(columns, i);
      add(values, totals);
    }
    return combined;
  }

  private profile(dimensions: readonly CategoricalDimension[]): DurationProfiles {
    const parts = this.source instanceof CallColumns ? null : this.source;
    if (parts?.every((part) => part.holdsDerived('durations', dimensions))) {
      const byKey = new Map<string, DurationProfile[]>();
      for (const part of parts) {
        const profiles = part.durations(dimensions);
        if (profiles === null) return null;
        for (const [key, profile] of profiles) byKey.set(key, [...(byKey.get(key) ?? []), profile]);
      }
      return merged(byKey);
    }
    const profiles = new Map<string, DurationProfile>();
    for (const [key, { parts: rowsOf }] of rowsByCombination(this.windows(), dimensions)) {
      const profile = DurationProfile.of(rowsOf);
      if (profile === null) return null;
      profiles.set(key, profile);
    }
    return profiles;
  }

  private summarize(dimension: CategoricalDimension): Map<string | null, LegTotals> {
    if (!(this.source instanceof CallColumns)) {
      const merged = new Map<CategoricalDimension, Map<string | null, LegTotals>>();
      for (const part of this.source) mergeInto(merged, dimension, part.by(dimension));
      return merged.get(dimension) ?? new Map<string | null, LegTotals>();
    }
    const columns = this.source;
    const codes = dimensionCodes(columns, dimension);
    const accumulators = new Array<LegTotals | undefined>(codes.distinct);
    for (let i = 0; i < columns.length; i += 1) (accumulators[codes.codes[i]!] ??= new LegTotals()).addRow(columns, i);
    return byValueOf(codes, accumulators);
  }
}

/**
 * The estimated heap of a window's summary (heap-cost.ts): its overall totals and directory, and the
 * totals of each dimension summarized so far (a dimension is summarized when a report first asks for
 * it; the summary then tells its store what that added, summarizedDimensionBytes, so the estimate
 * follows what is really held), and what it derived on first use.
 */
export function summaryHeapBytes(summary: WindowSummary): number {
  let totals = 1;
  for (const dimension of CATEGORICAL_DIMENSIONS) if (summary.holds(dimension)) totals += summary.by(dimension).size;
  const { agents, campaigns, skills } = summary.directory;
  return summaryTablesHeapBytes(totals, agents.size + campaigns.size + skills.size) + summary.derivedHeapBytes;
}

function merged(byKey: ReadonlyMap<string, readonly DurationProfile[]>): DurationProfiles {
  const profiles = new Map<string, DurationProfile>();
  for (const [key, parts] of byKey) {
    const profile = DurationProfile.merged(parts);
    if (profile === null) return null;
    profiles.set(key, profile);
  }
  return profiles;
}

function byValueOf(codes: DimensionCodes, accumulators: readonly (LegTotals | undefined)[]): Map<string | null, LegTotals> {
  const byValue = new Map<string | null, LegTotals>();
  accumulators.forEach((accumulator, code) => accumulator && byValue.set(codes.valueOf(code), accumulator));
  return byValue;
}

function mergeInto(into: Map<CategoricalDimension, Map<string | null, LegTotals>>, dimension: CategoricalDimension, byValue: ReadonlyMap<string | null, LegTotals>): void {
  let target = into.get(dimension);
  if (!target) into.set(dimension, (target = new Map<string | null, LegTotals>()));
  for (const [value, totals] of byValue) {
    let accumulator = target.get(value);
    if (!accumulator) target.set(value, (accumulator = new LegTotals()));
    accumulator.merge(totals);
  }
}

