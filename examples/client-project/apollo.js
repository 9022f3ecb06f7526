import { ApolloClient, HttpLink } from '@apollo/client';
import { createCdrApolloCache } from '@wolkvox-cdr-graph/client-caches';

const client = new ApolloClient({
  link: new HttpLink({ uri: process.env.CDR_GRAPH_URL ?? 'http://localhost:4000/graphql' }),
  cache: createCdrApolloCache(),
});

// What test/client-caches/client-project.test.ts checks with it: two queries select different fields of the same
// agent's stats, page of calls or report; once both are answered, each is answered again from the cache, whole
// (the server counts the requests, the test reads what this prints on stderr).
import assert from 'node:assert/strict';
import { gql } from '@apollo/client';
import selections from './selections.json' with { type: 'json' };

for (const { name, variables, queries } of selections) {
  const documents = queries.map((text) => gql(text));
  const answers = [];
  for (const query of documents) answers.push((await client.query({ query, variables })).data);
  for (const [i, query] of documents.entries()) assert.deepEqual((await client.query({ query, variables })).data, answers[i], name);
}
console.log('Apollo Client: every selection read back from the cache');
