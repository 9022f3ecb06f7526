import { filterKey, narrowFilter, type CallFilter as DomainCallFilter } from '../../domain/filter/call-filter.js';
import type { CallStats } from '../../domain/stats/call-stats.js';
import type { CallDimension } from '../../domain/grouping/dimensions.js';
import type { ArgBuilder } from '@pothos/core';
import { builder, type Types } from '../core/builder.js';
import type { CallOwner } from '../owners/call-owner.js';
import { CallSlice } from '../../feed/call-slice.js';
import type { GraphContext } from '../core/context.js';
import { GRAPH_LIMITS } from '../core/limits.js';
import { CallFilter, DateRange, toCallFilter } from '../inputs/inputs.js';
import { orderedCalls } from '../../domain/listing/call-order.js';
import { FreshnessRef } from './freshness.js';
import { CallOrder, orderKey, toCallOrder, type CallOrderInput } from '../inputs/call-order-input.js';
import { paginate, type CallPageData, type PageArgs } from './pagination.js';
import { rangeOf, type DateRangeInput } from '../inputs/range-input.js';
import { CallRef, CallStatsRef, UnreadableRowsRef } from '../core/refs.js';
import { UPSTREAM_NULL } from '../core/errors.js';
import { filterRefusal, filterScopes } from '../core/personal-data.js';
import { rangeKey } from '../../domain/time/time-range.js';

/** The connection's value: a page plus the whole slice it came from (for totalCount and stats). */
interface CallPage extends CallPageData {
  readonly slice: CallSlice;
}

// The relay plugin types a connection's parent as edges + pageInfo only; our resolvers always return a CallPage.
export const sliceOf = (connection: object): CallSlice => (connection as CallPage).slice;

export const CallConnection = builder.connectionObject(
  {
    type: CallRef,
    name: 'CallConnection',
    description: 'A page of call legs in (date, id) order, with totals over every leg of the range and filter, not just this page.',
    fields: (t) => ({
      totalCount: t.int({ description: 'Legs in the whole filtered range.', resolve: (page) => sliceOf(page).list().length }),
      stats: t.field({
        type: CallStatsRef,
        description: 'Totals over the whole filtered range.',
        resolve: (page) => sliceOf(page).stats(),
      }),
      unreadableRows: t.field({
        type: UnreadableRowsRef,
        description:
          'Rows wolkvox sent for this range that could not be read (a bad date, a cost that is not a number…). ' +
          'They are not in the edges or totals; filters do not apply to them, since their values are unknown.',
        resolve: (page) => sliceOf(page).unreadable,
      }),
      freshness: t.field({ type: FreshnessRef, description: 'How fresh the windows behind these legs are.', resolve: (page) => sliceOf(page).freshness }),
    }),
  },
  { name: 'CallEdge', description: 'A call leg and its cursor.' },
);

/**
 * The calls of a range that pass a filter, narrowed to `scope` (one agent, campaign or skill): with every
 * window loaded for a list of legs, or only what reports read (`summaries`: settled days as their roll-ups).
 */
export async function selectCalls(
  ctx: GraphContext,
  args: { range: DateRangeInput; filter?: Parameters<typeof toCallFilter>[0] },
  scope: DomainCallFilter = {},
  /**
   * For reports and totals (never lists): the dimensions, and whether figures that read legs are asked,
   * so that a long scan may stream off the event loop (feed/long-scan.ts); without it, every window is loaded.
   */
  report?: { readonly dimensions: readonly CallDimension[]; readonly readsLegs: boolean },
): Promise<CallSlice> {
  const range = ctx.ranges.admit(rangeOf(args.range, ctx));
  const filter = narrowFilter(toCallFilter(args.filter), scope);
  const streamed = report && ctx.feed.longScan?.(range, filter, report, () => ctx.work.reportOptions());
  if (streamed) return new CallSlice(streamed.windows, filter, ctx.clock, () => ctx.work.reportOptions(), streamed.reports);
  // Reports and totals read what summaries answer from (settled days as their roll-ups); lists read legs.
  const windows = await (report ? ctx.feed.summariesIn(range) : ctx.feed.callsIn(range));
  return new CallSlice(windows, filter, ctx.clock, () => ctx.work.reportOptions());
}

