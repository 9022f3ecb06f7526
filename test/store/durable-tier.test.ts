import { describe, expect, it, vi } from 'vitest';
import { CallReportDocument, CallsPageDocument } from '../../operations/generated/graphql.js';
import { archiveKey } from '../../src/store/archive-keys.js';
import { LmdbWindowArchive } from '../../src/store/lmdb-archive.js';
import type { TieredWindowStore } from '../../src/store/tiered-window-store.js';
import { FORMAT_VERSION } from '../../src/store/window-codec.js';
import { bogotaDay, graph, type TestGraph } from '../support/graph.js';
import { at, simulator } from '../support/simulator.js';
import { tempDirs } from '../support/temp-dirs.js';

const dataDir = tempDirs('cdr-durable-');

/** Stops a server the way main.ts does on SIGTERM, as far as the durable tier is concerned. */
const stop = (server: TestGraph) => server.durable!.archive.close();
const tiers = (server: TestGraph) => server.engine.store as TieredWindowStore;

const month = { from: '2025-02-08T00:00:00-05:00', to: '2025-03-10T00:00:00-05:00' };

describe('the durable window tier', () => {
  it('makes a restart free: 30 past days answer identically from disk, with no upstream request', async () => {
    const sim = await simulator();
    const dir = dataDir();
    const ask = async (server: TestGraph) => ({
      report: await server.execute(CallReportDocument, { range: month, groupBy: ['AGENT', 'DAY'] }),
      page: await server.execute(CallsPageDocument, { range: month, first: 1000, filter: { types: ['INBOUND'] } }),
    });

    const first = await graph({ sim, dataDir: dir });
    sim.faults.script('malformed-rows');
    const before = await ask(first);
    expect(before.report.errors).toBeUndefined();
    expect(before.report.data?.callReport?.unreadableRows.count).toBeGreaterThan(0);
    const requests = sim.counters.requests;
    expect(requests).toBeGreaterThan(0);
    await stop(first);

    const second = await graph({ sim, dataDir: dir });
    expect(second.engine.store.size).toBe(0);
    const after = await ask(second);
    expect(sim.counters.requests).toBe(requests);
    expect(after).toEqual(before);
    expect(tiers(second).hits.durable).toBe(30 * 24);
    const legs = sim.dataset.callsBetween({ from: at(month.from), to: at(month.to) }).length;
    const { total, unreadableRows } = after.report.data!.callReport!;
    expect(total.calls + unreadableRows.count).toBe(legs);
  });

  it('fetches again, and never serves, a stored window with a flipped byte or of another format version', async () => {
    const sim = await simulator();
    const dir = dataDir();
    const day = bogotaDay('2025-03-04');
    const first = await graph({ sim, dataDir: dir });
    const original = await first.execute(CallReportDocument, { range: day, groupBy: ['HOUR'] });
    const namespace = first.durable!.namespace;
    await stop(first);

    const archive = LmdbWindowArchive.open(dir);
    const ten = { from: at('2025-03-04T10:00:00-05:00'), to: at('2025-03-04T11:00:00-05:00') };
    const eleven = { from: ten.to, to: at('2025-03-04T12:00:00-05:00') };
    // A flipped byte that, read blindly, would change the first call's cost (the column after the dates).
    const flipped = Uint8Array.from(archive.read(archiveKey(namespace, ten))!);
    const view = new DataView(flipped.buffer);
    const costs = 16 + Math.ceil((4 + view.getUint32(16, true)) / 8) * 8 + 8 * countOf(flipped);
    flipped[costs + 2]! ^= 0x01;
    archive.write(archiveKey(namespace, ten), () => flipped);
    // Intact bytes, but labelled with a format this server does not read.
    const newer = Uint8Array.from(archive.read(archiveKey(namespace, eleven))!);
    new DataView(newer.buffer).setUint16(4, FORMAT_VERSION + 1, true);
    archive.write(archiveKey(namespace, eleven), () => newer);
    await archive.close();

    sim.resetCounters();
    const second = await graph({ sim, dataDir: dir });
    const again = await second.execute(CallReportDocument, { range: day, groupBy: ['HOUR'] });
    expect(again).toEqual(original);
    expect(sim.received.map((request) => request.url)).toEqual(['/api/v2/reports_manager.php?api=cdr_1&date_ini=20250304100000&date_end=20250304115959']);
    expect(tiers(second).dropped).toMatchObject({ checksum: 1, version: 1 });
    const metrics = await second.service.metrics.registry.metrics();
    expect(metrics).toContain('durable_store_dropped_total{reason="checksum"} 1');
    expect(metrics).toContain('durable_store_dropped_total{reason="version"} 1');
    expect(metrics).toMatch(/window_tier_hits_total\{tier="disk"\} 22\b/);
    expect(metrics).toMatch(/durable_store_bytes\{tier="disk"\} [1-9]\d*/);
  });

  it('keeps the day\'s budget across a restart: WOLKVOX_DAILY_BUDGET counts the requests before it too', async () => {
    const sim = await simulator();
    const dir = dataDir();
    const protection = { dailyBudget: 3 };
    const days = ['2024-10-01', '2024-10-11', '2024-10-21', '2024-10-31'].map(bogotaDay);
    const first = await graph({ sim, dataDir: dir, protection });
    for (const day of days.slice(0, 2)) expect((await first.execute(CallReportDocument, { range: day })).errors).toBeUndefined();
    await stop(first);

    const second = await graph({ sim, dataDir: dir, protection });
    expect(second.service.budget?.used).toBe(2);
    expect((await second.execute(CallReportDocument, { range: days[2]! })).errors).toBeUndefined();
    const refused = await second.execute(CallReportDocument, { range: days[3]! });
    expect(refused.errors?.[0]?.extensions?.code).toBe('UPSTREAM_QUOTA');
    expect(sim.counters.requests).toBe(3);
  });

  it('serves an open window read back from disk only while it is fresh, then fetches it again', async () => {
    let now = at('2025-03-04T15:20:00-05:00');
    const clock = () => now;
    const sim = await simulator({ dataset: { now: clock } });
    const dir = dataDir();
    const hour = { from: '2025-03-04T15:00:00-05:00', to: '2025-03-04T16:00:00-05:00' };
    const count = async (server: TestGraph) => (await server.execute(CallsPageDocument, { range: hour, first: 0 })).data!.calls!.totalCount;

    const first = await graph({ sim, dataDir: dir, now: clock, engine: { refreshMs: 300_000 } });
    const seen = await count(first);
    await stop(first);
    expect(sim.counters.requests).toBe(1);

    now += 2 * 60_000;
    const soon = await graph({ sim, dataDir: dir, now: clock, engine: { refreshMs: 300_000 } });
    expect(await count(soon)).toBe(seen);
    expect(sim.counters.requests).toBe(1);
    await stop(soon);

    now += 4 * 60_000;
    const later = await graph({ sim, dataDir: dir, now: clock, engine: { refreshMs: 300_000 } });
    const fresh = await count(later);
    expect(sim.counters.requests).toBe(2);
    expect(fresh).toBeGreaterThan(seen);
    expect(fresh).toBe(sim.dataset.callsBetween({ from: at(hour.from), to: at(hour.to) }).length);
  });
});

