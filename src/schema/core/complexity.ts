import type { ComplexityErrorFn, FieldComplexity, FieldComplexityValue } from '@pothos/plugin-complexity';
import { getMappedArgumentValues, type PartialResolveInfo } from '@pothos/core';
import {
  getNamedType, getNullableType, GraphQLError, isInterfaceType, isListType, isObjectType, Kind,
  type GraphQLField, type GraphQLNamedType, type SelectionSetNode,
} from 'graphql';
import type { GraphContext } from './context.js';
import { GRAPH_LIMITS } from './limits.js';
import { instantsOf } from '../inputs/range-input.js';
import { DAY_MS } from '../../domain/time/time-range.js';

/**
 * Assumed size of lists whose length the arguments do not say (agents, campaigns, groups…), before the
 * operation runs. A report's groups are then counted at the length estimated from its windows
 * (schema/reports/report-cost.ts), before the report is computed.
 */
export const LIST_SIZE = 20;

/**
 * What a field costs before it runs: 1, plus a day for every day of its range (each day is data
 * fetched, held and scanned), with its selections multiplied by how many items it returns: the page
 * size for connections, LIST_SIZE for other lists. So a month-long report costs more than a day's,
 * and a thousand-leg page more than a ten-leg one.
 */
export function fieldComplexity(
  args: Record<string, unknown>,
  ctx: GraphContext,
  field: GraphQLField<unknown, GraphContext, Record<string, unknown>>,
): FieldComplexityValue {
  const range = args.range ? instantsOf(args.range, ctx) : null;
  const days = range ? Math.max(0, (range.to - range.from) / DAY_MS) : 0;
  const type = getNullableType(field.type);
  if (isListType(type)) return { field: 1 + Math.ceil(days), multiplier: LIST_SIZE };
  if (field.args.some((arg) => arg.name === 'first') && getNamedType(type).name.endsWith('Connection')) {
    // A page over the maximum is refused by the field itself, with a clearer message than a cost.
    const page = Math.min((args.first ?? args.last ?? GRAPH_LIMITS.defaultPageSize) as number, GRAPH_LIMITS.maxPageSize);
    // The edges list multiplies by LIST_SIZE again; scale so that a page costs about its size.
    return { field: 1 + Math.ceil(days), multiplier: Math.max(1, Math.ceil(page / LIST_SIZE)) };
  }
  return { field: 1 + Math.ceil(days), multiplier: 1 };
}

/**
 * The complexity of a selection set on `type`, as the complexity plugin measures it (each field's own
 * `complexity`, its selections times its multiplier, fragments followed): what one item of a list costs.
 */
export function selectionComplexity(selectionSet: SelectionSetNode, type: GraphQLNamedType, info: PartialResolveInfo, ctx: GraphContext): number {
  if (!isObjectType(type) && !isInterfaceType(type)) return 0;
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = type.getFields()[selection.name.value];
      // `__typename` and the like cost what the plugin's default says: 1.
      if (!field) {
        total += 1;
        continue;
      }
      const option = field.extensions.complexity as FieldComplexity<GraphContext, Record<string, unknown>> | undefined;
      const own = field as GraphQLField<unknown, GraphContext, Record<string, unknown>>;
      const value = typeof option === 'function' ? option(getMappedArgumentValues(field, selection, ctx, info) as Record<string, unknown>, ctx, own) : option;
      const multiplier = typeof value === 'object' && value.multiplier !== undefined ? value.multiplier : isListType(getNullableType(field.type)) ? LIST_SIZE : 1;
      total += typeof value === 'number' ? value : (value?.field ?? 1);
      if (selection.selectionSet) total += Math.max(multiplier, 0) * selectionComplexity(selection.selectionSet, getNamedType(field.type), info, ctx);
      continue;
    }
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? info.fragments[selection.name.value] : selection;
    const on = fragment?.typeCondition ? info.schema.getType(fragment.typeCondition.name.value) : type;
    if (fragment && on) total += selectionComplexity(fragment.selectionSet, on, info, ctx);
  }
  return total;
}

/** A rejected operation says which limit it met and by how much, as BAD_USER_INPUT. */
export const complexityError: ComplexityErrorFn = (kind, result) => {
  const measured = { Complexity: result.complexity, Depth: result.depth, Breadth: result.breadth }[kind];
  const limit = { Complexity: result.maxComplexity, Depth: result.maxDepth, Breadth: result.maxBreadth }[kind];
  return new GraphQLError(
    `Operation too expensive: its ${kind.toLowerCase()} is ${measured}, the limit is ${limit}. Ask for shorter ranges, smaller pages or fewer fields, or split it.`,
    { extensions: { code: 'BAD_USER_INPUT', limit: kind.toLowerCase(), measured, max: limit } },
  );
};
