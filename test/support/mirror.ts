import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { HistoryMirror } from '../../src/mirror/history-mirror.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import type { TestGraph } from './graph.js';

/** A fresh DATA_DIR (the OS cleans its temporary folder). */
export const tempDataDir = (): string => mkdtempSync(join(tmpdir(), 'cdr-mirror-'));

/** The graph's history mirror (the test built it with `history`). */
export function mirrorOf(served: TestGraph): HistoryMirror {
  const { mirror } = served.service;
  if (!mirror) throw new Error('this graph has no history mirror: give graph() `history` and `dataDir` or `redisUrl`');
  return mirror;
}

/** Stops a server the way main.ts does on SIGTERM, as far as the mirror and the durable tier are concerned. */
export async function stopServer(served: TestGraph): Promise<void> {
  await served.service.mirror?.stop();
  await served.durable?.archive.close();
}

/** The local days (YYYYMMDD) of the `date_ini` of the requests the simulator received from index `since` on. */
export function daysAsked(sim: WolkvoxSimulator, since = 0): string[] {
  return sim.received.slice(since).map((request) => /date_ini=(\d{8})/.exec(request.url)?.[1] ?? request.url);
}

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** A log destination that keeps every line, parsed. */
export function logSink(): { readonly stream: Writable; readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write: (chunk, _encoding, done) => {
      lines.push(...String(chunk).split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogLine));
      done();
    },
  });
  return { stream, lines };
}
