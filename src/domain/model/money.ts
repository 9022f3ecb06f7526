import { Decimal, type DecimalText } from './decimal.js';

/**
 * Exact amounts as whole micro-units (10⁻⁶) held in doubles: every integer below 2⁵³ is exact in a
 * double, so such sums are exact and cost one machine addition. Costs and billed minutes with more
 * than six decimals, or beyond a billion, do not fit; they are kept as text and summed with Decimal.
 */
export const MICROS_PER_UNIT = 1_000_000;

const MAX_UNIT_DIGITS = 9;
const MAX_FRACTION_DIGITS = 6;
const ZERO = 0x30;
const MINUS = 0x2d;
const POINT = 0x2e;

/**
 * `text` in micro-units, or NaN when it does not fit (then sum it as Decimal text): an optional `-`,
 * 1 to 9 digits, and optionally `.` with 1 to 6 more. Read a character at a time, without a match or a
 * string made: every leg's cost and billed minutes come through here.
 */
export function toMicros(text: string): number {
  const negative = text.charCodeAt(0) === MINUS;
  let i = negative ? 1 : 0;
  const unitsStart = i;
  let micros = 0;
  for (; i < text.length; i += 1) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) break;
    micros = micros * 10 + digit;
  }
  const unitDigits = i - unitsStart;
  if (unitDigits < 1 || unitDigits > MAX_UNIT_DIGITS) return Number.NaN;
  micros *= MICROS_PER_UNIT;
  if (i < text.length) {
    if (text.charCodeAt(i) !== POINT) return Number.NaN;
    const fractionStart = (i += 1);
    for (let scale = MICROS_PER_UNIT / 10; i < text.length; i += 1, scale /= 10) {
      const digit = text.charCodeAt(i) - ZERO;
      if (digit < 0 || digit > 9 || i - fractionStart >= MAX_FRACTION_DIGITS) return Number.NaN;
      micros += digit * scale;
    }
    if (i === fractionStart) return Number.NaN;
  }
  return negative ? -micros : micros;
}

/**
 * Plain decimal text of a micro-unit amount (a whole number below 2⁵³), without trailing zeros:
 * 108500 → "0.1085". By arithmetic, not by cutting text: a report prints one per group and figure.
 */
export function microsToText(micros: number): DecimalText {
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(micros);
  let units = Math.floor(abs / MICROS_PER_UNIT);
  let fraction = abs - units * MICROS_PER_UNIT;
  // Near 2⁵³ the division may round to the next whole unit; the remainder says so.
  if (fraction < 0) [units, fraction] = [units - 1, fraction + MICROS_PER_UNIT];
  if (fraction === 0) return `${sign}${units}` as DecimalText;
  let places = 6;
  while (fraction % 10 === 0) [fraction, places] = [fraction / 10, places - 1];
  return `${sign}${units}.${String(fraction).padStart(places, '0')}` as DecimalText;
}

/** An ExactSum as plain data: micro-units, or [micro-units, BigInt overflow as text, Decimal part as text or null]. */
export type StoredSum = number | readonly [number, string, string | null];

/**
 * An exact running sum. Micro-units go into a double while the total stays below 2⁵³ (so each
 * addition is exact), overflow into a BigInt, and amounts that do not fit micro-units into a Decimal.
 */
export class ExactSum {
  private small = 0;
  private big = 0n;
  private extra: Decimal | null = null;

  addMicros(micros: number): void {
    if (Math.abs(this.small) + Math.abs(micros) > Number.MAX_SAFE_INTEGER) {
      this.big += BigInt(this.small);
      this.small = 0;
    }
    this.small += micros;
  }

  addText(text: DecimalText): void {
    this.extra = (this.extra ?? new Decimal(0)).plus(text);
  }

  merge(other: ExactSum): void {
    this.addMicros(other.small);
    if (other.big !== 0n) this.big += other.big;
    if (other.extra) this.extra = (this.extra ?? new Decimal(0)).plus(other.extra);
  }

  /** The sum as plain data (a number in the usual case), for a stored roll-up; `ExactSum.fromStored` reads it back. */
  stored(): StoredSum {
    if (this.big === 0n && this.extra === null) return this.small;
    return [this.small, this.big.toString(), this.extra === null ? null : this.extra.toFixed()];
  }

  static fromStored(stored: StoredSum): ExactSum {
    const sum = new ExactSum();
    if (typeof stored === 'number') sum.small = stored;
    else {
      [sum.small] = stored;
      sum.big = BigInt(stored[1]);
      sum.extra = stored[2] === null ? null : new Decimal(stored[2]);
    }
    return sum;
  }

  copy(): ExactSum {
    const copy = new ExactSum();
    copy.merge(this);
    return copy;
  }

  /** The sum as plain decimal text; without Decimal arithmetic in the usual case (it fits micro-units). */
  text(): DecimalText {
    if (this.big === 0n && this.extra === null) return microsToText(this.small);
    const micros = new Decimal((this.big + BigInt(this.small)).toString()).div(MICROS_PER_UNIT);
    return (this.extra ? micros.plus(this.extra) : micros).toFixed() as DecimalText;
  }
}
