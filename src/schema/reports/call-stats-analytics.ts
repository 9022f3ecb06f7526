import { AGENT_HUNG_UP, TIMEOUT_CODE, type CallStats } from '../../domain/stats/call-stats.js';
import { CDR4_DURATION_BOUNDS, type DurationBucket as DomainDurationBucket, type DurationDistribution } from '../../domain/stats/duration-profile.js';
import type { LegFigures } from '../../domain/stats/leg-set.js';
import { inTurn } from '../../domain/util/yielding.js';
import { builder, type Types } from '../core/builder.js';
import { badUserInput } from '../core/errors.js';
import { HOUR_MS } from '../../domain/time/time-range.js';

/** Default percentiles: the median and the tail a service level is read from. */
const DEFAULT_PERCENTILES = [50, 90, 95, 99];
const MAX_PERCENTILES = 20;
const MAX_BOUNDS = 50;
const DEFAULT_REPEAT_HOURS = 24;
/** A week: repeat callers are a first-call-resolution proxy; longer spans measure something else. */
const MAX_REPEAT_HOURS = 24 * 7;

const DurationPercentile = builder.objectRef<{ p: number; seconds: number | null }>('DurationPercentile').implement({
  description: 'One percentile of leg durations.',
  fields: (t) => ({
    p: t.exposeFloat('p', { description: 'The percentile asked, above 0 and at most 100.' }),
    seconds: t.exposeInt('seconds', { nullable: true, description: 'The shortest duration that at least p% of legs do not exceed (nearest rank, exact); null without legs.' }),
  }),
});

const DurationBucket = builder.objectRef<DomainDurationBucket>('DurationBucket').implement({
  description: 'Legs whose duration lies in one band of a histogram.',
  fields: (t) => ({
    fromSeconds: t.exposeInt('fromSeconds', { description: 'Shortest duration in the band, inclusive.' }),
    toSeconds: t.exposeInt('toSeconds', { nullable: true, description: 'Longest duration in the band, inclusive; null for the last, open band.' }),
    calls: t.exposeInt('calls', { description: 'Legs in the band.' }),
    totalDurationSeconds: t.exposeInt('totalDurationSeconds', { description: 'Their seconds.' }),
    totalBilledMinutes: t.field({ type: 'Decimal', description: 'Their billed minutes, exact.', resolve: (bucket) => bucket.totalBilledMinutes }),
    totalCost: t.field({ type: 'Decimal', description: 'Their cost, exact.', resolve: (bucket) => bucket.totalCost }),
  }),
});

