import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bogotaDay, graph, TEST_NOW, type TestGraph } from '../support/graph.js';
import { ADMIN_KEY, BRAND_A_KEY, BRAND_B_KEY, bearer, policyYaml, type PolicyPrincipal } from '../support/principals.js';
import { rowsIn, simulator } from '../support/simulator.js';

const SHARE = 3;
const PRINCIPALS: readonly PolicyPrincipal[] = [
  { name: 'brand-a-dashboard', key: BRAND_A_KEY, campaigns: ['3001'], upstreamRequestsPerDay: SHARE },
  { name: 'brand-b-quality', key: BRAND_B_KEY, campaigns: ['3002'] },
];
const REPORT = 'query($range: DateRange!) { callReport(range: $range) { total { calls } freshness { staleWindows { from } } } }';
/** Past days, each one cold request (days are one span of hour windows). */
const days = ['2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04', '2025-02-05'].map(bogotaDay);

interface Answer { status: number; calls?: number; codes: unknown[]; message?: string; stale?: unknown[] }

async function reportOf(test: TestGraph, key: string, range: { from: string; to: string }): Promise<Answer> {
  const { status, json } = await test.post({ query: REPORT, variables: { range } }, bearer(key));
  const report = (json.data as { callReport?: { total: { calls: number }; freshness: { staleWindows: unknown[] } } | null } | undefined)?.callReport;
  return { status, calls: report?.total.calls, codes: json.errors?.map((error) => error.extensions?.code) ?? [], message: json.errors?.[0]?.message, stale: report?.freshness.staleWindows };
}

describe('a principal\'s share of wolkvox (upstreamRequestsPerDay)', () => {
  it('bounds the requests its operations cause in a local day; past it its cold windows are UPSTREAM_QUOTA, while others and the cache still answer', async () => {
    let now = TEST_NOW;
    const test = await graph({ now: () => now, apiKeys: [ADMIN_KEY], policy: policyYaml(PRINCIPALS) });
    const inScope = (range: { from: string; to: string }) => rowsIn(test.sim, range).filter((row) => row.campaign_id === '3001').length;
    for (const range of days.slice(0, SHARE)) expect(await reportOf(test, BRAND_A_KEY, range)).toMatchObject({ calls: inScope(range), codes: [] });
    expect(test.sim.counters.requests).toBe(SHARE);

    const refused = await reportOf(test, BRAND_A_KEY, days[SHARE]!);
    expect(refused).toMatchObject({ status: 200, calls: undefined, codes: ['UPSTREAM_QUOTA'] });
    expect(refused.message).toContain(`brand-a-dashboard's share of ${SHARE} wolkvox requests a day (upstreamRequestsPerDay) is used up`);
    expect(test.sim.counters.requests).toBe(SHARE);

    // Another principal (no share of its own) and an unrestricted one still ask wolkvox; what they fetched is then cached for brand-a too.
    expect(await reportOf(test, BRAND_B_KEY, days[SHARE]!)).toMatchObject({ codes: [] });
    expect(await reportOf(test, ADMIN_KEY, days[SHARE + 1]!)).toMatchObject({ codes: [] });
    expect(await reportOf(test, BRAND_A_KEY, days[SHARE]!)).toMatchObject({ calls: inScope(days[SHARE]!), codes: [] });
    expect(await reportOf(test, BRAND_A_KEY, days[0]!)).toMatchObject({ calls: inScope(days[0]!), codes: [] });
    expect(test.sim.counters.requests).toBe(SHARE + 2);

    // A window of today that went out of date is served from its copy, marked stale, rather than refused.
    const today = { from: '2025-03-10T00:00:00-05:00', to: '2025-03-11T00:00:00-05:00' };
    // Past the start of the hour, so that every begun window of today has a copy.
    now += 600_000;
    expect(await reportOf(test, ADMIN_KEY, today)).toMatchObject({ codes: [], stale: [] });
    now += 301_000;
    const stale = await reportOf(test, BRAND_A_KEY, today);
    expect(stale.codes).toEqual([]);
    expect(stale.stale!.length).toBeGreaterThan(0);

    // A new local day, a new share.
    now = Date.parse('2025-03-11T00:00:01-05:00');
    expect(await reportOf(test, BRAND_A_KEY, days[4]!)).toMatchObject({ codes: [] });
  });

  it('is kept under DATA_DIR with the daily budget, so that a restart does not give it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdr-share-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const sim = await simulator();
    const first = await graph({ sim, dataDir: dir, policy: policyYaml(PRINCIPALS) });
    for (const range of days.slice(0, SHARE)) expect((await reportOf(first, BRAND_A_KEY, range)).codes).toEqual([]);
    await first.durable!.archive.close();
    const second = await graph({ sim, dataDir: mkdtempSync(join(tmpdir(), 'cdr-share-windows-')), policy: policyYaml(PRINCIPALS) });
    expect((await reportOf(second, BRAND_A_KEY, days[SHARE]!)).codes).toEqual([]);
    const restarted = await graph({ sim, dataDir: dir, policy: policyYaml(PRINCIPALS) });
    expect((await reportOf(restarted, BRAND_A_KEY, days[SHARE + 1]!)).codes).toEqual(['UPSTREAM_QUOTA']);
  });

  it('never fails another principal\'s operation that joined the same fetch', async () => {
    const test = await graph({ sim: await simulator({ faults: { latencyMs: 50 } }), policy: policyYaml([{ ...PRINCIPALS[0]!, upstreamRequestsPerDay: 0 }, PRINCIPALS[1]!]) });
    const [spent, other] = await Promise.all([reportOf(test, BRAND_A_KEY, days[0]!), reportOf(test, BRAND_B_KEY, days[0]!)]);
    expect(spent.codes).toEqual(['UPSTREAM_QUOTA']);
    expect(other).toMatchObject({ codes: [], calls: rowsIn(test.sim, days[0]!).filter((row) => row.campaign_id === '3002').length });
    // brand-b joined brand-a's fetch, which failed before sending anything; it then fetched the day itself, in one request.
    expect(test.engine.stats.inFlightJoins).toBeGreaterThan(0);
    expect(test.sim.counters.requests).toBe(1);
  });
});
