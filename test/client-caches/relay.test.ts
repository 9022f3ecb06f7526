import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createOperationDescriptor, fetchQuery } from 'relay-runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import RefetchQuery, { type relayWallboardAgentRefetchQuery } from '../../examples/client-caches/__generated__/relayWallboardAgentRefetchQuery.graphql.js';
import WallboardQuery, { type relayWallboardQuery } from '../../examples/client-caches/__generated__/relayWallboardQuery.graphql.js';
import { createCdrRelayEnvironment } from '../../examples/client-caches/relay.js';
import { bogotaDay } from '../support/graph.js';
import { capturedWarnings, countedServer, day } from './support.js';

describe('Relay with the shipped environment, against the real server', () => {
  let server: Awaited<ReturnType<typeof countedServer>>;
  const warnings = capturedWarnings();
  beforeAll(async () => {
    server = await countedServer();
  });

  it('stores agents under their nodeId and refetches one through node(id:), losing nothing and asking nothing twice', async () => {
    const environment = createCdrRelayEnvironment(server.url);
    const before = server.requests();
    const listed = await fetchQuery<relayWallboardQuery>(environment, WallboardQuery, { range: day }).toPromise();
    const agent = listed!.agents![0]!;
    const record = environment.getStore().getSource().get(agent.nodeId);
    expect(record).toMatchObject({ __typename: 'Agent', id: agent.id, nodeId: agent.nodeId });

    const otherDay = bogotaDay('2025-03-05');
    const refetched = await fetchQuery<relayWallboardAgentRefetchQuery>(environment, RefetchQuery, { nodeId: agent.nodeId, range: otherDay }).toPromise();
    expect(refetched?.node).toBeTruthy();
    const statsFields = Object.keys(environment.getStore().getSource().get(agent.nodeId)!).filter((field) => field.startsWith('stats('));
    expect(statsFields).toHaveLength(2);

    // The list's stats for `day`, reached through node(id:), and the list itself, are both still whole in the store.
    expect(environment.check(createOperationDescriptor(RefetchQuery, { nodeId: agent.nodeId, range: day })).status).toBe('available');
    expect(environment.check(createOperationDescriptor(WallboardQuery, { range: day })).status).toBe('available');
    expect(server.requests() - before).toBe(2);
    expect(warnings).toEqual([]);
  });

  it('has compiled artifacts that match the documents and schema (run `npm run codegen`)', async () => {
    await expect(promisify(execFile)('../../node_modules/.bin/relay-compiler', ['--validate'], { cwd: 'examples/client-caches' })).resolves.toBeDefined();
  });
});
