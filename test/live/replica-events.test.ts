import { createClient } from 'graphql-sse';
import { describe, expect, it } from 'vitest';
import { closeAfterFile } from '../support/cleanup.js';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { startRedis } from '../support/redis.js';
import { simulator } from '../support/simulator.js';
import { nextData, subscribe } from '../support/sse.js';

interface Leg { connId: string }

describe('live data with replicas (REDIS_URL)', async () => {
  const redis = await startRedis();

  it('sends the subscribers of every replica what the one replica whose turn it was to refresh found, for one wolkvox request', async () => {
    const now = Date.parse('2025-03-04T15:20:00-05:00');
    const sim = await simulator({ dataset: { now: () => now } });
    const replicas = await Promise.all([1, 2].map(() => graph({ sim, redisUrl: redis.url, now: () => now })));
    const clients = await Promise.all(
      replicas.map(async (replica) => {
        const client = createClient({ url: `${await listen(replica.server)}/graphql`, retryAttempts: 0 });
        closeAfterFile(() => client.dispose());
        return client;
      }),
    );
    const events = await Promise.all(clients.map((client) => subscribe<{ callsAdded: Leg[] }>(client, 'subscription { callsAdded { connId } }')));
    // Redis confirms SUBSCRIBE on its own time: wait until both replicas listen to the topic.
    const { redis: admin } = replicas[0]!.replicas!.state;
    const topic = replicas[0]!.replicas!.changes.topic;
    while (((await admin.pubsub('NUMSUB', topic)) as [string, number])[1] < 2) await new Promise((resolve) => setImmediate(resolve));

    for (const replica of replicas) await replica.service.refresher.tick();
    expect(sim.counters.requests).toBe(1);
    const sofar = sim.dataset.callsBetween({ from: Date.parse('2025-03-04T00:00:00-05:00'), to: now }).map((call) => call.row.conn_id);
    for (const replica of events) expect((await nextData(replica)).callsAdded.map((leg) => leg.connId)).toEqual(sofar);
    expect(sim.counters.requests).toBe(1);
  });
});
