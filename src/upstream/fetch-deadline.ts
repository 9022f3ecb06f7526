/**
 * The time a window fetch may take over all its attempts, retries and pauses included. The clock
 * starts with the first attempt, not while the fetch waits its turn for the token: the deadline bounds
 * how long one fetch can keep the token from everybody else.
 */
export class FetchDeadline {
  private endsAt: number | undefined;

  constructor(readonly ms: number) {}

  /** Milliseconds left (the whole deadline until the first attempt starts it). */
  remaining(): number {
    return this.endsAt === undefined ? this.ms : this.endsAt - performance.now();
  }

  /** Starts the clock if it is not running, and says how long the attempt starting now may take. */
  startAttempt(): number {
    this.endsAt ??= performance.now() + this.ms;
    return this.remaining();
  }
}
