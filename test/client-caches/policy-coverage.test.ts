import { getNamedType, getNullableType, isListType, isObjectType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES, VALUE_LISTS, VALUE_TYPES } from '../../packages/client-caches/src/value-types.js';
import { clientSchema } from '../../src/schema/index.js';

const objectTypes = Object.values(clientSchema.getTypeMap()).filter(
  (type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__') && type !== clientSchema.getQueryType() && type !== clientSchema.getSubscriptionType(),
);
const valueTypes = new Set<string>(VALUE_TYPES);

describe('the client-caches package covers the schema', () => {
  it('gives every object type an identity (Node, keyed by id) or a value policy, never both', () => {
    const withIdentity = objectTypes.filter((type) => type.getInterfaces().some((i) => i.name === 'Node') && 'id' in type.getFields());
    const uncovered = objectTypes.filter((type) => !withIdentity.includes(type) && !valueTypes.has(type.name));
    expect(uncovered.map((type) => type.name)).toEqual([]);
    expect(withIdentity.filter((type) => valueTypes.has(type.name))).toEqual([]);
    expect(withIdentity.map((type) => type.name).sort()).toEqual([...ENTITY_TYPES]);
    expect([...valueTypes].filter((name) => !objectTypes.some((type) => type.name === name))).toEqual([]);
  });

  it('merges by position every list field whose items are values', () => {
    const lists: Record<string, string[]> = {};
    for (const type of objectTypes) {
      for (const field of Object.values(type.getFields())) {
        if (isListType(getNullableType(field.type)) && valueTypes.has(getNamedType(field.type).name)) (lists[type.name] ??= []).push(field.name);
      }
    }
    const listed = Object.fromEntries(Object.entries(VALUE_LISTS).filter(([, fields]) => fields.length > 0));
    expect(lists).toEqual(listed);
  });
});
