import type { CallColumns } from '../columns/call-columns.js';
import type { Bounds } from './call-filter.js';
import { Decimal, type DecimalText } from '../model/decimal.js';
import { dimensionCodes, type CategoricalDimension } from '../grouping/dimensions.js';
import { MICROS_PER_UNIT } from '../model/money.js';

/**
 * A test over one window's rows, three ways. `narrow` reads `input[from..to)` and writes the rows
 * that pass, in order, to `out` from 0, returning how many; each row is written before it is counted
 * (`k` never runs ahead of the read position), so `out` may be `input`: a conjunction narrows one
 * list in place. `narrowRange` does the same for the rows `first..end − 1` themselves (a window's
 * first test, without a list to read). `mark` sets `marks[j − from]` to 1 where `input[j]` passes
 * and leaves the other marks as they are (the alternatives of a disjunction, one after the other).
 */
export interface Narrowing {
  narrow(input: Uint32Array, from: number, to: number, out: Uint32Array): number;
  narrowRange(first: number, end: number, out: Uint32Array): number;
  mark(input: Uint32Array, from: number, to: number, marks: Uint8Array): void;
}

/** The three loops of a test that decides one row at a time (`passes`), for the rarer tests. */
abstract class RowPredicate implements Narrowing {
  constructor(private readonly negated: boolean) {}

  protected abstract passes(row: number): boolean;

  narrow(input: Uint32Array, from: number, to: number, out: Uint32Array): number {
    let k = 0;
    for (let j = from; j < to; j += 1) {
      const row = input[j]!;
      out[k] = row;
      k += Number(this.passes(row) !== this.negated);
    }
    return k;
  }

  narrowRange(first: number, end: number, out: Uint32Array): number {
    let k = 0;
    for (let row = first; row < end; row += 1) {
      out[k] = row;
      k += Number(this.passes(row) !== this.negated);
    }
    return k;
  }

  mark(input: Uint32Array, from: number, to: number, marks: Uint8Array): void {
    for (let j = from; j < to; j += 1) if (this.passes(input[j]!) !== this.negated) marks[j - from] = 1;
  }
}

/** One field of a filter, ready for any window; `negated` keeps the rows it would drop. */
export interface RowTest {
  /** Tests of one conjunction run cheapest first, so that the costlier ones meet fewer rows. */
  readonly cost: number;
  narrowing(columns: CallColumns, negated: boolean): Narrowing;
}

/** A categorical list (`agentIds`, `countries`…): decided once per dictionary code of the window, then one lookup per row. */
export class CodeTest implements RowTest {
  readonly cost = 1;

  constructor(
    private readonly dimension: CategoricalDimension,
    private readonly wanted: ReadonlySet<string>,
  ) {}

  narrowing(columns: CallColumns, negated: boolean): Narrowing {
    const dictionary = dimensionCodes(columns, this.dimension);
    const mask = new Uint8Array(dictionary.distinct);
    for (let code = 0; code < dictionary.distinct; code += 1) {
      const value = dictionary.valueOf(code);
      mask[code] = (value !== null && this.wanted.has(value)) !== negated ? 1 : 0;
    }
    return new CodeNarrowing(dictionary.codes, mask);
  }
}

class CodeNarrowing implements Narrowing {
  constructor(
    private readonly codes: ArrayLike<number>,
    private readonly mask: Uint8Array,
  ) {}

  narrow(input: Uint32Array, from: number, to: number, out: Uint32Array): number {
    const { codes, mask } = this;
    let k = 0;
    for (let j = from; j < to; j += 1) {
      const row = input[j]!;
      out[k] = row;
      k += mask[codes[row]!]!;
    }
    return k;
  }

  narrowRange(first: number, end: number, out: Uint32Array): number {
    const { codes, mask } = this;
    let k = 0;
    for (let row = first; row < end; row += 1) {
      out[k] = row;
      k += mask[codes[row]!]!;
    }
    return k;
  }

  mark(input: Uint32Array, from: number, to: number, marks: Uint8Array): void {
    const { codes, mask } = this;
    for (let j = from; j < to; j += 1) marks[j - from]! |= mask[codes[input[j]!]!]!;
  }
}

/** Inclusive bounds on whole seconds. */
export class SecondsTest implements RowTest {
  readonly cost = 2;
  private readonly min: number;
  private readonly max: number;

  constructor(bounds: Bounds<number>) {
    this.min = bounds.min ?? -Infinity;
    this.max = bounds.max ?? Infinity;
  }

  narrowing(columns: CallColumns, negated: boolean): Narrowing {
    return new SecondsNarrowing(columns.durationSeconds, this.min, this.max, negated);
  }
}

/** Branch-free: whether a duration passes is 50:50 in a busy hour, and a mispredicted branch per row costs more than the loop. */
class SecondsNarrowing implements Narrowing {
  /** 1 when negated: XOR-ed with the bounds' verdict. */
  private readonly flip: number;

  constructor(
    private readonly seconds: Uint32Array,
    private readonly min: number,
    private readonly max: number,
    negated: boolean,
  ) {
    this.flip = Number(negated);
  }

  narrow(input: Uint32Array, from: number, to: number, out: Uint32Array): number {
    const { seconds, min, max, flip } = this;
    let k = 0;
    for (let j = from; j < to; j += 1) {
      const row = input[j]!;
      const value = seconds[row]!;
      out[k] = row;
      k += (Number(value >= min) & Number(value <= max)) ^ flip;
    }
    return k;
  }

