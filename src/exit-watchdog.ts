import { Worker } from 'node:worker_threads';

/**
 * Ends the process `afterMs` from now, whatever its main thread is doing. A timer on the main event
 * loop cannot promise that: a synchronous write stuck on a full pipe, or any other code that blocks,
 * keeps it from ever firing. A worker thread has an event loop of its own; SIGKILL needs no
 * cooperation from the blocked thread (the process ends with 137).
 */
export function startExitWatchdog(afterMs: number): void {
  const source = `const { workerData } = require('node:worker_threads'); setTimeout(() => process.kill(process.pid, 'SIGKILL'), workerData.afterMs);`;
  // execArgv: [] keeps the tsx loader out of the worker: it runs plain JavaScript and starts in milliseconds.
  new Worker(source, { eval: true, workerData: { afterMs }, execArgv: [] }).unref();
}