function pageOf(slice: CallSlice, args: PageArgs & { orderBy?: CallOrderInput | null }): CallPage {
  const order = toCallOrder(args.orderBy);
  const scope = `${rangeKey(slice.range)}:${filterKey(slice.filter.source)}${orderKey(order)}`;
  return { ...paginate(orderedCalls(slice.list(), order), args, scope), slice };
}

/** Arguments of every `stats` field: a range and an optional filter. */
export function statsArgs(arg: ArgBuilder<Types>) {
  return {
    range: arg({ type: DateRange, required: true, description: 'Which instants: from <= date < to.' }),
    filter: arg({ type: CallFilter, description: 'Which calls of the range; all when omitted.' }),
  };
}

/** Arguments of every `calls` field: those of `stats`, an order and Relay paging. */
function callsArgs(arg: ArgBuilder<Types>) {
  return {
    ...statsArgs(arg),
    orderBy: arg({ type: CallOrder, description: 'The order of the legs; (date, id) ascending when omitted. Cursors are valid for the order that gave them.' }),
    ...arg.connectionArgs(),
  };
}

const CALLS_PAGING = `Pages hold \`first\` legs (default ${GRAPH_LIMITS.defaultPageSize}, at most ${GRAPH_LIMITS.maxPageSize}), or \`last\` legs before a cursor.`;

type StatsArgs = Parameters<typeof selectCalls>[1];

/** Resolves a `calls` field: the page of `scope`'s calls that the arguments ask for. */
async function resolveCalls(ctx: GraphContext, args: StatsArgs & PageArgs & { orderBy?: CallOrderInput | null }, scope?: DomainCallFilter): Promise<CallPage> {
  return pageOf(await selectCalls(ctx, args, scope), args);
}

/** Resolves a `stats` field: the totals of `scope`'s calls in the range and filter. */
async function resolveStats(ctx: GraphContext, args: StatsArgs, scope?: DomainCallFilter): Promise<CallStats> {
  return (await selectCalls(ctx, args, scope, { dimensions: [], readsLegs: false })).stats();
}

builder.queryFields((t) => ({
  calls: t.field({
    type: CallConnection,
    nullable: true,
    description: `Call legs of a range, filtered, in (date, id) order. ${CALLS_PAGING}${UPSTREAM_NULL}`,
    args: callsArgs(t.arg),
    authScopes: (_root, args) => filterScopes(args.filter),
    unauthorizedError: (_root, args, ctx) => filterRefusal(args.filter, ctx.viewer),
    resolve: (_root, args, ctx) => resolveCalls(ctx, args),
  }),
}));

/** The `calls` and `stats` fields of a type whose calls are those of one id (Agent, Campaign, Skill). */
export function ownedCallFields<Shape extends { readonly id: string }>(
  t: PothosSchemaTypes.ObjectFieldBuilder<Types, Shape>,
  { noun, scope }: Pick<CallOwner, 'noun' | 'scope'>,
) {
  return {
    calls: t.field({
      type: CallConnection,
      description: `This ${noun}'s call legs in a range. ${CALLS_PAGING}`,
      args: callsArgs(t.arg),
      authScopes: (_owner, args) => filterScopes(args.filter),
      unauthorizedError: (_owner, args, ctx) => filterRefusal(args.filter, ctx.viewer),
      resolve: (owner, args, ctx) => resolveCalls(ctx, args, scope(owner.id)),
    }),
    stats: t.field({
      type: CallStatsRef,
      description: `Totals of this ${noun}'s call legs in a range.`,
      args: statsArgs(t.arg),
      authScopes: (_owner, args) => filterScopes(args.filter),
      unauthorizedError: (_owner, args, ctx) => filterRefusal(args.filter, ctx.viewer),
      resolve: (owner, args, ctx) => resolveStats(ctx, args, scope(owner.id)),
    }),
  };
}
