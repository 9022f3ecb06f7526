import type { Client } from 'graphql-sse';
import { createClient } from 'graphql-sse';
import { beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN_COUNTRY } from '../../src/domain/model/phone-country.js';
import { bogotaDay, graph, type Result, type TestGraph } from '../support/graph.js';
import { closeAfterFile } from '../support/cleanup.js';
import { listen } from '../support/listen.js';
import { ADMIN_KEY, BRAND_A_KEY, BRAND_B_KEY, BRANDS, bearer, policyYaml } from '../support/principals.js';
import { simulator } from '../support/simulator.js';
import { subscribe } from '../support/sse.js';

// The fields of each answer a test reads, as a successful answer has them.
interface CallsPage { calls: { edges: { node: Record<string, unknown> }[] } }
interface Aggregates { callReport: { total: { distinctCustomers: number } } }
interface UnreadableRows {
  callReport: { unreadableRows: { count: number; rows: { reason: string; raw: string | null }[] }; freshness: { complete: boolean; missingWindows: { from: string }[] } };
}

const day = bogotaDay('2025-03-04');
const PERSONAL = ['telephone', 'customerId', 'comment'] as const;

describe('personal data: withheld from principals without pii, with FORBIDDEN at each path', () => {
  let test: TestGraph;
  let client: Client;
  /** The answer to `query`, read as `T`: the shape of the fields the query asks for. */
  const as = async <T = Record<string, unknown>>(key: string, query: string, variables: Record<string, unknown> = {}): Promise<Result<T>> =>
    (await test.post({ query, variables }, bearer(key))).json as Result<T>;

  beforeAll(async () => {
    // Some rows of the day's answer cannot be read: their raw text holds personal data too.
    const sim = await simulator({ faults: { malformedRowShare: 0.05 } });
    sim.faults.script('malformed-rows');
    test = await graph({ sim, apiKeys: [ADMIN_KEY], policy: policyYaml(BRANDS) });
    client = createClient({ url: `${await listen(test.server)}/graphql`, retryAttempts: 0, headers: bearer(BRAND_A_KEY) });
    closeAfterFile(() => client.dispose());
  });

  it('telephone, customerId and comment are null with a FORBIDDEN error at each of their paths; the other fields answer', async () => {
    const query = `query($range: DateRange!) { calls(range: $range, first: 20) { edges { node { id cost telephone customerId comment } } } }`;
    const scoped = await as<CallsPage>(BRAND_A_KEY, query, { range: day });
    const full = await as<CallsPage>(BRAND_B_KEY, query, { range: day });
    const edges = scoped.data!.calls.edges;
    expect(edges).toHaveLength(20);
    for (const { node } of edges) for (const field of PERSONAL) expect(node[field]).toBeNull();
    expect(edges.every(({ node }) => typeof node.id === 'string' && typeof node.cost === 'string')).toBe(true);
    expect(scoped.errors).toHaveLength(20 * PERSONAL.length);
    const paths = scoped.errors!.map((error) => error.path!.join('.')).sort();
    expect(paths).toEqual(edges.flatMap((_edge, i) => PERSONAL.map((field) => `calls.edges.${i}.node.${field}`)).sort());
    for (const error of scoped.errors!) {
      expect(error.extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(error.message).toMatch(/^Call\.(telephone|customerId|comment) is personal data, which brand-a-dashboard is not granted/);
    }
    // A principal with pii reads them (brand-b sees its own campaign).
    expect(full.errors).toBeUndefined();
    expect(full.data!.calls.edges.some(({ node }) => node.telephone !== null)).toBe(true);
  });

  it.each([
    [{ telephones: ['3001234567'] }, 'filter.telephones'],
    [{ telephonePrefixes: ['57'] }, 'filter.telephonePrefixes'],
    [{ customerIds: ['1234567890'] }, 'filter.customerIds'],
    [{ not: { telephones: ['3001234567'] } }, 'filter.not.telephones'],
    [{ types: ['INBOUND'], anyOf: [{ hangUps: ['agent'] }, { customerIds: ['1'] }] }, 'filter.anyOf[1].customerIds'],
  ])('a filter that would reveal personal data (%j) is FORBIDDEN on every field that takes one', async (filter, where) => {
    const query = `query($range: DateRange!, $filter: CallFilter) {
      calls(range: $range, filter: $filter) { totalCount }
      callReport(range: $range, filter: $filter) { total { calls } }
      campaign(id: "3001") { stats(range: $range, filter: $filter) { calls } }
    }`;
    const scoped = await as(BRAND_A_KEY, query, { range: day, filter });
    expect(scoped.data).toEqual({ calls: null, callReport: null, campaign: null });
    expect(scoped.errors!.map((error) => [error.path?.[0], error.extensions?.code])).toEqual([['calls', 'FORBIDDEN'], ['callReport', 'FORBIDDEN'], ['campaign', 'FORBIDDEN']]);
    for (const error of scoped.errors!) expect(error.message).toContain(`A filter on ${where} is personal data`);
    const granted = await as(BRAND_B_KEY, query, { range: day, filter });
    expect(granted.errors).toBeUndefined();
  });

  it('a subscription with such a filter is refused when it starts', async () => {
    const events = await subscribe<unknown>(client, 'subscription { callsAdded(filter: {telephones: ["3001234567"]}) { id } }');
    const { value } = await events.next();
    expect(value?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('aggregates over personal data stay available, and equal the unrestricted figures in scope', async () => {
    const query = `query($range: DateRange!, $filter: CallFilter) {
      callReport(range: $range, filter: $filter, groupBy: [COUNTRY]) {
        total { calls distinctCustomers callsPerCustomer repeatCallers(withinHours: 24) }
        groups { country stats { calls distinctCustomers } }
      }
    }`;
    const scoped = await as<Aggregates>(BRAND_A_KEY, query, { range: day, filter: { countries: ['CO', UNKNOWN_COUNTRY] } });
    const oracle = await as<Aggregates>(ADMIN_KEY, query, { range: day, filter: { countries: ['CO', UNKNOWN_COUNTRY], campaignIds: ['3001'] } });
    expect(scoped.errors).toBeUndefined();
    expect(scoped).toEqual(oracle);
    expect(scoped.data!.callReport.total.distinctCustomers).toBeGreaterThan(0);
  });

  it('unreadable rows: a scope sees those of its campaigns only, with their reason and without their raw text', async () => {
    const query = `query($range: DateRange!) { callReport(range: $range) { unreadableRows { count rows(first: 1000) { reason raw } } freshness { complete missingWindows { from } } } }`;
    const everything = await as<UnreadableRows>(ADMIN_KEY, query, { range: day });
    // The admin is granted personal data, so every row's raw text is there.
    const rows = everything.data!.callReport.unreadableRows.rows as { reason: string; raw: string }[];
    expect(rows.length).toBeGreaterThan(0);
    const ofCampaign = (campaign: string) => rows.filter((row) => (JSON.parse(row.raw) as { campaign_id: string }).campaign_id === campaign);
    expect(ofCampaign('3001').length).toBeGreaterThan(0);

    const withheld = await as<UnreadableRows>(BRAND_A_KEY, query, { range: day });
    expect(withheld.data!.callReport.unreadableRows.count).toBe(ofCampaign('3001').length);
    expect(withheld.data!.callReport.unreadableRows.rows).toEqual(ofCampaign('3001').map((row) => ({ reason: row.reason, raw: null })));
    expect(new Set(withheld.errors!.map((error) => error.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    expect(withheld.data!.callReport.freshness).toEqual(everything.data!.callReport.freshness);

    const granted = await as<UnreadableRows>(BRAND_B_KEY, query, { range: day });
    expect(granted.errors).toBeUndefined();
    expect(granted.data!.callReport.unreadableRows.rows).toEqual(ofCampaign('3002'));
  });

  it('freshness counts a window as missing rows for a scope only when an unreadable row of the scope came with it', async () => {
    const query = `query($range: DateRange!) { callReport(range: $range) { unreadableRows { count } freshness { complete missingWindows { from } } } }`;
    const outsider = { name: 'campaign-without-calls', key: 'key-of-a-campaign-with-no-calls-99', campaigns: ['9999'] };
    const other = await graph({ sim: test.sim, apiKeys: [ADMIN_KEY], policy: policyYaml([outsider]) });
    test.sim.faults.script('malformed-rows');
    const answer = (await other.post({ query, variables: { range: day } }, bearer(outsider.key))).json;
    const everything = (await other.post({ query, variables: { range: day } }, bearer(ADMIN_KEY))).json as Result<UnreadableRows>;
    expect(everything.data!.callReport.unreadableRows.count).toBeGreaterThan(0);
    expect(everything.data!.callReport.freshness.missingWindows.length).toBeGreaterThan(0);
    expect(answer.data!.callReport).toEqual({ unreadableRows: { count: 0 }, freshness: { complete: true, missingWindows: [] } });
  });
});
