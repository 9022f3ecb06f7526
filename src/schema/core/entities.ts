import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { settled } from './settled.js';

interface Representations { readonly representations: readonly unknown[] }

/**
 * Federation's `_entities`, one representation at a time. @apollo/subgraph resolves the list in one
 * `map` that throws at the first unknown `__typename`: the loads it had already started for the
 * representations before it (a Call's window, say) were then awaited by nobody, and their failure (a
 * spent allowance, wolkvox down) was an unhandled rejection that ended the process after the answer
 * was sent. Resolved apart, every load is an item of the answer, and a representation that cannot be
 * resolved is an error at its own index, not the whole list's.
 */
export function isolateEntities(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolveAll = field?.resolve as GraphQLFieldResolver<unknown, unknown, Representations> | undefined;
  if (!field || !resolveAll) return schema;
  field.resolve = (source, { representations }: Representations, context, info) =>
    representations.map((representation) => {
      try {
        return settled((resolveAll(source, { representations: [representation] }, context, info) as readonly unknown[])[0]);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    });
  return schema;
}
