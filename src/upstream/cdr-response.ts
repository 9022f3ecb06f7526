import type { CallRecord } from '../domain/call-record.js';
import { disambiguatedCallId } from '../domain/call-id.js';
import type { ZoneClock } from '../domain/zone-clock.js';
import { cdrEnvelope, cdrRowToCall, isStrictCdrRow, normalizeCdrRow, type DraftCall } from './cdr-schema.js';
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
  readonly records: CallRecord[];
  readonly rejected: RejectedRow[];
  /** Rows in the response, read or not. */
  readonly rowCount: number;
}

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
    if (failure === 'empty') return { records: [], rejected: [], rowCount: 0 };
    throw failure;
  }
  const data = envelope.data.data;
  const rows: unknown[] = data == null ? [] : Array.isArray(data) ? data : [data];
  return normalizeRows(rows, clock);
}

function normalizeRows(rows: readonly unknown[], clock: ZoneClock): CdrRows {
  const schema = cdrRowToCall(clock);
  const calls: DraftCall[] = [];
  const rejected: RejectedRow[] = [];
  rows.forEach((row, index) => {
    // Rows of only strings (all of them, in practice) are normalized directly: the zod schema, which
    // means the same, runs for the others and says why a row cannot be read (a third of the reading time saved).
    if (isStrictCdrRow(row)) {
      const normalized = normalizeCdrRow(row, clock);
      if (!Array.isArray(normalized)) {
        calls.push(normalized);
        return;
      }
    }
    const parsed = schema.safeParse(row);
    if (parsed.success) {
      calls.push(parsed.data);
      return;
    }
    const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ');
    rejected.push({ index, reason, row });
  });
  disambiguate(calls);
  return { records: calls, rejected, rowCount: rows.length };
}

/** Legs that share an instant and a conn_id get ids from their content (call-id.ts). */
function disambiguate(calls: DraftCall[]): void {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const call of calls) {
    if (seen.has(call.id)) shared.add(call.id);
    else seen.add(call.id);
  }
  if (shared.size === 0) return;
  const occurrences = new Map<string, number>();
  for (const call of calls) {
    if (!shared.has(call.id)) continue;
    // Every field, normalized; the shared plain id is part of it and changes nothing.
    const fingerprint = JSON.stringify(call);
    const seen = occurrences.get(fingerprint) ?? 0;
    occurrences.set(fingerprint, seen + 1);
    call.id = disambiguatedCallId(call.date, call.connId, fingerprint, seen);
  }
}