/** Where the duration figures come from (duration-profile.ts), said once for the three of them. */
const FROM_PROFILES = "Merged from each window's one-second duration profile (exact); scans the legs only of windows a summary cannot speak for.";

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * A figure read from a group's legs or duration distribution in a turn of the event loop with time left
 * (domain/util/yielding.ts): the groups of a report, resolved together, take turns instead of holding
 * the loop all at once (a quarter's distinct customers by agent and week held it for a second).
 */
const fromLegs = async <T>(stats: CallStats, read: (legs: LegFigures) => T): Promise<T> => {
  const legs = await stats.legs();
  return inTurn(() => read(legs));
};
const fromDurations = async <T>(stats: CallStats, read: (durations: DurationDistribution) => T): Promise<T> => {
  const durations = await stats.durations();
  return inTurn(() => read(durations));
};

/**
 * What a figure that reads the legs costs (complexity.ts), per group: the report scans every leg once
 * for all of them, and each group's figure then walks its own legs (a set of their calls or customers),
 * where a total reads a few numbers.
 */
const LEG_FIGURE_COST = 5;

function checkedPercentiles(p: readonly number[]): readonly number[] {
  if (p.length === 0 || p.length > MAX_PERCENTILES) throw badUserInput(`p holds ${p.length} values; ask for 1 to ${MAX_PERCENTILES} percentiles.`);
  const bad = p.find((value) => !(value > 0 && value <= 100));
  if (bad !== undefined) throw badUserInput(`p holds ${bad}; a percentile must be above 0 and at most 100 (50 is the median).`);
  return p;
}

function checkedBounds(bounds: readonly number[]): readonly number[] {
  if (bounds.length === 0 || bounds.length > MAX_BOUNDS) throw badUserInput(`bounds holds ${bounds.length} values; give 1 to ${MAX_BOUNDS} upper bounds in seconds.`);
  bounds.forEach((bound, i) => {
    if (bound < 0 || (i > 0 && bound <= bounds[i - 1]!)) {
      throw badUserInput(`bounds must be ascending whole seconds from 0 (each band ends at its bound, inclusive); ${bound} follows ${bounds[i - 1] ?? 'nothing'}.`);
    }
  });
  return bounds;
}

/**
 * CallStats' figures beyond totals (issue #14). Counts and money come from window summaries, duration
 * distributions from window profiles (both fall back to the calls where a summary cannot speak for a
 * window); distinct calls and customers and repeat callers scan the legs once per report, when first
 * asked, since a call's legs and a customer's calls cross window edges and distinct counts do not add.
 */
export function analyticsFields(t: PothosSchemaTypes.ObjectFieldBuilder<Types, CallStats>) {
  return {
    actualMinutes: t.field({
      type: 'Decimal',
      description: 'totalDurationSeconds / 60, rounded half-even to 6 decimals: the minutes actually talked, to set against totalBilledMinutes.',
      resolve: (stats) => stats.actualMinutes,
    }),
    roundingOverheadMinutes: t.field({
      type: 'Decimal',
      description: 'totalBilledMinutes − actualMinutes: the minutes billed because each leg is rounded up to its billing step.',
      resolve: (stats) => stats.roundingOverheadMinutes,
    }),
    costPerBilledMinute: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'totalCost / totalBilledMinutes, rounded half-even to 6 decimals; null when no minute was billed.',
      resolve: (stats) => stats.costPerBilledMinute,
    }),
    uncodedCalls: t.int({ description: `Legs without an outcome: \`cod_act\` empty or \`${TIMEOUT_CODE}\`.`, resolve: (stats) => stats.uncodedCalls }),
    uncodedRate: t.float({ nullable: true, description: 'uncodedCalls / calls; null without legs.', resolve: (stats) => rate(stats.uncodedCalls, stats.calls) }),
    agentHungUpCalls: t.int({ description: `Legs the agent ended (\`hang_up\` = \`${AGENT_HUNG_UP}\`).`, resolve: (stats) => stats.agentHungUpCalls }),
    agentHungUpRate: t.float({ nullable: true, description: 'agentHungUpCalls / calls; null without legs.', resolve: (stats) => rate(stats.agentHungUpCalls, stats.calls) }),
    durationPercentiles: t.field({
      type: [DurationPercentile],
      description: `Exact percentiles of leg durations (nearest rank), in the order asked; at most ${MAX_PERCENTILES}. ${FROM_PROFILES}`,
      args: { p: t.arg.floatList({ required: true, defaultValue: DEFAULT_PERCENTILES, description: 'Percentiles, each above 0 and at most 100.' }) },
      complexity: (args) => ({ field: 1, multiplier: args.p.length }),
      resolve: (stats, args) => {
        const asked = checkedPercentiles(args.p);
        return fromDurations(stats, (durations) => asked.map((p) => ({ p, seconds: durations.percentile(p) })));
      },
    }),
    durationHistogram: t.field({
      type: [DurationBucket],
      description: `Legs per duration band, with their minutes and cost. Bands end at each bound (inclusive), and one open band follows the last; the default is wolkvox cdr_4's 0–5, 6–20, 21–60, 61–120 and over 120 s. ${FROM_PROFILES}`,
      args: { bounds: t.arg.intList({ required: true, defaultValue: [...CDR4_DURATION_BOUNDS], description: `Ascending upper bounds in seconds, 1 to ${MAX_BOUNDS}.` }) },
      // A band per bound, and the open one after the last.
      complexity: (args) => ({ field: 1, multiplier: args.bounds.length + 1 }),
      resolve: (stats, args) => {
        const bounds = checkedBounds(args.bounds);
        return fromDurations(stats, (durations) => durations.histogram(bounds));
      },
    }),
    shortCalls: t.int({
      description: `Legs shorter than \`under\` seconds (abandoned or failed calls, by the threshold you choose). ${FROM_PROFILES}`,
      args: { under: t.arg.int({ required: true, description: 'Threshold in seconds, 0 or more.' }) },
      resolve: (stats, args) => {
        if (args.under < 0) throw badUserInput(`under is ${args.under}; give a duration in seconds, 0 or more.`);
        return fromDurations(stats, (durations) => durations.shorterThan(args.under));
      },
    }),
    distinctCalls: t.int({
      complexity: LEG_FIGURE_COST,
      description: 'Calls: distinct `conn_id`s (a transferred call has several legs). Scans the legs.',
      resolve: (stats) => fromLegs(stats, (legs) => legs.distinctCalls()),
    }),
    transferredCalls: t.int({
      complexity: LEG_FIGURE_COST,
      description: 'Calls with more than one leg here. Scans the legs.',
      resolve: (stats) => fromLegs(stats, (legs) => legs.transferredCalls()),
    }),
    legsPerCall: t.float({
      complexity: LEG_FIGURE_COST,
      nullable: true,
      description: 'calls (legs) / distinctCalls; null without legs. Scans the legs.',
      resolve: (stats) => fromLegs(stats, (legs) => rate(stats.calls, legs.distinctCalls())),
    }),
    distinctCustomers: t.int({
      complexity: LEG_FIGURE_COST,
      description: 'Distinct `customer_id`s. Scans the legs.',
      resolve: (stats) => fromLegs(stats, (legs) => legs.distinctCustomers()),
    }),
    callsPerCustomer: t.float({
      complexity: LEG_FIGURE_COST,
      nullable: true,
      description: 'Calls (distinct `conn_id`s) that name a customer / distinctCustomers; null without customers. Scans the legs.',
      resolve: (stats) => fromLegs(stats, (legs) => rate(legs.customerCalls(), legs.distinctCustomers())),
    }),
    repeatCallers: t.int({
      complexity: LEG_FIGURE_COST,
      description:
        'Customers with two calls starting at most `withinHours` apart, within the range (a call before the range is not seen): the usual first-call-resolution proxy. Scans the legs.',
      args: { withinHours: t.arg.int({ required: true, defaultValue: DEFAULT_REPEAT_HOURS, description: `Hours between the two calls, 1 to ${MAX_REPEAT_HOURS}.` }) },
      resolve: (stats, args) => {
        if (args.withinHours < 1 || args.withinHours > MAX_REPEAT_HOURS) throw badUserInput(`withinHours is ${args.withinHours}; give 1 to ${MAX_REPEAT_HOURS} hours.`);
        return fromLegs(stats, (legs) => legs.repeatCallers(args.withinHours * HOUR_MS));
      },
    }),
  };
}
