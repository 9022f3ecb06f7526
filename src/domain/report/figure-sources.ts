import type { CategoricalDimension } from '../grouping/dimensions.js';
import { ProfiledDurations, type DurationProfile } from '../stats/duration-profile.js';
import type { LegSet } from '../stats/leg-set.js';
import { partsOf, type SummaryUnit, type WindowView } from '../summary/window-view.js';
import type { Steps } from '../util/yielding.js';
import { collectLegs, type ReportLegs } from './report-legs.js';
import type { CellRef, FigureSources } from './report-groups.js';
import type { ReportPlan } from './report-plan.js';

/** Runs a computation's steps: at once, or handing the event loop back (and stopping when told) as the report runs. */
export type StepRunner = <T>(steps: Steps<T>) => T | Promise<T>;

/**
 * Where a finished report's figures beyond totals come from, each worked out when a figure first asks.
 * Distinct counts need every leg of `units` (day roll-ups read without their windows load them): one
 * scan, shared by all groups. Durations merge the summaries' profiles of a group's cells with those of
 * the legs of the windows `scanned`; a roll-up without the profiles asked has its windows attached to
 * derive them, a unit at a time, and let go.
 */
export function figureSources(plan: ReportPlan, units: readonly SummaryUnit[], scanned: readonly WindowView[], run: StepRunner): FigureSources {
  const scanOf = (of: () => Promise<readonly WindowView[]>) => {
    let legs: Promise<ReportLegs> | undefined;
    return () => (legs ??= of().then((views) => run(collectLegs(views, plan.range, plan.filter, plan.categorical, plan.time, plan.clock))));
  };
  const allLegs = scanOf(async () => (await Promise.all(units.map(partsOf))).flat());
  const scannedLegs = scanOf(() => Promise.resolve(scanned));
  const fromLegs = async (id: string | null) => legSetOf(await allLegs(), id)!;
  const { dimensions } = plan.table;
  let attached: Promise<unknown> | undefined;
  const profilesAttached = () =>
    (attached ??= (async () => {
      for (const unit of units) {
        if (unit.parts === null && !unit.summary.holdsDerived('durations', dimensions)) (await unit.load!()).summary.durations(dimensions);
      }
    })());
  return {
    legs: (id) => () => fromLegs(id),
    durations: (cells, id) => async () => {
      if (!plan.summarizable) return fromLegs(id);
      await profilesAttached();
      const profiles = await run(profilesOf(cells(), plan.table.dimensions));
      const rest = scanned.length === 0 ? undefined : legSetOf(await scannedLegs(), id);
      const restProfile = rest ? rest.profile() : undefined;
      if (profiles === null || restProfile === null) return fromLegs(id);
      return new ProfiledDurations(restProfile ? [...profiles, restProfile] : profiles);
    },
  };
}

const legSetOf = (legs: ReportLegs, id: string | null): LegSet | undefined => (id === null ? legs.total : legs.byGroup.get(id));

/** The profiles of `cells`, in order; null when a summary has none (amounts that do not fit micro-units). A step per profile table derived. */
function* profilesOf(cells: readonly CellRef[], dimensions: readonly CategoricalDimension[]): Steps<DurationProfile[] | null> {
  const profiles: DurationProfile[] = [];
  for (const { summary, key } of cells) {
    const derived = !summary.holdsDerived('durations', dimensions);
    const held = summary.durations(dimensions);
    if (held === null) return null;
    profiles.push(held.get(key)!);
    if (derived) yield;
  }
  return profiles;
}
