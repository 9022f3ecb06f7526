import { print } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { CallReportDocument } from '../../operations/generated/graphql.js';
import type { OperationCost } from '../../src/http/visible-cost.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { bogotaDay, graph } from '../support/graph.js';
import { listen } from '../support/listen.js';

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: { cost?: OperationCost };
}

describe('extensions.cost on every response', () => {
  let sim: WolkvoxSimulator;
  let url: string;
  const report = (range: { from: string; to: string }) => ({ query: print(CallReportDocument), variables: { range, groupBy: ['CAMPAIGN'] } });
  const post = async (body: unknown): Promise<Answer> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await response.json()) as Answer;
  };

  beforeAll(async () => {
    const test = await graph({ limits: { complexity: 1_500 }, protection: { maxRequestsPerOperation: 20 } });
    sim = test.sim;
    url = `${await listen(test.server)}/graphql`;
  });

  it('shows a report its complexity, the limits, and the wolkvox requests it sent', async () => {
    const before = sim.counters.requests;
    const answer = await post(report(bogotaDay('2025-03-04')));
    expect(answer.errors).toBeUndefined();
    const cost = answer.extensions!.cost!;
    expect(cost).toMatchObject({ maxComplexity: 1_500, maxDepth: 12, maxUpstreamRequests: 20 });
    expect(cost.complexity).toBeGreaterThan(1);
    expect(cost.depth).toBeGreaterThan(1);
    expect(cost.upstreamRequests).toBe(sim.counters.requests - before);
    expect(cost.upstreamRequests).toBe(1);
  });

  it('shows a warm repeat of the same report spending no request, at the same complexity', async () => {
    const first = (await post(report(bogotaDay('2025-03-05')))).extensions!.cost!;
    const before = sim.counters.requests;
    const repeat = (await post(report(bogotaDay('2025-03-05')))).extensions!.cost!;
    expect(sim.counters.requests).toBe(before);
    expect(repeat.upstreamRequests).toBe(0);
    expect(repeat.complexity).toBe(first.complexity);
  });

  it('grows with the range, so that a client sees a week cost more than a day', async () => {
    const day = (await post(report(bogotaDay('2025-03-04')))).extensions!.cost!;
    const week = (await post(report({ from: '2025-03-01T00:00:00-05:00', to: '2025-03-08T00:00:00-05:00' }))).extensions!.cost!;
    expect(week.complexity).toBeGreaterThan(day.complexity);
  });

  it('still tells a refused operation the cost it was refused at, and the limit', async () => {
    const before = sim.counters.requests;
    const answer = await post(report({ from: '2025-01-01T00:00:00-05:00', to: '2025-03-01T00:00:00-05:00' }));
    const refusal = answer.errors?.[0]?.extensions;
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'complexity', max: 1_500 });
    expect(answer.extensions?.cost).toMatchObject({ complexity: refusal!.measured, maxComplexity: 1_500, upstreamRequests: 0 });
    expect(sim.counters.requests).toBe(before);
  });
});
