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
const SLICE_MS = 8;

/**
 * The event loop is shared out in turns: work checks the turn's clock right before each piece it does,
 * and once the turn has run SLICE_MS it waits for the next one, first come first served. So one turn
 * of the loop holds at most about a slice of report work, however many reports run: twenty reports that
 * each took a slice per turn held the loop 160 ms between two reads of the network, and `{ __typename }`
 * waited behind them (p99 10 s on a loaded machine, issue #19). A turn is given by a `setImmediate`:
 * scheduled from within one, it runs after the next poll for I/O. Work started by I/O (a request just
 * read) waits for a turn like the rest. What waits is a runner to resume (it then runs its own slice),
 * or a short job run within the turn.
 */
type Waiting = { readonly resume: () => void } | { readonly job: () => void };
const waiting: Waiting[] = [];
let turnScheduled = false;
/** When the current turn was given (-Infinity before any). */
let turnGivenAt = -Infinity;

function nextTurn(): Promise<void> {
  return new Promise((resume) => wait({ resume }));
}

function wait(entry: Waiting): void {
  waiting.push(entry);
  if (!turnScheduled) scheduleTurn();
}

/** A turn runs the jobs at the head of the queue while it has time, or resumes the runner at its head. */
function scheduleTurn(): void {
  turnScheduled = true;
  setImmediate(() => {
    turnScheduled = false;
    turnGivenAt = performance.now();
    let next = waiting.shift();
    while (next && 'job' in next) {
      next.job();
      next = performance.now() - turnGivenAt < SLICE_MS ? waiting.shift() : undefined;
    }
    if (waiting.length > 0) scheduleTurn();
    next?.resume();
  });
}

/**
 * `job` run in a turn with time left: for work done piece by piece outside a runner (a report's figures,
 * group by group, as GraphQL resolves them). Each piece should be short; what counts is that many of them
 * do not hold the loop together: queued pieces run one after the other within turns, as long as each
 * turn has time.
 */
export function inTurn<T>(job: () => T): Promise<T> {
  if (waiting.length === 0 && performance.now() - turnGivenAt < SLICE_MS) return new Promise((resolve) => resolve(job()));
  return new Promise((resolve, reject) =>
    wait({
      job: () => {
        try {
          resolve(job());
        } catch (error) {
          reject(error);
        }
      },
    }),
  );
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

/** Runs the steps in turns of the event loop (see above), checking `signal` at every step. */
export async function runYielding<T>(steps: Steps<T>, options: YieldingOptions = {}): Promise<T> {
  const { sliceMs = SLICE_MS, signal, onStep } = options;
  for (;;) {
    // A turn given takes at least one step, whatever it has left.
    if (performance.now() - turnGivenAt >= sliceMs) await nextTurn();
    signal?.throwIfAborted();
    const step = steps.next();
    if (step.done) return step.value;
    onStep?.();
  }
}
