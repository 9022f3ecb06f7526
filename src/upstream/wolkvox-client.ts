import pRetry, { AbortError } from 'p-retry';
import { setImmediate as nextTurnOfTheLoop } from 'node:timers/promises';
import { Pool, errors as undiciErrors } from 'undici';
import { spanMs, type TimeRange } from '../domain/time/time-range.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import type { Secret } from '../secret.js';
import { classifyFailure, failureMessage, NO_ROWS, readCdrBody, type CdrRows } from './cdr-response.js';
import type { CdrAnswer, FetchHooks } from './call-source.js';
import type { UpstreamCircuit } from './circuit.js';
import type { DailyBudget } from './daily-budget.js';
import { UpstreamBadDataError, UpstreamError, UpstreamTimeoutError, UpstreamUnavailableError, type UpstreamErrorCode } from './errors.js';
import { FetchDeadline } from './fetch-deadline.js';
import { TokenGate } from './token-gate.js';
import { wireWindow } from './wire-dates.js';
import { UPSTREAM_DEFAULTS } from '../defaults.js';
import { CDR_REPORT, MAX_ANSWER_BYTES, MAX_ROWS_PER_RESPONSE, MAX_SPAN_DAYS, MAX_SPAN_MS, REPORT_PATH } from './wolkvox-protocol.js';

/**
 * An answer's chunks as text, decoded as undici's `text()` would (malformed bytes become U+FFFD): chunk
 * by chunk, without first copying them into one buffer (a month's 27 MB took 20–70 ms to copy).
 */
function decodeChunks(chunks: readonly Uint8Array[]): string {
  const decoder = new TextDecoder();
  const parts = chunks.map((chunk) => decoder.decode(chunk, { stream: true }));
  parts.push(decoder.decode());
  return parts.join('');
}

/** Retries of a timed-out attempt (see UpstreamTimeoutError). */
const TIMEOUT_RETRIES = 1;

export interface WolkvoxClientOptions {
  /** Scheme, host and port: `https://wv{SERVER}.wolkvox.com` or WOLKVOX_BASE_URL. */
  readonly origin: string;
  readonly token: Secret;
  readonly clock: ZoneClock;
  /** Whole-request deadline; wolkvox's own timeout is 60 s, so ours sits just above it. */
  readonly timeoutMs?: number;
  /** Retries of transient failures after the first attempt. */
  readonly retries?: number;
  /** Time one fetch may take from its first attempt to its last, pauses included; it bounds how long a hanging wolkvox holds the token. */
  readonly fetchDeadlineMs?: number;
  readonly retryMinDelayMs?: number;
  readonly retryMaxDelayMs?: number;
  /** Requests in flight for the token (wolkvox allows at most 2; 1 is the safe default). */
  readonly maxInFlight?: number;
  /** How long a request may wait for the token before it fails. */
  readonly maxQueueWaitMs?: number;
  /** A response with this many rows may be truncated by wolkvox. */
  readonly maxRowsPerResponse?: number;
  /** A response larger than this is refused as UPSTREAM_BAD_DATA (MAX_ANSWER_BYTES). */
  readonly maxAnswerBytes?: number;
  /** Guards the token's daily quota; every HTTP attempt spends from it. */
  readonly budget?: DailyBudget | null;
  readonly observer?: UpstreamObserver | null;
  /** Sees every HTTP attempt, and refuses them while open. */
  readonly circuit?: UpstreamCircuit | null;
}

/** Hooks for metrics: how each HTTP attempt ended and how long it waited for the token. */
export interface UpstreamObserver {
  attempt(outcome: 'ok' | 'empty' | UpstreamErrorCode | 'aborted', seconds: number): void;
  gateWait(seconds: number): void;
}

export interface WolkvoxClientStats {
  /** fetchCalls calls. */
  requests: number;
  /** HTTP requests sent, retries included. */
  attempts: number;
  retries: number;
  failures: number;
}

export class WolkvoxClient {
  readonly stats: WolkvoxClientStats = { requests: 0, attempts: 0, retries: 0, failures: 0 };
  private readonly pool: Pool;
  private readonly gate: TokenGate;
  private readonly options: Required<WolkvoxClientOptions>;

