import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Semaphore } from 'redis-semaphore';
import type { Logger } from '../logger.js';
import { UpstreamBusyError, UpstreamUnavailableError } from '../upstream/errors.js';
import { TokenGate, type TokenPriority } from '../upstream/token-gate.js';
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
 *
 * Background work (the history mirror) goes after operations across replicas too: an operation waiting
 * for a slot is announced in a Redis sorted set (`<key>/waiting`, scored by when its wait gives up),
 * and background work does not ask for a slot while anyone is announced there.
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
   * not: its lease runs out instead, so that no replica sends a request next to it. An operation is
   * announced as waiting from the moment it asks, while it queues in this replica too: an operation's
   * next span, queued behind its previous one, keeps every replica's background work waiting.
   */
  async run<T>(task: () => Promise<T>, priority: TokenPriority = 'user'): Promise<T> {
    if (priority === 'background') return this.runInBackground(task);
    const announced = await this.announceWaiting();
    try {
      return await this.local.run(() => this.leased(task, announced), undefined, 'user');
    } finally {
      announced();
    }
  }

  /**
   * Background work waits, holding nothing, until no operation of any replica waits; then takes a
   * local slot and, should an operation have been announced meanwhile, gives it back and waits again.
   */
  private async runInBackground<T>(task: () => Promise<T>): Promise<T> {
    const giveUp = performance.now() + this.options.maxWaitMs;
    for (;;) {
      await this.untilNoOperationWaits(giveUp);
      const ran = await this.local.run(async () => ((await this.operationsWaiting()) > 0 ? YIELDED : { value: await this.leased(task) }), undefined, 'background');
      if (ran !== YIELDED) return ran.value;
    }
  }

  /** Takes the Redis lease (taking back the operation's announcement once it has it), runs `task`, and gives the lease back as `run` says. */
  private async leased<T>(task: () => Promise<T>, announced?: () => void): Promise<T> {
    const lease = new Semaphore(this.state.redis, this.key, this.options.limit, {
      lockTimeout: this.options.leaseMs,
      acquireTimeout: this.options.maxWaitMs,
      retryInterval: RETRY_MS,
      onLockLost: (error) => this.logger.warn({ err: error.message }, 'lost the shared wolkvox token lease (Redis away during a request)'),
    });
    const queued = performance.now();
    try {
      await lease.acquire();
    } catch (error) {
      throw new UpstreamUnavailableError(`the shared wolkvox token gate (Redis) could not be taken: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      announced?.();
    }
    this.stats.acquired += 1;
    this.stats.waitSeconds += (performance.now() - queued) / 1000;
    try {
      const value = await task();
      await lease.release().catch(() => lease.stopRefresh());
      return value;
    } catch (error) {
      if (wolkvoxMayStillBeWorking(error)) {
        lease.stopRefresh();
        this.stats.leasesLeftToExpire += 1;
      } else {
        await lease.release().catch(() => lease.stopRefresh());
      }
      throw error;
    }
  }

  /** Puts an operation's wait where every replica's background work sees it; returns how to take it back (once). */
  private async announceWaiting(): Promise<() => void> {
    const member = randomUUID();
    const waiting = `${this.key}/waiting`;
    // Nothing announced when Redis is away: the slot cannot be taken then either.
    await this.state.redis.zadd(waiting, Date.now() + this.options.maxWaitMs, member).catch(() => undefined);
    let withdrawn = false;
    return () => {
      if (withdrawn) return;
      withdrawn = true;
      void this.state.redis.zrem(waiting, member).catch(() => undefined);
    };
  }

  /** Waits until no operation of any replica waits for the token, or fails at `giveUp` (performance.now()). */
  private async untilNoOperationWaits(giveUp: number): Promise<void> {
    while ((await this.operationsWaiting()) > 0) {
      if (performance.now() > giveUp) throw new UpstreamBusyError(`background work waited ${this.options.maxWaitMs} ms for operations to be served`);
      await sleep(RETRY_MS);
    }
  }

  /** Operations of any replica announced as waiting (an announcement past its give-up time no longer counts). */
  private async operationsWaiting(): Promise<number> {
    const waiting = `${this.key}/waiting`;
    try {
      await this.state.redis.zremrangebyscore(waiting, '-inf', Date.now());
      return await this.state.redis.zcard(waiting);
    } catch (error) {
      throw new UpstreamUnavailableError(`the shared wolkvox token gate (Redis) could not be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}

/** How often a wait for the shared token asks Redis again. */
const RETRY_MS = 20;

/** Background work gave its local slot back to an operation that arrived meanwhile. */
const YIELDED = Symbol('yielded');

/** Unavailable without an answer from wolkvox (a timeout, a reset): the request may still be running there. */
function wolkvoxMayStillBeWorking(error: unknown): boolean {
  return error instanceof UpstreamUnavailableError && error.status === undefined;
}
