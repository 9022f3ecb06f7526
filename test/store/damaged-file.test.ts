import { once } from 'node:events';
import { closeSync, copyFileSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVE_FILE } from '../../src/store/lmdb-archive.js';
import { startServerProcess } from '../support/server-process.js';

/** Each test starts a real server process (tsx compiles it at start-up: 5 s alone, several times that on a loaded machine). */
const PROCESS_TEST_MS = 90_000;

const ENV = { SIMULATOR_CALLS_PER_DAY: '300' };
const WEEK = JSON.stringify({ query: '{ callReport(range: {from: "2025-03-01T00:00:00-05:00", to: "2025-03-08T00:00:00-05:00"}) { total { calls } } }' });

async function reportCalls(base: string): Promise<number> {
  const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: WEEK });
  const body = (await response.json()) as { data?: { callReport: { total: { calls: number } } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data!.callReport.total.calls;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const dataDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

/** A DATA_DIR holding a copy of `pristine`, damaged by `damage`. */
function damagedCopy(pristine: string, damage: (file: string) => void): string {
  const dir = dataDir('cdr-damaged-');
  copyFileSync(pristine, join(dir, ARCHIVE_FILE));
  damage(join(dir, ARCHIVE_FILE));
  return dir;
}

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
}

/** Page size, read from the first meta page (MDB_meta.mm_dbs[0].md_pad, after LMDB's 24-byte page header). */
const pageSizeOf = (file: string) => readFileSync(file).readUInt32LE(24 + 24);

let pristine: string;
let calls: number;

beforeAll(async () => {
  // A store the real server wrote: a week of windows, then a clean SIGTERM.
  const dir = dataDir('cdr-pristine-');
  const server = await startServerProcess({ ...ENV, DATA_DIR: dir, SHUTDOWN_GRACE_SECONDS: '0', SHUTDOWN_TIMEOUT_SECONDS: '1' });
  calls = await reportCalls(server.url);
  server.child.kill('SIGTERM');
  await once(server.child, 'exit');
  pristine = join(dir, ARCHIVE_FILE);
  expect(statSync(pristine).size).toBeGreaterThan(100_000);
}, 90_000);

describe.each([
  ['a corrupt meta page (the newest, magic intact: root and transaction id garbage)', (file: string) => overwrite(file, pageSizeOf(file) + 24 + 8, randomBytes(160))],
  ['a zeroed head (both meta pages)', (file: string) => overwrite(file, 0, Buffer.alloc(4 * pageSizeOf(file)))],
  ['garbage throughout', (file: string) => overwrite(file, 0, randomBytes(statSync(file).size))],
  ['half of it truncated', (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2))],
])('a data file with %s', (_, damage) => {
  it('is moved aside (kept, with a log line naming DATA_DIR and the file), and the server starts empty, ready, and answers', async () => {
    const dir = damagedCopy(pristine, damage);
    const damaged = readFileSync(join(dir, ARCHIVE_FILE));
    const server = await startServerProcess({ ...ENV, DATA_DIR: dir });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(await reportCalls(server.url)).toBe(calls);
    expect(server.child.exitCode).toBeNull();

    const kept = readdirSync(dir).filter((name) => name.startsWith(`${ARCHIVE_FILE}.damaged-`));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, kept[0]!)).equals(damaged)).toBe(true);
    const line = server.output().split('\n').find((text) => text.includes(kept[0]!));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 40, dataDir: dir, kept: join(dir, kept[0]!) });
  }, PROCESS_TEST_MS);
});

describe('a sound data file', () => {
  it('is opened as it is: the week is served from disk, nothing is moved', async () => {
    const dir = damagedCopy(pristine, () => undefined);
    const server = await startServerProcess({ ...ENV, DATA_DIR: dir });
    expect(await reportCalls(server.url)).toBe(calls);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    // Settled days come back as their day roll-ups, the rest as windows: both from disk.
    expect(metrics).toMatch(/(window_tier_hits_total|day_rollup_tier_hits_total)\{tier="disk"\} [1-9]/);
    expect(readdirSync(dir).filter((name) => name.includes('damaged'))).toEqual([]);
  }, PROCESS_TEST_MS);
});
