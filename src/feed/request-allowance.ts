import { UpstreamQuotaError } from '../upstream/errors.js';

/**
 * How many upstream requests one operation may cause, every one counted: first asks, planned parts and
 * truncation splits. Beyond it the operation's windows fail with UPSTREAM_QUOTA instead of asking more.
 */
export class RequestAllowance {
  private used = 0;

  constructor(readonly limit: number) {}

  /** Requests taken so far and not given back: once the operation is done, the requests it sent. */
  get spent(): number {
    return this.used;
  }

  /** Takes `count` requests ahead for one fetch, or nothing (null) when fewer are left. */
  reserve(count: number): Prepaid | null {
    return this.take(count) ? new Prepaid(this, count) : null;
  }

  /** Takes `count` requests, or none (false) when fewer are left. */
  take(count: number): boolean {
    if (this.used + count > this.limit) return false;
    this.used += count;
    return true;
  }

  giveBack(count: number): void {
    this.used -= count;
  }

  refusal(): AllowanceExceededError {
    return new AllowanceExceededError(this);
  }
}

/** An allowance for work that belongs to no operation (the background refresher). */
export const UNLIMITED = new RequestAllowance(Infinity);

/** The requests one fetch took from its operation's allowance before it was registered for others to join. */
export class Prepaid {
  constructor(
    private readonly allowance: RequestAllowance,
    private held: number,
  ) {}

  /** Pays for one request: from what was taken ahead, else from the allowance (which may refuse). */
  pay(): void {
    this.cover(1);
    this.held -= 1;
  }

  /**
   * Makes sure `count` requests are paid for ahead, taking the difference from the allowance, or throws
   * its refusal: a run that cannot be finished within the allowance is not started.
   */
  cover(count: number): void {
    if (count <= this.held) return;
    if (!this.allowance.take(count - this.held)) throw this.allowance.refusal();
    this.held = count;
  }

  /** Returns what was taken ahead and not sent (a better plan needed fewer requests). */
  settle(): void {
    this.allowance.giveBack(this.held);
    this.held = 0;
  }
}

/**
 * One operation needs more requests than its allowance. It names the allowance, so that another
 * operation that joined the same fetch does not take the refusal for its own.
 */
export class AllowanceExceededError extends UpstreamQuotaError {
  constructor(readonly allowance: RequestAllowance) {
    super(
      `this operation needs more than ${allowance.limit} wolkvox requests (MAX_UPSTREAM_REQUESTS_PER_OPERATION); ask for fewer or shorter ranges, or split the operation`,
    );
  }
}
