/** Apollo Client 4 (needs `@apollo/client`); urql's graphcache and Relay have their own entries, `./urql` and `./relay`, which need nothing at run time. */
export { cdrPossibleTypes, cdrTypePolicies, createCdrApolloCache } from './apollo.js';
export { ENTITY_TYPES, VALUE_LISTS, VALUE_TYPES, type ValueType } from './value-types.js';
