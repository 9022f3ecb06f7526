import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The CallStats figures that read a report's legs (call-stats-analytics.ts): asking one scans every leg of the range. */
const LEG_FIGURES: ReadonlySet<string> = new Set(['distinctCalls', 'transferredCalls', 'legsPerCall', 'distinctCustomers', 'callsPerCustomer', 'repeatCallers']);

/** Whether a report field's selection (its fragments included) asks a figure that reads legs: then a long range streams (feed/long-scan.ts). */
export function readsLegs(info: GraphQLResolveInfo): boolean {
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        if (seen.has(selection.name.value)) return false;
        seen.add(selection.name.value);
        return visit(info.fragments[selection.name.value]?.selectionSet);
      }
      return LEG_FIGURES.has(selection.name.value) || visit(selection.selectionSet);
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}
