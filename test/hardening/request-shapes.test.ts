import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { pick, seededRandom } from '../../simulator/random.js';
import { createLogger } from '../../src/logger.js';
import { graph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { rawRequest, type RawResponse } from '../support/raw-http.js';

const json = { 'content-type': 'application/json', accept: 'application/json' };

interface ErrorBody {
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('requests that are not valid operations get a 4xx or a coded GraphQL error, never a 500', () => {
  let base: string;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(...String(chunk).split('\n').filter(Boolean)), done()) });
    base = await listen((await graph({ logger: createLogger('debug', sink) })).server);
  });

  // Subscriptions have a root now (src/schema/live/live.ts): only mutations meet the rule.
  it.each(['mutation { x }', 'mutation M { __typename }'])('%s: a validation error saying what this API answers', async (query) => {
    const response = await rawRequest(base, 'POST', '/graphql', { ...json, accept: 'application/graphql-response+json' }, JSON.stringify({ query }));
    expect(response.status).toBe(400);
    const body = JSON.parse(response.text) as ErrorBody;
    expect(body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/does not support mutation operations/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it.each(['variables', 'extensions'])('GET with `%s` that is not JSON: 400 BAD_REQUEST naming the parameter', async (name) => {
    const response = await rawRequest(base, 'GET', `/graphql?query=${encodeURIComponent('{__typename}')}&${name}={bad`, { accept: 'application/json', 'x-graphql-csrf': '1' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ errors: [{ message: expect.stringContaining(`\`${name}\``), extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('answers 400 random HTTP shapes (methods, paths, content types, parameters, bodies) with a 4xx or a coded GraphQL error', async () => {
    const random = seededRandom(7);
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
    const paths = ['/graphql', '/graphql/', '/', '/healthz', '/readyz', '/nope', '/graphql?', '/graphiql/x.js', `/graphql?${'a='.repeat(200)}`];
    const types = ['application/json', 'application/json; charset=utf-8', 'application/graphql', 'text/plain', 'application/xml', 'multipart/form-data; boundary=z', 'application/x-www-form-urlencoded', '', 'application/json; charset=latin1'];
    const accepts = ['application/json', 'application/graphql-response+json', 'text/html', 'text/event-stream', '*/*', 'image/png', ''];
    const params = ['', 'query={__typename}', 'query=', 'query={__typename}&variables={', 'query={__typename}&variables=[]', 'query={__typename}&operationName=7', 'extensions=%7B%7D', 'query=mutation{x}', 'query={__typename}&variables=null'];
    const bodies = ['', '{', 'null', '[]', '{"query":null}', '{"query":"{__typename}","variables":[]}', '{"query":"{__typename}","extensions":"x"}', '{"query":"mutation{x}"}', '{"query":"{__typename}","operationName":{}}', '\u0000'.repeat(10), JSON.stringify({ query: '{ __typename }' })];
    for (let i = 0; i < 400; i += 1) {
      const method = pick(random, methods);
      const path = `${pick(random, paths)}${random() < 0.5 ? `${pick(random, ['?', '&'])}${pick(random, params)}` : ''}`;
      const headers: Record<string, string> = { accept: pick(random, accepts) };
      const type = pick(random, types);
      if (type) headers['content-type'] = type;
      if (random() < 0.5) headers['x-graphql-csrf'] = '1';
      const body = ['GET', 'HEAD'].includes(method) ? undefined : pick(random, bodies);
      const response: RawResponse = await rawRequest(base, method, path, headers, body);
      const what = `${method} ${path} ${JSON.stringify(headers)} ${body ?? ''} → ${response.status} ${response.text.slice(0, 200)}`;
      expect(response.status, what).toBeLessThan(500);
      if (response.status === 200 && String(response.headers['content-type']).includes('json') && response.text.startsWith('{"errors"')) {
        for (const error of (JSON.parse(response.text) as ErrorBody).errors ?? []) {
          expect(error.extensions?.code, what).toBeTypeOf('string');
          expect(error.extensions?.code, what).not.toBe('INTERNAL_SERVER_ERROR');
        }
      }
    }
    expect((await rawRequest(base, 'GET', '/healthz')).status).toBe(200);
  });

  it('logged all of the above as JSON lines, none at error level (nothing here is the server failing)', () => {
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const entry = JSON.parse(line) as { level: number };
      expect(entry.level, line).toBeLessThan(50);
    }
  });
});
