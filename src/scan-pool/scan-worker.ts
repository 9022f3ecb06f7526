import { open, type RootDatabase } from 'lmdb';
import { planReport } from '../domain/report/report-plan.js';
import { scanPart } from '../domain/scan/scan-part.js';
import { rangeDirectory } from '../domain/summary/range-directory.js';
import { unitOf } from '../domain/summary/window-view.js';
import { runNow } from '../domain/util/yielding.js';
import { ZoneClock } from '../domain/time/zone-clock.js';
import { everyRow, scopedDirectory } from '../feed/row-scope.js';
import type { WindowData } from '../feed/window-store.js';
import { decodeWindowFor, StoredWindowError } from '../store/window-codec.js';
import type { ScanResult, ScanTask } from './scan-task.js';

/**
 * A worker thread of the scan pool. It opens the LMDB file itself (read-only; lmdb-js shares one
 * environment between the threads of a process) and is sent only keys: the event loop then neither
 * copies a window's bytes out of the map nor clones them into a message (a day of hour windows at 20,000
 * legs a day is ~2 MB), and the decoding, the checksum and the scan all happen here.
 */
const databases = new Map<string, RootDatabase<Buffer, string>>();
const clocks = new Map<string, ZoneClock>();

function database(path: string): RootDatabase<Buffer, string> {
  let db = databases.get(path);
  if (!db) databases.set(path, (db = open<Buffer, string>({ path, encoding: 'binary', readOnly: true })));
  return db;
}

export default function scanWindows(task: ScanTask): ScanResult {
  const db = database(task.path);
  let clock = clocks.get(task.zone);
  if (!clock) clocks.set(task.zone, (clock = new ZoneClock(task.zone)));
  const views: WindowData[] = [];
  const skipped: ScanTask['windows'][number][] = [];
  task.windows.forEach((window, k) => {
    const bytes = db.getBinary(task.keys[k]!);
    const data = bytes && readable(window, bytes);
    // Only a final copy: one that is not may be asked for again, and the engine decides that.
    if (data && !data.provisional && window.to <= data.fetchedAt - task.settleMs) views.push(data);
    else skipped.push(window);
  });
  const plan = planReport({ range: task.range, filter: task.filter, dimensions: task.dimensions }, clock, 'scan');
  const part = runNow(scanPart(plan, views, task.pass, task.maxGroups));
  const read = views.map(({ window, fetchedAt, provisional, unreadable }) => ({ window, fetchedAt, unreadable, ...(provisional !== undefined && { provisional }) }));
  let directory: ScanResult['directory'] = null;
  if (task.pass === 'totals') {
    const found = everyRow(task.scope) ? rangeDirectory(views.map(unitOf), task.range) : scopedDirectory(views, task.range, task.scope);
    directory = { agents: [...found.agents], skills: [...found.skills], campaigns: [...found.campaigns.keys()] };
  }
  return { part, read, skipped, directory };
}

/** A damaged copy is skipped here; the event loop's own read drops it and fetches the window again (tiered-window-store.ts). */
function readable(window: ScanTask['windows'][number], bytes: Buffer): WindowData | undefined {
  try {
    return decodeWindowFor(window, bytes);
  } catch (error) {
    if (error instanceof StoredWindowError) return undefined;
    throw error;
  }
}
