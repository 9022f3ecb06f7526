import { crc32 } from 'node:zlib';
import { combinationKey } from '../domain/grouping/combination-rows.js';
import { CATEGORICAL_DIMENSIONS, type CategoricalDimension } from '../domain/grouping/dimensions.js';
import { LegTotals, type StoredTotals } from '../domain/stats/call-stats.js';
import { DurationProfile, type DurationProfiles } from '../domain/stats/duration-profile.js';
import { Directory, type StoredDirectory } from '../domain/summary/directory.js';
import { WindowSummary, type CombinationTotals, type StoredTable } from '../domain/summary/window-summary.js';
import type { TimeRange } from '../domain/time/time-range.js';
import type { DayRollup, UnreadableRow } from '../feed/window-store.js';
import { StoredWindowError } from './window-codec.js';

/**
 * The stored form of one day's roll-up (its windows' summaries merged), beside the windows in every
 * durable tier (disk, Redis), with the same header as a stored window but its own magic:
 *
 *     0  magic "CDRD"
 *     4  format version (u16)      6  reserved (u16, 0)
 *     8  CRC-32 of the body (u32) 12  body length (u32)
 *    16  body: text length (u32), text (UTF-8 JSON: the day, how many windows, their oldest fetch, their
 *        unreadable rows, the directory, the overall totals, the totals of each dimension summarized,
 *        the tables of combinations derived), zero padding to 8 bytes, then each duration-profile table
 *        derived, as raw little-endian arrays per profile: distinct seconds (u32, padded to 8 bytes),
 *        then legs, cost and billed micro-units per second (f64).
 *
 * Totals are small (a day has some hundred) and parsed when the roll-up is read; profiles are large (a
 * day by destination is about 200 KB) and decoded when a report first asks for their table. What a
 * roll-up holds is what reports asked of that day so far: a report that needs more attaches the day's
 * windows and derives it, and the roll-up is stored again. Any change to this layout bumps
 * ROLLUP_FORMAT_VERSION; a stored roll-up of another version, or one that fails its checksum, is never
 * served: the day's windows are read instead and the roll-up made again.
 */
export const ROLLUP_FORMAT_VERSION = 1;

const MAGIC = 0x44524443; // "CDRD" read as a little-endian u32
const HEADER_BYTES = 16;

type StoredCells = readonly (readonly [readonly (string | null)[], StoredTotals])[];

interface ProfileTable {
  readonly dimensions: readonly CategoricalDimension[];
  /** Offset of its first array in the body, and the bytes of all its arrays. */
  readonly offset: number;
  readonly bytes: number;
  /** Each profile's combinationKey and distinct seconds; null when the table is null (amounts beyond micro-units). */
  readonly profiles: readonly (readonly [string, number])[] | null;
}

interface TextPart {
  readonly from: number;
  readonly to: number;
  readonly windows: number;
  readonly fetchedAt: number;
  readonly unreadable: readonly UnreadableRow[];
  readonly directory: StoredDirectory;
  readonly total: StoredTotals;
  readonly byDimension: readonly (readonly [CategoricalDimension, readonly (readonly [string | null, StoredTotals])[]])[];
  readonly tables: readonly (readonly [readonly CategoricalDimension[], StoredCells])[];
  readonly profiles: readonly ProfileTable[];
}

export function encodeRollup(rollup: DayRollup): Uint8Array {
  const content = rollup.summary.content();
  const arrays: ArrayBufferView[] = [];
  const profiles: ProfileTable[] = [];
  const tables: [readonly CategoricalDimension[], StoredCells][] = [];
  let offset = 0;
  for (const table of content.tables) {
    if (table.kind === 'totals') {
      tables.push([table.dimensions, [...table.cells.values()].map((cell) => [cell.values, cell.totals.stored()] as const)]);
      continue;
    }
    const start = offset;
    const entries: [string, number][] = [];
    for (const [key, profile] of table.profiles ?? []) {
      const sums = profile.sums();
      const n = sums.seconds.length;
      entries.push([key, n]);
      arrays.push(sums.seconds);
      if (n % 2 === 1) arrays.push(new Uint32Array(1));
      arrays.push(sums.counts, sums.costMicros, sums.billedMicros);
      offset += align8(4 * n) + 3 * 8 * n;
    }
    profiles.push({ dimensions: table.dimensions, offset: start, bytes: offset - start, profiles: table.profiles === null ? null : entries });
  }
  const text: TextPart = {
    from: rollup.window.from,
    to: rollup.window.to,
    windows: rollup.windows,
    fetchedAt: rollup.fetchedAt,
    unreadable: rollup.unreadable,
    directory: content.directory.stored(),
    total: content.total.stored(),
    byDimension: [...content.byDimension].map(([dimension, byValue]) => [dimension, [...byValue].map(([value, totals]) => [value, totals.stored()] as const)]),
    tables,
    profiles,
  };
  const textBytes = Buffer.from(JSON.stringify(text), 'utf8');
  const textEnd = align8(4 + textBytes.length);
  const out = Buffer.alloc(HEADER_BYTES + textEnd + offset);
  const body = out.subarray(HEADER_BYTES);
  body.writeUInt32LE(textBytes.length, 0);
  textBytes.copy(body, 4);
  let at = textEnd;
  for (const array of arrays) {
    body.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += array.byteLength;
  }
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt16LE(ROLLUP_FORMAT_VERSION, 4);
  out.writeUInt32LE(crc32(body), 8);
  out.writeUInt32LE(body.length, 12);
  return out;
}

