import { beforeAll, describe, expect, it } from 'vitest';
import { CallReportDocument, CallsPageDocument, DashboardDocument } from '../../operations/generated/graphql.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { bogotaDay, codes, graph, type TestGraph } from '../support/graph.js';
import { TOKEN, instants, simulator } from '../support/simulator.js';

const day = bogotaDay('2025-03-04');

describe('bad input is a BAD_USER_INPUT error a person can act on', () => {
  let execute: TestGraph['execute'];
  let post: TestGraph['post'];
  let sim: WolkvoxSimulator;
  beforeAll(async () => {
    ({ execute, post, sim } = await graph());
  });

  it.each([
    ['to before from', { from: day.to, to: day.from }, /range.to must be after range.from/],
    ['an empty range', { from: day.from, to: day.from }, /range.to must be after range.from/],
    ['a range over the maximum span', { from: '2024-01-01T00:00:00-05:00', to: '2025-06-01T00:00:00-05:00' }, /at most 400 days are allowed per range \(MAX_RANGE_DAYS\)/],
  ])('refuses %s', async (_name, range, message) => {
    const result = await execute(CallsPageDocument, { range });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(result.data).toEqual({ calls: null });
  });

  it.each([
    ['no offset', '2025-03-04T00:00:00'],
    ['a date only', '2025-03-04'],
    ['not a date', 'yesterday'],
    ['an impossible date', '2025-02-30T00:00:00-05:00'],
  ])('refuses a DateTime with %s, in variables and inline', async (_name, from) => {
    const viaVariables = await execute(CallsPageDocument, { range: { from, to: day.to } });
    expect(codes(viaVariables)).toEqual(['BAD_USER_INPUT']);
    expect(viaVariables.errors?.[0]?.message).toMatch(/DateTime must be an ISO-8601 date and time with an offset/);
    const inline = await post({ query: `{ calls(range: {from: ${JSON.stringify(from)}, to: "${day.to}"}) { totalCount } }` });
    expect(codes(inline.json)).toEqual(['BAD_USER_INPUT']);
  });

  it('quotes a DateTime literal of the wrong kind as the client wrote it', async () => {
    const { json } = await post({ query: `{ calls(range: {from: 1741064400, to: "${day.to}"}) { totalCount } }` });
    expect(json.errors?.[0]?.message).toMatch(/got 1741064400/);
    expect(json.errors?.[0]?.message).not.toMatch(/undefined/);
  });

  it('applies one page-size rule everywhere: unreadableRows.rows(first:) refuses what calls(first:) refuses', async () => {
    for (const first of [-1, 1001]) {
      const { json } = await post({ query: `{ callReport(range: {from: "${day.from}", to: "${day.to}"}) { unreadableRows { rows(first: ${first}) { reason } } } }` });
      expect(json.errors?.[0]).toMatchObject({ message: `first must be between 0 and 1000; got ${first}.`, extensions: { code: 'BAD_USER_INPUT', maxPageSize: 1000 } });
    }
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['base64 of something else', Buffer.from('{"hello":1}').toString('base64url')],
  ])('refuses a cursor that is %s', async (_name, after) => {
    const result = await execute(CallsPageDocument, { range: day, after });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/not a cursor this API issued/);
  });

  it('refuses a cursor from another range or filter', async () => {
    const page = (await execute(CallsPageDocument, { range: day, first: 2 })).data!.calls!;
    const otherFilter = await execute(CallsPageDocument, { range: day, filter: { types: ['INBOUND'] }, after: page.pageInfo.endCursor });
    expect(codes(otherFilter)).toEqual(['BAD_USER_INPUT']);
    expect(otherFilter.errors?.[0]?.message).toMatch(/different range, filter or order/);
    const otherRange = await execute(CallsPageDocument, { range: bogotaDay('2025-03-05'), after: page.pageInfo.endCursor });
    expect(codes(otherRange)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    [{ first: 1001 }, /first must be between 0 and 1000/],
    [{ last: 5000 }, /last must be between 0 and 1000/],
    [{ first: -1 }, /first must be between 0 and 1000/],
    [{ first: 5, last: 5 }, /either first or last/],
  ])('refuses page sizes %o', async (paging, message) => {
    const result = await execute(CallsPageDocument, { range: day, ...paging });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(message);
  });

  it('refuses a wrongly typed variable with BAD_USER_INPUT', async () => {
    const result = await post({ query: 'query($r: DateRange!) { calls(range: $r) { totalCount } }', variables: { r: { from: 5, to: true } } });
    expect(codes(result.json)?.every((code) => code === 'BAD_USER_INPUT')).toBe(true);
  });

  it('costs no upstream request for refused input', async () => {
    sim.resetCounters();
    await execute(CallsPageDocument, { range: { from: day.to, to: day.from } });
    expect(sim.counters.requests).toBe(0);
  });
});

