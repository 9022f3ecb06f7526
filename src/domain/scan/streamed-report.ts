import { groupId } from '../grouping/group-id.js';
import type { CallReport } from '../report/call-report.js';
import { groupKey, Groups, TooManyGroupsError, type FigureSources } from '../report/report-groups.js';
import type { ReportPlan } from '../report/report-plan.js';
import { DurationProfile, ProfiledDurations } from '../stats/duration-profile.js';
import type { LegFigures } from '../stats/leg-set.js';
import { CallDigest } from './call-digest.js';
import { totalsOf, type ScanPart } from './scan-part.js';

/** Where a report's leg figures come from, by group id (null: the total). */
export interface LegSource {
  figures(id: string | null): LegFigures;
}

/** The totals of a report's parts as they arrive, in any order (sums of exact totals do not depend on it). */
export class StreamedTotals {
  readonly groups: Groups;

  constructor(
    private readonly plan: ReportPlan,
    private readonly maxGroups = Infinity,
  ) {
    this.groups = new Groups(maxGroups);
  }

  add(part: ScanPart): void {
    if (part.overGroups) throw new TooManyGroupsError(this.maxGroups);
    const { time, categorical } = this.plan;
    for (const { start, values, totals } of part.groups) {
      const key = start === undefined ? undefined : time.keyOf(start);
      this.groups.merge(groupId(key, values), () => groupKey(key, categorical, values), totalsOf(totals));
    }
  }
}

interface GroupLegs {
  readonly profiles: DurationProfile[];
  /** A part had no profile for the group. */
  unprofiled: boolean;
  readonly digest: CallDigest;
}

/**
 * The leg figures of a report's groups, from the parts of a `legs` pass: each group's duration profiles
 * (one per part) and the digest of its calls. When a leg's amounts do not fit micro-units no profile of
 * its group can be exact (duration-profile.ts): `exact` is then false, and the legs must be read instead.
 */
export class StreamedLegs implements LegSource {
  private readonly byId = new Map<string, GroupLegs>();
  private total: LegFigures | undefined;

  /** Whether every part had a profile for each of its groups. */
  get exact(): boolean {
    for (const group of this.byId.values()) if (group.unprofiled) return false;
    return true;
  }

  add(part: ScanPart): void {
    for (const { id, profile, calls } of part.legs) {
      let group = this.byId.get(id);
      if (!group) this.byId.set(id, (group = { profiles: [], unprofiled: false, digest: new CallDigest() }));
      if (profile) group.profiles.push(DurationProfile.revive(profile));
      else group.unprofiled = true;
      group.digest.absorb(calls);
    }
  }

  /** The figures of group `id` (null: the report's total). */
  figures(id: string | null): LegFigures {
    if (id === null) return (this.total ??= this.totalFigures());
    const group = this.byId.get(id);
    return group ? figuresOf(group.profiles, group.digest) : figuresOf([], new CallDigest());
  }

  private totalFigures(): LegFigures {
    const digest = new CallDigest();
    const groups = [...this.byId.values()];
    for (const group of groups) digest.merge(group.digest);
    return figuresOf(groups.flatMap((group) => group.profiles), digest);
  }
}

/** Read only when `exact`: otherwise a group's profiles miss the legs of the parts that had none. */
function figuresOf(profiles: readonly DurationProfile[], digest: CallDigest): LegFigures {
  const durations = new ProfiledDurations(profiles);
  return {
    distinctCalls: () => digest.distinctCalls(),
    transferredCalls: () => digest.transferredCalls(),
    distinctCustomers: () => digest.distinctCustomers(),
    customerCalls: () => digest.customerCalls(),
    repeatCallers: (withinMs) => digest.repeatCallers(withinMs),
    percentile: (p) => durations.percentile(p),
    shorterThan: (seconds) => durations.shorterThan(seconds),
    histogram: (bounds) => durations.histogram(bounds),
  };
}

/**
 * The report of a streamed scan: its groups' totals, and the leg figures from one `legs` pass run when a
 * figure first asks (`legsPass`), shared by every group.
 */
export function streamedReport(plan: ReportPlan, totals: StreamedTotals, windows: number, legsPass: () => Promise<LegSource>): CallReport {
  let legs: Promise<LegSource> | undefined;
  const figures = (id: string | null) => async () => (await (legs ??= legsPass())).figures(id);
  const sources: FigureSources = { legs: figures, durations: (_cells, id) => figures(id) };
  return { ...totals.groups.results(plan.dimensions.length > 0, sources), summarizedWindows: 0, scannedWindows: windows };
}