  narrowRange(first: number, end: number, out: Uint32Array): number {
    const { seconds, min, max, flip } = this;
    let k = 0;
    for (let row = first; row < end; row += 1) {
      const value = seconds[row]!;
      out[k] = row;
      k += (Number(value >= min) & Number(value <= max)) ^ flip;
    }
    return k;
  }

  mark(input: Uint32Array, from: number, to: number, marks: Uint8Array): void {
    const { seconds, min, max, flip } = this;
    for (let j = from; j < to; j += 1) {
      const value = seconds[input[j]!]!;
      marks[j - from]! |= (Number(value >= min) & Number(value <= max)) ^ flip;
    }
  }
}

/**
 * Inclusive bounds on cost or billed minutes, compared exactly. A row in micro-units (the usual
 * case) meets the bounds as whole micro-units: m ≥ min ⇔ m ≥ ⌈min·10⁶⌉ and m ≤ max ⇔ m ≤ ⌊max·10⁶⌋
 * for a whole m, so a bound with more than six decimals still costs one machine comparison. A row
 * kept as text (it does not fit micro-units) is compared through Decimal; a leg without billed
 * minutes fails a billed bound (and so passes its negation).
 */
export class DecimalTest implements RowTest {
  readonly cost = 3;
  private readonly min: { readonly micros: number; readonly exact: Decimal } | null;
  private readonly max: { readonly micros: number; readonly exact: Decimal } | null;

  constructor(
    private readonly column: 'cost' | 'billedMinutes',
    bounds: Bounds<DecimalText>,
  ) {
    this.min = bounds.min == null ? null : microBound(bounds.min, Decimal.ROUND_CEIL);
    this.max = bounds.max == null ? null : microBound(bounds.max, Decimal.ROUND_FLOOR);
  }

  narrowing(columns: CallColumns, negated: boolean): Narrowing {
    const micros = this.column === 'cost' ? columns.costMicros : columns.billedMicros;
    const text = this.column === 'cost' ? (i: number) => columns.cost(i) : (i: number) => columns.billedMinutes(i);
    const { min, max } = this;
    const passesAsText = (i: number): boolean => {
      const value = text(i);
      if (value === null) return false;
      const exact = new Decimal(value);
      return (min === null || exact.gte(min.exact)) && (max === null || exact.lte(max.exact));
    };
    return new DecimalNarrowing(micros, min?.micros ?? -Infinity, max?.micros ?? Infinity, passesAsText, negated);
  }
}

/** `bound` in whole micro-units, rounded inward (`rounding`); beyond ±2⁵³ (no row is) it is ±Infinity. */
function microBound(bound: DecimalText, rounding: typeof Decimal.ROUND_CEIL | typeof Decimal.ROUND_FLOOR): { micros: number; exact: Decimal } {
  const exact = new Decimal(bound);
  const micros = exact.times(MICROS_PER_UNIT).toDecimalPlaces(0, rounding);
  const safe = micros.abs().lte(Number.MAX_SAFE_INTEGER);
  return { micros: safe ? micros.toNumber() : micros.isNegative() ? -Infinity : Infinity, exact };
}

class DecimalNarrowing extends RowPredicate {
  constructor(
    private readonly micros: Float64Array,
    private readonly min: number,
    private readonly max: number,
    private readonly passesAsText: (i: number) => boolean,
    negated: boolean,
  ) {
    super(negated);
  }

  protected passes(row: number): boolean {
    const value = this.micros[row]!;
    return Number.isNaN(value) ? this.passesAsText(row) : value >= this.min && value <= this.max;
  }
}

/** Exact values of a column kept as plain text per row: telephones, customers, conn_ids. */
export class TextTest implements RowTest {
  readonly cost = 4;
  private readonly wanted: ReadonlySet<string>;

  constructor(
    private readonly column: 'telephone' | 'customerId' | 'connId',
    values: readonly string[],
  ) {
    this.wanted = new Set(values);
  }

  narrowing(columns: CallColumns, negated: boolean): Narrowing {
    const values = columns[this.column];
    return new PredicateNarrowing((i) => {
      const value = values[i]!;
      return value !== null && this.wanted.has(value);
    }, negated);
  }
}

/** Telephones that start with one of some prefixes. */
export class PrefixTest implements RowTest {
  readonly cost = 5;

  constructor(private readonly prefixes: readonly string[]) {}

  narrowing(columns: CallColumns, negated: boolean): Narrowing {
    // Repeat callers make telephones repeat: decide each distinct number once per window.
    const decided = new Map<string, boolean>();
    return new PredicateNarrowing((i) => {
      const telephone = columns.telephone[i]!;
      if (telephone === null) return false;
      let passes = decided.get(telephone);
      if (passes === undefined) decided.set(telephone, (passes = this.prefixes.some((prefix) => telephone.startsWith(prefix))));
      return passes;
    }, negated);
  }
}

class PredicateNarrowing extends RowPredicate {
  constructor(
    private readonly test: (row: number) => boolean,
    negated: boolean,
  ) {
    super(negated);
  }

  protected passes(row: number): boolean {
    return this.test(row);
  }
}
