import { hash } from 'node:crypto';

/**
 * Call ids are `<epoch seconds>.<conn_id>`, and `<epoch seconds>.<conn_id>.<content hash>[.<n>]` for legs
 * that share both (several legs of one call in the same second).
 *
 * - The instant makes an id self-locating: whoever holds one (a federated reference, a cursor) can
 *   find the window that contains the call without a date range.
 * - The content hash covers every field of the row, so it does not depend on the order wolkvox returns
 *   rows in: a refetch of the same window yields the same ids. It is computed only for colliding legs,
 *   because hashing every row would cost as much as reading the response.
 * - `.n` numbers rows identical in every field; they are distinct billable legs and, being
 *   indistinguishable, any numbering of them is stable.
 */
export function callId(dateMs: number, connId: string): string {
  return `${Math.floor(dateMs / 1000)}.${connId}`;
}

export function disambiguatedCallId(dateMs: number, connId: string, rowFingerprint: string, occurrence: number): string {
  const base = `${callId(dateMs, connId)}.${hash('sha1', rowFingerprint, 'base64url').slice(0, 12)}`;
  return occurrence === 0 ? base : `${base}.${occurrence}`;
}

/** The order of legs everywhere (windows, pages, cursors): by instant, then by id. */
export function compareDateThenId(a: { readonly date: number; readonly id: string }, b: { readonly date: number; readonly id: string }): number {
  return a.date - b.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The instant a call id points at, or null when the text is not a call id. */
export function instantOfCallId(id: string): number | null {
  const match = /^(\d{1,12})\./.exec(id);
  return match ? Number(match[1]) * 1000 : null;
}
