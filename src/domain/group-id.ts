import { timeKeyId, type TimeKey } from './time-key.js';

/** One text per report group, the same whichever path (summary, scan, leg scan) meets it: time key, then values in dimension order. */
export function groupId(time: TimeKey | undefined, values: readonly (string | null)[]): string {
  return [timeKeyId(time), ...values.map((value) => value ?? '\u0000')].join('\u0001');
}
