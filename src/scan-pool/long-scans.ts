import type { CallReport } from '../domain/report/call-report.js';
import { planReport, type ReportPlan } from '../domain/report/report-plan.js';
import type { CallDimension } from '../domain/grouping/dimensions.js';
import { scanPart, type ScanPart, type ScanPass } from '../domain/scan/scan-part.js';
import { StreamedLegs, StreamedTotals, streamedReport, type LegSource } from '../domain/scan/streamed-report.js';
import { collectLegs } from '../domain/report/report-legs.js';
import { LegSet } from '../domain/stats/leg-set.js';
import { Directory } from '../domain/summary/directory.js';
import { rangeDirectory } from '../domain/summary/range-directory.js';
import { unitOf } from '../domain/summary/window-view.js';
import type { TimeRange } from '../domain/time/time-range.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import { runYielding } from '../domain/util/yielding.js';
import type { LongScanner, LongScanRequest, StreamedReports } from '../feed/long-scan.js';
import { rangeFreshness, type RangeFreshness } from '../feed/range-freshness.js';
import { everyRow, scopedDirectory, scopedFreshness, scopedUnreadable } from '../feed/row-scope.js';
import type { WindowEngine } from '../feed/window-engine.js';
import type { UnreadableRow, WindowData } from '../feed/window-store.js';
import { archiveKey } from '../store/archive-keys.js';
import type { ScanPool } from './scan-pool.js';
import type { ScanResult, ScanTask, WindowNote } from './scan-task.js';

/** Windows one worker task reads: a day of hour windows (~2 MB decoded at 20,000 legs a day). */
const TASK_WINDOWS = 24;
/** A report streams when at least this many of its windows are not in memory (a day of hours): below, the event loop's scan is as quick. */
const MIN_STREAMED_WINDOWS = 24;

export interface LongScansOptions {
  readonly pool: ScanPool;
  readonly engine: WindowEngine;
  /** The LMDB file workers read, and the namespace of this server's windows in it. */
  readonly path: string;
  readonly namespace: string;
  readonly clock: ZoneClock;
}

/**
 * Reports that must read legs (filters no window summary answers: `not`, `anyOf`, ranges, telephones;
 * four dimensions or more; distinct counts and repeat callers among their figures) over a range whose windows are held: those the cache holds are read as they
 * are (on the event loop, in its turns), the others are read from the durable tier by worker threads
 * (scan-pool.ts), a day of windows per task, and never enter the cache — a year's report does not push
 * everyone's windows out of it. Each task sends back a report part (domain/scan/scan-part.ts: groups'
 * totals with money as exact text) that the event loop merges; the memory the scan holds is the parts in
 * flight (at most twice the pool's tasks) and the report's groups, whatever the range.
 */
export class LongScans implements LongScanner {
  constructor(private readonly options: LongScansOptions) {}

  reports(request: LongScanRequest): StreamedReports | null {
    const { engine, clock } = this.options;
    const { summarizable } = planReport({ range: request.range, filter: request.filter, dimensions: request.dimensions }, clock, 'auto');
    if (summarizable && !request.readsLegs) return null;
    const now = (engine.options.now ?? Date.now)();
    const { freshness } = engine.options;
    const memory: WindowData[] = [];
    const disk: TimeRange[] = [];
    for (const window of request.windows) {
      const copy = engine.store.peek(window);
      if (copy && freshness.isFresh(window, copy.fetchedAt, now, copy.provisional)) memory.push(copy);
      else if (window.to <= now - freshness.options.settleMs && engine.store.storedDurably(window)) disk.push(window);
      else return null;
    }
    if (disk.length < MIN_STREAMED_WINDOWS) return null;
    return new RangeScan(this.options, request, memory, disk);
  }
}

/** What a `totals` pass learnt of the windows besides their calls. */
interface RangeNotes {
  readonly unreadable: readonly UnreadableRow[];
  readonly freshness: RangeFreshness;
  readonly directory: Directory;
}

class RangeScan implements StreamedReports {
  private readonly reportsBy = new Map<string, Promise<CallReport>>();
  private notes: RangeNotes | undefined;

  constructor(
    private readonly options: LongScansOptions,
    private readonly request: LongScanRequest,
    private readonly memory: readonly WindowData[],
    private readonly disk: readonly TimeRange[],
  ) {}

  report(dimensions: readonly CallDimension[]): Promise<CallReport> {
    const key = dimensions.join();
    let report = this.reportsBy.get(key);
    if (!report) this.reportsBy.set(key, (report = this.compute(dimensions)));
    return report;
  }

  async estimateGroups(dimensions: readonly CallDimension[]): Promise<number> {
    return dimensions.length === 0 ? 0 : (await this.report(dimensions)).groups.length;
  }

  get unreadable(): readonly UnreadableRow[] {
    return this.known().unreadable;
  }

  get freshness(): RangeFreshness {
    return this.known().freshness;
  }

  directory(): Directory {
    return this.known().directory;
  }

  private known(): RangeNotes {
    if (!this.notes) throw new Error('read before the report of the range was computed');
    return this.notes;
  }

