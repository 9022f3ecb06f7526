import type { CallColumns } from '../domain/columns/call-columns.js';
import { CallColumnsBuilder, columnsOf } from '../domain/columns/call-columns-builder.js';
import type { ZoneClock } from '../domain/time/zone-clock.js';
import { callId } from '../domain/model/call-id.js';
import { cdrEnvelope, cdrRowToCall, isStrictCdrRow, normalizeCdrRow, type CdrLeg } from './cdr-schema.js';
import {
  UpstreamAuthError,
  UpstreamBadDataError,
  UpstreamBusyError,
  UpstreamQuotaError,
  UpstreamRejectedError,
  UpstreamUnavailableError,
  type UpstreamError,
} from './errors.js';

/** A row wolkvox sent that could not be read: kept, with why, so that nothing disappears silently. */
export interface RejectedRow {
  /** Position in the response's `data`. */
  readonly index: number;
  readonly reason: string;
  readonly row: unknown;
}

export interface CdrRows {
  /** The legs read, in (date, id) order, each with its id (legs that share an instant and a conn_id told apart by content: call-id.ts). */
  readonly calls: CallColumns;
  readonly rejected: RejectedRow[];
  /** Rows in the response, read or not. */
  readonly rowCount: number;
}

/** An answer without rows (wolkvox's way of saying a window is empty). */
export const NO_ROWS: CdrRows = { calls: columnsOf([]), rejected: [], rowCount: 0 };

/**
 * The meaning of a non-2xx answer, after wolkvox's documented statuses and messages: a typed error, or `'empty'` for wolkvox's
 * 404 "Validate dates entered", which is how it says a window has no records.
 */
export function classifyFailure(status: number, message: string): UpstreamError | 'empty' {
  const text = message.toLowerCase();
  const detail = `wolkvox answered ${status}${message ? ` "${message}"` : ''}`;
  if (status === 404 && text.includes('validate dates')) return 'empty';
  if (status === 401) return new UpstreamAuthError(`${detail}: the wolkvox token was not sent`, { status });
  if (status === 403) {
    if (text.includes('validate token')) return new UpstreamAuthError(`${detail}: the wolkvox token was rejected`, { status });
    if (text.includes('token limit')) return new UpstreamQuotaError(`${detail}: the token's daily quota is used up`, { status });
    if (text.includes('simultaneous')) {
      return new UpstreamBusyError(`${detail}: the token is in use by another request`, { status, transient: true });
    }
    // Any other 403 is wolkvox's maintenance/backup answer.
    return new UpstreamUnavailableError(`${detail}: wolkvox is temporarily unavailable`, { status, transient: true });
  }
  if (status === 400) return new UpstreamRejectedError(`${detail}: wolkvox refused the request`, { status });
  if (status === 408 || status === 429 || status >= 500) {
    return new UpstreamUnavailableError(`${detail}: wolkvox failed`, { status, transient: true });
  }
  return new UpstreamUnavailableError(`${detail}: unexpected answer`, { status });
}

/** The human message of an error body: the envelope's `msg` or `error`, else the start of the text. */
export function failureMessage(body: string): string {
  try {
    const parsed = cdrEnvelope.safeParse(JSON.parse(body));
    if (parsed.success) {
      const { msg, error } = parsed.data;
      const text = [msg, typeof error === 'string' ? error : null].find((v) => v != null && String(v).trim() !== '');
      if (text != null) return String(text).trim();
    }
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return body.trim().slice(0, 200);
}

/**
 * Reads a successful response body: envelope, then every row through the zod row schema.
 * A body that is not the envelope throws UPSTREAM_BAD_DATA; a bad row is rejected with its reason
 * and the rest of the window survives.
 */
export function readCdrBody(body: string, clock: ZoneClock): CdrRows {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    // wolkvox answers JSON only: anything else is an answer cut off in transit (or a proxy's page), which
    // asking again can mend, as with a connection reset. JSON that is not the envelope is not retried.
    throw new UpstreamBadDataError(`wolkvox sent a body that is not JSON (${body.length} bytes)`, { cause, transient: true });
  }
  const envelope = cdrEnvelope.safeParse(json);
  if (!envelope.success) {
    throw new UpstreamBadDataError(`wolkvox sent JSON that is not the report envelope: ${envelope.error.message}`);
  }
  const code = envelope.data.code == null ? 200 : Number(envelope.data.code);
  if (Number.isFinite(code) && code !== 200) {
    const failure = classifyFailure(code, failureMessage(body));
    if (failure === 'empty') return NO_ROWS;
    throw failure;
  }
  const data = envelope.data.data;
  const rows: unknown[] = data == null ? [] : Array.isArray(data) ? data : [data];
  return normalizeRows(rows, clock);
}

function normalizeRows(rows: readonly unknown[], clock: ZoneClock): CdrRows {
  const read = rowReader(clock);
  const builder = new CallColumnsBuilder(rows.length);
  const rejected: RejectedRow[] = [];
  /** The row each leg added came from, to tell legs apart by their content where they share an id. */
  const rowOfLeg = new Uint32Array(rows.length);
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index];
    const call = read(row);
    if (typeof call === 'string') rejected.push({ index, reason: call, row });
    else {
      rowOfLeg[builder.length] = index;
      builder.add(call);
    }
  }
  const calls = builder.build((leg) => fingerprint(read(rows[rowOfLeg[leg]!]) as CdrLeg));
  return { calls, rejected, rowCount: rows.length };
}

/**
 * Every field of a leg, as text, with its plain id first: what tells apart legs that share an instant
 * and a conn_id (the same text since ids were first derived, so that they do not change). Such legs are
 * read again for it (rarely) rather than an object being kept per leg.
 */
function fingerprint(leg: CdrLeg): string {
  return JSON.stringify({ id: callId(leg.date, leg.connId), ...leg });
}

/** Reads one row: the normalized leg, or why it cannot be read. */
function rowReader(clock: ZoneClock): (row: unknown) => CdrLeg | string {
  let schema: ReturnType<typeof cdrRowToCall> | undefined;
  return (row) => {
    // Rows of only strings (all of them, in practice) are normalized directly: the zod schema, which
    // means the same, runs for the others and says why a row cannot be read (a third of the reading time saved).
    if (isStrictCdrRow(row)) {
      const normalized = normalizeCdrRow(row, clock);
      if (!Array.isArray(normalized)) return normalized;
    }
    const parsed = (schema ??= cdrRowToCall(clock)).safeParse(row);
    if (parsed.success) return parsed.data;
    return parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ');
  };
}
