import { CallColumns } from '../columns/call-columns.js';
import { LegTotals } from '../stats/call-stats.js';
import { combinationKey, rowsByCombination } from '../grouping/combination-rows.js';
import { CATEGORICAL_DIMENSIONS, dimensionCodes, type CategoricalDimension } from '../grouping/dimensions.js';
import { Directory } from './directory.js';
import { byValueOf, mergeInto } from './totals-by-value.js';
import { DurationProfile, type DurationProfiles } from '../stats/duration-profile.js';
import { combinationHeapBytes, profilesHeapBytes, summarizedDimensionBytes, summaryTablesHeapBytes } from './heap-cost.js';

/** The totals of the calls that share one value in each of some dimensions (values in their order). */
export interface CombinationTotals {
  /** combinationKey(values): where the cell's duration profile is found. */
  readonly key: string;
  readonly values: readonly (string | null)[];
  readonly totals: LegTotals;
}

type DerivedValue = ReadonlyMap<string, CombinationTotals> | DurationProfiles;

/** What a summary derives on first use and keeps (boundedly): totals per combination, duration profiles. */
interface Derived {
  /** Undefined while a table read from storage has not been decoded (`read` does it, on first use). */
  value: DerivedValue | undefined;
  readonly read?: () => DerivedValue;
  /** What the table costs once decoded, when that differs from what its stored bytes cost (profiles). */
  readonly bytesOnRead?: (value: DerivedValue) => number;
  bytes: number;
}

/** A table a summary holds beyond its totals by dimension: what a stored roll-up keeps of it (rollup-codec.ts). */
type HeldTable =
  | { readonly kind: 'totals'; readonly dimensions: readonly CategoricalDimension[]; readonly cells: ReadonlyMap<string, CombinationTotals> }
  | { readonly kind: 'durations'; readonly dimensions: readonly CategoricalDimension[]; readonly profiles: DurationProfiles };

/** A held table as storage gives it back, decoded when first used: totals (`cells` of them), or profiles that cost `bytes` until then. */
export type StoredTable =
  | { readonly kind: 'totals'; readonly dimensions: readonly CategoricalDimension[]; readonly read: () => ReadonlyMap<string, CombinationTotals>; readonly cells: number }
  | { readonly kind: 'durations'; readonly dimensions: readonly CategoricalDimension[]; readonly read: () => DurationProfiles; readonly bytes: number };

/** Everything a summary holds, as plain parts: what a stored roll-up is made of. */
export interface SummaryContent {
  readonly total: LegTotals;
  readonly directory: Directory;
  readonly byDimension: ReadonlyMap<CategoricalDimension, ReadonlyMap<string | null, LegTotals>>;
  readonly tables: readonly HeldTable[];
}

/** What storage gives back of a summary: every part but the overall totals decoded when first used (a year's report by campaign reads campaigns only). */
export interface StoredContent {
  readonly total: LegTotals;
  readonly directory: { readonly read: () => Directory; readonly entries: number };
  readonly byDimension: ReadonlyMap<CategoricalDimension, { readonly read: () => ReadonlyMap<string | null, LegTotals>; readonly size: number }>;
  readonly tables: readonly StoredTable[];
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
  private readonly byDimension = new Map<CategoricalDimension, ReadonlyMap<string | null, LegTotals>>();
  /** Dimensions held in storage's form, decoded on first use (a restored roll-up's). */
  private readonly unread = new Map<CategoricalDimension, { readonly read: () => ReadonlyMap<string | null, LegTotals>; readonly size: number }>();
  private held = new Directory();
  /** A directory not worked out yet: stored (its entries known) or to be merged from the parts (null: not known until then). */
  private unreadDirectory: { readonly read: () => Directory; readonly entries: number | null } | undefined;
  /**
   * Where the dimensions summarized on first use come from: the window's columns, or the parts merged;
   * null for a day roll-up read from the durable tier (or whose windows left the cache), which answers
   * only what it holds until its windows are attached again.
   */
  private source: CallColumns | readonly WindowSummary[] | null;
  /** By `totals:` or `durations:` and the dimensions; in order of last use. */
  private readonly derived = new Map<string, Derived>();
  private derivedBytes = 0;
  /** The table used last (the end of `derived`'s order). */
  private newest: string | undefined;
  /** Told the change in estimated heap whenever a derived table is kept or dropped (the window store's budget). */
  private resized: ((bytes: number) => void) | null = null;

