import { callId } from '../model/call-id.js';
import { INTERACTION_TYPES, type CallRecord, type InteractionType } from '../model/call-record.js';
import type { DecimalText } from '../model/decimal.js';
import { microsToText } from '../model/money.js';
import { partitionPoint } from '../util/partition-point.js';
import {
  CATEGORICAL_FIELDS, legColumns, NUMBER_COLUMN_NAMES, numberColumns, TEXT_COLUMN_NAMES, textColumns,
  type CategoricalField, type Codes, type ColumnParts, type NumberColumn, type NumberColumns, type TextColumns,
} from './column-table.js';
import { packCodes, StringTable } from './string-table.js';

/** Some legs of a CallColumns (a window's, an answer's), by row number, in the order wanted. */
export interface LegPick {
  readonly columns: CallColumns;
  readonly rows: ArrayLike<number> & Iterable<number>;
}

/** Per categorical field, the code each source code got in the tables being built, valid where its stamp is the gather's. */
interface Recoding {
  stamp: number;
  readonly fields: readonly { readonly codes: Uint32Array; readonly stamps: Uint32Array }[];
}

/** The indices `[from, to)`. */
export function rowRange(from: number, to: number): Uint32Array {
  const rows = new Uint32Array(Math.max(0, to - from));
  for (let i = 0; i < rows.length; i += 1) rows[i] = from + i;
  return rows;
}

/**
 * One window's calls, stored by column: numbers in typed arrays, repeated text as dictionary codes,
 * ids derived from the instant and `conn_id`. About a quarter of the memory of one object per call
 * (see `npm run bench`), and scans read only the columns they need. Rows are in (date, id) order.
 * A CallRecord is built only for a call that is actually returned.
 */
export class CallColumns implements NumberColumns, TextColumns {
  readonly length: number;
  // The columns of column-table.ts, as fields of their own: scans read them in their hot loops.
  readonly date: Float64Array;
  readonly costMicros: Float64Array;
  readonly billedMicros: Float64Array;
  readonly durationSeconds: Uint32Array;
  readonly type: Uint8Array;
  readonly connId: readonly string[];
  readonly telephone: readonly (string | null)[];
  readonly customerId: readonly (string | null)[];
  readonly codes: Readonly<Record<CategoricalField, Codes>>;
  readonly tables: Readonly<Record<CategoricalField, StringTable>>;
  private readonly exactText: ReadonlyMap<string, DecimalText>;
  private readonly idOverrides: ReadonlyMap<number, string>;
  /** Scratch of `gather` when these columns are gathered from (an answer cut into windows). */
  private recoding: Recoding | undefined;

  private constructor(parts: ColumnParts) {
    this.length = parts.date.length;
    this.date = parts.date;
    this.costMicros = parts.costMicros;
    this.billedMicros = parts.billedMicros;
    this.durationSeconds = parts.durationSeconds;
    this.type = parts.type;
    this.connId = parts.connId;
    this.telephone = parts.telephone;
    this.customerId = parts.customerId;
    this.codes = parts.codes;
    this.tables = Object.fromEntries(CATEGORICAL_FIELDS.map((field) => [field, StringTable.of(parts.tableValues[field])])) as Record<CategoricalField, StringTable>;
    this.exactText = parts.exactText;
    this.idOverrides = parts.idOverrides;
  }

  /**
   * The rows each pick lists, in that order, as columns of their own: text re-coded into tables of
   * just the values these rows use (a window keeps its own small dictionaries, not its answer's), and
   * only as many hashes as there are distinct values per pick.
   */
  static gather(picks: readonly LegPick[]): CallColumns {
    let n = 0;
    for (const pick of picks) n += pick.rows.length;
    const numbers = numberColumns(n);
    const texts = textColumns(n);
    const exactText = new Map<string, DecimalText>();
    const idOverrides = new Map<number, string>();
    const tables = CATEGORICAL_FIELDS.map(() => new StringTable());
    const gathered = CATEGORICAL_FIELDS.map(() => new Uint32Array(n));
    let k = 0;
    for (const { columns, rows } of picks) {
      const run = firstOfRun(rows);
      for (const column of NUMBER_COLUMN_NAMES) copyNumbers(numbers[column], columns[column], rows, k, run);
      for (const column of TEXT_COLUMN_NAMES) copyTexts(texts[column], columns[column], rows, k);
      const sourceCodes = CATEGORICAL_FIELDS.map((field) => columns.codes[field]);
      const sourceValues = CATEGORICAL_FIELDS.map((field) => columns.tables[field].values);
      const recoding = columns.recodingFor();
      const exact = columns.exactText.size > 0;
      const overridden = columns.idOverrides.size > 0;
      for (let r = 0; r < rows.length; r += 1, k += 1) {
        const i = rows[r]!;
        if (exact) {
          const cost = columns.exactText.get(`cost:${i}`);
          if (cost !== undefined) exactText.set(`cost:${k}`, cost);
          const billed = columns.exactText.get(`billed:${i}`);
          if (billed !== undefined) exactText.set(`billed:${k}`, billed);
        }
        if (overridden) {
          const id = columns.idOverrides.get(i);
          if (id !== undefined) idOverrides.set(k, id);
        }
        for (let f = 0; f < CATEGORICAL_FIELDS.length; f += 1) {
          const code = sourceCodes[f]![i]!;
          const { codes, stamps } = recoding.fields[f]!;
          if (stamps[code] !== recoding.stamp) {
            stamps[code] = recoding.stamp;
            codes[code] = tables[f]!.code(sourceValues[f]![code]!);
          }
          gathered[f]![k] = codes[code]!;
        }
      }
    }
    const codes = Object.fromEntries(CATEGORICAL_FIELDS.map((field, f) => [field, packCodes(gathered[f]!, tables[f]!.values.length)])) as Record<CategoricalField, Codes>;
    const tableValues = Object.fromEntries(CATEGORICAL_FIELDS.map((field, f) => [field, tables[f]!.values])) as Record<CategoricalField, (string | null)[]>;
    return new CallColumns({ ...numbers, ...texts, codes, tableValues, exactText, idOverrides });
  }

