import { beforeAll, describe, expect, it } from 'vitest';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { compareDateThenId } from '../../src/domain/model/call-id.js';
import { bogotaDay, graph, type Result, type TestGraph } from '../support/graph.js';
import { exactSum } from '../support/oracle.js';
import { ADMIN_KEY, BRAND_A_KEY, BRANDS, bearer, policyYaml } from '../support/principals.js';
import { instants, rowsIn, simulator } from '../support/simulator.js';

/**
 * The hostile suite of issue #22: brand-a sees campaign 3001 only, without personal data. Every entry
 * point must answer it exactly what an unrestricted principal's answer filtered to campaign 3001 is
 * (and what the simulator's rows say), never a leg, a name or a total of another campaign, and an
 * out-of-scope id must answer as a nonexistent one does.
 */

const day = bogotaDay('2025-03-04');
const IN = '3001';

const STATS = `calls totalCost averageCost totalDurationSeconds averageDurationSeconds maxDurationSeconds totalBilledMinutes actualMinutes
  roundingOverheadMinutes costPerBilledMinute uncodedCalls agentHungUpCalls callsByType { type calls } callsByHangUp { hangUp calls }
  durationPercentiles(p: [50, 90, 99]) { p seconds } durationHistogram { fromSeconds toSeconds calls totalCost } shortCalls(under: 10)
  distinctCalls transferredCalls legsPerCall distinctCustomers callsPerCustomer repeatCallers(withinHours: 24)`;

const REPORT = `query($range: DateRange!, $filter: CallFilter, $groupBy: [CallDimension!]) {
  callReport(range: $range, filter: $filter, groupBy: $groupBy) {
    total { ${STATS} }
    groups { agent { id name } campaign { id } skill { id name } type hangUp codAct codAct2 destiny country period weekday hourOfDay shareOfTotalCost stats { ${STATS} } }
    top: groups(orderBy: {metric: TOTAL_COST}, limit: 5) { agent { id } campaign { id } skill { id } country shareOfTotalCost stats { calls totalCost } }
    trafficByHour { period calls erlangs }
    busiestHour { period calls erlangs }
    unreadableRows { count }
    freshness { complete }
    range { from to }
  }
}`;

const OWNERS = `query($range: DateRange!, $filter: CallFilter) {
  agents(range: $range) { id name stats(range: $range, filter: $filter) { calls totalCost } }
  campaigns(range: $range) { id stats(range: $range, filter: $filter) { calls totalCost distinctCustomers } }
  skills(range: $range) { id name stats(range: $range, filter: $filter) { calls totalCost }
    calls(range: $range, filter: $filter, first: 5) { totalCount edges { node { id campaign { id } } } } }
}`;

