import { EventEmitter } from 'node:events';
import CircuitBreaker from 'opossum';
import { UpstreamBusyError, UpstreamError, UpstreamUnavailableError } from './errors.js';

export interface CircuitOptions {
  /** How long the circuit stays open before one trial request. */
  readonly resetMs: number;
}

/**
 * Attempts in the rolling window before the failure rate counts: one more than a window fetch makes
 * with the default retries (1 + 4), so that retries hide a passing failure and the breaker opens on
 * failures that outlast them.
 */
const VOLUME_THRESHOLD = 6;
const ERROR_THRESHOLD_PERCENTAGE = 50;
/**
 * Long enough to hold that many attempts when each one runs into the timeout (65 s): a hanging wolkvox
 * opens the circuit too, not only a quickly failing one.
 */
const ROLLING_WINDOW_MS = 5 * 60_000;
const ROLLING_BUCKETS = 10;

/**
 * A circuit breaker in front of wolkvox that sees every HTTP attempt, retries included: when most recent
 * attempts failed for wolkvox's own reasons (5xx, resets, timeouts, maintenance), it opens, so requests
 * fail at once with UPSTREAM_UNAVAILABLE instead of queueing behind the token, retries stop, and the
 * engine serves cached data. After `resetMs` one trial attempt decides whether it closes again, and a
 * closed circuit starts counting afresh. A busy token, a rejected token or an exhausted quota is not
 * wolkvox failing, so none counts.
 */
export class UpstreamCircuit {
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  /** Drives opossum's rolling window, so that closing can empty it. */
  private readonly rotation = new EventEmitter();
  private readonly rotating: NodeJS.Timeout;
  private openedAt: number | null = null;

  constructor(private readonly options: CircuitOptions) {
    this.breaker = new CircuitBreaker((attempt: () => Promise<unknown>) => attempt(), {
      timeout: false,
      resetTimeout: options.resetMs,
      volumeThreshold: VOLUME_THRESHOLD,
      errorThresholdPercentage: ERROR_THRESHOLD_PERCENTAGE,
      rollingCountTimeout: ROLLING_WINDOW_MS,
      rollingCountBuckets: ROLLING_BUCKETS,
      rotateBucketController: this.rotation,
      // true: "not a failure of wolkvox's" (opossum's sense of the filter).
      errorFilter: (error: unknown) => !(error instanceof UpstreamUnavailableError) || error instanceof UpstreamBusyError,
    });
    this.rotating = setInterval(() => this.rotation.emit('rotate'), ROLLING_WINDOW_MS / ROLLING_BUCKETS);
    this.rotating.unref();
    this.breaker.on('open', () => (this.openedAt = Date.now()));
    this.breaker.on('close', () => {
      this.openedAt = null;
      // Failures from before wolkvox recovered must not reopen the circuit at the next passing one.
      for (let bucket = 0; bucket < ROLLING_BUCKETS; bucket += 1) this.rotation.emit('rotate');
    });
  }

  /** Runs one HTTP attempt through the breaker, or refuses it at once while the circuit is open. */
  async guard<T>(attempt: () => Promise<T>): Promise<T> {
    try {
      return (await this.breaker.fire(attempt)) as T;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'EOPENBREAKER') throw this.openError();
      throw error;
    }
  }

  /** The error of a request refused because the circuit is open: final, never retried. */
  openError(): UpstreamError {
    return new UpstreamUnavailableError(`wolkvox keeps failing; not asking it again for up to ${Math.round(this.options.resetMs / 1000)} s (circuit open)`);
  }

  accepting(): boolean {
    return !this.breaker.opened;
  }

  /** Why the server is not ready, or null when the circuit is closed or trying again. */
  notReadyReason(): string | null {
    return this.breaker.opened ? `wolkvox circuit open since ${new Date(this.openedAt ?? Date.now()).toISOString()}: recent requests failed` : null;
  }

  shutdown(): void {
    clearInterval(this.rotating);
    this.breaker.shutdown();
  }
}
