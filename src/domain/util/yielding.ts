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

export interface YieldingOptions {
  /** How long the steps may hold the event loop at a time (SLICE_MS). */
  readonly sliceMs?: number;
  /**
   * Stops the work between two steps, throwing the signal's reason: the client went away, the operation
   * ran out of time or was refused. The steps are dropped, so nothing of them runs after.
   */
  readonly signal?: AbortSignal;
  /** Told of every step taken (a window scanned, a table derived): what shows that work stops when it should. */
  readonly onStep?: () => void;
}

/** Runs the steps, giving the event loop a turn whenever they have held it for `sliceMs`, and checking `signal` at every step. */
export async function runYielding<T>(steps: Steps<T>, options: YieldingOptions = {}): Promise<T> {
  const { sliceMs = SLICE_MS, signal, onStep } = options;
  let sliceStart = performance.now();
  for (;;) {
    signal?.throwIfAborted();
    const step = steps.next();
    if (step.done) return step.value;
    onStep?.();
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
