import { getArgumentValues, getNamedType, isObjectType, Kind, type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { CallDimension } from '../../domain/grouping/dimensions.js';
import type { CallSlice } from '../../feed/call-slice.js';
import { LIST_SIZE, selectionComplexity } from '../core/complexity.js';
import type { GraphContext } from '../core/context.js';

/** The grouping of the traffic fields (traffic.ts): hours. */
const TRAFFIC_DIMENSIONS: readonly CallDimension[] = ['HOUR'];

/**
 * Charges a report to its operation once its windows are loaded and before anything is computed: the
 * measure before the operation ran (complexity.ts) counted each of its `groups` lists as LIST_SIZE items;
 * now each counts as the groups estimated from the windows (domain/report/group-estimate.ts), a unit per
 * group computed and, per group returned (`limit` caps them), what the group's selection costs, its
 * figures included (percentiles by how many are asked, histogram bands, leg scans). The traffic fields
 * are a report by hour, charged the same way. Over MAX_REPORT_GROUPS or MAX_QUERY_COMPLEXITY the
 * operation is refused (operation-work.ts). The reports whose windows arrived together (aliases of one
 * range) are all charged before any of them computes: one refused stops them all before their first step.
 */
export async function chargeReport(ctx: GraphContext, info: GraphQLResolveInfo, slice: CallSlice, dimensions: readonly CallDimension[]): Promise<void> {
  const report = getNamedType(info.returnType);
  if (!isObjectType(report)) return;
  const lists = listsOf(info.fieldNodes, report, info);
  await ctx.work.chargeReport(async () => {
    const groups = lists.groups.length > 0 ? await slice.estimateGroups(dimensions) : 0;
    const hours = lists.traffic.length > 0 || lists.busiestHour ? await slice.estimateGroups(TRAFFIC_DIMENSIONS) : 0;
    let correction = hours;
    for (const list of lists.groups) correction += groups + itemsCorrection(list, Math.min(groups, list.limit), ctx, info);
    for (const list of lists.traffic) correction += itemsCorrection(list, hours, ctx, info);
    return { groups, correction };
  });
}

interface ListSelection {
  readonly node: FieldNode;
  readonly type: GraphQLObjectType;
  /** The items it may return at most (`limit`). */
  readonly limit: number;
}

/** What `length` items of a list cost beyond the LIST_SIZE the measure counted. */
function itemsCorrection(list: ListSelection, length: number, ctx: GraphContext, info: GraphQLResolveInfo): number {
  const item = list.node.selectionSet ? selectionComplexity(list.node.selectionSet, list.type, info, ctx) : 0;
  return (length - LIST_SIZE) * item;
}

/** The `groups` and `trafficByHour` selections of a report field (its aliases and fragments included), and whether `busiestHour` is asked. */
function listsOf(nodes: readonly FieldNode[], report: GraphQLObjectType, info: GraphQLResolveInfo): { groups: ListSelection[]; traffic: ListSelection[]; busiestHour: boolean } {
  const found = { groups: [] as ListSelection[], traffic: [] as ListSelection[], busiestHour: false };
  const fields = report.getFields();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) visit(info.fragments[selection.name.value]?.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (selection.name.value === 'busiestHour') found.busiestHour = true;
      else if (selection.name.value === 'groups' || selection.name.value === 'trafficByHour') {
        const field = fields[selection.name.value]!;
        const type = getNamedType(field.type);
        if (!isObjectType(type)) continue;
        const limit = getArgumentValues(field, selection, info.variableValues).limit;
        const list = { node: selection, type, limit: typeof limit === 'number' ? limit : Infinity };
        (selection.name.value === 'groups' ? found.groups : found.traffic).push(list);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return found;
}