  private constructor(source: CallColumns | readonly WindowSummary[] | null) {
    this.source = source;
    if (!(source instanceof CallColumns)) return;
    for (let i = 0; i < source.length; i += 1) {
      this.total.addRow(source, i);
      this.held.addRow(source, i);
    }
  }

  static of(columns: CallColumns): WindowSummary {
    return new WindowSummary(columns);
  }

  /** The summary of adjacent windows taken together (`parts` in order): a day rolled up from its hours. */
  static merged(parts: readonly WindowSummary[]): WindowSummary {
    const summary = new WindowSummary(parts);
    for (const part of parts) summary.total.merge(part.total);
    // Merged when first asked: a month of stored days would otherwise parse 30 directories for a report by campaign.
    summary.unreadDirectory = {
      read: () => {
        const directory = new Directory();
        for (const part of parts) directory.merge(part.directory);
        return directory;
      },
      entries: null,
    };
    return summary;
  }

  /** A day roll-up as the durable tier kept it: it answers what it holds, and derives more once its windows are attached. */
  static restored(content: StoredContent): WindowSummary {
    const summary = new WindowSummary(null);
    summary.total.merge(content.total);
    summary.unreadDirectory = content.directory;
    for (const [dimension, stored] of content.byDimension) summary.unread.set(dimension, stored);
    for (const table of content.tables) {
      const name = `${table.kind}:${table.dimensions.join()}`;
      const derived: Derived =
        table.kind === 'totals'
          ? { value: undefined, read: table.read, bytes: combinationHeapBytes(table.cells) }
          : { value: undefined, read: table.read, bytes: table.bytes, bytesOnRead: (value) => profilesHeapBytes(value as DurationProfiles) };
      summary.derived.set(name, derived);
      summary.derivedBytes += derived.bytes;
    }
    return summary;
  }

  /** The agents, campaigns and skills of the window, with their latest names. */
  get directory(): Directory {
    if (this.unreadDirectory) {
      this.held = this.unreadDirectory.read();
      this.unreadDirectory = undefined;
    }
    return this.held;
  }

  /** Agents, campaigns and skills in the directory, without decoding a stored one (the heap estimate). */
  get directoryEntries(): number {
    if (this.unreadDirectory?.entries != null) return this.unreadDirectory.entries;
    const { agents, campaigns, skills } = this.directory;
    return agents.size + campaigns.size + skills.size;
  }

  /** Totals held for `dimension` (0: not summarized), without decoding stored ones (the heap estimate). */
  heldTotals(dimension: CategoricalDimension): number {
    return this.unread.get(dimension)?.size ?? this.byDimension.get(dimension)?.size ?? 0;
  }

  /** Whether it answers only what it holds (no windows to derive from). */
  get detached(): boolean {
    return this.source === null;
  }

  /** Gives a roll-up its windows' summaries (the day's, in order) to derive from again. */
  attach(parts: readonly WindowSummary[]): void {
    if (!(this.source instanceof CallColumns)) this.source = parts;
  }

  /** Lets go of the windows it was merged from (they leave the cache); what it holds stays. */
  detach(): void {
    if (!(this.source instanceof CallColumns)) this.source = null;
  }

  /** Whether the totals by `dimensions` are held, or can be derived now (from calls, or from parts that answer). */
  answers(dimensions: readonly CategoricalDimension[]): boolean {
    if (this.holdsTable(dimensions) || this.source instanceof CallColumns) return true;
    return this.source?.every((part) => part.answers(dimensions)) ?? false;
  }

  /** Whether a duration-profile table could be derived now: from calls, or from parts that hold or can derive it. */
  private profilable(dimensions: readonly CategoricalDimension[]): boolean {
    if (this.source instanceof CallColumns) return true;
    return this.source?.every((part) => part.holdsDerived('durations', dimensions) || part.profilable(dimensions)) ?? false;
  }