/** Pages small enough that a day of one campaign takes several. */
const PAGE_SIZE = 25;
const PAGE = `query($range: DateRange!, $filter: CallFilter, $after: String, $first: Int = ${PAGE_SIZE}) {
  calls(range: $range, filter: $filter, first: $first, after: $after) {
    totalCount stats { calls totalCost distinctCalls }
    edges { cursor node { id date cost campaign { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

// The fields of each answer a test reads, as a successful answer has them.
interface Leg { id: string; date: string; cost: string; campaign: { id: string } | null }
interface Page {
  calls: {
    totalCount: number;
    stats: { calls: number; totalCost: string; distinctCalls: number };
    edges: { cursor: string; node: Leg }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
interface Report {
  callReport: { total: { calls: number; totalCost: string }; groups: { campaign: { id: string } | null; shareOfTotalCost: number }[] };
}
interface Owner { id: string; stats: { calls: number } }
interface Owners {
  agents: Owner[];
  campaigns: Owner[];
  skills: (Owner & { calls: { edges: { node: { campaign: { id: string } | null } }[] } })[];
}
interface OwnerNode { id: string; stats: { calls: number; totalCost: string }; calls: { totalCount: number } }
interface OwnerNodes { out: unknown; none: unknown; own: unknown; outNode: OwnerNode | null; noneNode: unknown; agent: unknown }

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

describe('a principal scoped to one campaign, without personal data (issue #22, hostile)', () => {
  let test: TestGraph;
  let sim: WolkvoxSimulator;
  /** The answer to `query`, read as `T`: the shape of the fields the query asks for. */
  const as = async <T = Record<string, unknown>>(key: string, query: string, variables: Record<string, unknown> = {}): Promise<Result<T>> => {
    const { status, json } = await test.post({ query, variables }, bearer(key));
    expect(status).toBe(200);
    return json as Result<T>;
  };
  const brandA = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => as<T>(BRAND_A_KEY, query, variables);
  const admin = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => as<T>(ADMIN_KEY, query, variables);
  /** Every leg of a query, page after page. */
  const allLegs = async (key: string, filter: Record<string, unknown> | null): Promise<{ legs: Leg[]; first: Result<Page> }> => {
    const legs: Leg[] = [];
    let after: string | null = null;
    let first: Result<Page> | undefined;
    do {
      const page: Result<Page> = await as<Page>(key, PAGE, { range: day, filter, after });
      expect(page.errors).toBeUndefined();
      first ??= page;
      legs.push(...page.data!.calls.edges.map((edge) => edge.node));
      after = page.data!.calls.pageInfo.hasNextPage ? page.data!.calls.pageInfo.endCursor : null;
    } while (after);
    return { legs, first };
  };

  beforeAll(async () => {
    test = await graph({ sim: await simulator({ dataset: { callsPerDay: 1_500 } }), apiKeys: [ADMIN_KEY], policy: policyYaml(BRANDS) });
    sim = test.sim;
  });

  it('calls: every page, the total and the stats are the unrestricted answer filtered to the campaign, and what the rows say', async () => {
    const scoped = await allLegs(BRAND_A_KEY, null);
    const oracle = await allLegs(ADMIN_KEY, { campaignIds: [IN] });
    const rows = rowsIn(sim, day).filter((row) => row.campaign_id === IN);
    expect(scoped.legs).toEqual(oracle.legs);
    expect(scoped.legs.every((leg) => leg.campaign?.id === IN)).toBe(true);
    expect(scoped.legs).toHaveLength(rows.length);
    expect(rows.length).toBeGreaterThan(3 * PAGE_SIZE);
    expect(scoped.first.data!.calls.totalCount).toBe(rows.length);
    expect(scoped.first.data!.calls.stats).toEqual(oracle.first.data!.calls.stats);
    expect(scoped.first.data!.calls.stats.totalCost).toBe(exactSum(rows.map((row) => row.cost)));
  });

  it.each([[[]], [['AGENT']], [['CAMPAIGN']], [['SKILL', 'TYPE']], [['COUNTRY']], [['DESTINY', 'HOUR']], [['HANG_UP', 'COD_ACT', 'COD_ACT_2']], [['WEEKDAY', 'HOUR_OF_DAY']]])(
    'callReport by %j: every figure, group, top-N, traffic and share is the unrestricted report filtered to the campaign',
    async (groupBy) => {
      const scoped = await brandA<Report>(REPORT, { range: day, groupBy });
      const oracle = await admin<Report>(REPORT, { range: day, groupBy, filter: { campaignIds: [IN] } });
      expect(scoped.errors).toBeUndefined();
      // The figures; not the cost, whose estimate is the scope's own (scope-blind.test.ts): the
      // unrestricted key's is bounded from every campaign's values.
      expect(scoped.data).toEqual(oracle.data);
      const rows = rowsIn(sim, day).filter((row) => row.campaign_id === IN);
      expect(scoped.data!.callReport.total.calls).toBe(rows.length);
      expect(scoped.data!.callReport.total.totalCost).toBe(exactSum(rows.map((row) => row.cost)));
      for (const group of scoped.data!.callReport.groups) expect([IN, undefined]).toContain(group.campaign?.id);
    },
  );

  it('callReport: shares of cost are against the scoped total, and a filter on another campaign answers as one on a campaign that does not exist', async () => {
    const byCampaign = await brandA<Report>(REPORT, { range: day, groupBy: ['CAMPAIGN'] });
    expect(byCampaign.data!.callReport.groups.map((group) => [group.campaign?.id, group.shareOfTotalCost])).toEqual([[IN, 1]]);
    const bySkill = await brandA<Report>(REPORT, { range: day, groupBy: ['SKILL'] });
    const shares = bySkill.data!.callReport.groups.reduce((sum, group) => sum + group.shareOfTotalCost, 0);
    expect(shares).toBeCloseTo(1, 9);
    const other = await brandA<Report>(REPORT, { range: day, groupBy: ['AGENT'], filter: { campaignIds: ['3002'] } });
    const none = await brandA(REPORT, { range: day, groupBy: ['AGENT'], filter: { campaignIds: ['9999'] } });
    const nowhere = await admin(REPORT, { range: day, groupBy: ['AGENT'], filter: { campaignIds: ['9999'] } });
    expect(other).toEqual(none);
    expect(other.data).toEqual(nowhere.data);
    expect(other.data!.callReport.total.calls).toBe(0);
  });

  it('agents, campaigns and skills: only those with calls in scope, each with the stats of its calls in scope', async () => {
    const scoped = await brandA<Owners>(OWNERS, { range: day });
    const oracle = await admin<Owners>(OWNERS, { range: day, filter: { campaignIds: [IN] } });
    expect(scoped.errors).toBeUndefined();
    const withCalls = <T extends { stats: { calls: number } }>(owners: T[]) => owners.filter((owner) => owner.stats.calls > 0);
    expect(scoped.data!.agents).toEqual(withCalls(oracle.data!.agents));
    expect(scoped.data!.skills).toEqual(withCalls(oracle.data!.skills));
    expect(scoped.data!.campaigns).toEqual(withCalls(oracle.data!.campaigns));
    expect(scoped.data!.campaigns.map((campaign) => campaign.id)).toEqual([IN]);
    const rows = rowsIn(sim, day).filter((row) => row.campaign_id === IN);
    expect(scoped.data!.agents.map((agent) => agent.id).sort()).toEqual([...new Set(rows.map((row) => row.agent_id))].sort());
    expect(scoped.data!.agents.length).toBeLessThan(new Set(rowsIn(sim, day).map((row) => row.agent_id)).size);
    for (const skill of scoped.data!.skills) for (const edge of skill.calls.edges) expect(edge.node.campaign?.id).toBe(IN);
  });

  it('stats on every owner reached from outside the scope (an out-of-scope campaign, any agent) count only calls in scope', async () => {
    const query = `query($range: DateRange!, $filter: CallFilter) {
      out: campaign(id: "3002") { id }
      none: campaign(id: "9999") { id }
      own: campaign(id: "${IN}") { id }
      outNode: node(id: "${globalId('Campaign', '3002')}") { ... on Campaign { id stats(range: $range, filter: $filter) { calls totalCost } calls(range: $range, filter: $filter) { totalCount } } }
      noneNode: node(id: "${globalId('Campaign', '9999')}") { ... on Campaign { id stats(range: $range, filter: $filter) { calls totalCost } calls(range: $range, filter: $filter) { totalCount } } }
      agent: node(id: "${globalId('Agent', '1001')}") { ... on Agent { id stats(range: $range, filter: $filter) { calls totalCost } } }
    }`;
    const scoped = await brandA<OwnerNodes>(query, { range: day });
    const oracle = await admin<OwnerNodes>(query, { range: day, filter: { campaignIds: [IN] } });
    expect(scoped.errors).toBeUndefined();
    expect(scoped.data!.out).toBeNull();
    expect(scoped.data!.none).toBeNull();
    expect(scoped.data!.own).toEqual({ id: IN });
    expect(oracle.data!.out).toEqual({ id: '3002' });
    expect(scoped.data!.outNode).toEqual({ id: '3002', stats: { calls: 0, totalCost: '0' }, calls: { totalCount: 0 } });
    expect(scoped.data!.noneNode).toEqual({ ...scoped.data!.outNode, id: '9999' });
    expect(scoped.data!.agent).toEqual(oracle.data!.agent);
  });

  it('node, nodes and _entities: a call of another campaign answers exactly as a call that does not exist', async () => {
    const everyLeg = (await admin<Page>(PAGE, { range: day, filter: { campaignIds: [IN, '3002'] }, first: 1000 })).data!.calls.edges.map((edge) => edge.node);
    const inside = everyLeg.find((leg) => leg.campaign?.id === IN)!;
    const outside = everyLeg.find((leg) => leg.campaign?.id === '3002')!;
    const missing = `${outside.id.split('.')[0]}.no-such-conn-id`;
    const ids = [inside.id, outside.id, missing];
    const nodes = await brandA(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Call { id cost campaign { id } } } }`, { ids: ids.map((id) => globalId('Call', id)) });
    expect(nodes).toEqual({ data: { nodes: [{ id: inside.id, cost: inside.cost, campaign: { id: IN } }, null, null] }, extensions: nodes.extensions });
    const adminNodes = await admin(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Call { id } } }`, { ids: ids.map((id) => globalId('Call', id)) });
    expect(adminNodes.data!.nodes).toEqual([{ id: inside.id }, { id: outside.id }, null]);
    const one = (id: string) => brandA(`{ node(id: "${globalId('Call', id)}") { ... on Call { id } } }`);
    const [outsideAnswer, missingAnswer] = [await one(outside.id), await one(missing)];
    expect(outsideAnswer.data).toEqual({ node: null });
    expect({ ...outsideAnswer, extensions: undefined }).toEqual({ ...missingAnswer, extensions: undefined });
    const entities = await brandA(`query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Call { id campaign { id } } ... on Campaign { id } } }`, {
      r: [{ __typename: 'Call', id: inside.id }, { __typename: 'Call', id: outside.id }, { __typename: 'Call', id: missing }, { __typename: 'Campaign', id: '3002' }],
    });
    expect(entities.errors).toBeUndefined();
    expect(entities.data!._entities).toEqual([{ __typename: 'Call', id: inside.id, campaign: { id: IN } }, null, null, { __typename: 'Campaign', id: '3002' }]);
  });

  it('an out-of-scope call id costs the same wolkvox requests as an unknown one: no existence oracle through a fetch', async () => {
    // Days before the 31 the name lookups of earlier tests loaded.
    const coldOut = instants(bogotaDay('2025-01-10'));
    const coldMissing = instants(bogotaDay('2025-01-11'));
    const outside = sim.dataset.callsBetween(coldOut).find((call) => call.row.campaign_id === '3002')!;
    const outsideId = `${outside.instant / 1000}.${outside.row.conn_id}`;
    const missingId = `${(coldMissing.from + (outside.instant - coldOut.from)) / 1000}.${outside.row.conn_id}-not-here`;
    const cost = async (id: string) => {
      const before = sim.counters.requests;
      const answer = await brandA(`{ node(id: "${globalId('Call', id)}") { ... on Call { id } } }`);
      return { answer: answer.data, requests: sim.counters.requests - before, cost: answer.extensions?.cost };
    };
    const [outsideCost, missingCost] = [await cost(outsideId), await cost(missingId)];
    expect(outsideCost).toEqual(missingCost);
    expect(outsideCost).toMatchObject({ answer: { node: null }, requests: 1 });
    // The id was a real call, of another campaign.
    expect((await admin(`{ node(id: "${globalId('Call', outsideId)}") { ... on Call { campaign { id } } } }`)).data!.node).toEqual({ campaign: { id: '3002' } });
  });

  it('cursors: another principal\'s cursor is refused as any other query\'s, and one crafted at an out-of-scope leg pages on as from the leg before it', async () => {
    const adminPage = await admin<Page>(PAGE, { range: day });
    const foreign = await brandA(PAGE, { range: day, after: adminPage.data!.calls.pageInfo.endCursor });
    const ownOther = await brandA(PAGE, { range: day, after: (await brandA<Page>(PAGE, { range: day, filter: { types: ['INBOUND'] } })).data!.calls.pageInfo.endCursor });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(foreign.errors![0]!.message).toBe(ownOther.errors![0]!.message);

    const { legs } = await allLegs(BRAND_A_KEY, null);
    const ownCursor = (await brandA<Page>(PAGE, { range: day })).data!.calls.edges[0]!.cursor;
    const [version, scope] = JSON.parse(Buffer.from(ownCursor, 'base64url').toString('utf8')) as [number, string];
    const outside = (await admin<Page>(PAGE, { range: day, filter: { campaignIds: ['3002'] }, first: 1000 })).data!.calls.edges[40]!.node;
    const at = { date: Date.parse(outside.date), id: outside.id };
    const crafted = Buffer.from(JSON.stringify([version, scope, at.date, at.id])).toString('base64url');
    const after = await brandA<Page>(PAGE, { range: day, after: crafted });
    expect(after.errors).toBeUndefined();
    const before = legs.filter((leg) => compareDateThenId({ date: Date.parse(leg.date), id: leg.id }, at) < 0);
    expect(before.length).toBeGreaterThan(0);
    expect(after.data!.calls.edges.map((edge) => edge.node)).toEqual(legs.slice(before.length, before.length + PAGE_SIZE));
    expect(after.data!.calls.edges.every((edge) => edge.node.campaign?.id === IN)).toBe(true);
  });
});
