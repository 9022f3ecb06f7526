import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';

describe('the example client', async () => {
  // The example asks for last week by the real clock, so the server runs on it too.
  const { server } = await graph({ now: Date.now });
  const base = await listen(server);

  it('runs against a real server and prints the weekly report', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/report-client.ts'], {
      env: { ...process.env, GRAPHQL_URL: `${base}/graphql` },
    });
    expect(stdout).toMatch(/^\d+ call legs, total cost \d+(\.\d+)?$/m);
    expect(stdout).toContain('campaign');
  });
});