describe('upstream failures reach the client typed, and never with the token', () => {
  it('maps a rejected token to UPSTREAM_AUTH and never shows it', async () => {
    const secret = 'wrong-token-do-not-leak-81f3';
    const { post } = await graph({ token: secret });
    const response = await post({ query: `{ calls(range: {from: "${day.from}", to: "${day.to}"}) { totalCount } }` });
    expect(response.status).toBe(200);
    expect(codes(response.json)).toEqual(['UPSTREAM_AUTH']);
    expect(response.json.errors?.[0]?.message).toMatch(/token was rejected/);
    expect(response.text).not.toContain(secret);
  });

  it('maps a quota exhausted to UPSTREAM_QUOTA and wolkvox down to UPSTREAM_UNAVAILABLE, without hiding other fields', async () => {
    const sim = await simulator();
    const { execute } = await graph({ sim });
    sim.faults.script('quota');
    expect(codes(await execute(CallReportDocument, { range: day }))).toEqual(['UPSTREAM_QUOTA']);
    sim.faults.script(...Array<'server-error'>(5).fill('server-error'));
    const result = await execute(DashboardDocument, { range: day });
    expect(new Set(codes(result))).toEqual(new Set(['UPSTREAM_UNAVAILABLE']));
  });

  it('maps a response that stays unreadable after the retries to UPSTREAM_BAD_DATA', async () => {
    const sim = await simulator();
    const { execute } = await graph({ sim, client: { retries: 1 } });
    sim.faults.script('malformed-json', 'malformed-json');
    expect(codes(await execute(CallReportDocument, { range: day }))).toEqual(['UPSTREAM_BAD_DATA']);
  });

  it('shows rows that could not be read instead of dropping them', async () => {
    const sim = await simulator({ faults: { malformedRowShare: 0.1 } });
    const { execute } = await graph({ sim });
    sim.faults.script('malformed-rows');
    const page = (await execute(CallsPageDocument, { range: day, first: 1 })).data!.calls!;
    const all = sim.dataset.callsBetween(instants(day)).length;
    expect(page.unreadableRows.count).toBeGreaterThan(0);
    expect(page.totalCount + page.unreadableRows.count).toBe(all);
    expect(page.unreadableRows.rows[0]).toMatchObject({
      reason: expect.stringContaining('date: not a date in a known format'),
      raw: expect.stringContaining('"date":"ayer por la tarde"'),
      requestedFrom: day.from,
      requestedTo: day.to,
    });
  });

  it('never puts the configured token in a response, whatever is asked', async () => {
    const { post } = await graph();
    const texts = await Promise.all(
      [
        `{ calls(range: {from: "${day.from}", to: "${day.to}"}, first: 1000) { edges { node { id connId comment } } } }`,
        '{ __schema { types { name description fields { name description } } } }',
        '{ nope }',
      ].map(async (query) => (await post({ query })).text),
    );
    for (const text of texts) expect(text).not.toContain(TOKEN);
  });
});

describe('unexpected failures', () => {
  it('are masked: the client sees INTERNAL_SERVER_ERROR, not the internals', async () => {
    // A source with a bug stands in for any unexpected failure below the resolvers.
    const broken = { fetchCalls: async () => Promise.reject(new TypeError('secret internals: cannot read x of undefined')) };
    const { post } = await graph({ source: broken });
    const { text, json } = await post({ query: `{ calls(range: {from: "${day.from}", to: "${day.to}"}) { totalCount } }` });
    expect(json.errors?.[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(text).not.toContain('secret internals');
  });
});
