import { writeFileSync } from 'node:fs';
import { printedSchema, printedSubgraph } from '../src/schema/printed.js';

/** `npm run schema`: writes the committed SDL, client-facing (schema.graphql) and Federation (subgraph.graphql). */
for (const [file, text] of [['schema.graphql', printedSchema()], ['subgraph.graphql', printedSubgraph()]] as const) {
  const target = new URL(`../${file}`, import.meta.url);
  writeFileSync(target, text);
  console.log(`wrote ${target.pathname}`);
}
