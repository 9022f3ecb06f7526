import type { CacheExchangeOpts, KeyingConfig } from '@urql/exchange-graphcache';
import introspection from './generated/possible-types.js';
import { VALUE_TYPES } from './value-types.js';

/**
 * graphcache keys for the wolkvox CDR graph: value types have no key (`null`), so graphcache embeds them
 * in the entity and field that returned them and merges what different queries select. Entities keep
 * graphcache's default key, their `id`.
 */
export const cdrKeys: KeyingConfig = Object.fromEntries(VALUE_TYPES.map((type) => [type, () => null]));

/** What `cacheExchange` needs to know of the graph: its value types, and which types implement `Node`. */
export const cdrGraphcacheOptions = { keys: cdrKeys, possibleTypes: introspection.possibleTypes } satisfies CacheExchangeOpts;
