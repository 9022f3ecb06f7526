import { beforeAll, describe, expect, it } from 'vitest';
import { capturedWarnings, countedServer, PAIRS } from './support.js';

// Apollo Client 4 warns only in development mode, which it reads once, when it loads (the package's own check follows the same switch).
(globalThis as { __DEV__?: boolean }).__DEV__ = true;
const { ApolloClient, HttpLink, InMemoryCache, gql } = await import('@apollo/client');
const { loadDevMessages, loadErrorMessages } = await import('@apollo/client/dev');
const { createCdrApolloCache } = await import('../../packages/client-caches/src/index.js');
loadDevMessages();
loadErrorMessages();

describe('Apollo Client 4 with the package\'s cache, against the real server', () => {
  let server: Awaited<ReturnType<typeof countedServer>>;
  const warnings = capturedWarnings();
  beforeAll(async () => {
    server = await countedServer();
  });
  const clientWith = (cache: InstanceType<typeof InMemoryCache>) => new ApolloClient({ link: new HttpLink({ uri: server.url }), cache });

  for (const { name, variables, documents } of PAIRS) {
    it(`keeps both selections of ${name} in the cache: each asked again costs no request and reads what came first`, async () => {
      const client = clientWith(createCdrApolloCache());
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

  it('without it, a plain InMemoryCache loses the first selection, and warns for some fields only (what the policies fix)', async () => {
    const client = clientWith(new InMemoryCache());
    const { variables, documents } = PAIRS[0]!;
    const before = server.requests();
    for (const query of [documents[0], documents[1], documents[0]]) await client.query({ query, variables });
    expect(server.requests() - before).toBe(3);
    expect(warnings.join('\n')).toMatch(/Cache data may be lost when replacing the stats field of a Agent object/);

    // Apollo compares only the top-level fields of the value it replaces: the second report drops the first one's
    // counts inside `total` and `groups` without a word, and the first, asked again, goes back to the server.
    warnings.length = 0;
    const report = PAIRS[2]!;
    const requests = server.requests();
    for (const query of report.documents) await client.query({ query, variables: report.variables });
    expect(warnings).toEqual([]);
    await client.query({ query: report.documents[0], variables: report.variables });
    expect(server.requests() - requests).toBe(3);
  });

  it('says, in development, when the server sends a type the package has no policy for (a server newer than the package)', () => {
    const cache = createCdrApolloCache();
    const query = gql('{ novelty { total } report { total { calls } } }');
    cache.writeQuery({ query, data: { novelty: { __typename: 'NewKindOfTotal', total: 1 }, report: { __typename: 'CallReport', total: { __typename: 'CallStats', calls: 3 } } } });
    cache.writeQuery({ query, data: { novelty: { __typename: 'NewKindOfTotal', total: 2 }, report: { __typename: 'CallReport', total: { __typename: 'CallStats', calls: 4 } } } });
    expect(warnings).toEqual([expect.stringMatching(/no cache policy for the type NewKindOfTotal: .*Install the version of the package that matches the server's schema/)]);
  });
});
