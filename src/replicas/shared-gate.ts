import { performance } from 'node:perf_hooks';
import { Semaphore } from 'redis-semaphore';
import type { Logger } from '../logger.js';
import { UpstreamUnavailableError } from '../upstream/errors.js';
import { TokenGate } from '../upstream/token-gate.js';
import type { SharedState } from './redis-connection.js';

export interface SharedGateOptions {
  /** Requests in flight per token across every replica (WOLKVOX_MAX_IN_FLIGHT). */
  readonly limit: number;
  /**
   * How long a holder keeps its slot without renewing it. Longer than the whole request deadline:
   * a replica that dies mid-request keeps the token blocked until wolkvox has surely given up on it.
   */
  readonly leaseMs: number;
  /** How long a fetch may wait for a slot before it fails with UPSTREAM_UNAVAILABLE. */
  readonly maxWaitMs: number;
}

/**
 * The token gate across replicas: a Redis semaphore (`redis-semaphore`, a maintained library; no
 * lock protocol of our own) with `limit` slots for the token. In this process, fetches first queue
 * in arrival order for a local slot, so only they poll Redis and local order is kept (Redis grants
 * the slots among replicas by polling: close to FIFO, not strictly). A live holder's lease is renewed
 * while its fetch runs; a dead holder's runs out after `leaseMs`.
 */
export class SharedTokenGate {
  readonly stats = { acquired: 0, waitSeconds: 0, leasesLeftToExpire: 0 };
  private readonly local: TokenGate;

  constructor(
    private readonly state: SharedState,
    private readonly key: string,
    private readonly options: SharedGateOptions,
    private readonly logger: Logger,
  ) {
    this.local = new TokenGate(options.limit, options.maxWaitMs);
  }

  /**
   * Runs `task` holding a slot of the token. The slot is given back when wolkvox has answered; when
   * our side gave up on a request that wolkvox may still be working on (a timeout, a reset), it is
   * not: its lease runs out instead, so that no replica sends a request next to it.
   */
  run<T>(task: () => Promise<T>): Promise<T> {
    return this.local.run(async () => {
      const lease = new Semaphore(this.state.redis, this.key, this.options.limit, {
        lockTimeout: this.options.leaseMs,
        acquireTimeout: this.options.maxWaitMs,
        retryInterval: 20,
        onLockLost: (error) => this.logger.warn({ err: error.message }, 'lost the shared wolkvox token lease (Redis away during a request)'),
      });
      const queued = performance.now();
      try {
        await lease.acquire();
      } catch (error) {
        throw new UpstreamUnavailableError(`the shared wolkvox token gate (Redis) could not be taken: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      this.stats.acquired += 1;
      this.stats.waitSeconds += (performance.now() - queued) / 1000;
      try {
        const result = await task();
        await lease.release().catch(() => lease.stopRefresh());
        return result;
      } catch (error) {
        if (wolkvoxMayStillBeWorking(error)) {
          lease.stopRefresh();
          this.stats.leasesLeftToExpire += 1;
        } else {
          await lease.release().catch(() => lease.stopRefresh());
        }
        throw error;
      }
    });
  }
}

/** Unavailable without an answer from wolkvox (a timeout, a reset): the request may still be running there. */
function wolkvoxMayStillBeWorking(error: unknown): boolean {
  return error instanceof UpstreamUnavailableError && error.status === undefined;
}
