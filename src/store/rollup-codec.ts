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
 *     8  CRC-32 of the header and sections (u32)   12  body length (u32)
 *    16  body: header length (u32), header (UTF-8 JSON: the day, how many windows, their oldest fetch,
 *        their unreadable rows, the overall totals, and where each section lies), the sections (each
 *        UTF-8 JSON: the directory, the totals of each dimension summarized, each table of combinations
 *        derived), zero padding to 8 bytes, then each duration-profile table derived, as raw
 *        little-endian arrays per profile: distinct seconds (u32, padded to 8 bytes), then legs, cost and
 *        billed micro-units per second (f64).
 *
 * The header's checksum covers the header and sections; each profile table has its own, in the header,
 * checked when the table is first decoded: a restart checks a year of roll-ups without reading their
 * profiles (a day by destination is about 150 KB of them at 20,000 legs a day). Only the
 * header is parsed when a roll-up is read; each section when a report first asks for it (a year by
 * campaign parses 365 campaign sections, not every dimension). A profile table whose checksum fails is
 * not served: the summary lets go of it, the report reads the day's legs instead, and `damaged` is
 * told. What a
 * roll-up holds is what reports asked of that day so far: a report that needs more attaches the day's
 * windows and derives it, and the roll-up is stored again. Any change to this layout bumps
 * ROLLUP_FORMAT_VERSION; a stored roll-up of another version, or one that fails its checksum, is never
 * served: the day's windows are read instead and the roll-up made again.
 */
export const ROLLUP_FORMAT_VERSION = 2;

const MAGIC = 0x44524443; // "CDRD" read as a little-endian u32
const HEADER_BYTES = 16;

type StoredCells = readonly (readonly [readonly (string | null)[], StoredTotals])[];
/** Where a section's JSON lies in the body, and how many entries it holds (for the heap estimate before it is read). */
type Section = readonly [offset: number, length: number, entries: number];

interface ProfileTable {
  readonly dimensions: readonly CategoricalDimension[];
  /** Offset of its first array in the body, and the bytes of all its arrays. */
  readonly offset: number;
  readonly bytes: number;
  /** Each profile's combinationKey and distinct seconds; null when the table is null (amounts beyond micro-units). */
  readonly profiles: readonly (readonly [string, number])[] | null;
  /** CRC-32 of its arrays. */
  readonly crc: number;
}

interface Header {
  readonly from: number;
  readonly to: number;
  readonly windows: number;
  readonly fetchedAt: number;
  readonly unreadable: readonly UnreadableRow[];
  readonly total: StoredTotals;
  readonly directory: Section;
  readonly byDimension: readonly (readonly [CategoricalDimension, Section])[];
  readonly tables: readonly (readonly [readonly CategoricalDimension[], Section])[];
  readonly profiles: readonly ProfileTable[];
}

