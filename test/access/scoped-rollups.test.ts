import { beforeAll, describe, expect, it } from 'vitest';
import type { TieredWindowStore } from '../../src/store/tiered-window-store.js';
import { graph, type Result, type TestGraph } from '../support/graph.js';
import { ADMIN_KEY, BRAND_A_KEY, BRANDS, bearer, policyYaml } from '../support/principals.js';
import { simulator } from '../support/simulator.js';
import { tempDirs } from '../support/temp-dirs.js';

/**
 * A scoped principal's reports read settled days from their roll-ups, as an unrestricted principal's
 * do (issue #22: "scoped reports keep the summary path, so their speed is today's"), and still answer
 * exactly the unrestricted answer filtered to the scope: totals and groups from the roll-ups alone,
 * and the names of agents and skills (which only the in-scope calls may give) from the days' windows,
 * read once per day and scope and then kept.
 */

const dataDir = tempDirs('cdr-scoped-rollups-');
const tiers = (server: TestGraph) => server.engine.store as TieredWindowStore;

/** Counts from now on the windows `server` reads from the durable tier without keeping them in memory (storedCopy). */
function countPassingReads(server: TestGraph): () => number {
  const store = tiers(server);
  let reads = 0;
  const storedCopy = store.storedCopy.bind(store);
  store.storedCopy = (window) => ((reads += 1), storedCopy(window));
  return () => reads;
}

/** Three settled weeks. */
const range = { from: '2025-02-03T00:00:00-05:00', to: '2025-02-24T00:00:00-05:00' };
const DAYS = 21;
const IN = { campaignIds: ['3001'] };

const BY_CAMPAIGN_AND_DAY = `query($range: DateRange!, $filter: CallFilter) {
  callReport(range: $range, filter: $filter, groupBy: [CAMPAIGN, DAY]) {
    total { calls totalCost } groups { campaign { id } period shareOfTotalCost stats { calls totalCost averageCost } }
    unreadableRows { count } freshness { complete }
  }
}`;

const LISTS = `query($range: DateRange!) { agents(range: $range) { id name } skills(range: $range) { id name } campaigns(range: $range) { id } }`;

const NAMED = `query($range: DateRange!, $filter: CallFilter) {
  callReport(range: $range, filter: $filter, groupBy: [AGENT, SKILL]) {
    total { calls totalCost } groups { agent { id name } skill { id name } stats { calls totalCost } }
  }
  agents(range: $range) { id name stats(range: $range, filter: $filter) { calls totalCost } }
  skills(range: $range) { id name }
  campaigns(range: $range) { id }
}`;

