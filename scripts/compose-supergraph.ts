import { writeFileSync } from 'node:fs';
import { composeExampleSupergraph } from '../examples/federation/compose.js';

/** `npm run supergraph`: composes the example supergraph (this subgraph + the example CRM) for a gateway to serve. */
const target = new URL('../examples/federation/supergraph.graphql', import.meta.url);
writeFileSync(target, composeExampleSupergraph());
console.log(`wrote ${target.pathname}`);
