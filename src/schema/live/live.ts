import { rangeOf } from '../inputs/range-input.js';
import type { CallRecord } from '../../domain/model/call-record.js';
import type { CallFilter as DomainCallFilter } from '../../domain/filter/call-filter.js';
import type { RangeFeed } from '../../feed/call-feed.js';
import type { TimeRange } from '../../domain/time/time-range.js';
import { spanOf, touches, type WindowChange } from '../../feed/window-changes.js';
import { builder } from '../core/builder.js';
import { statsArgs, selectCalls } from '../calls/call-connection.js';
import { CallReport } from '../reports/call-report.js';
import { CallSlice } from '../../feed/call-slice.js';
import type { GraphContext } from '../core/context.js';
import { CallDimension, CallFilter, toCallFilter } from '../inputs/inputs.js';
import { CallRef } from '../core/refs.js';
import { filterRefusal, filterScopes } from '../core/personal-data.js';

const CADENCE =
  'Events come when the background refresh (every `WOLKVOX_FRESHNESS` and a second: 5 minutes by default against wolkvox, 15 s with the built-in simulator) finds new data; ' +
  'subscribers never make the server ask wolkvox, however many there are. Served over Server-Sent Events (GraphQL over SSE) at `/graphql`.';

builder.subscriptionType({ description: `Live data. ${CADENCE}` });

builder.subscriptionFields((t) => ({
  callsAdded: t.field({
    type: [CallRef],
    description: `Call legs as the background refresh finds them, in (date, id) order: one event per refresh that found legs passing the filter, from the subscription's start on (the first event holds the legs found since the refresh before it, not today so far: query \`calls\` for those). ${CADENCE}`,
    args: { filter: t.arg({ type: CallFilter, description: 'Which legs; all when omitted.' }) },
    authScopes: (_root, args) => filterScopes(args.filter),
    unauthorizedError: (_root, args, ctx) => filterRefusal(args.filter, ctx.viewer),
    subscribe: (_root, args, ctx) => listening(ctx, (changes) => legsAdded(ctx, changes, toCallFilter(args.filter))),
    resolve: (legs) => legs,
  }),
  callReportUpdates: t.field({
    type: CallReport,
    description: `\`callReport\` with these arguments now, and again whenever a window of its range changes. ${CADENCE}`,
    args: {
      ...statsArgs(t.arg),
      groupBy: t.arg({ type: [CallDimension], description: 'Dimensions to group by; none gives only the total.' }),
    },
    authScopes: (_root, args) => filterScopes(args.filter),
    unauthorizedError: (_root, args, ctx) => filterRefusal(args.filter, ctx.viewer),
    subscribe: (_root, args, ctx) => {
      const range = ctx.ranges.admit(rangeOf(args.range, ctx));
      return listening(ctx, (changes) => feedsOfChanges(ctx, changes, range));
    },
    resolve: async (feed, args, ctx) => {
      const slice = await selectCalls({ ...ctx, feed }, args, {}, 'summaries');
      return { slice, computed: await slice.report(args.groupBy ?? []) };
    },
  }),
}));

type Changes = AsyncIterableIterator<WindowChange>;

/**
 * The events of `body`, listening for changes from the moment the subscription is accepted (a generator
 * would start only when its first event is asked for, and miss a change published before that); ending
 * the subscription stops the listening even if no event was ever asked for.
 */
function listening<T>(ctx: GraphContext, body: (changes: Changes) => AsyncGenerator<T>): AsyncIterableIterator<T> {
  const changes = ctx.live.changes();
  const events = body(changes);
  return {
    next: () => events.next(),
    return: async () => {
      await changes.return?.();
      return events.return(undefined);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** For each change with new legs that pass `filter`, those legs (read from the windows the refresh just stored). */
async function* legsAdded(ctx: GraphContext, changes: Changes, filter: DomainCallFilter): AsyncGenerator<CallRecord[]> {
  for await (const change of changes) {
    if (change.addedCallIds.length === 0) continue;
    const added = new Set(change.addedCallIds);
    const legs = new CallSlice(await ctx.live.feed().callsIn(spanOf(change)), filter, ctx.clock).list();
    const found: CallRecord[] = [];
    for (let i = 0; i < legs.length; i += 1) if (added.has(legs.idAt(i))) found.push(legs.recordAt(i));
    if (found.length > 0) yield found;
  }
}

/** The operation's own feed first (the report as it is now), then a new feed for each change that touches `range`. */
async function* feedsOfChanges(ctx: GraphContext, changes: Changes, range: TimeRange): AsyncGenerator<RangeFeed> {
  yield ctx.feed;
  for await (const change of changes) if (touches(change, range)) yield ctx.live.feed();
}
