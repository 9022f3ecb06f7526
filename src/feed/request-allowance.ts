import { UpstreamQuotaError } from '../upstream/errors.js';

/**
 * How many upstream requests one operation may cause, every one counted: first asks, planned parts and
 * truncation splits. Beyond it the operation's windows fail with UPSTREAM_QUOTA instead of asking more.
 */
export class RequestAllowance {
  private used = 0;

  constructor(readonly limit: number) {}

  /** Takes `count` requests ahead for one fetch, or nothing (null) when fewer are left. */
  reserve(count: number): Prepaid | null {
    if (this.used + count > this.limit) return null;
    this.used += count;
    return new Prepaid(this, count);
  }

  /** Takes one more request, or throws this allowance's refusal. */
  take(): void {
    if (this.used >= this.limit) throw this.refusal();
    this.used += 1;
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
    if (this.held > 0) this.held -= 1;
    else this.allowance.take();
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