  /**
   * Where one gather notes the code each of these columns' codes gets in the tables it builds: kept
   * with these columns and told apart by a stamp per gather, so that cutting an answer into windows
   * costs no allocation per window the size of the answer's dictionaries (free-text comments can make
   * them as long as the answer).
   */
  private recodingFor(): Recoding {
    const recoding = (this.recoding ??= {
      stamp: 0,
      fields: CATEGORICAL_FIELDS.map((field) => ({ codes: new Uint32Array(this.tables[field].values.length), stamps: new Uint32Array(this.tables[field].values.length) })),
    });
    recoding.stamp += 1;
    return recoding;
  }

  /** Rows `[from, to)` as columns of their own (a window's share of a longer answer). */
  slice(from: number, to: number): CallColumns {
    return CallColumns.gather([{ columns: this, rows: rowRange(from, to) }]);
  }

  /** Index of the first row at or after `instant` (rows are in date order). */
  rowAt(instant: number): number {
    return partitionPoint(this.length, (i) => this.date[i]! < instant);
  }

  /** Columns stored earlier (parts as `parts()` gave them); trusted as they are, the store having checked them. */
  static fromParts(parts: ColumnParts): CallColumns {
    return new CallColumns(parts);
  }

  parts(): ColumnParts {
    const tableValues = Object.fromEntries(CATEGORICAL_FIELDS.map((field) => [field, this.tables[field].values])) as Record<CategoricalField, (string | null)[]>;
    const { codes, exactText, idOverrides } = this;
    return { ...legColumns(this), codes, tableValues, exactText, idOverrides };
  }

  id(i: number): string {
    return this.idOverrides.get(i) ?? callId(this.date[i]!, this.connId[i]!);
  }

  text(field: CategoricalField, i: number): string | null {
    return this.tables[field].value(this.codes[field][i]!);
  }

  interactionType(i: number): InteractionType {
    return INTERACTION_TYPES[this.type[i]!]!;
  }

  /** The exact cost text of a row whose cost does not fit micro-units. */
  exactCost(i: number): DecimalText {
    return this.exactText.get(`cost:${i}`)!;
  }

  /** The exact billed minutes of a row, or null when wolkvox sent none. */
  billedMinutes(i: number): DecimalText | null {
    const micros = this.billedMicros[i]!;
    return Number.isNaN(micros) ? (this.exactText.get(`billed:${i}`) ?? null) : microsToText(micros);
  }

  cost(i: number): DecimalText {
    const micros = this.costMicros[i]!;
    return Number.isNaN(micros) ? this.exactCost(i) : microsToText(micros);
  }

  record(i: number): CallRecord {
    return {
      id: this.id(i),
      connId: this.connId[i]!,
      date: this.date[i]!,
      destiny: this.text('destiny', i),
      telephone: this.telephone[i]!,
      cost: this.cost(i),
      durationSeconds: this.durationSeconds[i]!,
      billedMinutes: this.billedMinutes(i),
      codAct: this.text('codAct', i),
      codAct2: this.text('codAct2', i),
      descriptionCodAct: this.text('descriptionCodAct', i),
      descriptionCodAct2: this.text('descriptionCodAct2', i),
      type: this.interactionType(i),
      typeRaw: this.text('typeRaw', i) ?? '',
      customerId: this.customerId[i]!,
      hangUp: this.text('hangUp', i),
      comment: this.text('comment', i),
      agentId: this.text('agentId', i),
      agentName: this.text('agentName', i),
      campaignId: this.text('campaignId', i),
      skillId: this.text('skillId', i),
      skillName: this.text('skillName', i),
    };
  }
}

/** `rows[0]` when `rows` are consecutive legs (a window's share of an answer): then number columns are copied whole. */
function firstOfRun(rows: ArrayLike<number>): number {
  for (let r = 1; r < rows.length; r += 1) if (rows[r] !== rows[r - 1]! + 1) return -1;
  return rows.length > 0 ? rows[0]! : -1;
}

/** Legs `rows` of `source` to `target`, from leg `at` on (`run`: as firstOfRun gave it). */
function copyNumbers(target: NumberColumns[NumberColumn], source: NumberColumns[NumberColumn], rows: ArrayLike<number>, at: number, run: number): void {
  if (run >= 0) target.set(source.subarray(run, run + rows.length), at);
  else for (let r = 0; r < rows.length; r += 1) target[at + r] = source[rows[r]!]!;
}

function copyTexts(target: (string | null)[], source: readonly (string | null)[], rows: ArrayLike<number>, at: number): void {
  for (let r = 0; r < rows.length; r += 1) target[at + r] = source[rows[r]!]!;
}
