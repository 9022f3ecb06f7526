import { createClient, type Client } from 'graphql-sse';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Service } from '../../src/service.js';
import { closeAfterFile } from '../support/cleanup.js';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { subscribe } from '../support/sse.js';

const CALLS_ADDED = 'subscription { callsAdded { id } }';

describe('live subscriptions have a bound (MAX_SUBSCRIPTIONS)', () => {
  let service: Service;
  let client: Client;
  beforeAll(async () => {
    ({ service } = await graph({ maxSubscriptions: 2 }));
    client = createClient({ url: `${await listen(service.graph)}/graphql`, retryAttempts: 0 });
    closeAfterFile(() => client.dispose());
  });

  it('refuses a subscription past the bound with SUBSCRIPTION_LIMIT, and takes one again once another ends', async () => {
    const first = await subscribe<{ callsAdded: unknown[] }>(client, CALLS_ADDED);
    await subscribe<{ callsAdded: unknown[] }>(client, CALLS_ADDED);
    expect(service.changes.listeners).toBe(2);
    const refused = await subscribe<{ callsAdded: unknown[] }>(client, CALLS_ADDED);
    const { value } = await refused.next();
    expect(value?.errors?.[0]).toMatchObject({ message: expect.stringContaining('MAX_SUBSCRIPTIONS'), extensions: { code: 'SUBSCRIPTION_LIMIT', limit: 'subscriptions', max: 2 } });
    expect(service.changes.listeners).toBe(2);

    await first.return?.();
    await expect.poll(() => service.changes.listeners).toBe(1);
    await subscribe<{ callsAdded: unknown[] }>(client, CALLS_ADDED);
    expect(service.changes.listeners).toBe(2);
  });

  it('reads MAX_SUBSCRIPTIONS from the environment', () => {
    expect(loadConfig({}).security.maxSubscriptions).toBe(1_000);
    expect(loadConfig({ MAX_SUBSCRIPTIONS: '50' }).security.maxSubscriptions).toBe(50);
    expect(() => loadConfig({ MAX_SUBSCRIPTIONS: 'many' })).toThrow(/MAX_SUBSCRIPTIONS must be a whole number/);
  });
});
