import { setImmediate as nextTurn } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';

/**
 * Long computations (a report that scans a month of calls) are written as generators that yield
 * between units of work (a window), so that the same code can run at once (tests, benchmarks) or
 * hand the event loop back every few milliseconds (the server), where one slow report must slow
 * only itself.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once. */
export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How long a computation may keep the event loop before letting other requests run. */
export const SLICE_MS = 8;

/** Runs the steps, giving the event loop a turn whenever they have held it for `sliceMs`. */
export async function runYielding<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
