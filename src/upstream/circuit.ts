import CircuitBreaker from 'opossum';
import type { TimeRange } from '../domain/time-range.js';
import { UpstreamError, UpstreamUnavailableError } from './errors.js';
import type { CdrWindow } from './wolkvox-client.js';

/** Anything that answers like the wolkvox client. */
export interface CallSource {
  fetchCalls(range: TimeRange, signal?: AbortSignal): Promise<CdrWindow>;
  /** False while the source refuses to be asked (an open circuit): callers then fall back to what they hold. */
  accepting?(): boolean;
}

export interface CircuitOptions {
  /** How long the circuit stays open before one trial request. */
  readonly resetMs: number;
  /** Requests in the rolling window before the failure rate counts. */
  readonly volumeThreshold?: number;
  readonly errorThresholdPercentage?: number;
}

/**
 * A circuit breaker in front of wolkvox. When most recent requests failed for wolkvox's own reasons
 * (down, timing out, in maintenance — after the client's retries), it opens: requests fail at once
 * with UPSTREAM_UNAVAILABLE instead of queueing behind the token for minutes, and the engine serves
 * cached data. After `resetMs` one trial request decides whether it closes again. A rejected token or
 * an exhausted quota is not wolkvox failing, so it does not count.
 */
export class UpstreamCircuit implements CallSource {
  private readonly breaker: CircuitBreaker<[TimeRange, AbortSignal | undefined], CdrWindow>;
  private openedAt: number | null = null;

  constructor(
    source: CallSource,
    private readonly options: CircuitOptions,
  ) {
    this.breaker = new CircuitBreaker((range: TimeRange, signal: AbortSignal | undefined) => source.fetchCalls(range, signal), {
      timeout: false,
      resetTimeout: options.resetMs,
      volumeThreshold: options.volumeThreshold ?? 3,
      errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
      // true: "not a failure of wolkvox's" (opossum's sense of the filter).
      errorFilter: (error: unknown) => !(error instanceof UpstreamError && error.code === 'UPSTREAM_UNAVAILABLE'),
    });
    this.breaker.on('open', () => (this.openedAt = Date.now()));
    this.breaker.on('close', () => (this.openedAt = null));
  }

  async fetchCalls(range: TimeRange, signal?: AbortSignal): Promise<CdrWindow> {
    try {
      return await this.breaker.fire(range, signal);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'EOPENBREAKER') {
        throw new UpstreamUnavailableError(`wolkvox keeps failing; not asking it again for up to ${Math.round(this.options.resetMs / 1000)} s (circuit open)`);
      }
      throw error;
    }
  }

  accepting(): boolean {
    return !this.breaker.opened;
  }

  /** Why the server is not ready, or null when the circuit is closed or trying again. */
  notReadyReason(): string | null {
    return this.breaker.opened ? `wolkvox circuit open since ${new Date(this.openedAt ?? Date.now()).toISOString()}: recent requests failed` : null;
  }

  shutdown(): void {
    this.breaker.shutdown();
  }
}
