import type { CallColumns } from '../columns/call-columns.js';
import type { DurationProfiles } from '../stats/duration-profile.js';

/**
 * What cached data costs on the V8 heap, so that the window cache can be bounded in bytes and not in
 * legs alone: a window's fixed structure and its summary often outweigh its calls. Fitted on Node 22
 * x64 over the simulator's data at 200 to 20,000 legs a day (heap after GC), refitted when columns
 * came to be built from the rows and summaries to summarize a dimension on first use; the estimate
 * is at or above the heap a cache really holds at each density, by 3–20% (`npm run bench -- cache-heap`):
 * - columns: 6.5 KB per window (13 dictionaries, 18 typed arrays), about 105 bytes a leg (its numbers,
 *   codes, and its own conn_id, telephone and customer id strings) and 56 bytes per distinct text;
 * - summary: 1 KB, 340 bytes per total kept (overall, and per value of each dimension summarized) and
 *   260 bytes per agent, campaign or skill in its directory;
 * - what a summary derives on first use, fitted on day roll-ups at 2,000 and 20,000 legs a day as heap
 *   plus ArrayBuffers (a typed array's contents live outside the V8 heap), within about 10%: 720 bytes
 *   per total of a combination of values (its values and key on top of the total), and per duration
 *   profile 1.4 KB, 40 bytes per distinct second and 4 per block of its index.
 */
const BYTES = {
  columns: 6_500,
  leg: 105,
  text: 56,
  summary: 1_000,
  totals: 340,
  directoryEntry: 260,
  combination: 720,
  profile: 1_400,
  profileSecond: 40,
  profileBlock: 4,
  /** Not fitted: an allowance for a raw row wolkvox sent (parsed JSON of about 20 short fields). */
  unreadableRow: 2_000,
  /** Not fitted: a report group a live report keeps (its totals as a summary's, its key and map entry), and each cell it points at. */
  reportGroup: 600,
  cellRef: 40,
} as const;

/**
 * The heap one leg of the deprecated row budget (WOLKVOX_CACHE_MAX_ROWS, set alone) buys, all in — its
 * columns, its share of its window's summary and of its day's roll-up: about twice what a leg costs at
 * 2,000 legs a day (299 bytes measured; 130 at 20,000, 113 at 100,000, 1.7 KB at 200, with no dimension
 * summarized yet). The cache is budgeted in bytes (WOLKVOX_CACHE_MAX_BYTES); this only translates a row
 * budget into the byte budget it always meant.
 */
export const HEAP_BYTES_PER_BUDGET_LEG = 600;

export function columnsHeapBytes(columns: CallColumns): number {
  let texts = 0;
  for (const table of Object.values(columns.tables)) texts += table.values.length - 1;
  return BYTES.columns + columns.length * BYTES.leg + texts * BYTES.text;
}

/**
 * A window's summary holding `totals` totals and `directoryEntries` agents, campaigns and skills, before
 * what it derived on first use (summaryHeapBytes in window-summary.ts counts them).
 */
export function summaryTablesHeapBytes(totals: number, directoryEntries: number): number {
  return BYTES.summary + totals * BYTES.totals + directoryEntries * BYTES.directoryEntry;
}

/** What summarizing a dimension into `totals` totals adds to its summary's estimate. */
export function summarizedDimensionBytes(totals: number): number {
  return totals * BYTES.totals;
}

export function combinationHeapBytes(cells: number): number {
  return cells * BYTES.combination;
}

export function profilesHeapBytes(profiles: DurationProfiles): number {
  let bytes = 0;
  for (const profile of profiles?.values() ?? []) bytes += BYTES.profile + profile.seconds.length * BYTES.profileSecond + profile.blockStarts.length * BYTES.profileBlock;
  return bytes;
}

export function unreadableRowsHeapBytes(count: number): number {
  return count * BYTES.unreadableRow;
}

/** What a live report keeps of `groups` report groups merged from `cells` summary cells (domain/report/incremental-report.ts). */
export function reportGroupsHeapBytes(groups: number, cells: number): number {
  return groups * BYTES.reportGroup + cells * BYTES.cellRef;
}