  private async compute(dimensions: readonly CallDimension[]): Promise<CallReport> {
    const { range, filter } = this.request;
    const plan = planReport({ range, filter, dimensions }, this.options.clock, 'scan');
    const { maxGroups = Infinity } = this.request.work();
    const totals = new StreamedTotals(plan, maxGroups);
    const windows = await this.pass(plan, 'totals', (part) => totals.add(part));
    return streamedReport(plan, totals, windows, async () => {
      const legs = new StreamedLegs();
      await this.pass(plan, 'legs', (part) => legs.add(part));
      return legs.exact ? legs : this.legsInMemory(plan);
    });
  }

  /**
   * The legs themselves, for a report with a leg whose amounts do not fit micro-units (no exact duration
   * profile): its windows loaded the usual way (into the cache), as without workers. wolkvox's amounts
   * have at most 6 decimals, so this is for the data nobody expects.
   */
  private async legsInMemory(plan: ReportPlan): Promise<LegSource> {
    const loaded = await this.request.load(this.disk);
    const views = [...this.memory, ...loaded].sort((a, b) => a.window.from - b.window.from);
    const legs = await runYielding(collectLegs(views, plan.range, plan.filter, plan.categorical, plan.time, plan.clock), this.request.work());
    return { figures: (id) => (id === null ? legs.total : (legs.byGroup.get(id) ?? new LegSet([]))) };
  }

  /**
   * One pass over every window: the cache's on the event loop, the durable tier's in worker threads, and
   * then, on the event loop, those a worker could not read (loaded the usual way). Returns the windows read.
   */
  private async pass(plan: ReportPlan, pass: ScanPass, add: (part: ScanPart) => void): Promise<number> {
    const { pool, path, namespace, clock } = this.options;
    const { range, filter, scope, dimensions, cost } = this.request;
    const work = this.request.work();
    const { signal, maxGroups = Infinity } = work;
    cost.passes += 1;
    const notes: WindowNote[] = [];
    const directories: { from: number; directory: Directory }[] = [];
    const skipped: TimeRange[] = [];
    const onMainThread = async (views: readonly WindowData[]) => {
      if (views.length === 0) return;
      const part = await runYielding(scanPart(plan, views, pass, maxGroups), work);
      cost.legsRead += part.legsRead;
      add(part);
      notes.push(...views);
      if (pass === 'totals') directories.push({ from: views[0]!.window.from, directory: directoryOf(views, range, scope) });
    };
    await onMainThread(this.memory);
    cost.windowsFromMemory += this.memory.length;
    const tasks: ScanTask[] = [];
    for (let k = 0; k < this.disk.length; k += TASK_WINDOWS) {
      const windows = this.disk.slice(k, k + TASK_WINDOWS);
      tasks.push({
        path, keys: windows.map((window) => archiveKey(namespace, window)), windows, range, filter, scope, dimensions,
        zone: clock.zone, pass, maxGroups, settleMs: this.options.engine.options.freshness.options.settleMs,
      });
    }
    const received = (result: ScanResult) => {
      cost.workerTasks += 1;
      cost.windowsFromDisk += result.read.length;
      cost.legsRead += result.part.legsRead;
      add(result.part);
      work.onStep?.();
      notes.push(...result.read);
      skipped.push(...result.skipped);
      const first = result.read[0];
      if (result.directory && first) directories.push({ from: first.window.from, directory: directoryFrom(result.directory) });
    };
    await runBounded(tasks, 2 * pool.size, (task) => pool.run(task, signal), received, signal);
    if (skipped.length > 0) await onMainThread(await this.request.load(skipped));
    if (pass === 'totals') this.notes = this.notesOf(notes, directories);
    return notes.length;
  }

  private notesOf(notes: WindowNote[], directories: { from: number; directory: Directory }[]): RangeNotes {
    const { scope } = this.request;
    const { engine } = this.options;
    notes.sort((a, b) => a.window.from - b.window.from);
    const whole = notes.flatMap((note) => note.unreadable);
    const all = everyRow(scope);
    const unreadable = all ? whole : scopedUnreadable(whole, scope);
    const freshness = rangeFreshness(notes, engine.options.freshness, (engine.options.now ?? Date.now)());
    // Later names win: the directories merged in the order of their windows.
    const directory = new Directory();
    for (const part of directories.sort((a, b) => a.from - b.from)) directory.merge(part.directory);
    return { unreadable, freshness: all ? freshness : scopedFreshness(freshness, unreadable), directory };
  }
}

/**
 * Runs `tasks` at most `limit` at a time, handing each result to `received` as it comes; the first failure
 * (or the signal) stops it: no further task is sent, and those running are stopped by the same signal.
 */
async function runBounded<T, R>(tasks: readonly T[], limit: number, run: (task: T) => Promise<R>, received: (result: R) => void, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      signal?.throwIfAborted();
      const task = tasks[next++]!;
      let result: R;
      try {
        result = await run(task);
      } catch (error) {
        // piscina rejects an aborted task with its own AbortError: the operation's reason says why.
        signal?.throwIfAborted();
        throw error;
      }
      received(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
}

function directoryOf(views: readonly WindowData[], range: TimeRange, scope: LongScanRequest['scope']): Directory {
  return everyRow(scope) ? rangeDirectory(views.map(unitOf), range) : scopedDirectory(views, range, scope);
}

function directoryFrom(wire: NonNullable<ScanResult['directory']>): Directory {
  const directory = new Directory();
  for (const [id, name] of wire.agents) directory.agents.set(id, name);
  for (const [id, name] of wire.skills) directory.skills.set(id, name);
  for (const id of wire.campaigns) directory.campaigns.set(id, null);
  return directory;
}
