import { beforeAll, describe, expect, it } from 'vitest';
import { capturedWarnings, countedServer, PAIRS } from './support.js';

// Apollo Client 4 warns only in development mode, which it reads once, when it loads.
(globalThis as { __DEV__?: boolean }).__DEV__ = true;
const { ApolloClient, HttpLink, InMemoryCache } = await import('@apollo/client');
const { loadDevMessages, loadErrorMessages } = await import('@apollo/client/dev');
const { createCdrApolloClient } = await import('../../examples/client-caches/apollo.js');
loadDevMessages();
loadErrorMessages();

describe('Apollo Client 4 with the shipped type policies, against the real server', () => {
  let server: Awaited<ReturnType<typeof countedServer>>;
  const warnings = capturedWarnings();
  beforeAll(async () => {
    server = await countedServer();
  });

  for (const { name, variables, documents } of PAIRS) {
    it(`keeps both selections of ${name} in the cache: each asked again costs no request and reads what came first`, async () => {
      const client = createCdrApolloClient(server.url);
      const before = server.requests();
      const [first, second] = [await client.query({ query: documents[0], variables }), await client.query({ query: documents[1], variables })];
      expect(first.data).toBeTruthy();
      expect(second.data).toBeTruthy();
      expect(await client.query({ query: documents[0], variables })).toMatchObject({ data: first.data });
      expect(await client.query({ query: documents[1], variables })).toMatchObject({ data: second.data });
      expect(server.requests() - before).toBe(2);
      expect(warnings).toEqual([]);
    });
  }

  it('without them, a plain InMemoryCache loses the first selection and warns (what the policies fix)', async () => {
    const client = new ApolloClient({ link: new HttpLink({ uri: server.url }), cache: new InMemoryCache() });
    const { variables, documents } = PAIRS[0]!;
    const before = server.requests();
    for (const query of [documents[0], documents[1], documents[0]]) await client.query({ query, variables });
    expect(server.requests() - before).toBe(3);
    expect(warnings.join('\n')).toMatch(/Cache data may be lost when replacing the stats field of a Agent object/);
  });
});
