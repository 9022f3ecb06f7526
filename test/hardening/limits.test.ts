import { beforeAll, describe, expect, it } from 'vitest';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { codes, graph, type TestGraph } from '../support/graph.js';

const range = '{from: "2025-03-04T00:00:00-05:00", to: "2025-03-05T00:00:00-05:00"}';
const quarter = '{from: "2025-01-01T00:00:00-05:00", to: "2025-04-01T00:00:00-05:00"}';

describe('operation limits', () => {
  let post: TestGraph['post'];
  let sim: WolkvoxSimulator;
  beforeAll(async () => {
    ({ post, sim } = await graph({ limits: { depth: 8, aliases: 5, tokens: 400, complexity: 5_000 } }));
  });

  it('refuses an operation nested deeper than the limit', async () => {
    const deep = `{ calls(range: ${range}) { edges { node { agent { calls(range: ${range}) { edges { node { skill { name } } } } } } } } }`;
    const { json } = await post({ query: deep });
    expect(json.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^Operation refused: its depth is 9, the limit is 8 \(MAX_QUERY_DEPTH\)/), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', limit: 'depth', measured: 9, max: 8 }) }),
    ]);
  });

  it('refuses an alias bomb', async () => {
    const bomb = `{ ${Array.from({ length: 8 }, (_, i) => `a${i}: calls(range: ${range}) { totalCount }`).join(' ')} }`;
    const { json } = await post({ query: bomb });
    expect(json.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^Operation refused: its aliases is 8, the limit is 5 \(MAX_ALIASES\)/), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', limit: 'aliases', measured: 8, max: 5 }) }),
    ]);
  });

  it('counts aliases of __typename too: each is a field to answer', async () => {
    const { json } = await post({ query: `{ ${Array.from({ length: 6 }, (_, i) => `t${i}: __typename`).join(' ')} }` });
    expect(json.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'aliases', measured: 6, max: 5 });
  });

  it('refuses a document with too many tokens', async () => {
    const long = `{ ${Array.from({ length: 500 }, () => '__typename').join(' ')} }`;
    const { json } = await post({ query: long });
    expect(json.errors).toEqual([
      { message: 'Operation refused: its tokens is over the limit, the limit is 400 (MAX_TOKENS). Simplify the operation or split it.', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', limit: 'tokens', max: 400 }) },
    ]);
  });

  it('prices date ranges and page sizes: a quarter of full pages is refused, a day is not', async () => {
    const heavy = `{ a: calls(range: ${quarter}, first: 1000) { edges { node { id cost agent { name } skill { name } } } }
                     b: agents(range: ${quarter}) { stats(range: ${quarter}) { calls } } }`;
    sim.resetCounters();
    const refused = await post({ query: heavy });
    expect(new Set(codes(refused.json))).toEqual(new Set(['BAD_USER_INPUT']));
    expect(refused.json.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/Operation too expensive: its complexity is \d+, the limit is 5000/),
      extensions: { limit: 'complexity', max: 5_000 },
    });
    expect(sim.counters.requests).toBe(0);
    const light = await post({ query: `{ calls(range: ${range}, first: 10) { edges { node { id cost } } } }` });
    expect(light.json.errors).toBeUndefined();
  });

  it('caps the days of calls one operation asks for over all its ranges', async () => {
    // Small ranges and a small cap prove the rule as well as large ones, without fetching months of calls.
    const { post: ask } = await graph({ limits: { rangeDays: 10 } });
    const ranges = ['2025-02-01', '2025-02-10', '2025-02-20'].map((start, i) => `r${i}: callReport(range: {from: "${start}T00:00:00-05:00", to: "${['2025-02-05', '2025-02-14', '2025-02-24'][i]}T00:00:00-05:00"}) { total { calls } }`);
    const { json } = await ask({ query: `{ ${ranges.join(' ')} }` });
    expect(json.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/at most 10 are allowed per operation/),
      extensions: { code: 'BAD_USER_INPUT', limit: 'rangeDays', max: 10 },
    });
    // The same range asked twice counts once: 7 days, not 14.
    const week = '{from: "2025-03-01T00:00:00-05:00", to: "2025-03-08T00:00:00-05:00"}';
    const twice = await ask({ query: `{ a: callReport(range: ${week}) { total { calls } } b: callReport(range: ${week}) { total { calls } } }` });
    expect(twice.json.errors).toBeUndefined();
  });

  it('refuses a batch of operations in one request, cleanly', async () => {
    const { status, json } = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(json.errors?.length).toBeGreaterThan(0);
  });
});

describe('introspection', () => {
  it('can be turned off (INTROSPECTION=false)', async () => {
    const { post } = await graph({ introspection: false });
    const { json } = await post({ query: '{ __schema { types { name } } }' });
    expect(new Set(codes(json))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    expect(json.errors?.[0]?.message).toMatch(/introspection/i);
    expect((await post({ query: '{ __typename }' })).json.data).toEqual({ __typename: 'Query' });
  });
});
