import { describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { tempDataDir } from '../support/mirror.js';

const HISTORY = '{ history { complete heldDays wantedDays from requestsToday } }';

async function history(server: ServerProcess) {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: HISTORY }) });
  return ((await response.json()) as { data: { history: { complete: boolean; heldDays: number; wantedDays: number; from: string | null; requestsToday: number } } }).data.history;
}

const metric = async (server: ServerProcess, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(await (await fetch(`${server.url}/metrics`)).text())?.[1]);

describe('the history mirror in the real server (npm start, simulator mode)', () => {
  it('backfills its days after start-up, and after a restart holds them without asking again', { timeout: 120_000 }, async () => {
    const dataDir = tempDataDir();
    const env = { DATA_DIR: dataDir, WOLKVOX_HISTORY_DAYS: '5', SIMULATOR_CALLS_PER_DAY: '200' };
    const first = await startServerProcess(env);
    for (let waited = 0; !(await history(first)).complete; waited += 200) {
      if (waited > 60_000) throw new Error('the mirror did not complete in 60 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const done = await history(first);
    expect(done).toMatchObject({ complete: true, heldDays: 5, wantedDays: 5 });
    expect(await metric(first, 'history_days_held')).toBe(5);
    const requests = await metric(first, 'history_backfill_requests_total');
    expect(requests).toBeGreaterThan(0);
    expect(done.requestsToday).toBe(requests);
    await first.kill();

    const restarted = await startServerProcess(env);
    expect(await history(restarted)).toMatchObject({ complete: true, heldDays: 5, from: done.from, requestsToday: requests });
    expect(await metric(restarted, 'history_backfill_requests_total')).toBe(0);
    expect(await metric(restarted, 'engine_upstream_requests_total')).toBe(0);
  });
});
