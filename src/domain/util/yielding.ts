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

/**
 * Computations waiting for their next slice, first come first served, and whether a turn is scheduled.
 * One slice runs per turn of the event loop, whatever the number of computations: twenty reports that
 * each took a slice per turn held the loop 160 ms between two reads of the network, and `{ __typename }`
 * waited behind them (p99 10 s on a loaded machine, issue #19). A turn is a `setImmediate`: scheduled
 * from within one, it runs after the next poll for I/O.
 */
const waiting: (() => void)[] = [];
let turnScheduled = false;
/** When the current turn was given (-Infinity: no turn is being run). */
let turnGivenAt = -Infinity;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!turnScheduled) scheduleTurn();
  });
}

function scheduleTurn(): void {
  turnScheduled = true;
  setImmediate(() => {
    turnScheduled = false;
    const next = waiting.shift();
    if (waiting.length > 0) scheduleTurn();
    turnGivenAt = performance.now();
    next?.();
  });
}

/**
 * For work done piece by piece outside a runner (a report's figures, group by group, as GraphQL resolves
 * them): nothing while the current turn has time left, else a wait for the next turn. Each piece should
 * be short; what counts is that many of them do not hold the loop together.
 */
export function pace(sliceMs = SLICE_MS): Promise<void> | undefined {
  return performance.now() - turnGivenAt < sliceMs ? undefined : nextTurn();
}

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

/**
 * Runs the steps, giving the event loop back whenever they have held it for `sliceMs` (and waiting for
 * their next turn behind the other computations), and checking `signal` at every step.
 */
export async function runYielding<T>(steps: Steps<T>, options: YieldingOptions = {}): Promise<T> {
  const { sliceMs = SLICE_MS, signal, onStep } = options;
  // Started outside a turn (a request just read), it waits for one like the others.
  await pace(sliceMs);
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
