import type { CallColumns } from './call-columns.js';
import { StatsAccumulator } from './call-stats.js';
import { CATEGORICAL_DIMENSIONS, dimensionCodes, type CategoricalDimension } from './dimensions.js';
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

  private constructor(columns: CallColumns | null) {
    if (!columns) return;
    const perDimension = CATEGORICAL_DIMENSIONS.map((dimension) => {
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
    for (const { dimension, codes, accumulators } of perDimension) {
      const byValue = new Map<string | null, StatsAccumulator>();
      accumulators.forEach((accumulator, code) => accumulator && byValue.set(codes.valueOf(code), accumulator));
      this.byDimension.set(dimension, byValue);
    }
  }

  static of(columns: CallColumns): WindowSummary {
    return new WindowSummary(columns);
  }

  /** The summary of adjacent windows taken together (`parts` in order): a day rolled up from its hours. */
  static merged(parts: readonly WindowSummary[]): WindowSummary {
    const summary = new WindowSummary(null);
    for (const part of parts) {
      summary.total.merge(part.total);
      for (const [dimension, byValue] of part.byDimension) {
        let into = summary.byDimension.get(dimension);
        if (!into) summary.byDimension.set(dimension, (into = new Map()));
        for (const [value, totals] of byValue) {
          let target = into.get(value);
          if (!target) into.set(value, (target = new StatsAccumulator()));
          target.merge(totals);
        }
      }
      summary.directory.merge(part.directory);
    }
    return summary;
  }

  /** Totals per value of `dimension` (null: calls without a value). */
  by(dimension: CategoricalDimension): ReadonlyMap<string | null, StatsAccumulator> {
    return this.byDimension.get(dimension) ?? EMPTY;
  }
}

const EMPTY: ReadonlyMap<string | null, StatsAccumulator> = new Map();
