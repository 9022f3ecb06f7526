import { Decimal as DecimalJs } from 'decimal.js';

/**
 * Exact decimal arithmetic for money and billed minutes.
 * Precision is set far above what any sum of call costs needs, so additions never round;
 * the library's default (20 significant digits) could round a month of costs in minor units.
 */
export const Decimal = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_EVEN });
export type Decimal = InstanceType<typeof Decimal>;

/**
 * An exact decimal kept as plain text (`"152.075"`): how a row holds its cost and billed minutes.
 * Text is what wolkvox sends and what the graph returns, costs nothing to keep, and is summed exactly
 * through `Decimal`; building a Decimal object per row at ingestion would cost more than parsing the JSON.
 */
export type DecimalText = string & { readonly __brand: 'DecimalText' };

const PLAIN = /^-?\d+(?:\.\d+)?$/;
const LOOSE = /^[-+]?(?:\d+\.?\d*|\.\d+)$/;

/** Plain decimal text for `text`, or null when it is not a decimal number. `.5` and `5.` become `0.5` and `5`. */
export function toDecimalText(text: string): DecimalText | null {
  if (PLAIN.test(text)) return text as DecimalText;
  return LOOSE.test(text) ? (new Decimal(text).toFixed() as DecimalText) : null;
}

/** Plain decimal text, no exponent, as the graph serializes it: "1520.75". */
export function decimalText(value: Decimal): DecimalText {
  return value.toFixed() as DecimalText;
}
