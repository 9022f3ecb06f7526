import { UpstreamBusyError } from './errors.js';

/**
 * Who waits for the token: an operation someone is waiting for, or background work (the history
 * mirror), which is served only when no operation waits.
 */
export type TokenPriority = 'user' | 'background';

interface Waiter {
  readonly grant: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * At most `limit` wolkvox requests in flight for one token, whatever the number of callers.
 *
 * wolkvox: "the same token cannot be consumed simultaneously" (its error text says 2). Operations wait
 * in arrival order, and background requests behind every waiting operation: an operation that arrives
 * while background work runs waits for at most the one answer in flight. A wait longer than
 * `maxWaitMs` fails with UPSTREAM_UNAVAILABLE, and an aborted signal takes the caller out of the
 * queue at once.
 */
export class TokenGate {
  private inFlight = 0;
  private readonly queues: Record<TokenPriority, Waiter[]> = { user: [], background: [] };
  /** A slot freed is offered to background work only a turn of the event loop later (see `grantNext`). */
  private backgroundDeferred = false;

  constructor(
    readonly limit: number,
    private readonly maxWaitMs: number,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`token gate limit must be a positive integer, got ${limit}`);
  }

  get waiting(): number {
    return this.queues.user.length + this.queues.background.length;
  }

  /** Operations (not background work) waiting for the token. */
  get usersWaiting(): number {
    return this.queues.user.length;
  }

  /** Runs `task` while holding one of the token's slots. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal, priority: TokenPriority = 'user'): Promise<T> {
    await this.acquire(signal, priority);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal: AbortSignal | undefined, priority: TokenPriority): Promise<void> {
    signal?.throwIfAborted();
    const queue = this.queues[priority];
    const ahead = priority === 'user' ? this.queues.user.length : this.waiting + (this.backgroundDeferred ? 1 : 0);
    if (this.inFlight < this.limit && ahead === 0) {
      this.inFlight += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
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
      queue.push(waiter);
    });
  }

  private release(): void {
    this.inFlight -= 1;
    this.grantNext();
  }

  /**
   * An operation waiting gets a freed slot at once. Background work gets it a turn of the event loop
   * later: an operation asks its next request as soon as its answer is in, in the same turn, and that
   * request must not find the token taken by background work.
   */
  private grantNext(): void {
    if (this.inFlight >= this.limit) return;
    const user = this.queues.user[0];
    if (user) return user.grant();
    if (this.queues.background.length === 0 || this.backgroundDeferred) return;
    this.backgroundDeferred = true;
    setImmediate(() => {
      this.backgroundDeferred = false;
      if (this.inFlight < this.limit) (this.queues.user[0] ?? this.queues.background[0])?.grant();
    });
  }
}
