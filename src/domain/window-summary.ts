import { CallColumns } from './call-columns.js';
import { StatsAccumulator } from './call-stats.js';
import { CATEGORICAL_DIMENSIONS, dimensionCodes, type CategoricalDimension, type DimensionCodes } from './dimensions.js';
import { Directory } from './directory.js';

/**
 * A window's totals, computed once when the window is loaded: overall and per value of each
 * categorical dimension. A report over many windows merges these instead of scanning every call.
 */
export class WindowSummary {
  readonly total = new StatsAccumulator();
  private readonly byDimension = new Map<CategoricalDimension, Map<string | null, StatsAccumulator>>();
  /** The agents, campaigns and skills of the window, with their latest names. */
  readonly directory = new Directory();
  /** Where the dimensions summarized on first use come from: the window's columns, or the parts merged. */
  private readonly source: CallColumns | readonly WindowSummary[];

  private constructor(source: CallColumns | readonly WindowSummary[]) {
    this.source = source;
    if (!(source instanceof CallColumns)) return;
    const columns = source;
    const perDimension = EAGER_DIMENSIONS.map((dimension) => {
      const codes = dimensionCodes(columns, dimension);
      return { dimension, codes, accumulators: new Array<StatsAccumulator | undefined>(codes.distinct) };
    });
    for (let i = 0; i < columns.length; i += 1) {
      this.total.addRow(columns, i);
      for (const { codes, accumulators } of perDimension) {
        const code = codes.codes[i]!;
        (accumulators[code] ??= new StatsAccumulator()).addRow(columns, i);
      }
      this.directory.addRow(columns, i);
    }
    for (const { dimension, codes, accumulators } of perDimension) this.byDimension.set(dimension, byValueOf(codes, accumulators));
  }

  static of(columns: CallColumns): WindowSummary {
    return new WindowSummary(columns);
  }

  /** The summary of adjacent windows taken together (`parts` in order): a day rolled up from its hours. */
  static merged(parts: readonly WindowSummary[]): WindowSummary {
    const summary = new WindowSummary(parts);
    for (const part of parts) {
      summary.total.merge(part.total);
      for (const dimension of EAGER_DIMENSIONS) mergeInto(summary.byDimension, dimension, part.by(dimension));
      summary.directory.merge(part.directory);
    }
    return summary;
  }

  /** Totals per value of `dimension` (null: calls without a value). */
  by(dimension: CategoricalDimension): ReadonlyMap<string | null, StatsAccumulator> {
    let byValue = this.byDimension.get(dimension);
    if (!byValue) this.byDimension.set(dimension, (byValue = this.summarize(dimension)));
    return byValue;
  }

  /** Whether `dimension`'s totals are held now (the lazy ones once asked for), for the cache's heap estimate. */
  holds(dimension: CategoricalDimension): boolean {
    return this.byDimension.has(dimension);
  }

  private summarize(dimension: CategoricalDimension): Map<string | null, StatsAccumulator> {
    if (!(this.source instanceof CallColumns)) {
      const merged = new Map<CategoricalDimension, Map<string | null, StatsAccumulator>>();
      for (const part of this.source) mergeInto(merged, dimension, part.by(dimension));
      return merged.get(dimension) ?? new Map();
    }
    const columns = this.source;
    const codes = dimensionCodes(columns, dimension);
    const accumulators = new Array<StatsAccumulator | undefined>(codes.distinct);
    for (let i = 0; i < columns.length; i += 1) (accumulators[codes.codes[i]!] ??= new StatsAccumulator()).addRow(columns, i);
    return byValueOf(codes, accumulators);
  }
}

/**
 * Summarized when a window arrives: every dimension but COUNTRY, whose values take a phone-number
 * parse per distinct telephone (a third of a cold month's ingest) and which few reports ask for; it is
 * summarized on first use, per window, and kept from then on.
 */
const EAGER_DIMENSIONS = CATEGORICAL_DIMENSIONS.filter((dimension) => dimension !== 'COUNTRY');

function byValueOf(codes: DimensionCodes, accumulators: readonly (StatsAccumulator | undefined)[]): Map<string | null, StatsAccumulator> {
  const byValue = new Map<string | null, StatsAccumulator>();
  accumulators.forEach((accumulator, code) => accumulator && byValue.set(codes.valueOf(code), accumulator));
  return byValue;
}

function mergeInto(into: Map<CategoricalDimension, Map<string | null, StatsAccumulator>>, dimension: CategoricalDimension, byValue: ReadonlyMap<string | null, StatsAccumulator>): void {
  let target = into.get(dimension);
  if (!target) into.set(dimension, (target = new Map()));
  for (const [value, totals] of byValue) {
    let accumulator = target.get(value);
    if (!accumulator) target.set(value, (accumulator = new StatsAccumulator()));
    accumulator.merge(totals);
  }
}

