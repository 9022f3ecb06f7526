import { Piscina } from 'piscina';
import type { ScanResult, ScanTask } from './scan-task.js';

/** How long an idle worker thread stays (a dashboard's next long report reuses it); then it exits. */
const IDLE_MS = 30_000;

/**
 * The worker threads long scans run in (piscina): at most `size`, started when first needed and ended
 * when idle, so that a server that never streams a scan runs no extra thread. A task stopped by its
 * signal ends its thread (piscina terminates a thread whose task is aborted), so the work stops at once,
 * not after the window it is reading.
 */
export class ScanPool {
  private pool: Piscina<ScanTask, ScanResult> | undefined;
  private closed = false;
  /** Tasks finished, and tasks stopped by their signal (queued, or ended with their thread). */
  completed = 0;
  stopped = 0;

  constructor(readonly size: number) {}

  run(task: ScanTask, signal?: AbortSignal): Promise<ScanResult> {
    if (this.closed) return Promise.reject(new Error('the scan pool is closed'));
    this.pool ??= new Piscina<ScanTask, ScanResult>({
      filename: new URL('./worker-entry.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: this.size,
      idleTimeout: IDLE_MS,
      // Tasks wait in the pool's queue (each a few keys): the scan bounds how many it sends at once.
      maxQueue: 'auto',
    });
    return this.pool.run(task, signal ? { signal } : {}).then(
      (result) => {
        this.completed += 1;
        return result;
      },
      (error: unknown) => {
        if (signal?.aborted) this.stopped += 1;
        throw error;
      },
    );
  }

  /** Worker threads alive now. */
  get threads(): number {
    return this.pool?.threads.length ?? 0;
  }

  /** Ends every thread; tasks still queued or running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.destroy();
  }
}