describe('a scoped principal reads settled days from their roll-ups (issue #22)', () => {
  let dir: string;
  /** A server over the same durable tier, started afresh: what it holds in memory is nothing. */
  const restart = (sim: TestGraph['sim']) => graph({ sim, dataDir: dir, apiKeys: [ADMIN_KEY], policy: policyYaml(BRANDS) });
  const ask = async (server: TestGraph, key: string, query: string, filter: Record<string, unknown> | null = null) => {
    const { status, json } = await server.post({ query, variables: { range, filter } }, bearer(key));
    expect(status).toBe(200);
    const result: Result<Record<string, unknown>> = json;
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  let sim: TestGraph['sim'];

  beforeAll(async () => {
    dir = dataDir();
    sim = await simulator();
    // The days are fetched and rolled up once, by an unrestricted principal, and kept on disk.
    const first = await restart(sim);
    await ask(first, ADMIN_KEY, BY_CAMPAIGN_AND_DAY);
    await first.durable!.archive.close();
  });

  it('totals and groups come from the roll-ups alone: no window read, no request, the filtered answer', async () => {
    const requests = sim.counters.requests;
    const server = await restart(sim);
    const scoped = await ask(server, BRAND_A_KEY, BY_CAMPAIGN_AND_DAY);
    expect(tiers(server).rollupHits).toBe(DAYS);
    expect(tiers(server).hits.durable).toBe(0);
    expect(server.engine.store.size).toBe(0);
    expect(sim.counters.requests).toBe(requests);
    expect(scoped).toEqual(await ask(server, ADMIN_KEY, BY_CAMPAIGN_AND_DAY, IN));
    expect((scoped.callReport as { total: { calls: number } }).total.calls).toBeGreaterThan(0);
  });

  it('names and owner lists are those of the in-scope calls, from the days\' windows read once', async () => {
    const requests = sim.counters.requests;
    const server = await restart(sim);
    const store = tiers(server);
    const passing = countPassingReads(server);
    const scoped = await ask(server, BRAND_A_KEY, NAMED);
    // Each day's windows read from disk for the scope, a day at a time and not kept in the cache: the
    // report's counts and the lists' directory run side by side in this operation and share the last
    // few days read (CallFeed.dayViews), so each day is read once (twice at most, were the two passes
    // ever more than those days apart); and once into memory for the report's AGENT × SKILL table
    // the roll-ups lack.
    expect(passing()).toBeGreaterThanOrEqual(DAYS * 24);
    expect(passing()).toBeLessThanOrEqual(2 * DAYS * 24);
    const firstReads = passing();
    expect(store.hits.durable).toBe(DAYS * 24);
    // The next operation reads none: what each day tells the scope is kept beside its roll-up.
    expect(await ask(server, BRAND_A_KEY, NAMED)).toEqual(scoped);
    expect(passing()).toBe(firstReads);
    expect(store.hits.durable).toBe(DAYS * 24);
    expect(sim.counters.requests).toBe(requests);

    // The oracle: an unrestricted principal's answer filtered to the campaign, on a server holding
    // the windows (its lists are computed from its calls, not from any directory of the scope).
    const filtered = await ask(server, ADMIN_KEY, NAMED, IN);
    const report = filtered.callReport as { groups: { agent: { id: string } | null; skill: { id: string } | null }[] };
    expect(scoped.callReport).toEqual(filtered.callReport);
    const agentsInScope = new Set(report.groups.map((group) => group.agent?.id).filter((id) => id !== undefined));
    const skillsInScope = new Set(report.groups.map((group) => group.skill?.id).filter((id) => id !== undefined));
    expect((scoped.agents as { id: string }[]).map((agent) => agent.id).sort()).toEqual([...agentsInScope].sort());
    expect((scoped.skills as { id: string }[]).map((skill) => skill.id).sort()).toEqual([...skillsInScope].sort());
    expect(scoped.campaigns).toEqual([{ id: '3001' }]);
    // Every name the scope sees is a name its own calls carry, as the filtered report names them.
    const names = new Map((report.groups as { agent: { id: string; name: string | null } | null }[]).flatMap((group) => (group.agent ? [[group.agent.id, group.agent.name]] : [])));
    for (const agent of scoped.agents as { id: string; name: string | null }[]) expect(agent.name).toBe(names.get(agent.id));
    for (const agent of scoped.agents as { stats: { calls: number } }[]) expect(agent.stats.calls).toBeGreaterThan(0);
  });

  it('a report by agent with their names reads each day\'s windows once for both its bound and the names', async () => {
    const server = await restart(sim);
    const passing = countPassingReads(server);
    const query = `query($range: DateRange!, $filter: CallFilter) { callReport(range: $range, filter: $filter, groupBy: [AGENT]) { groups { agent { id name } stats { calls } } } }`;
    const scoped = await ask(server, BRAND_A_KEY, query);
    expect(passing()).toBe(DAYS * 24);
    expect(scoped).toEqual(await ask(server, ADMIN_KEY, query, IN));
  });

  it('owner lists alone read each day\'s windows from disk once, without keeping them in memory (the roll-ups stay)', async () => {
    const requests = sim.counters.requests;
    const server = await restart(sim);
    const store = tiers(server);
    // Counted where the windows are read: the durable tier's copies, not kept in memory.
    const read = countPassingReads(server);

    const lists = await ask(server, BRAND_A_KEY, LISTS);
    expect(read()).toBe(DAYS * 24);
    expect(server.engine.store.size).toBe(0);
    expect(store.rollupCount).toBe(DAYS);
    expect(await ask(server, BRAND_A_KEY, LISTS)).toEqual(lists);
    expect(read()).toBe(DAYS * 24);
    expect(sim.counters.requests).toBe(requests);
    expect(lists.campaigns).toEqual([{ id: '3001' }]);
    // What an unrestricted principal's report filtered to the scope names.
    const filtered = await ask(server, ADMIN_KEY, `query($range: DateRange!, $filter: CallFilter) {
      byAgent: callReport(range: $range, filter: $filter, groupBy: [AGENT]) { groups { agent { id name } } }
      bySkill: callReport(range: $range, filter: $filter, groupBy: [SKILL]) { groups { skill { id name } } } }`, IN);
    const named = (groups: unknown, field: 'agent' | 'skill') => (groups as Record<typeof field, { id: string; name: string | null } | null>[]).flatMap((group) => group[field] ?? []).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
    expect(lists.agents).toEqual(named((filtered.byAgent as { groups: unknown }).groups, 'agent'));
    expect(lists.skills).toEqual(named((filtered.bySkill as { groups: unknown }).groups, 'skill'));
  });

  it('a scope\'s first lists of a long range stop with the operation (MAX_OPERATION_SECONDS): nothing more is read', async () => {
    const server = await graph({ sim, dataDir: dir, apiKeys: [ADMIN_KEY], policy: policyYaml(BRANDS), limits: { operationMs: 5 } });
    const read = countPassingReads(server);
    const { json } = await server.post({ query: LISTS, variables: { range } }, bearer(BRAND_A_KEY));
    expect(json.errors?.[0]?.extensions?.code).toBe('OPERATION_TIMEOUT');
    const stopped = read();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(read()).toBe(stopped);
    expect(read()).toBeGreaterThan(0);
    expect(read()).toBeLessThan(DAYS * 24);
  });
});
