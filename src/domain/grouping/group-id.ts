import { timeKeyId, type TimeKey } from './time-key.js';

/** One text per report group, the same whichever path (summary, scan, leg scan) meets it: time key, then values in dimension order. */
export function groupId(time: TimeKey | undefined, values: readonly (string | null)[]): string {
  // Concatenated, not joined from arrays: a month report names a group per summary cell it merges.
  let id = timeKeyId(time);
  for (const value of values) id += `\u0001${value ?? '\u0000'}`;
  return id;
}