  /** Everything held, decoded: what a stored roll-up keeps (rollup-codec.ts). */
  content(): SummaryContent {
    const tables: HeldTable[] = [];
    for (const [name, derived] of [...this.derived]) {
      const [kind, list] = name.split(':') as ['totals' | 'durations', string];
      const dimensions = list === '' ? [] : (list.split(',') as CategoricalDimension[]);
      const value = this.valueOf(name, derived);
      if (value === undefined) continue;
      if (kind === 'totals') tables.push({ kind, dimensions, cells: value as ReadonlyMap<string, CombinationTotals> });
      else tables.push({ kind, dimensions, profiles: value as DurationProfiles });
    }
    for (const dimension of this.unread.keys()) this.by(dimension);
    return { total: this.total, directory: this.directory, byDimension: this.byDimension, tables };
  }

  /** Totals per value of `dimension` (null: calls without a value). */
  by(dimension: CategoricalDimension): ReadonlyMap<string | null, LegTotals> {
    let byValue = this.byDimension.get(dimension);
    const stored = byValue ? undefined : this.unread.get(dimension);
    if (stored) {
      this.unread.delete(dimension);
      this.byDimension.set(dimension, (byValue = stored.read()));
    }
    if (!byValue) {
      this.byDimension.set(dimension, (byValue = this.summarize(dimension)));
      this.resized?.(summarizedDimensionBytes(byValue.size));
    }
    return byValue;
  }

  /** Whether `dimension`'s totals are held now (once a report has asked for them), for the cache's heap estimate. */
  holds(dimension: CategoricalDimension): boolean {
    return this.byDimension.has(dimension) || this.unread.has(dimension);
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

  /** Whether the totals by `dimensions` (none, one, or a combination) are at hand, or would be derived first. */
  holdsTable(dimensions: readonly CategoricalDimension[]): boolean {
    if (dimensions.length <= 1) return dimensions.every((dimension) => this.holds(dimension));
    return this.holdsDerived('totals', dimensions);
  }

  /** Duration profiles per combination of values of `dimensions` (canonical order), by combinationKey; null when they cannot be had (see DurationProfiles; or detached without them). */
  durations(dimensions: readonly CategoricalDimension[]): DurationProfiles {
    if (!this.holdsDerived('durations', dimensions) && !this.profilable(dimensions)) return null;
    const name = `durations:${dimensions.join()}`;
    const held = this.source === null ? this.derived.get(name) : undefined;
    // Detached, it has only what it holds: a table that could not be read back is no profile at all.
    if (held) return (this.valueOf(name, held) as DurationProfiles | undefined) ?? null;
    return this.keep(name, () => this.profile(dimensions), profilesHeapBytes);
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
      const value = this.valueOf(name, held);
      if (value !== undefined) return value as T;
    }
    if (this.source === null) throw new Error(`a detached summary cannot derive ${name}: attach its windows first`);
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

  /**
   * A held table's value, decoded on first use when it came from storage (and charged for what it then
   * takes); undefined, and the table no longer held, when storage cannot give it back whole.
   */
  private valueOf(name: string, derived: Derived): DerivedValue | undefined {
    if (derived.value !== undefined || !derived.read) return derived.value!;
    try {
      derived.value = derived.read();
    } catch {
      this.derived.delete(name);
      this.derivedBytes -= derived.bytes;
      this.resized?.(-derived.bytes);
      return undefined;
    }
    if (!derived.bytesOnRead) return derived.value;
    const bytes = derived.bytesOnRead(derived.value);
    this.derivedBytes += bytes - derived.bytes;
    this.resized?.(bytes - derived.bytes);
    derived.bytes = bytes;
    return derived.value;
  }

  /** The windows whose calls this summary speaks for. */
  private windows(): CallColumns[] {
    if (this.source === null) throw new Error('a detached summary has no windows');
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
    if (this.source === null) throw new Error(`a detached summary cannot summarize ${dimension}: attach its windows first`);
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
  for (const dimension of CATEGORICAL_DIMENSIONS) totals += summary.heldTotals(dimension);
  return summaryTablesHeapBytes(totals, summary.directoryEntries) + summary.derivedHeapBytes;
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
