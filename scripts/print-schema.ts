import { writeFileSync } from 'node:fs';
import { printedSchema } from '../src/schema/printed.js';

/** `npm run schema`: writes the client-facing SDL that is committed as schema.graphql. */
const target = new URL('../schema.graphql', import.meta.url);
writeFileSync(target, printedSchema());
console.log(`wrote ${target.pathname}`);
