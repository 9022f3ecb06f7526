import type { CallFilter } from '../domain/filter/call-filter.js';
import type { CallDimension } from '../domain/grouping/dimensions.js';
import type { ScanPart, ScanPass } from '../domain/scan/scan-part.js';
import type { TimeRange } from '../domain/time/time-range.js';
import type { UnreadableRow } from '../feed/window-store.js';

/** One task of a long scan: consecutive stored windows of one report, read by a worker thread. Plain data only. */
export interface ScanTask {
  /** The LMDB file the windows are stored in, and their keys in it (store/archive-keys.ts), one per window. */
  readonly path: string;
  readonly keys: readonly string[];
  readonly windows: readonly TimeRange[];
  readonly range: TimeRange;
  /** The report's filter with the principal's row scope AND-ed in (feed/row-scope.ts), as the event loop's scan has it. */
  readonly filter: CallFilter;
  /** The principal's row scope alone: the directory of names is narrowed by it, as in feed/row-scope.ts. */
  readonly scope: Pick<CallFilter, 'campaignIds' | 'skillIds'>;
  readonly dimensions: readonly CallDimension[];
  readonly zone: string;
  readonly pass: ScanPass;
  readonly maxGroups: number;
  /** FreshnessOptions.settleMs: a stored copy not fetched after its window settled is not final, and is not read here. */
  readonly settleMs: number;
}

/** What one stored window was, for the report's freshness and unreadable rows. */
export interface WindowNote {
  readonly window: TimeRange;
  readonly fetchedAt: number;
  readonly provisional?: number;
  readonly unreadable: readonly UnreadableRow[];
}

export interface ScanResult {
  readonly part: ScanPart;
  /** The windows read, in order. */
  readonly read: readonly WindowNote[];
  /** Windows of the task not read (absent, damaged, or not final): the event loop loads them the usual way. */
  readonly skipped: readonly TimeRange[];
  /** Who appears in the windows read, within the scope (a `totals` pass only): agents' and skills' names, campaigns. */
  readonly directory: {
    readonly agents: readonly (readonly [string, string | null])[];
    readonly skills: readonly (readonly [string, string | null])[];
    readonly campaigns: readonly string[];
  } | null;
}
