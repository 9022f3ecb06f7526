import { describe, expect, it } from 'vitest';
import * as committedOperations from '../../operations/generated/graphql.js';
import { OverviewDocument } from '../../operations/generated/graphql.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { DEFAULT_QUERY } from '../../src/http/graphiql.js';
import { warmUp } from '../../src/warm-up.js';
import { graph, TEST_NOW } from '../support/graph.js';

const documents = Object.entries(committedOperations).filter(([name]) => name.endsWith('Document')).map(([, document]) => document);

describe('warming up at start-up', () => {
  it('runs every committed operation that needs only ranges once, without asking wolkvox, and names the others', async () => {
    const { sim, server, engine, execute } = await graph();
    const report = await warmUp({ graph: server, clock: new ZoneClock('America/Bogota'), now: TEST_NOW, operations: [...documents, DEFAULT_QUERY] });
    // Every committed document but Lookup (it needs ids, and looking one up asks wolkvox), and GraphiQL's default query.
    expect(report.operations).toBe(documents.length - 1 + 1);
    expect(report.skipped).toEqual(['Lookup']);
    expect(sim.counters.requests).toBe(0);
    expect(engine.store.size).toBe(0);
    // The server answers as before afterwards: warming caches compiled operations, not data.
    const result = await execute(OverviewDocument, { range: { from: '2025-03-04T00:00:00-05:00', to: '2025-03-05T00:00:00-05:00' } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.callReport?.total.calls).toBe(sim.dataset.callsBetween({ from: Date.parse('2025-03-04T00:00:00-05:00'), to: Date.parse('2025-03-05T00:00:00-05:00') }).length);
  });
});
