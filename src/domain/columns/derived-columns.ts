import type { CallColumns } from './call-columns.js';
import { countryOf } from '../model/phone-country.js';
import { packCodes, StringTable } from './string-table.js';

/** A column worked out from stored ones: codes per row, and the dictionary of their values. */
export interface DerivedColumn {
  readonly codes: ArrayLike<number>;
  readonly distinct: number;
  readonly table: StringTable;
  valueOf(code: number): string | null;
}

/**
 * Kept beside each window's columns for as long as they live, and never stored: a derived column is
 * cheaper to recompute than to carry through the durable tiers and their format versions.
 */
const countries = new WeakMap<CallColumns, DerivedColumn>();

/** Each row's country (phone-country.ts), parsed once per distinct telephone of the window. */
export function countryCodes(columns: CallColumns): DerivedColumn {
  let column = countries.get(columns);
  if (!column) {
    const table = new StringTable();
    const byTelephone = new Map<string | null, number>();
    const codes = new Array<number>(columns.length);
    for (let i = 0; i < columns.length; i += 1) {
      const telephone = columns.telephone[i]!;
      let code = byTelephone.get(telephone);
      if (code === undefined) byTelephone.set(telephone, (code = table.code(countryOf(telephone))));
      codes[i] = code;
    }
    const packed = packCodes(codes, table.values.length);
    column = { codes: packed, distinct: table.values.length, table, valueOf: (code) => table.value(code) };
    countries.set(columns, column);
  }
  return column;
}
