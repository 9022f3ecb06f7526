import { createClient } from 'graphql-sse';
import { describe, expect, it } from 'vitest';
import { WINDOW_DEFAULTS } from '../../src/defaults.js';
import { TICK_MARGIN_MS } from '../../src/feed/refresher.js';
import { closeAfterFile } from '../support/cleanup.js';
import { readRepoFile } from '../support/docs.js';
import { startServerProcess } from '../support/server-process.js';
import { nextData, subscribe } from '../support/sse.js';

interface Leg { id: string; date: string; agent: { name: string | null } | null }

/** The subscription the Live data guide shows. */
const CALLS_ADDED = 'subscription { callsAdded { id date agent { name } } }';
/**
 * Time for the refresh's request, reading its answer and sending the event, beyond the tick itself: about a
 * second on a quiet machine, up to 9 s seen on a busy one. Less than a tick, so a round skipped still fails.
 */
const SLACK_MS = 10_000;

describe('npm start in simulator mode: live data moves out of the box', () => {
  it('sends a subscriber that connects right after start-up a callsAdded event from the first refresh after it (within the configured freshness and a second), holding the legs found since the refresh before', async () => {
    // Simulator-mode defaults (background refresh on, 15 s freshness): '' unsets what the test helper turns off for other tests.
    // 10,000 legs a day keep the night shift's longest gap (8 s) under one tick at any hour of the day the test runs.
    expect(readRepoFile('docs/live-data.md')).toContain(`'${CALLS_ADDED}'`);
    const server = await startServerProcess({ WOLKVOX_BACKGROUND_REFRESH: '', WOLKVOX_FRESHNESS: '', SIMULATOR_CALLS_PER_DAY: '10000' });
    const client = createClient({ url: `${server.url}/graphql`, retryAttempts: 0 });
    closeAfterFile(() => client.dispose());

    const events = await subscribe<{ callsAdded: Leg[] }>(client, CALLS_ADDED);
    const subscribedAt = Date.now();
    const { callsAdded: legs } = await nextData(events);
    const receivedAt = Date.now();
    const tick = WINDOW_DEFAULTS.simulatorRefreshMs + TICK_MARGIN_MS;
    expect(SLACK_MS).toBeLessThan(tick);
    expect(receivedAt - subscribedAt).toBeLessThan(tick + SLACK_MS);

    // Legs of the last tick or so, not today so far: the refresh at start-up found those before anyone listened.
    expect(legs.length).toBeGreaterThan(0);
    const oldest = Math.min(...legs.map((leg) => Date.parse(leg.date)));
    expect(oldest).toBeGreaterThan(subscribedAt - 2 * tick - SLACK_MS);
    expect(Math.max(...legs.map((leg) => Date.parse(leg.date)))).toBeLessThanOrEqual(receivedAt);

    // Each one is a call of today, as queries see it.
    const today = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ calls(range: {period: TODAY}, first: 1000, orderBy: {field: DATE, direction: DESC}) { edges { node { id } } } }' }),
    });
    const ids = new Set(((await today.json()) as { data: { calls: { edges: { node: { id: string } }[] } } }).data.calls.edges.map((edge) => edge.node.id));
    expect(legs.filter((leg) => !ids.has(leg.id))).toEqual([]);
  }, 120_000);
});
