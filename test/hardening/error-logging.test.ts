import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { graph, type TestGraph } from '../support/graph.js';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  errors?: Record<string, number>;
}

const ENTITIES = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Call { id cost } } }';

describe('field errors are logged once per operation, with the request id, at the right level', () => {
  const lines: LogLine[] = [];
  let served: TestGraph;
  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(...String(chunk).split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogLine)), done()) });
    served = await graph({ logger: createLogger('info', sink), protection: { maxRequestsPerOperation: 1 } });
  });

  it('200 Call references in 200 different days refused by the allowance: one warn line counting them, none at error', async () => {
    lines.length = 0;
    const day = Date.parse('2024-06-01T12:00:00-05:00') / 1000;
    const representations = Array.from({ length: 200 }, (_, i) => ({ __typename: 'Call', id: `${day + i * 86_400}.conn-${i}` }));
    const { json } = await served.post({ query: ENTITIES, variables: { representations } }, { 'x-request-id': 'entities-200' });
    expect(json.errors?.length).toBeGreaterThan(100);
    expect(new Set(json.errors?.map((error) => error.extensions?.code))).toEqual(new Set(['UPSTREAM_QUOTA']));
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, msg: 'request', requestId: 'entities-200', errors: { UPSTREAM_QUOTA: json.errors?.length } });
  });

  it('an unknown __typename is the caller\'s mistake: BAD_USER_INPUT, logged at info', async () => {
    lines.length = 0;
    const { json } = await served.post({ query: ENTITIES, variables: { representations: [{ __typename: 'Nope', id: '1' }] } }, { 'x-request-id': 'entities-nope' });
    expect(json.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: 'entities-nope' });
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'request', requestId: 'entities-nope', errors: { BAD_USER_INPUT: 1 } })]);
  });

  it.each([
    ['an operationName the document does not hold', { query: 'query A { __typename }', operationName: 'B' }],
    ['several operations and no operationName', { query: 'query A { __typename } query B { __typename }' }],
  ])('%s is the caller\'s mistake: OPERATION_RESOLUTION_FAILURE, logged at info', async (_, body) => {
    lines.length = 0;
    const { json } = await served.post(body, { 'x-request-id': 'which-operation' });
    expect(json.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_RESOLUTION_FAILURE' });
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'request', requestId: 'which-operation', errors: { OPERATION_RESOLUTION_FAILURE: 1 } })]);
  });
});
