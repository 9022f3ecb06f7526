import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { Secret } from '../secret.js';

/**
 * The connection every replica shares state through. A command while Redis is away fails at once
 * (no offline queue): a request must never wait on, or be replayed later through, a dead connection,
 * and the token rule must never be decided without Redis. ioredis keeps reconnecting by itself, so a
 * replica recovers without a restart when Redis is back.
 */
export class SharedState {
  readonly redis: Redis;
  private lastError = 'not connected yet';

  constructor(url: Secret, private readonly logger: Logger) {
    this.redis = new Redis(url.reveal(), {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    this.redis.on('ready', () => this.logger.info({ redis: this.where() }, 'shared state (Redis) connected'));
    this.redis.on('error', (error: Error) => {
      // ioredis reports every failed reconnection; one line per change of reason is enough.
      if (error.message !== this.lastError) this.logger.warn({ redis: this.where(), err: error.message }, 'shared state (Redis) unreachable; serving what this replica holds');
      this.lastError = error.message;
    });
  }

  get reachable(): boolean {
    return this.redis.status === 'ready';
  }

  /**
   * Why this replica cannot fetch from wolkvox now, or null. /readyz shows it to anyone: where Redis
   * is and what its connection said stay in the logs.
   */
  notReadyReason(): string | null {
    return this.reachable ? null : 'shared state (Redis) unreachable: serving cached windows only';
  }

  /** Resolves once connected (start-up waits for it a little, to begin ready when Redis is). */
  async connected(timeoutMs: number): Promise<boolean> {
    if (this.reachable) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      this.redis.on('ready', onReady);
    });
  }

  close(): Promise<void> {
    this.redis.disconnect();
    return Promise.resolve();
  }

  /** Host and port only: the URL may hold a password. */
  private where(): string {
    return `${this.redis.options.host ?? '?'}:${this.redis.options.port ?? '?'}`;
  }
}
