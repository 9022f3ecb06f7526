import { spanMs, type TimeRange } from '../domain/time/time-range.js';
import type { WindowEngine } from '../feed/window-engine.js';

/**
 * The next windows to fetch in one request: from the newest missing window backwards, as many
 * adjacent ones as the density learned so far fits in one request (a day first while nothing is
 * learned). Days found stored whole on the way are listed as held; null when that was all there was.
 */
export async function nextSpan(missingDays: readonly number[], unheldWindows: (day: number) => Promise<TimeRange[]>, engine: WindowEngine): Promise<TimeRange[] | null> {
  let span: TimeRange[] = [];
  for (const day of missingDays) {
    const unheld = await unheldWindows(day);
    if (unheld.length === 0) {
      if (span.length > 0) break;
      continue;
    }
    const run = newestRun(unheld);
    if (span.length > 0 && run.at(-1)!.to !== span[0]!.from) break;
    const longer = span.length === 0 ? fitted(run, engine) : extended(span, run, engine);
    const whole = longer.length - span.length === run.length;
    span = longer;
    if (!whole || run.length < unheld.length || !engine.informed) break;
  }
  return span.length > 0 ? span : null;
}

/** The newest windows of `run` that one request fits. */
function fitted(run: readonly TimeRange[], engine: WindowEngine): TimeRange[] {
  let span = [...run];
  while (span.length > 1 && !fits(span, engine)) span = span.slice(1);
  return span;
}

/** `span` with as many of `run`'s newest windows (adjacent before it) as still fit one request. */
function extended(span: TimeRange[], run: readonly TimeRange[], engine: WindowEngine): TimeRange[] {
  const whole = [...run, ...span];
  if (fits(whole, engine)) return whole;
  let extended = span;
  for (let i = run.length - 1; i >= 0 && fits([run[i]!, ...extended], engine); i -= 1) extended = [run[i]!, ...extended];
  return extended;
}

function fits(span: readonly TimeRange[], engine: WindowEngine): boolean {
  return spanMs({ from: span[0]!.from, to: span.at(-1)!.to }) <= engine.options.maxRequestSpanMs && engine.requestsFor(span) <= 1;
}

/** The newest run of adjacent windows of `windows` (in order). */
function newestRun(windows: readonly TimeRange[]): TimeRange[] {
  let start = windows.length - 1;
  while (start > 0 && windows[start - 1]!.to === windows[start]!.from) start -= 1;
  return windows.slice(start);
}