export function encodeRollup(rollup: DayRollup): Uint8Array {
  const content = rollup.summary.content();
  const sections: Buffer[] = [];
  let sectionBytes = 0;
  const section = (value: unknown, entries: number): Section => {
    const bytes = Buffer.from(JSON.stringify(value), 'utf8');
    sections.push(bytes);
    sectionBytes += bytes.length;
    return [sectionBytes - bytes.length, bytes.length, entries];
  };
  const stored = content.directory.stored();
  const directory = section(stored, stored.agents.length + stored.campaigns.length + stored.skills.length);
  const byDimension = [...content.byDimension].map(([dimension, byValue]) => [dimension, section([...byValue].map(([value, totals]) => [value, totals.stored()]), byValue.size)] as const);
  const tables: (readonly [readonly CategoricalDimension[], Section])[] = [];
  const profileTables: { dimensions: readonly CategoricalDimension[]; profiles: DurationProfiles }[] = [];
  for (const table of content.tables) {
    if (table.kind === 'durations') profileTables.push(table);
    else {
      const cells: StoredCells = [...table.cells.values()].map((cell) => [cell.values, cell.totals.stored()]);
      tables.push([table.dimensions, section(cells, cells.length)]);
    }
  }
  const binaries = profileTables.map(({ profiles }) => profileBytes(profiles));
  let offset = 0;
  const profiles: ProfileTable[] = profileTables.map(({ dimensions, profiles: table }, t) => {
    const { bytes, entries } = binaries[t]!;
    offset += bytes.length;
    return { dimensions, offset: offset - bytes.length, bytes: bytes.length, profiles: table === null ? null : entries, crc: crc32(bytes) };
  });
  const header: Header = {
    from: rollup.window.from,
    to: rollup.window.to,
    windows: rollup.windows,
    fetchedAt: rollup.fetchedAt,
    unreadable: rollup.unreadable,
    total: content.total.stored(),
    directory,
    byDimension,
    tables,
    profiles,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const textEnd = 4 + headerBytes.length + sectionBytes;
  const binaryStart = align8(textEnd);
  const out = Buffer.alloc(HEADER_BYTES + binaryStart + offset);
  const body = out.subarray(HEADER_BYTES);
  body.writeUInt32LE(headerBytes.length, 0);
  headerBytes.copy(body, 4);
  let at = 4 + headerBytes.length;
  for (const bytes of sections) at += bytes.copy(body, at);
  at = binaryStart;
  for (const { bytes } of binaries) at += bytes.copy(body, at);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt16LE(ROLLUP_FORMAT_VERSION, 4);
  out.writeUInt32LE(crc32(body.subarray(0, textEnd)), 8);
  out.writeUInt32LE(body.length, 12);
  return out;
}

/** One profile table's arrays, each profile's seconds (padded to 8 bytes) then its legs, cost and billed per second. */
function profileBytes(table: DurationProfiles): { bytes: Buffer; entries: [string, number][] } {
  const entries: [string, number][] = [];
  const arrays: ArrayBufferView[] = [];
  for (const [key, profile] of table ?? []) {
    const sums = profile.sums();
    const n = sums.seconds.length;
    entries.push([key, n]);
    arrays.push(sums.seconds);
    if (n % 2 === 1) arrays.push(new Uint32Array(1));
    arrays.push(sums.counts, sums.costMicros, sums.billedMicros);
  }
  return { bytes: Buffer.concat(arrays.map((array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength))), entries };
}

/**
 * The roll-up of `day` stored in `bytes` (kept: its profiles are decoded from them when first used);
 * throws StoredWindowError when they are not a whole, current, intact roll-up of that day. `damaged`
 * is told when a profile table later fails its own checksum (the roll-up should be dropped and made again).
 */
export function decodeRollupFor(day: TimeRange, bytes: Uint8Array, damaged: () => void): DayRollup {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < HEADER_BYTES + 4 || view.readUInt32LE(0) !== MAGIC || view.readUInt16LE(6) !== 0) throw new StoredWindowError('format', 'not a stored roll-up');
  const version = view.readUInt16LE(4);
  if (version !== ROLLUP_FORMAT_VERSION) throw new StoredWindowError('version', `roll-up stored in format ${version}, this server reads ${ROLLUP_FORMAT_VERSION}`);
  if (view.length - HEADER_BYTES !== view.readUInt32LE(12)) throw new StoredWindowError('format', 'length does not match (a partial write?)');
  let rollup: DayRollup;
  try {
    const headerLength = view.readUInt32LE(HEADER_BYTES);
    const header = JSON.parse(view.toString('utf8', HEADER_BYTES + 4, HEADER_BYTES + 4 + headerLength)) as Header;
    const textEnd = 4 + headerLength + sectionsLength(header);
    if (HEADER_BYTES + textEnd > view.length) throw new Error('sections run past the end');
    const body = view.subarray(HEADER_BYTES);
    if (crc32(body.subarray(0, textEnd)) !== view.readUInt32LE(8)) throw new StoredWindowError('checksum', 'checksum does not match');
    rollup = readBody(body, header, align8(textEnd), damaged);
  } catch (error) {
    if (error instanceof StoredWindowError) throw error;
    throw new StoredWindowError(error instanceof SyntaxError ? 'checksum' : 'content', `unreadable roll-up: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (rollup.window.from !== day.from || rollup.window.to !== day.to) throw new StoredWindowError('content', 'holds another day');
  return rollup;
}

const sectionsLength = (header: Header) =>
  header.directory[1] + header.byDimension.reduce((sum, [, [, length]]) => sum + length, 0) + header.tables.reduce((sum, [, [, length]]) => sum + length, 0);

/** The header, parsed already; sections (checked) and profiles (checked then) read from `text` when first asked for. */
function readBody(text: Buffer, header: Header, binaryStart: number, damaged: () => void): DayRollup {
  const sectionsStart = 4 + text.readUInt32LE(0);
  const parse = <T>([offset, length]: Section): T => JSON.parse(text.toString('utf8', sectionsStart + offset, sectionsStart + offset + length)) as T;
  const byDimension = new Map<CategoricalDimension, { read: () => Map<string | null, LegTotals>; size: number }>();
  for (const [dimension, section] of header.byDimension) {
    if (!CATEGORICAL_DIMENSIONS.includes(dimension)) throw new Error(`no dimension ${String(dimension)}`);
    const read = () => new Map(parse<readonly (readonly [string | null, StoredTotals])[]>(section).map(([value, totals]) => [value, LegTotals.fromStored(totals)]));
    byDimension.set(dimension, { read, size: section[2] });
  }
  const tables: StoredTable[] = header.tables.map(([dimensions, section]) => ({ kind: 'totals' as const, dimensions, read: () => cellsOf(parse<StoredCells>(section)), cells: section[2] }));
  for (const table of header.profiles) {
    tables.push({ kind: 'durations', dimensions: table.dimensions, bytes: table.bytes, read: () => readProfiles(text.subarray(binaryStart), table, damaged) });
  }
  const directory = { read: () => Directory.fromStored(parse<StoredDirectory>(header.directory)), entries: header.directory[2] };
  const summary = WindowSummary.restored({ total: LegTotals.fromStored(header.total), directory, byDimension, tables });
  return { window: { from: header.from, to: header.to }, windows: header.windows, fetchedAt: header.fetchedAt, unreadable: header.unreadable, summary };
}

function cellsOf(cells: StoredCells): Map<string, CombinationTotals> {
  const byKey = new Map<string, CombinationTotals>();
  for (const [values, totals] of cells) {
    const key = combinationKey(values);
    byKey.set(key, { key, values, totals: LegTotals.fromStored(totals) });
  }
  return byKey;
}

/**
 * One profile table, checked, then copied out (typed arrays need aligned memory of their own); throws
 * when it fails the check (the summary then no longer holds the table, and the legs answer).
 */
function readProfiles(binary: Buffer, table: ProfileTable, damaged: () => void): DurationProfiles {
  const bytes = binary.subarray(table.offset, table.offset + table.bytes);
  if (bytes.length !== table.bytes || crc32(bytes) !== table.crc) {
    damaged();
    throw new StoredWindowError('checksum', 'a profile table fails its checksum');
  }
  if (table.profiles === null) return null;
  const profiles = new Map<string, DurationProfile>();
  let at = 0;
  const take = <T extends Uint32Array | Float64Array>(array: T, padded: number): T => {
    new Uint8Array(array.buffer).set(bytes.subarray(at, at + array.byteLength));
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