  constructor(options: WolkvoxClientOptions) {
    this.options = {
      ...UPSTREAM_DEFAULTS,
      retryMinDelayMs: 1_000,
      retryMaxDelayMs: 30_000,
      maxQueueWaitMs: 5 * 60_000,
      maxRowsPerResponse: MAX_ROWS_PER_RESPONSE,
      maxAnswerBytes: MAX_ANSWER_BYTES,
      budget: null,
      observer: null,
      circuit: null,
      ...options,
    };
    const { origin, timeoutMs, maxInFlight, maxQueueWaitMs } = this.options;
    this.gate = new TokenGate(maxInFlight, maxQueueWaitMs);
    this.pool = new Pool(origin, {
      connections: maxInFlight,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      keepAliveTimeout: 30_000,
    });
  }

  get maxRowsPerResponse(): number {
    return this.options.maxRowsPerResponse;
  }

  /** False while the circuit is open: wolkvox is not asked then. */
  accepting(): boolean {
    return this.options.circuit?.accepting() ?? true;
  }

  /**
   * Every call leg in `[range.from, range.to)`, validated and normalized. `hooks.received` is told when an
   * answer's body is in and the token released, before the answer is read: the caller may ask its
   * next request then, while this one is parsed. `hooks.background` work waits for the token behind
   * every operation, and each of its attempts spends from its share too.
   */
  async fetchCalls(range: TimeRange, signal?: AbortSignal, hooks: FetchHooks = {}): Promise<CdrAnswer> {
    if (!(range.from < range.to)) throw new RangeError('range must have from < to');
    if (spanMs(range) > MAX_SPAN_MS) throw new RangeError(`wolkvox serves at most ${MAX_SPAN_DAYS} days per request`);
    this.stats.requests += 1;
    const { retries, retryMinDelayMs, retryMaxDelayMs, fetchDeadlineMs } = this.options;
    const deadline = new FetchDeadline(fetchDeadlineMs);
    let timeouts = 0;
    const worthRetrying = (error: Error) =>
      error instanceof UpstreamError && error.transient && deadline.remaining() > 0 && !(error instanceof UpstreamTimeoutError && timeouts > TIMEOUT_RETRIES);
    try {
      const rows = await pRetry(() => this.tryOnce(range, deadline, signal, hooks), {
        retries,
        factor: 2,
        minTimeout: retryMinDelayMs,
        maxTimeout: retryMaxDelayMs,
        randomize: true,
        signal,
        shouldRetry: ({ error }) => worthRetrying(error),
        onFailedAttempt: ({ error, retriesLeft }) => {
          if (error instanceof UpstreamTimeoutError) timeouts += 1;
          if (retriesLeft > 0 && worthRetrying(error)) this.stats.retries += 1;
        },
      });
      return this.toWindow(range, rows);
    } catch (error) {
      this.stats.failures += 1;
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  /** Ends every connection now, requests in flight included (shutting down). */
  async destroy(): Promise<void> {
    await this.pool.destroy();
  }

  /**
   * One attempt: the HTTP exchange under the token, then the answer read once the token is free.
   * wolkvox counts a request as in use until its answer has been sent, so the body transfer stays
   * under the token; parsing and validating do not, so the next request (of this operation or
   * another) is sent while this answer is read.
   */
  private async tryOnce(range: TimeRange, deadline: FetchDeadline, signal: AbortSignal | undefined, hooks: FetchHooks): Promise<CdrRows> {
    const { observer, clock } = this.options;
    const exchange = { seconds: 0 };
    try {
      const body = await this.gated(range, deadline, exchange, signal, hooks);
      hooks.received?.();
      // Two turns of the event loop first, which is when undici writes the request that was waiting for
      // the token (test/upstream/token-release.test.ts): it is on the wire while this CPU-bound read runs.
      await nextTurnOfTheLoop();
      await nextTurnOfTheLoop();
      const rows: CdrRows = body === null ? NO_ROWS : readCdrBody(decodeChunks(body), clock);
      observer?.attempt(rows.rowCount === 0 ? 'empty' : 'ok', exchange.seconds);
      return rows;
    } catch (error) {
      observer?.attempt(error instanceof UpstreamError ? error.code : 'aborted', exchange.seconds);
      throw error;
    }
  }

  /**
   * The HTTP exchange, holding the token and passing the circuit (refused at once while it is open,
   * rather than after queueing for the token): a successful answer's body, or null for an empty window.
   */
  private async gated(range: TimeRange, deadline: FetchDeadline, exchange: { seconds: number }, signal: AbortSignal | undefined, hooks: FetchHooks): Promise<Uint8Array[] | null> {
    const { observer, circuit } = this.options;
    if (circuit && !circuit.accepting()) throw circuit.openError();
    if (deadline.remaining() <= 0) throw this.pastDeadline();
    const queued = performance.now();
    return this.gate.run(async () => {
      observer?.gateWait((performance.now() - queued) / 1000);
      const started = performance.now();
      const timed = async () => {
        try {
          return await this.attempt(range, deadline, signal, hooks);
        } finally {
          exchange.seconds = (performance.now() - started) / 1000;
        }
      };
      return circuit ? circuit.guard(timed) : timed();
    }, signal, hooks.background ? 'background' : 'user');
  }

  private async attempt(range: TimeRange, deadline: FetchDeadline, callerSignal: AbortSignal | undefined, hooks: FetchHooks): Promise<Uint8Array[] | null> {
    // AbortSignal.timeout takes whole milliseconds only.
    const allowedMs = Math.min(this.options.timeoutMs, Math.floor(deadline.startAttempt()));
    if (allowedMs <= 0) throw this.pastDeadline();
    // The share first: background work never spends the daily budget on an attempt its share refuses.
    await hooks.background?.share.spend();
    await this.options.budget?.spend();
    this.stats.attempts += 1;
    hooks.sent?.();
    const { dateIni, dateEnd } = wireWindow(range, this.options.clock);
    const path = `${REPORT_PATH}?api=${CDR_REPORT}&date_ini=${dateIni}&date_end=${dateEnd}`;
    const timer = AbortSignal.timeout(allowedMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timer]) : timer;
    try {
      const response = await this.pool.request({
        path,
        method: 'GET',
        headers: { 'wolkvox-token': this.options.token.reveal(), accept: 'application/json' },
        signal,
      });
      // Bytes only, while the token is held: decoding them into text is part of reading the answer.
      const body = await this.receive(response.body);
      if (response.statusCode < 200 || response.statusCode >= 300) {
        const failure = classifyFailure(response.statusCode, failureMessage(decodeChunks(body)));
        if (failure === 'empty') return null;
        throw failure;
      }
      return body;
    } catch (error) {
      if (callerSignal?.aborted) throw new AbortError(callerSignal.reason instanceof Error ? callerSignal.reason : 'aborted');
      throw this.asUpstreamError(error, allowedMs);
    }
  }

  /** The answer's chunks as they arrived, refused once they pass `maxAnswerBytes`. */
  private async receive(body: AsyncIterable<Uint8Array> & { destroy(): unknown }): Promise<Uint8Array[]> {
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    for await (const chunk of body) {
      bytes += chunk.length;
      if (bytes > this.options.maxAnswerBytes) {
        body.destroy();
        throw new UpstreamBadDataError(`wolkvox's answer passed ${this.options.maxAnswerBytes} bytes, the most one answer may take; it was not read`);
      }
      chunks.push(chunk);
    }
    return chunks;
  }

  private asUpstreamError(error: unknown, allowedMs: number): UpstreamError {
    if (error instanceof UpstreamError) return error;
    const timedOut =
      (error instanceof DOMException && error.name === 'TimeoutError') ||
      error instanceof undiciErrors.HeadersTimeoutError ||
      error instanceof undiciErrors.BodyTimeoutError ||
      error instanceof undiciErrors.ConnectTimeoutError;
    if (timedOut && allowedMs < this.options.timeoutMs) return this.pastDeadline(error);
    if (timedOut) return new UpstreamTimeoutError(`wolkvox did not answer within ${this.options.timeoutMs} ms`, { transient: true, cause: error });
    return new UpstreamUnavailableError(`wolkvox could not be reached (${describeNetworkError(error)})`, { transient: true, cause: error });
  }

  private pastDeadline(cause?: unknown): UpstreamError {
    return new UpstreamUnavailableError(
      `wolkvox did not answer within the fetch deadline of ${this.options.fetchDeadlineMs / 1000} s (WOLKVOX_FETCH_DEADLINE_SECONDS), retries included`,
      { cause },
    );
  }

  private toWindow(range: TimeRange, rows: CdrRows): CdrAnswer {
    const { calls } = rows;
    const [first, end] = [calls.rowAt(range.from), calls.rowAt(range.to)];
    return {
      ...rows,
      calls: first === 0 && end === calls.length ? calls : calls.slice(first, end),
      range,
      possiblyTruncated: rows.rowCount >= this.options.maxRowsPerResponse,
      outsideRange: calls.length - (end - first),
    };
  }
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === 'string' ? code : error.name;
  }
  return 'unknown error';
}
