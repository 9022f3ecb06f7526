import type { CallColumns } from './call-columns.js';
import type { Bounds, CallFilter } from './call-filter.js';
import { Decimal, type DecimalText } from './decimal.js';
import { toMicros } from './money.js';

type RowCheck = (i: number) => boolean;

/** Tests on columns kept as plain text per row: telephones (exact and by prefix), customers, conn_ids. */
export function textChecks(filter: CallFilter, columns: CallColumns): RowCheck[] {
  const checks: RowCheck[] = [];
  const among = (values: readonly string[] | null | undefined, column: readonly (string | null)[]) => {
    if (values == null) return;
    const wanted = new Set(values);
    checks.push((i) => {
      const value = column[i]!;
      return value !== null && wanted.has(value);
    });
  };
  among(filter.telephones, columns.telephone);
  among(filter.customerIds, columns.customerId);
  among(filter.connIds, columns.connId);
  const prefixes = filter.telephonePrefixes;
  if (prefixes != null) {
    // Repeat callers make telephones repeat: decide each distinct number once per window.
    const decided = new Map<string, boolean>();
    checks.push((i) => {
      const telephone = columns.telephone[i]!;
      if (telephone === null) return false;
      let passes = decided.get(telephone);
      if (passes === undefined) decided.set(telephone, (passes = prefixes.some((prefix) => telephone.startsWith(prefix))));
      return passes;
    });
  }
  return checks;
}

/** Tests of inclusive bounds on duration, cost and billed minutes (a leg without billed minutes fails a billed bound). */
export function rangeChecks(filter: CallFilter, columns: CallColumns): RowCheck[] {
  const checks: RowCheck[] = [];
  const seconds = filter.durationSeconds;
  if (seconds != null) {
    const min = seconds.min ?? -Infinity;
    const max = seconds.max ?? Infinity;
    checks.push((i) => columns.durationSeconds[i]! >= min && columns.durationSeconds[i]! <= max);
  }
  if (filter.cost != null) checks.push(decimalCheck(filter.cost, columns.costMicros, (i) => columns.cost(i)));
  if (filter.billedMinutes != null) checks.push(decimalCheck(filter.billedMinutes, columns.billedMicros, (i) => columns.billedMinutes(i)));
  return checks;
}

/**
 * Exact comparison: in micro-units when the row and the bound both fit them (the usual case, one
 * machine comparison), through Decimal otherwise. Never through a float of the decimal text.
 */
function decimalCheck(bounds: Bounds<DecimalText>, micros: Float64Array, text: (i: number) => DecimalText | null): RowCheck {
  const bound = (value: DecimalText | null | undefined) =>
    value == null ? null : { micros: toMicros(new Decimal(value).toFixed()), exact: new Decimal(value) };
  const min = bound(bounds.min);
  const max = bound(bounds.max);
  /** Sign of (row − bound). */
  const compare = (i: number, to: NonNullable<typeof min>): number => {
    const row = micros[i]!;
    if (!Number.isNaN(row) && !Number.isNaN(to.micros)) return Math.sign(row - to.micros);
    return new Decimal(text(i)!).comparedTo(to.exact);
  };
  return (i) => {
    if (Number.isNaN(micros[i]!) && text(i) === null) return false;
    return (min === null || compare(i, min) >= 0) && (max === null || compare(i, max) <= 0);
  };
}
