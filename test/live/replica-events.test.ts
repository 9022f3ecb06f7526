import { createClient } from 'graphql-sse';
import { expect, it } from 'vitest';
import { closeAfterFile } from '../support/cleanup.js';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { describeWithRedis, startRedis } from '../support/redis.js';
import { simulator } from '../support/simulator.js';
import { nextData, subscribe } from '../support/sse.js';

interface Leg { connId: string }

describeWithRedis('live data with replicas (REDIS_URL)', async () => {
  const redis = await startRedis();

  it('sends the subscribers of every replica what the one replica whose turn it was to refresh found, for one wolkvox request', async () => {
    let now = Date.parse('2025-03-04T15:20:00-05:00');
    const sim = await simulator({ dataset: { now: () => now } });
    // Refresh turns of a second (Redis times the turn's lock in real time), so that the test can take a second turn.
    const replicas = await Promise.all([1, 2].map(() => graph({ sim, redisUrl: redis.url, now: () => now, engine: { refreshMs: 1_000 } })));
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

    // The first replica to tick takes the turn; its first refresh fills the caches and sends nothing.
    for (const replica of replicas) await replica.service.refresher.tick();
    expect(sim.counters.requests).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const before = now;
    now += 301_000;
    for (const replica of replicas) await replica.service.refresher.tick();
    expect(sim.counters.requests).toBe(2);
    const fresh = sim.dataset.callsBetween({ from: before + 1, to: now }).map((call) => call.row.conn_id);
    expect(fresh.length).toBeGreaterThan(0);
    for (const replica of events) expect((await nextData(replica)).callsAdded.map((leg) => leg.connId)).toEqual(fresh);
    expect(sim.counters.requests).toBe(2);
  });
});
