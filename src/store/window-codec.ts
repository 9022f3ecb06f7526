import { crc32 } from 'node:zlib';
import { CallColumns } from '../domain/columns/call-columns.js';
import {
  CATEGORICAL_FIELDS, NUMBER_COLUMN_NAMES, NUMBER_COLUMNS, textsOf,
  type CategoricalField, type ColumnParts, type NumberColumns, type TextColumns,
} from '../domain/columns/column-table.js';
import type { DecimalText } from '../domain/model/decimal.js';
import { WindowSummary } from '../domain/summary/window-summary.js';
import type { UnreadableRow, WindowData } from '../feed/window-store.js';
import type { TimeRange } from '../domain/time/time-range.js';

/**
 * The stored form of one window, shared by every durable tier (disk, Redis):
 *
 *     0  magic "CDRW"
 *     4  format version (u16)      6  reserved (u16, 0)
 *     8  CRC-32 of the body (u32) 12  body length (u32)
 *    16  body: text length (u32), text (UTF-8 JSON: window, fetchedAt, provisional, text columns, string tables,
 *        exact decimals, id overrides, unreadable rows), zero padding to 8 bytes, then the number
 *        columns as raw little-endian arrays in column-table.ts's order (date, cost, billed: f64;
 *        duration: u32; type: u8), then each categorical field's codes (u8/u16/u32, width in the text).
 *
 * Numbers stay typed arrays (copied, not parsed); text is one JSON document because V8 reads an array
 * of strings from JSON faster than from any hand-made layout. The summary is not stored: rebuilding it
 * is one pass over the columns, cheaper than keeping every accumulator's format stable.
 * Any change to this layout bumps FORMAT_VERSION; a stored window of another version is refetched.
 */
export const FORMAT_VERSION = 2;

const MAGIC = 0x57524443; // "CDRW" read as a little-endian u32
const HEADER_BYTES = 16;

/** Why stored bytes were not served. */
export type UnreadableReason = 'format' | 'version' | 'checksum' | 'content';

export class StoredWindowError extends Error {
  override name = 'StoredWindowError';

  constructor(readonly reason: UnreadableReason, message: string) {
    super(message);
  }
}

interface TextPart extends TextColumns {
  readonly from: number;
  readonly to: number;
  readonly fetchedAt: number;
  /** Fetches in a row that had unreadable rows, the window to be asked for again; absent when final (`true`: one, as earlier versions wrote it). */
  readonly provisional?: number | true;
  readonly length: number;
  readonly tables: Readonly<Record<CategoricalField, readonly (string | null)[]>>;
  readonly codeBytes: Readonly<Record<CategoricalField, 1 | 2 | 4>>;
  readonly exactText: readonly [string, string][];
  readonly idOverrides: readonly [number, string][];
  readonly unreadable: readonly UnreadableRow[];
}

export function encodeWindow(data: WindowData): Uint8Array {
  const parts = data.columns.parts();
  const text: TextPart = {
    from: data.window.from,
    to: data.window.to,
    fetchedAt: data.fetchedAt,
    ...(data.provisional && { provisional: data.provisional }),
    length: data.columns.length,
    ...textsOf(parts),
    tables: parts.tableValues,
    codeBytes: Object.fromEntries(CATEGORICAL_FIELDS.map((field) => [field, parts.codes[field].BYTES_PER_ELEMENT])) as TextPart['codeBytes'],
    exactText: [...parts.exactText],
    idOverrides: [...parts.idOverrides],
    unreadable: data.unreadable,
  };
  const textBytes = Buffer.from(JSON.stringify(text), 'utf8');
  const arrays: ArrayBufferView[] = [...NUMBER_COLUMN_NAMES.map((column) => parts[column]), ...CATEGORICAL_FIELDS.map((field) => parts.codes[field])];
  const textEnd = align8(4 + textBytes.length);
  const bodyLength = textEnd + arrays.reduce((sum, array) => sum + array.byteLength, 0);
  const out = Buffer.alloc(HEADER_BYTES + bodyLength);
  const body = out.subarray(HEADER_BYTES);
  body.writeUInt32LE(textBytes.length, 0);
  textBytes.copy(body, 4);
  let offset = textEnd;
  for (const array of arrays) {
    body.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    offset += array.byteLength;
  }
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt16LE(FORMAT_VERSION, 4);
  out.writeUInt32LE(crc32(body), 8);
  out.writeUInt32LE(bodyLength, 12);
  return out;
}

