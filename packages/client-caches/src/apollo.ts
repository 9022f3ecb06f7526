import { defaultDataIdFromObject, InMemoryCache, isReference, type FieldMergeFunction, type InMemoryCacheConfig } from '@apollo/client';
import { __DEV__ } from '@apollo/client/utilities/environment';
import type { StrictTypedTypePolicies } from './generated/apollo-helpers.js';
import introspection from './generated/possible-types.js';
import { ENTITY_TYPES, VALUE_LISTS, VALUE_TYPES, type ValueType } from './value-types.js';

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

/** A value's policy: merged, and its lists of values merged by position. */
interface ValuePolicy {
  readonly merge: true;
  readonly fields: Record<string, { merge: FieldMergeFunction<unknown[], unknown[]> }>;
}

function valuePolicy(type: ValueType): ValuePolicy {
  const lists: readonly string[] = VALUE_LISTS[type];
  return { merge: true, fields: Object.fromEntries(lists.map((field) => [field, { merge: mergeByPosition }])) };
}

/**
 * Apollo Client type policies for the wolkvox CDR graph: entities keyed by their `id`, values merged, never
 * replaced. Typed by the schema (`npm run codegen` in the graph's repository), with a policy required for
 * every type: a type the schema gains fails the package's build until it has one.
 */
export const cdrTypePolicies = {
  ...(Object.fromEntries(ENTITY_TYPES.map((type) => [type, { keyFields: ['id'] }])) as Record<(typeof ENTITY_TYPES)[number], { keyFields: ['id'] }>),
  // Each implementation keys by its own `id`; `nodeId` is Relay's.
  Node: {},
  ...(Object.fromEntries(VALUE_TYPES.map((type) => [type, valuePolicy(type)])) as Record<ValueType, ValuePolicy>),
} satisfies StrictTypedTypePolicies;

/** Which types implement `Node`, for fragments on it. */
export const cdrPossibleTypes = introspection.possibleTypes;

/** An InMemoryCache that knows the graph: its entities, its values, and which types implement `Node`. */
export function createCdrApolloCache(): InMemoryCache {
  return new InMemoryCache({ typePolicies: cdrTypePolicies, possibleTypes: cdrPossibleTypes, ...(__DEV__ && { dataIdFromObject: noticingTypesWithoutPolicy }) });
}

const KNOWN_TYPES = new Set<string>(['Query', 'Subscription', ...ENTITY_TYPES, ...VALUE_TYPES]);
const noticed = new Set<string>();

/**
 * In development (Apollo's own switch: `node --conditions=development`, a bundler's development build, or
 * `globalThis.__DEV__ = true` before Apollo loads), says once per type when the server sends an object type
 * this package has no policy for, i.e. a server newer than the package: Apollo would replace its fields
 * instead of merging them, and warns about that only in some cases. Apollo asks this for every object
 * without `keyFields`; the id is Apollo's default.
 */
const noticingTypesWithoutPolicy: NonNullable<InMemoryCacheConfig['dataIdFromObject']> = (object, context) => {
  const type = context.typename;
  if (type !== undefined && !KNOWN_TYPES.has(type) && !noticed.has(type)) {
    noticed.add(type);
    console.warn(
      `@wolkvox-cdr-graph/client-caches has no cache policy for the type ${type}: its fields may be replaced instead of merged. ` +
        'Install the version of the package that matches the server\'s schema.',
    );
  }
  return defaultDataIdFromObject(object, context);
};
