import { heldParts, type SummaryUnit, type WindowView } from '../summary/window-view.js';
import type { Steps } from '../util/yielding.js';
import { Groups, TooManyGroupsError } from './report-groups.js';
import type { ReportPlan } from './report-plan.js';
import { ReportScan } from './report-scan.js';
import { mergeSummaryOf } from './summary-merge.js';

/** The totals of some units of a report: its groups so far, and the windows that had to be scanned call by call. */
export interface ReportPart {
  readonly groups: Groups;
  /** Their legs give the duration profiles their summaries could not. */
  readonly scanned: readonly WindowView[];
  readonly summarizedWindows: number;
}

/**
 * The groups of `units`: each unit's summary merged where it speaks for the query (summary-merge.ts),
 * the windows of the others merged from their own summaries or scanned (report-scan.ts). A step per unit
 * merged and per window scanned or merged apart (so that the event loop is handed back, and a stopped
 * report stops, between any two). Past `maxGroups` groups it stops (TooManyGroupsError), the scan's as
 * soon as a window brings them.
 */
export function* mergeUnits(plan: ReportPlan, units: readonly SummaryUnit[], maxGroups = Infinity): Steps<ReportPart> {
  const groups = new Groups(maxGroups);
  let scan: ReportScan | undefined;
  const scanned: WindowView[] = [];
  let summarizedWindows = 0;
  for (const unit of units) {
    if (mergeSummaryOf(plan, unit, groups)) {
      summarizedWindows += unit.windows;
      yield;
      continue;
    }
    // A day roll-up that came without its windows and cannot answer was loaded first (call-report.ts).
    for (const view of heldParts(unit)) {
      if (mergeSummaryOf(plan, view, groups)) summarizedWindows += 1;
      else {
        scan ??= new ReportScan(plan.filter, plan.categorical, plan.time, plan.clock);
        scan.add(view, plan.range);
        if (scan.groupCount > maxGroups) throw new TooManyGroupsError(maxGroups);
        scanned.push(view);
      }
      yield;
    }
  }
  scan?.mergeInto(groups);
  return { groups, scanned, summarizedWindows };
}

/** Two parts of one report (adjacent units) as one; neither is changed, so a kept part can be combined again. */
export function combineParts(first: ReportPart, second: ReportPart, maxGroups = Infinity): ReportPart {
  const groups = new Groups(maxGroups);
  groups.absorb(first.groups);
  groups.absorb(second.groups);
  return { groups, scanned: [...first.scanned, ...second.scanned], summarizedWindows: first.summarizedWindows + second.summarizedWindows };
}