describe('the disk archive', () => {
  it('encodes a window it is given after the answer that brought it, writes it still, and serves it meanwhile', async () => {
    const dir = dataDir();
    const archive = LmdbWindowArchive.open(dir);
    const encoded: string[] = [];
    const bytes = (key: string, content: number[]) => () => {
      encoded.push(key);
      return Uint8Array.from(content);
    };
    archive.write('a', bytes('a', [1, 2, 3]));
    archive.write('b', bytes('b', [4]));
    archive.write('b', bytes('b', [5, 6]));
    // Nothing encoded while the answer is being served.
    expect(encoded).toEqual([]);
    expect(archive.read('b')).toEqual(Uint8Array.from([5, 6]));
    expect(encoded).toEqual(['b']);
    // The rest is written soon after, without being asked.
    await vi.waitFor(() => expect(encoded).toEqual(['b', 'a']), { timeout: 2_000, interval: 20 });
    await archive.close();

    const reopened = LmdbWindowArchive.open(dir);
    expect([...reopened.read('a')!]).toEqual([1, 2, 3]);
    expect([...reopened.read('b')!]).toEqual([5, 6]);
    await reopened.close();
  });

  it('writes what it was given before it closes', async () => {
    const dir = dataDir();
    const archive = LmdbWindowArchive.open(dir);
    archive.write('late', () => Uint8Array.from([7]));
    await archive.close();
    const reopened = LmdbWindowArchive.open(dir);
    expect([...reopened.read('late')!]).toEqual([7]);
    await reopened.close();
  });
});

/** The number of calls in stored bytes (from the text part, as the decoder reads it). */
function countOf(bytes: Uint8Array): number {
  const textLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(16, true);
  return (JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 20, textLength).toString('utf8')) as { length: number }).length;
}
