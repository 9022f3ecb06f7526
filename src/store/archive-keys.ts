import { createHash } from 'node:crypto';
import type { Secret } from '../secret.js';
import type { TimeRange } from '../domain/time/time-range.js';

/**
 * Keys of stored windows: `cdr/k1/<source>/<zone>/<from>-<to>`. `k1` is the layout of the key
 * itself (the layout of the value has its own version, in window-codec.ts, so that a server with a
 * new format finds old values and replaces them instead of leaving them behind). The source keeps
 * apart data that must never mix: each wolkvox origin and token, and the simulator (by seed and
 * volume, and `night-shift` when it has one, as `npm start`'s has by default). The zone is part of it because wolkvox is asked in wall-clock time: windows fetched under
 * another WOLKVOX_TIMEZONE hold other rows. Both ends of the window are in the key, so hour and day
 * windows never collide.
 */
const KEY_LAYOUT = 'k1';

/** A short, stable fingerprint of a token: a SHA-256 prefix, never the token (keys show in tools and logs). */
function tokenFingerprint(token: Secret): string {
  return createHash('sha256').update(token.reveal()).digest('hex').slice(0, 16);
}

export type ArchiveSource =
  | { readonly mode: 'live'; readonly origin: string; readonly token: Secret }
  | { readonly mode: 'simulator'; readonly seed: number; readonly callsPerDay: number; readonly nightShift: boolean };

/** What is kept per token whatever the zone (the shared token gate, the daily budget): `cdr/k1/<source>`. */
export function sourceNamespace(source: ArchiveSource): string {
  const origin =
    source.mode === 'live'
      ? `live:${new URL(source.origin).host}:${tokenFingerprint(source.token)}`
      : `simulator:seed-${source.seed}:calls-${source.callsPerDay}${source.nightShift ? ':night-shift' : ''}`;
  return `cdr/${KEY_LAYOUT}/${origin}`;
}

export function archiveNamespace(source: ArchiveSource, timeZone: string): string {
  return `${sourceNamespace(source)}/${timeZone}`;
}

export const archiveKey = (namespace: string, window: TimeRange): string => `${namespace}/${window.from}-${window.to}`;

/** A local day's roll-up (rollup-codec.ts), beside its windows: `<namespace>/day/<from>-<to>`. */
export const rollupKey = (namespace: string, day: TimeRange): string => `${namespace}/day/${day.from}-${day.to}`;
