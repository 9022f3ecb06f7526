/**
 * Every way a wolkvox request can fail, as typed errors with stable codes (the graph maps `code` to
 * `extensions.code` once). Messages never include the token.
 */
export type UpstreamErrorCode =
  | 'UPSTREAM_AUTH'
  | 'UPSTREAM_QUOTA'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_BAD_DATA'
  | 'UPSTREAM_REJECTED';

export abstract class UpstreamError extends Error {
  abstract readonly code: UpstreamErrorCode;
  /** True when the same request may succeed later (5xx, resets, timeouts, maintenance, concurrent use). */
  readonly transient: boolean;
  readonly status: number | undefined;

  constructor(message: string, options: { transient?: boolean; status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.transient = options.transient ?? false;
    this.status = options.status;
  }
}

/** The token is missing or rejected (401, 403 "PLEASE VALIDATE TOKEN"). Never retried. */
export class UpstreamAuthError extends UpstreamError {
  readonly code = 'UPSTREAM_AUTH';
}

/** The token's daily quota is used up (403 "TOKEN LIMIT EXCEEDED"). Never retried: it resets tomorrow. */
export class UpstreamQuotaError extends UpstreamError {
  readonly code = 'UPSTREAM_QUOTA';
}

/** wolkvox is down, slow, in maintenance or busy with this token; `transient` ones are retried first. */
export class UpstreamUnavailableError extends UpstreamError {
  readonly code = 'UPSTREAM_UNAVAILABLE';
}

/**
 * The token is busy: wolkvox's simultaneous-use 403, or our own queue for the token. A signal to back
 * off, not wolkvox failing, so the circuit breaker does not count it.
 */
export class UpstreamBusyError extends UpstreamUnavailableError {}

/**
 * wolkvox did not answer in time. Retried at most once: wolkvox gives up on a request after 60 s itself,
 * so an unanswered one most likely hangs again, and every try holds the token for the whole timeout.
 */
export class UpstreamTimeoutError extends UpstreamUnavailableError {}

/** A response that cannot be read: not JSON, or not the documented envelope. */
export class UpstreamBadDataError extends UpstreamError {
  readonly code = 'UPSTREAM_BAD_DATA';
}

/** wolkvox refused the request itself (400): a bug on our side or a changed API, never retried. */
export class UpstreamRejectedError extends UpstreamError {
  readonly code = 'UPSTREAM_REJECTED';
}
