import { rowsIn } from '../columns/rows-in-range.js';
import { dimensionCodes } from '../grouping/dimensions.js';
import { WindowGrouper } from '../grouping/window-groups.js';
import type { DecimalText } from '../model/decimal.js';
import { ExactSum, toMicros } from '../model/money.js';
import { LegTotals } from '../stats/call-stats.js';
import { DurationProfile, type ProfileFields } from '../stats/duration-profile.js';
import type { WindowView } from '../summary/window-view.js';
import type { Steps } from '../util/yielding.js';
import { collectLegs } from '../report/report-legs.js';
import type { ReportPlan } from '../report/report-plan.js';
import { ScanTotals } from '../report/scan-totals.js';
import { CallDigest, type CallDigestFields } from './call-digest.js';

/**
 * What one pass over some windows gathers: `totals`, a group's totals (what every report reads); `legs`,
 * what the figures that read legs need (duration profiles and call digests), asked only when one is.
 */
export type ScanPass = 'totals' | 'legs';

/** A group's totals as sent between threads: money as exact decimal text, never a float. */
export interface WireTotals {
  readonly calls: number;
  readonly cost: DecimalText;
  readonly billed: DecimalText;
  readonly seconds: number;
  readonly maxSeconds: number;
  readonly byType: readonly number[];
  readonly byHangUp: readonly (readonly [string | null, number])[];
  readonly uncoded: number;
}

interface WireGroup {
  /** The group's bucket start (undefined without a time dimension). */
  readonly start: number | undefined;
  readonly values: readonly (string | null)[];
  readonly totals: WireTotals;
}

interface WireLegs {
  /** The group's id (group-id.ts). */
  readonly id: string;
  /** null when a leg's amounts do not fit micro-units (then no profile can be exact). */
  readonly profile: ProfileFields | null;
  readonly calls: CallDigestFields;
}

/** The part of a report some windows give: plain data, the same whether a worker thread or the event loop made it. */
export interface ScanPart {
  readonly groups: readonly WireGroup[];
  readonly legs: readonly WireLegs[];
  /** Legs of the range read (before the filter). */
  readonly legsRead: number;
  /** The part met more groups than the report may hold: it stopped there. */
  readonly overGroups: boolean;
}

/**
 * The part of a report that `views` give, a step per window. The same code as the report's own scan
 * (scan-totals.ts, report-legs.ts), so that a part made off the event loop adds up to the same numbers.
 */
export function* scanPart(plan: ReportPlan, views: readonly WindowView[], pass: ScanPass, maxGroups = Infinity): Steps<ScanPart> {
  let legsRead = 0;
  for (const view of views) {
    const [first, end] = rowsIn(view, plan.range);
    legsRead += end - first;
  }
  if (pass === 'legs') {
    const legs = yield* collectLegs(views, plan.range, plan.filter, plan.categorical, plan.time, plan.clock);
    const wire: WireLegs[] = [];
    for (const [id, set] of legs.byGroup) wire.push({ id, profile: DurationProfile.of(set.parts), calls: CallDigest.of(set.parts).fields() });
    return { groups: [], legs: wire, legsRead, overGroups: false };
  }
  const selector = plan.filter.selector();
  const grouper = new WindowGrouper();
  const totals = new ScanTotals(plan.categorical.length);
  for (const view of views) {
    const { columns } = view;
    const codes = plan.categorical.map((dimension) => dimensionCodes(columns, dimension));
    const [first, end] = rowsIn(view, plan.range);
    totals.add(columns, grouper.group(selector.select(columns, first, end), columns.date, codes, plan.time.bucket, plan.clock), codes);
    if (totals.groupCount > maxGroups) return { groups: [], legs: [], legsRead, overGroups: true };
    yield;
  }
  const groups = totals.results().map(({ start, values, totals: group }) => ({ start, values, totals: wireTotals(group) }));
  return { groups, legs: [], legsRead, overGroups: false };
}

function wireTotals(totals: LegTotals): WireTotals {
  const { calls, cost, billed, seconds, maxSeconds, byType, byHangUp, uncoded } = totals.counted();
  return { calls, cost: cost.text(), billed: billed.text(), seconds, maxSeconds, byType: Array.from(byType), byHangUp: [...byHangUp], uncoded };
}

/** The totals again from their wire form, exactly. */
export function totalsOf(wire: WireTotals): LegTotals {
  const totals = new LegTotals();
  totals.addCounted({ ...wire, cost: exactSumOf(wire.cost), billed: exactSumOf(wire.billed) });
  return totals;
}

function exactSumOf(text: DecimalText): ExactSum {
  const sum = new ExactSum();
  const micros = toMicros(text);
  if (Number.isSafeInteger(micros)) sum.addMicros(micros);
  else sum.addText(text);
  return sum;
}
