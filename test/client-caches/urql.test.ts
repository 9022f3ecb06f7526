import { beforeAll, describe, expect, it } from 'vitest';
import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { cdrGraphcacheOptions } from '../../packages/client-caches/src/urql.js';
import { capturedWarnings, countedServer, PAIRS } from './support.js';

describe('urql with graphcache and the package\'s options, against the real server', () => {
  let server: Awaited<ReturnType<typeof countedServer>>;
  const warnings = capturedWarnings();
  beforeAll(async () => {
    server = await countedServer();
  });
  // urql sends queries as GET by default; the server takes a GET only with a CSRF header.
  const clientWith = (cache: ReturnType<typeof cacheExchange>) => new Client({ url: server.url, preferGetMethod: false, exchanges: [cache, fetchExchange] });

  for (const { name, variables, documents } of PAIRS) {
    it(`keeps both selections of ${name} in the cache: each asked again costs no request and reads what came first`, async () => {
      const client = clientWith(cacheExchange(cdrGraphcacheOptions));
      const before = server.requests();
      const ask = (i: 0 | 1) => client.query(documents[i], variables, { requestPolicy: 'cache-first' }).toPromise();
      const [first, second] = [await ask(0), await ask(1)];
      expect(first.error).toBeUndefined();
      expect(second.error).toBeUndefined();
      expect((await ask(0)).data).toEqual(first.data);
      expect((await ask(1)).data).toEqual(second.data);
      expect(server.requests() - before).toBe(2);
      expect(warnings).toEqual([]);
    });
  }

  it('without them, graphcache warns of every value type it cannot key (what the keys fix)', async () => {
    const client = clientWith(cacheExchange());
    const { variables, documents } = PAIRS[2]!;
    await client.query(documents[1], variables).toPromise();
    expect(warnings.join('\n')).toMatch(/Invalid key: [^]*create a `keys` config for `CallReport`/);
  });
});
