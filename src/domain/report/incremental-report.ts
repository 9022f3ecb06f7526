import { columnsHeapBytes } from '../summary/heap-cost.js';
import { summaryHeapBytes } from '../summary/window-summary.js';
import { heldParts, unitOf, type SummaryUnit } from '../summary/window-view.js';
import type { Steps } from '../util/yielding.js';
import { combineParts, mergeUnits, type ReportPart } from './report-part.js';
import type { ReportPlan } from './report-plan.js';

/**
 * A report computed again and again as its range's windows change (a live report): the part of the range
 * that has settled is merged once and kept, and each update merges only what follows it, then combines the
 * two (domain/report/report-part.ts). A change before the kept part (a settled window asked again) merges
 * it afresh.
 */
export class IncrementalReport {
  private kept: { readonly upTo: number; readonly part: ReportPart } | undefined;

  constructor(
    readonly plan: ReportPlan,
    private readonly maxGroups = Infinity,
  ) {}

  /**
   * The part of `units` (the range's windows as loaded now), every unit merged. What ends before
   * `settledBefore` no longer changes; `changedFrom` is the earliest instant the change being answered
   * touched (-Infinity: everything may have).
   */
  *update(units: readonly SummaryUnit[], settledBefore: number, changedFrom: number): Steps<ReportPart> {
    if (this.kept && changedFrom < this.kept.upTo) this.kept = undefined;
    const cut = lastEndBefore(units, settledBefore);
    if (cut !== undefined && cut > (this.kept?.upTo ?? -Infinity)) {
      const added = yield* mergeUnits(this.plan, split(split(units, cut).before, this.kept?.upTo ?? -Infinity).after, this.maxGroups);
      this.kept = { upTo: cut, part: this.kept ? combineParts(this.kept.part, added, this.maxGroups) : added };
    }
    if (!this.kept) return yield* mergeUnits(this.plan, units, this.maxGroups);
    const rest = yield* mergeUnits(this.plan, split(units, this.kept.upTo).after, this.maxGroups);
    return combineParts(this.kept.part, rest, this.maxGroups);
  }

  /**
   * Estimated heap of what is kept between updates: the groups, the summaries their cells point at and the
   * windows scanned (which the kept part keeps alive even once the cache lets them go).
   */
  get heapBytes(): number {
    if (!this.kept) return 0;
    const { groups, scanned } = this.kept.part;
    let bytes = groups.heapBytes;
    for (const summary of groups.summaries()) bytes += summaryHeapBytes(summary);
    for (const view of scanned) bytes += columnsHeapBytes(view.columns);
    return bytes;
  }
}

/** The end of the last window of `units` that ends at or before `instant`, if any. */
function lastEndBefore(units: readonly SummaryUnit[], instant: number): number | undefined {
  let end: number | undefined;
  for (const unit of units) {
    if (unit.window.to <= instant) end = unit.window.to;
    else {
      for (const part of heldParts(unit)) if (part.window.to <= instant) end = part.window.to;
      break;
    }
  }
  return end;
}

/** `units` before and after `instant`, a window boundary: a unit across it (a day rolled up) gives its windows instead. */
function split(units: readonly SummaryUnit[], instant: number): { before: SummaryUnit[]; after: SummaryUnit[] } {
  const before: SummaryUnit[] = [];
  const after: SummaryUnit[] = [];
  for (const unit of units) {
    if (unit.window.to <= instant) before.push(unit);
    else if (unit.window.from >= instant) after.push(unit);
    else for (const part of heldParts(unit)) (part.window.to <= instant ? before : after).push(unitOf(part));
  }
  return { before, after };
}
