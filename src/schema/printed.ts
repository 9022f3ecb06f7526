import { printSubgraphSchema } from '@apollo/subgraph';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { clientSchema, schema } from './index.js';

/** The committed `schema.graphql`: the client graph, sorted, so that it changes only when the graph does. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(clientSchema))}\n`;
}

/** The committed `subgraph.graphql`: the Federation SDL, with its directives, as `_service { sdl }` gives it. */
export function printedSubgraph(): string {
  return `${printSubgraphSchema(lexicographicSortSchema(schema))}\n`;
}
