import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { cdrGraphcacheOptions } from '@wolkvox-cdr-graph/client-caches/urql';

const client = new Client({
  url: process.env.CDR_GRAPH_URL ?? 'http://localhost:4000/graphql',
  // urql sends queries as GET by default; the server takes a GET only with a CSRF header, so POST as Apollo does.
  preferGetMethod: false,
  exchanges: [cacheExchange(cdrGraphcacheOptions), fetchExchange],
});

// What test/client-caches/client-project.test.ts checks with it: two queries select different fields of the same
// agent's stats, page of calls or report; once both are answered, each is answered again from the cache, whole
// (the server counts the requests, the test reads what this prints on stderr).
import assert from 'node:assert/strict';
import selections from './selections.json' with { type: 'json' };

for (const { name, variables, queries } of selections) {
  const answers = [];
  for (const query of queries) answers.push(await client.query(query, variables).toPromise());
  for (const [i, query] of queries.entries()) {
    assert.equal(answers[i].error, undefined, name);
    assert.deepEqual((await client.query(query, variables).toPromise()).data, answers[i].data, name);
  }
}
console.log('urql with graphcache: every selection read back from the cache');
