import type { CallFilter } from '../domain/filter/call-filter.js';
import type { CallDimension } from '../domain/grouping/dimensions.js';
import type { ReportOptions } from '../domain/report/call-report.js';
import type { TimeRange } from '../domain/time/time-range.js';
import type { CallReport } from '../domain/report/call-report.js';
import type { Directory } from '../domain/summary/directory.js';
import type { RangeFreshness } from './range-freshness.js';
import type { RowScope } from './row-scope.js';
import type { UnreadableRow, WindowData } from './window-store.js';

/** What an operation's long scans cost, for `extensions.cost.scans`. */
export class ScanCost {
  /** Reports streamed (each pass counted: a report whose leg figures are asked streams twice). */
  passes = 0;
  /** Windows read from the durable tier by worker threads, without entering the window cache. */
  windowsFromDisk = 0;
  /** Windows the cache held, read as they were. */
  windowsFromMemory = 0;
  /** Legs of the range read (before the filter). */
  legsRead = 0;
  /** Tasks run by the worker threads. */
  workerTasks = 0;
}

/** What a report asks of a range: its dimensions, and whether a figure that reads legs (a distinct count) is among its fields. */
export interface LongReport {
  readonly dimensions: readonly CallDimension[];
  readonly readsLegs: boolean;
}

/** A report that must read legs, asked of a range whose windows are held (in memory, or final in the durable tier). */
export interface LongScanRequest {
  readonly range: TimeRange;
  readonly windows: readonly TimeRange[];
  /** The filter with the principal's scope AND-ed in. */
  readonly filter: CallFilter;
  readonly scope: RowScope;
  readonly dimensions: readonly CallDimension[];
  /** A figure that reads legs is asked: the report streams even when window summaries answer its totals. */
  readonly readsLegs: boolean;
  readonly work: () => ReportOptions;
  /** Loads windows the usual way (through the engine, into the cache): those a worker could not read. */
  readonly load: (windows: readonly TimeRange[]) => Promise<WindowData[]>;
  readonly cost: ScanCost;
}

/** The reports of a slice whose windows stream (call-slice.ts asks these instead of scanning windows it holds). */
export interface StreamedReports {
  report(dimensions: readonly CallDimension[]): Promise<CallReport>;
  /** Exact: the report's groups, once it is computed (its scan is bounded by MAX_REPORT_GROUPS as it goes). */
  estimateGroups(dimensions: readonly CallDimension[]): Promise<number>;
  /** What the windows read said, within the scope; known once a report of the slice is computed. */
  readonly unreadable: readonly UnreadableRow[];
  readonly freshness: RangeFreshness;
  directory(): Directory;
}

/**
 * Runs long scans off the event loop (scan-pool/): reports that stream their windows from the durable
 * tier in worker threads, or null when they should be computed the usual way (window summaries answer
 * them, the range is short, or some window is not held).
 */
export interface LongScanner {
  reports(request: LongScanRequest): StreamedReports | null;
}
