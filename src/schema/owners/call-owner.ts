import type { ObjectRef } from '@pothos/core';
import type { CallFilter } from '../../domain/filter/call-filter.js';
import type { Directory } from '../../domain/summary/directory.js';
import { builder, type Types } from '../core/builder.js';
import { UPSTREAM_NULL } from '../core/errors.js';
import { GRAPH_LIMITS } from '../core/limits.js';
import { DateRange } from '../inputs/inputs.js';
import { byId, directoryOf, recentDirectory } from './lookup.js';
import { rangeOf } from '../inputs/range-input.js';
import type { AgentShape } from '../core/refs.js';

/** Agents, campaigns and skills: known only by the calls that name them, each with the calls of one id. */
export interface CallOwner {
  readonly noun: string;
  readonly plural: string;
  /** The ids (and names) of this kind in a directory. */
  readonly known: (directory: Directory) => ReadonlyMap<string, string | null>;
  /** The calls that belong to one id. */
  readonly scope: (id: string) => CallFilter;
}

/** `name`: the name on the owner's latest call, looked up in recent calls when the owner came without one. */
export function ownerName(t: PothosSchemaTypes.ObjectFieldBuilder<Types, AgentShape>, owner: CallOwner) {
  return t.string({
    nullable: true,
    description: `The ${owner.noun}'s name on its latest call (in the range that found it, or in the last ${GRAPH_LIMITS.lookupDays} days).`,
    resolve: async ({ id, name }, _args, ctx) => (name !== undefined ? name : (owner.known(await recentDirectory(ctx)).get(id) ?? null)),
  });
}

type QueryFieldBuilder = PothosSchemaTypes.QueryFieldBuilder<Types, Types['Root']>;

/** The root field `<plural>(range)`: the owners with at least one call in the range. */
export function ownerListField(t: QueryFieldBuilder, ref: ObjectRef<Types, AgentShape>, owner: CallOwner) {
  return t.field({
    type: [ref],
    nullable: true,
    description: `${capitalized(owner.plural)} with at least one call leg in the range, by id.${UPSTREAM_NULL}`,
    args: { range: t.arg({ type: DateRange, required: true, description: 'Which instants: from <= date < to.' }) },
    resolve: async (_root, args, ctx) => [...owner.known(await directoryOf(ctx, ctx.ranges.admit(rangeOf(args.range, ctx))))].map(([id, name]) => ({ id, name })).sort(byId),
  });
}

/** The root field `<noun>(id)`: one owner, looked up in recent calls. */
export function ownerByIdField(t: QueryFieldBuilder, ref: ObjectRef<Types, AgentShape>, owner: CallOwner, lookupHint = '') {
  return t.field({
    type: ref,
    nullable: true,
    description: `The ${owner.noun} with this id, if it had a call in the last ${GRAPH_LIMITS.lookupDays} days; null otherwise.${lookupHint}`,
    args: { id: t.arg.id({ required: true, description: `The ${owner.noun}'s id in wolkvox.` }) },
    resolve: async (_root, args, ctx) => {
      const name = owner.known(await recentDirectory(ctx)).get(String(args.id));
      return name === undefined ? null : { id: String(args.id), name };
    },
  });
}

/**
 * The Federation entity. A reference carries only the id; names load when asked, and `calls`/`stats`
 * take their range as arguments, so resolving a reference costs no upstream request.
 */
export function ownerEntity(ref: ObjectRef<Types, AgentShape>): void {
  builder.asEntity(ref, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: ({ id }) => ({ id }),
  });
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