/** The window stored in `bytes`; throws StoredWindowError when they are not a whole, current, intact window. */
export function decodeWindow(bytes: Uint8Array): WindowData {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < HEADER_BYTES || buffer.readUInt32LE(0) !== MAGIC || buffer.readUInt16LE(6) !== 0) throw new StoredWindowError('format', 'not a stored window');
  const version = buffer.readUInt16LE(4);
  if (version !== FORMAT_VERSION) throw new StoredWindowError('version', `stored in format ${version}, this server reads ${FORMAT_VERSION}`);
  const body = buffer.subarray(HEADER_BYTES);
  if (body.length !== buffer.readUInt32LE(12)) throw new StoredWindowError('format', 'length does not match (a partial write?)');
  if (crc32(body) !== buffer.readUInt32LE(8)) throw new StoredWindowError('checksum', 'checksum does not match');
  try {
    return readBody(body);
  } catch (error) {
    // Reached only if a bug wrote a wrong but checksummed body: still never served.
    throw new StoredWindowError('content', `unreadable content: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `window`'s data from `bytes`; throws StoredWindowError as decodeWindow does, or when they hold another window. */
export function decodeWindowFor(window: TimeRange, bytes: Uint8Array): WindowData {
  const data = decodeWindow(bytes);
  if (data.window.from !== window.from || data.window.to !== window.to) throw new StoredWindowError('content', 'holds another window');
  return data;
}

function readBody(body: Buffer): WindowData {
  const textLength = body.readUInt32LE(0);
  const text = JSON.parse(body.toString('utf8', 4, 4 + textLength)) as TextPart;
  const n = text.length;
  let offset = align8(4 + textLength);
  const take = <T extends ArrayBufferView>(make: (length: number) => T, count: number): T => {
    const array = make(count);
    const target = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    if (offset + target.length > body.length) throw new Error('column runs past the end');
    target.set(body.subarray(offset, offset + target.length));
    offset += target.length;
    return array;
  };
  const numbers = Object.fromEntries(NUMBER_COLUMN_NAMES.map((column) => [column, take((count) => new NUMBER_COLUMNS[column](count), n)])) as unknown as NumberColumns;
  const codes = Object.fromEntries(CATEGORICAL_FIELDS.map((field) => [field, take(codesOfWidth(text.codeBytes[field]), n)])) as ColumnParts['codes'];
  if (offset !== body.length || text.connId.length !== n) throw new Error('column lengths do not add up');
  const columns = CallColumns.fromParts({
    ...numbers,
    ...textsOf(text),
    codes,
    tableValues: text.tables,
    exactText: new Map(text.exactText as [string, DecimalText][]),
    idOverrides: new Map(text.idOverrides),
  });
  return {
    window: { from: text.from, to: text.to },
    columns,
    summary: WindowSummary.of(columns),
    unreadable: text.unreadable,
    fetchedAt: text.fetchedAt,
    ...(text.provisional && { provisional: text.provisional === true ? 1 : text.provisional }),
  };
}

function codesOfWidth(bytes: number): (count: number) => Uint8Array | Uint16Array | Uint32Array {
  if (bytes === 1) return (count) => new Uint8Array(count);
  if (bytes === 2) return (count) => new Uint16Array(count);
  if (bytes === 4) return (count) => new Uint32Array(count);
  throw new Error(`no code width of ${bytes} bytes`);
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;
