import { seededRandom, type Random } from './random.js';

/**
 * Failures the simulator can inject, each one a behaviour wolkvox or the network is known to show.
 * - server-error: HTTP 500
 * - maintenance: the 403 wolkvox answers during maintenance or backups
 * - simultaneous: the 403 for a token already in use (as if another client held it)
 * - quota: the 403 for an exhausted daily quota
 * - hang: accepts the request and never answers
 * - reset: closes the connection without an answer
 * - malformed-json: a 200 whose body is cut short
 * - malformed-rows: a 200 where some rows have unreadable fields
 */
export const FAULT_KINDS = [
  'server-error', 'maintenance', 'simultaneous', 'quota', 'hang', 'reset', 'malformed-json', 'malformed-rows',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  /** Added before every answer, while the request holds its token. */
  readonly latencyMs?: number;
  /** Probability per request of each fault. */
  readonly rates?: Partial<Record<FaultKind, number>>;
  /** Share of rows corrupted in a `malformed-rows` answer. */
  readonly malformedRowShare?: number;
  readonly seed?: number;
}

export class FaultInjector {
  latencyMs: number;
  rates: Partial<Record<FaultKind, number>>;
  readonly malformedRowShare: number;
  private readonly scripted: FaultKind[] = [];
  private readonly random: Random;

  constructor(options: FaultOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.rates = { ...options.rates };
    this.malformedRowShare = options.malformedRowShare ?? 0.1;
    this.random = seededRandom(options.seed ?? 7);
  }

  /** The next requests get these faults, in order, before any random ones. */
  script(...kinds: FaultKind[]): void {
    this.scripted.push(...kinds);
  }

  get pending(): number {
    return this.scripted.length;
  }

  clear(): void {
    this.scripted.length = 0;
    this.rates = {};
    this.latencyMs = 0;
  }

  /** The fault for the request being served, if any. */
  draw(): FaultKind | null {
    const scripted = this.scripted.shift();
    if (scripted) return scripted;
    for (const kind of FAULT_KINDS) {
      const rate = this.rates[kind] ?? 0;
      if (rate > 0 && this.random() < rate) return kind;
    }
    return null;
  }

  shouldCorruptRow(): boolean {
    return this.random() < this.malformedRowShare;
  }
}
