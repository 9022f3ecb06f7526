import { ApolloClient, HttpLink, InMemoryCache, isReference, type FieldMergeFunction, type TypePolicies, type TypePolicy } from '@apollo/client';
import introspection from './possible-types.js';
import { VALUE_LISTS, VALUE_TYPES } from './value-types.js';

/**
 * A list of values merges item by item, deeply, when both answers have the same length (the same
 * arguments list the same things in the same order); a list that changed length replaces the old one,
 * and the fields only the old one had are then fetched again rather than read from a different item.
 * (Apollo's own `mergeObjects` is shallow: the stats inside a report's groups would be replaced.)
 */
const mergeByPosition: FieldMergeFunction<unknown[], unknown[]> = (existing, incoming) => mergeValues(existing, incoming) as unknown[];

function mergeValues(existing: unknown, incoming: unknown): unknown {
  if (Array.isArray(existing) && Array.isArray(incoming)) {
    return existing.length === incoming.length ? incoming.map((item, i) => mergeValues(existing[i], item)) : incoming;
  }
  if (isValue(existing) && isValue(incoming) && existing.__typename === incoming.__typename) {
    const merged: Record<string, unknown> = { ...existing };
    for (const [field, value] of Object.entries(incoming)) merged[field] = mergeValues(existing[field], value);
    return merged;
  }
  return incoming;
}

/** An object stored inline (a value), not a reference to an entity stored on its own. */
const isValue = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && !isReference(value);

function policyOf(type: (typeof VALUE_TYPES)[number]): TypePolicy {
  const lists: readonly string[] = (VALUE_LISTS as Partial<Record<string, readonly string[]>>)[type] ?? [];
  return { merge: true, fields: Object.fromEntries(lists.map((field) => [field, { merge: mergeByPosition }])) };
}

/** Apollo Client type policies for the wolkvox CDR graph: merge, never replace, the values that have no id. */
export const cdrTypePolicies: TypePolicies = Object.fromEntries(VALUE_TYPES.map((type) => [type, policyOf(type)]));

/** An InMemoryCache that knows the graph: its value types, and which types implement `Node`. */
export function createCdrCache(): InMemoryCache {
  return new InMemoryCache({ typePolicies: cdrTypePolicies, possibleTypes: introspection.possibleTypes });
}

/** A client for the graph at `uri` (add your `Authorization` header when the server requires API keys). */
export function createCdrApolloClient(uri: string, headers: Record<string, string> = {}): ApolloClient {
  return new ApolloClient({ link: new HttpLink({ uri, headers }), cache: createCdrCache() });
}
