import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index.js';

/** The committed `schema.graphql`: sorted, so that it changes only when the graph does. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
