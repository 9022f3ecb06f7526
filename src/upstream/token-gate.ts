import { UpstreamBusyError } from './errors.js';

interface Waiter {
  readonly grant: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * At most `limit` wolkvox requests in flight for one token, whatever the number of callers.
 *
 * wolkvox: "the same token cannot be consumed simultaneously" (its error text says 2). Callers wait in
 * arrival order; a wait longer than `maxWaitMs` fails with UPSTREAM_UNAVAILABLE, and an aborted signal
 * takes the caller out of the queue at once.
 */
export class TokenGate {
  private inFlight = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    readonly limit: number,
    private readonly maxWaitMs: number,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`token gate limit must be a positive integer, got ${limit}`);
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Runs `task` while holding one of the token's slots. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.inFlight < this.limit && this.queue.length === 0) {
      this.inFlight += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
      };
      const waiter: Waiter = {
        grant: () => {
          leave();
          this.inFlight += 1;
          resolve();
        },
        reject: (error) => {
          leave();
          reject(error);
        },
      };
      const onAbort = () => waiter.reject(signal?.reason);
      const timer = setTimeout(
        () => waiter.reject(new UpstreamBusyError(`waited ${this.maxWaitMs} ms for the wolkvox token; too many requests queued`)),
        this.maxWaitMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private release(): void {
    this.inFlight -= 1;
    this.queue[0]?.grant();
  }
}
