import type { CallSource } from '../upstream/call-source.js';
import type { UpstreamObserver } from '../upstream/wolkvox-client.js';
import { activeSpan, inSpan, isoOf } from './spans.js';

/** HTTP statuses of the outcomes that name one: wolkvox answers an empty range with 404. */
const STATUS_OF_OUTCOME: Record<string, number> = { ok: 200, empty: 404 };

/**
 * One span per wolkvox request (`wolkvox cdr_1`): the range asked, the rows answered, whether the answer
 * reached the row cap, and, from the client's hooks, each HTTP attempt (an event with its outcome and
 * duration: retries are the attempts after the first), its last status, and the wait for the token.
 * Nothing of the request's headers is recorded: the token never reaches a span.
 */
export function tracedSource(source: CallSource): CallSource {
  return {
    ...(source.maxRowsPerResponse !== undefined && { maxRowsPerResponse: source.maxRowsPerResponse }),
    ...(source.accepting && { accepting: () => source.accepting!() }),
    fetchCalls: (range, signal, hooks) =>
      inSpan('wolkvox cdr_1', { 'wolkvox.range.from': isoOf(range.from), 'wolkvox.range.to': isoOf(range.to), 'wolkvox.background': hooks?.background !== undefined }, async (span) => {
        let answer;
        try {
          answer = await source.fetchCalls(range, signal, hooks);
        } catch (error) {
          const status = (error as { status?: unknown }).status;
          if (typeof status === 'number') span.setAttribute('http.response.status_code', status);
          throw error;
        }
        span.setAttributes({ 'wolkvox.rows': answer.rowCount, 'wolkvox.rows.unreadable': answer.rejected.length, 'wolkvox.possibly_truncated': answer.possiblyTruncated });
        return answer;
      }),
  };
}

/** The client's hooks, also annotating the request span they happen in (attempts, retries, status, gate wait). */
export function tracingObserver(next: UpstreamObserver): UpstreamObserver {
  const attempts = new WeakMap<object, number>();
  return {
    attempt(outcome, seconds) {
      next.attempt(outcome, seconds);
      const span = activeSpan();
      if (!span) return;
      const count = (attempts.get(span) ?? 0) + 1;
      attempts.set(span, count);
      span.addEvent('wolkvox attempt', { 'wolkvox.outcome': outcome, 'wolkvox.attempt.seconds': seconds });
      span.setAttributes({ 'wolkvox.attempts': count, 'wolkvox.retries': count - 1, 'wolkvox.outcome': outcome });
      const status = STATUS_OF_OUTCOME[outcome];
      if (status !== undefined) span.setAttribute('http.response.status_code', status);
    },
    gateWait(seconds) {
      next.gateWait(seconds);
      activeSpan()?.setAttribute('wolkvox.gate_wait.seconds', seconds);
    },
  };
}
