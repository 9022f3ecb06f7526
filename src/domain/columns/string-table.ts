/**
 * Dictionary encoding for a column of repeated text (agent names, codes, destinations…): each
 * distinct value is kept once and rows hold a small integer. Code 0 is null.
 */
export class StringTable {
  private readonly codes = new Map<string, number>();
  readonly values: (string | null)[] = [null];

  code(value: string | null): number {
    if (value === null) return 0;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  /** A table holding `values` under their codes (index 0 must be null), as `values` gave them. */
  static of(values: readonly (string | null)[]): StringTable {
    const table = new StringTable();
    for (let code = 1; code < values.length; code += 1) table.code(values[code]!);
    return table;
  }

  value(code: number): string | null {
    return this.values[code] ?? null;
  }
}

/** The smallest typed array that holds `codes`. */
export function packCodes(codes: ArrayLike<number>, distinct: number): Uint8Array | Uint16Array | Uint32Array {
  if (distinct <= 0x100) return Uint8Array.from(codes);
  if (distinct <= 0x10000) return Uint16Array.from(codes);
  return Uint32Array.from(codes);
}
