import { readFileSync } from 'node:fs';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { parse } from 'graphql';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

/** Where the example subgraphs listen; `npm start` serves this one on 4000. */
export const EXAMPLE_URLS = { calls: 'http://localhost:4000/graphql', crm: 'http://localhost:4001/graphql' } as const;

/** The example supergraph: this service's committed subgraph SDL with the example CRM's. */
export function composeExampleSupergraph(): string {
  const result = composeServices([
    { name: 'calls', typeDefs: parse(read('../../subgraph.graphql')), url: EXAMPLE_URLS.calls },
    { name: 'crm', typeDefs: parse(read('./crm.graphql')), url: EXAMPLE_URLS.crm },
  ]);
  if (compositionHasErrors(result)) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl;
}
