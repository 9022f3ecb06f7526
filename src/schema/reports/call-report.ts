import type { CallGroup as DomainCallGroup } from '../../domain/report/call-report.js';
import type { CallStats } from '../../domain/stats/call-stats.js';
import { Decimal, type DecimalText } from '../../domain/model/decimal.js';
import { topGroups } from '../../domain/report/group-order.js';
import type { CallSlice } from '../../feed/call-slice.js';
import type { Directory } from '../../domain/summary/directory.js';
import { FreshnessRef } from '../calls/freshness.js';
import { trafficFields } from './traffic.js';
import { checkedLimit, GroupOrder, MAX_GROUP_LIMIT, toGroupOrder } from '../inputs/group-order-input.js';
import { builder } from '../core/builder.js';
import { selectCalls, statsArgs } from '../calls/call-connection.js';
import { UPSTREAM_NULL } from '../core/errors.js';
import { filterRefusal, filterScopes } from '../core/personal-data.js';
import { CallDimension, InteractionType } from '../inputs/inputs.js';
import { chargeReport } from './report-cost.js';
import { readsLegs } from './leg-reads.js';
import { breakdownFields } from './call-group-breakdowns.js';
import type { ReportValue } from '../core/report-value.js';
import { AgentRef, CallStatsRef, CampaignRef, SkillRef, UnreadableRowsRef } from '../core/refs.js';


/** A group and the slice it came from, whose directory names the group's agent or skill when asked. */
interface Group extends DomainCallGroup {
  readonly slice: CallSlice;
  readonly reportTotal: CallStats;
}

/** `read` of the slice's directory: without waiting once it is known (every group of a report asks). */
function named<T>(slice: CallSlice, read: (directory: Directory) => T): T | Promise<T> {
  const directory = slice.directory();
  return directory instanceof Promise ? directory.then(read) : read(directory);
}

const CallGroup = builder.objectRef<Group>('CallGroup').implement({
  description: 'The calls that share one value of each grouped dimension. Dimensions not grouped on are null.',
  fields: (t) => ({
    agent: t.field({
      type: AgentRef,
      nullable: true,
      description: 'With AGENT: the agent (null for calls without one).',
      resolve: ({ key: { agentId }, slice }) => (agentId == null ? null : named(slice, (directory) => ({ id: agentId, name: directory.agents.get(agentId) ?? null }))),
    }),
    campaign: t.field({
      type: CampaignRef,
      nullable: true,
      description: 'With CAMPAIGN: the campaign (null for calls without one).',
      resolve: ({ key }) => (key.campaignId == null ? null : { id: key.campaignId }),
    }),
    skill: t.field({
      type: SkillRef,
      nullable: true,
      description: 'With SKILL: the skill (null for calls without one).',
      resolve: ({ key: { skillId }, slice }) => (skillId == null ? null : named(slice, (directory) => ({ id: skillId, name: directory.skills.get(skillId) ?? null }))),
    }),
    type: t.field({ type: InteractionType, nullable: true, description: 'With TYPE: the interaction type.', resolve: ({ key }) => key.type ?? null }),
    hangUp: t.string({ nullable: true, description: 'With HANG_UP: who ended the calls.', resolve: ({ key }) => key.hangUp ?? null }),
    codAct: t.string({ nullable: true, description: 'With COD_ACT: the activity code.', resolve: ({ key }) => key.codAct ?? null }),
    ...breakdownFields(t),
    period: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'With HOUR, DAY, WEEK or MONTH: the start of the (finest) local bucket, in the operation\'s zone. Weeks start on Monday.',
      resolve: ({ key }, _args, ctx) => (key.period === undefined ? null : ctx.clock.iso(key.period)),
    }),
    stats: t.field({ type: CallStatsRef, description: 'Totals of the group.', resolve: ({ stats }) => stats }),
    shareOfTotalCost: t.float({
      nullable: true,
      description: "The group's totalCost / the report's total.totalCost (0 to 1 when no cost is negative); null when the total is 0.",
      resolve: ({ stats, reportTotal }) => shareOf(stats.totalCost, reportTotal.totalCost),
    }),
  }),
});

export const CallReport = builder.objectRef<ReportValue>('CallReport').implement({
  description: 'Totals of a range, and the same totals per group.',
  fields: (t) => ({
    total: t.field({ type: CallStatsRef, description: 'Totals over every call of the range and filter.', resolve: ({ computed }) => computed.total }),
    groups: t.field({
      type: [CallGroup],
      description:
        'One group per distinct combination of the grouped dimensions, ordered by period, then by the other values, unless `orderBy` says otherwise. Empty without groupBy. ' +
        'With `orderBy` and `limit`: the top (or bottom) N, e.g. the ten costliest destinations.',
      args: {
        orderBy: t.arg({ type: GroupOrder, description: 'Order by a figure of the groups\' stats instead.' }),
        limit: t.arg.int({ description: `At most this many groups (1 to ${MAX_GROUP_LIMIT}), after ordering.` }),
      },
      resolve: async ({ computed, slice }, args) => {
        const groups = await topGroups(computed.groups, toGroupOrder(args.orderBy), checkedLimit(args.limit));
        return groups.map((group) => ({ ...group, slice, reportTotal: computed.total }));
      },
    }),
    unreadableRows: t.field({
      type: UnreadableRowsRef,
      description: 'Rows of the range that could not be read and so are in no total.',
      resolve: ({ slice }) => slice.unreadable,
    }),
    freshness: t.field({ type: FreshnessRef, description: 'How fresh the windows behind this report are.', resolve: ({ slice }) => slice.freshness }),
    ...trafficFields(t),
  }),
});

builder.queryFields((t) => ({
  callReport: t.field({
    type: CallReport,
    nullable: true,
    description: `Totals of the call legs of a range, optionally grouped by agent, campaign, skill, type, hang-up, activity codes, destination, country, calendar period, weekday or hour of day.${UPSTREAM_NULL}`,
    args: {
      ...statsArgs(t.arg),
      groupBy: t.arg({ type: [CallDimension], description: 'Dimensions to group by; none gives only the total.' }),
    },
    authScopes: (_root, args) => filterScopes(args.filter),
    unauthorizedError: (_root, args, ctx) => filterRefusal(args.filter, ctx.viewer),
    resolve: async (_root, args, ctx, info) => {
      const dimensions = args.groupBy ?? [];
      const slice = await selectCalls(ctx, args, {}, { dimensions, readsLegs: readsLegs(info) });
      await chargeReport(ctx, info, slice, dimensions);
      return { slice, computed: await slice.report(dimensions) };
    },
  }),
}));

/** A share is a ratio, not money: worked out exactly, then given as a float. */
function shareOf(part: DecimalText, whole: DecimalText): number | null {
  const total = new Decimal(whole);
  return total.isZero() ? null : new Decimal(part).div(total).toNumber();
}
