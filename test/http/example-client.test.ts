import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';

const runExample = (graphqlUrl: string) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/report-client.ts'], { env: { ...process.env, GRAPHQL_URL: graphqlUrl } });

describe('the example client', () => {
  let base: string;
  beforeAll(async () => {
    // The example asks for last week by the real clock, so the server runs on it too.
    const { server } = await graph({ now: Date.now });
    base = await listen(server);
  });

  it('runs against a real server and prints the weekly report', async () => {
    const { stdout } = await runExample(`${base}/graphql`);
    expect(stdout).toMatch(/^\d+ call legs, total cost \d+(\.\d+)?$/m);
    expect(stdout).toContain('campaign');
  });

  it('says that no report came and exits non-zero when a server answers a null report without an error', async () => {
    // Our server never does this (a null report always comes with its error), so a stand-in breaks the contract.
    const contractBreaker = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { callReport: null } }));
    });
    await new Promise<void>((resolve) => contractBreaker.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => contractBreaker.close(() => resolve())));
    const url = `http://127.0.0.1:${(contractBreaker.address() as AddressInfo).port}/graphql`;
    const failure = await runExample(url).then(() => null, (error: unknown) => error);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining(`${url} sent no report`) });
  });
});
