import { Client, fetchExchange } from '@urql/core';
import { cacheExchange, type KeyingConfig } from '@urql/exchange-graphcache';
import introspection from './possible-types.js';
import { VALUE_TYPES } from './value-types.js';

/**
 * graphcache keys for the wolkvox CDR graph: value types have no key (`null`), so graphcache embeds
 * them in the entity and field that returned them and merges what different queries select.
 */
export const cdrKeys: KeyingConfig = Object.fromEntries(VALUE_TYPES.map((type) => [type, () => null]));

/** Which types implement `Node`, in the form graphcache's `possibleTypes` option takes. */
export const cdrPossibleTypes = introspection.possibleTypes;

/** A client for the graph at `url` with a normalized cache (add your `Authorization` header when the server requires API keys). */
export function createCdrUrqlClient(url: string, headers: Record<string, string> = {}): Client {
  return new Client({
    url,
    // urql sends queries as GET by default; the server takes a GET only with a CSRF header, so POST as Apollo does.
    preferGetMethod: false,
    fetchOptions: { headers },
    exchanges: [cacheExchange({ keys: cdrKeys, possibleTypes: cdrPossibleTypes }), fetchExchange],
  });
}
