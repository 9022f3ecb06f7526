import type { DailyBudget } from '../upstream/daily-budget.js';
import { UpstreamQuotaError } from '../upstream/errors.js';

/** A principal's share of wolkvox per local day (its `upstreamRequestsPerDay`), counted where the daily budget is (src/budget/). */
export interface UpstreamShare {
  /** Whose share: named when it is used up. */
  readonly owner: string;
  readonly budget: DailyBudget;
}

/**
 * How many upstream requests one operation may cause, every one counted: first asks, planned parts and
 * truncation splits. Beyond it the operation's windows fail with UPSTREAM_QUOTA instead of asking more.
 * With a share, each request sent is also counted against its principal's day.
 */
export class RequestAllowance {
  private used = 0;

  constructor(
    readonly limit: number,
    private readonly share: UpstreamShare | null = null,
  ) {}

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

  /** Counts one request about to be sent against the principal's share of the day, or refuses it (nothing to wait for without a share). */
  charge(): Promise<void> | undefined {
    return this.share ? this.spend(this.share) : undefined;
  }

  private async spend(share: UpstreamShare): Promise<void> {
    try {
      await share.budget.spend();
    } catch (error) {
      throw error instanceof UpstreamQuotaError ? new ShareUsedUpError(this, share) : error;
    }
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

  /** Pays for one request: from what was taken ahead, else from the allowance (which may refuse), and from the principal's share of the day. */
  pay(): Promise<void> | undefined {
    this.cover(1);
    this.held -= 1;
    return this.allowance.charge();
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
  constructor(
    readonly allowance: RequestAllowance,
    message = `this operation needs more than ${allowance.limit} wolkvox requests (MAX_UPSTREAM_REQUESTS_PER_OPERATION); ask for fewer or shorter ranges, or split the operation`,
  ) {
    super(message);
  }
}

/** The principal's share of the day is used up: its operations' cold windows fail, others' and cached windows still answer. */
export class ShareUsedUpError extends AllowanceExceededError {
  constructor(allowance: RequestAllowance, share: UpstreamShare) {
    super(
      allowance,
      `${share.owner}'s share of ${share.budget.limit} wolkvox requests a day (upstreamRequestsPerDay) is used up; cached data is still served, new data after local midnight`,
    );
  }
}