/** The roll-up of `day` stored in `bytes`; throws StoredWindowError when they are not a whole, current, intact roll-up of that day. */
export function decodeRollupFor(day: TimeRange, bytes: Uint8Array): DayRollup {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < HEADER_BYTES || buffer.readUInt32LE(0) !== MAGIC || buffer.readUInt16LE(6) !== 0) throw new StoredWindowError('format', 'not a stored roll-up');
  const version = buffer.readUInt16LE(4);
  if (version !== ROLLUP_FORMAT_VERSION) throw new StoredWindowError('version', `roll-up stored in format ${version}, this server reads ${ROLLUP_FORMAT_VERSION}`);
  const body = buffer.subarray(HEADER_BYTES);
  if (body.length !== buffer.readUInt32LE(12)) throw new StoredWindowError('format', 'length does not match (a partial write?)');
  if (crc32(body) !== buffer.readUInt32LE(8)) throw new StoredWindowError('checksum', 'checksum does not match');
  let rollup: DayRollup;
  try {
    rollup = readBody(body);
  } catch (error) {
    throw new StoredWindowError('content', `unreadable roll-up: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (rollup.window.from !== day.from || rollup.window.to !== day.to) throw new StoredWindowError('content', 'holds another day');
  return rollup;
}

function readBody(body: Buffer): DayRollup {
  const textLength = body.readUInt32LE(0);
  const text = JSON.parse(body.toString('utf8', 4, 4 + textLength)) as TextPart;
  const binary = body.subarray(align8(4 + textLength));
  const byDimension = new Map<CategoricalDimension, Map<string | null, LegTotals>>();
  for (const [dimension, values] of text.byDimension) {
    if (!CATEGORICAL_DIMENSIONS.includes(dimension)) throw new Error(`no dimension ${String(dimension)}`);
    byDimension.set(dimension, new Map(values.map(([value, totals]) => [value, LegTotals.fromStored(totals)])));
  }
  const tables: StoredTable[] = text.tables.map(([dimensions, cells]) => ({ kind: 'totals' as const, dimensions, cells: cellsOf(cells) }));
  for (const table of text.profiles) {
    if (table.offset + table.bytes > binary.length) throw new Error('profiles run past the end');
    tables.push({ kind: 'durations', dimensions: table.dimensions, bytes: table.bytes, read: () => readProfiles(binary, table) });
  }
  const summary = WindowSummary.restored({ total: LegTotals.fromStored(text.total), directory: Directory.fromStored(text.directory), byDimension, tables });
  return { window: { from: text.from, to: text.to }, windows: text.windows, fetchedAt: text.fetchedAt, unreadable: text.unreadable, summary };
}

function cellsOf(cells: StoredCells): Map<string, CombinationTotals> {
  const byKey = new Map<string, CombinationTotals>();
  for (const [values, totals] of cells) {
    const key = combinationKey(values);
    byKey.set(key, { key, values, totals: LegTotals.fromStored(totals) });
  }
  return byKey;
}

/** One profile table, copied out of the stored bytes (typed arrays need aligned memory of their own). */
function readProfiles(binary: Buffer, table: ProfileTable): DurationProfiles {
  if (table.profiles === null) return null;
  const profiles = new Map<string, DurationProfile>();
  let at = table.offset;
  const take = <T extends Uint32Array | Float64Array>(array: T, padded: number): T => {
    new Uint8Array(array.buffer).set(binary.subarray(at, at + array.byteLength));
    at += padded;
    return array;
  };
  for (const [key, n] of table.profiles) {
    const seconds = take(new Uint32Array(n), align8(4 * n));
    const counts = take(new Float64Array(n), 8 * n);
    const costMicros = take(new Float64Array(n), 8 * n);
    const billedMicros = take(new Float64Array(n), 8 * n);
    profiles.set(key, DurationProfile.fromSums({ seconds, counts, costMicros, billedMicros }));
  }
  return profiles;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;
