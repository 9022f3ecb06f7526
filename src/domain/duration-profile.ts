import type { DecimalText } from './decimal.js';
import type { RowsOf } from './leg-set.js';
import { ExactSum } from './money.js';

/** One bucket of a duration histogram: legs lasting `fromSeconds` to `toSeconds` (inclusive; null: no upper bound). */
export interface DurationBucket {
  readonly fromSeconds: number;
  readonly toSeconds: number | null;
  readonly calls: number;
  readonly totalDurationSeconds: number;
  readonly totalBilledMinutes: DecimalText;
  readonly totalCost: DecimalText;
}

/** wolkvox `cdr_4`'s duration bands: 0–5, 6–20, 21–60, 61–120 and over 120 seconds, as upper bounds. */
export const CDR4_DURATION_BOUNDS: readonly number[] = [5, 20, 60, 120];

/** The duration figures of a set of legs, exact whichever way they were found (a profile, or the legs themselves). */
export interface DurationDistribution {
  /** Nearest-rank percentile: the shortest duration that at least `p`% of legs do not exceed; null without legs. */
  percentile(p: number): number | null;
  /** Legs shorter than `seconds`. */
  shorterThan(seconds: number): number;
  /** Buckets bounded above by each of `bounds` (ascending, inclusive), then one open bucket above the last. */
  histogram(bounds: readonly number[]): DurationBucket[];
}

/** Buckets for `bounds`, empty: the one place their edges are worked out. */
export function emptyBuckets(bounds: readonly number[]) {
  return [...bounds, null].map((toSeconds, b) => ({
    fromSeconds: b === 0 ? 0 : bounds[b - 1]! + 1, toSeconds, calls: 0, seconds: 0, billed: new ExactSum(), cost: new ExactSum(),
  }));
}

export function bucketsOut(buckets: ReturnType<typeof emptyBuckets>): DurationBucket[] {
  return buckets.map(({ fromSeconds, toSeconds, calls, seconds, billed, cost }) => ({
    fromSeconds, toSeconds, calls, totalDurationSeconds: seconds, totalBilledMinutes: billed.text(), totalCost: cost.text(),
  }));
}

/**
 * Durations are whole seconds, so a set of legs' durations is exactly one count per distinct second;
 * kept with each second's cost and billed minutes (micro-units), it answers percentiles, short calls
 * and a histogram on any bounds exactly, and profiles of disjoint sets add up second by second. So
 * windows keep them (per value of a dimension) and a report merges them, as it merges totals.
 * Legs whose cost or billed minutes do not fit micro-units have no profile (null where one is made):
 * their figures come from the legs.
 */
export class DurationProfile implements DurationDistribution {
  readonly calls: number;

  private constructor(
    /** Distinct durations, ascending. */
    readonly seconds: Uint32Array,
    /** Per distinct duration: legs, and their cost and billed minutes in micro-units. */
    readonly counts: Float64Array,
    readonly costMicros: Float64Array,
    readonly billedMicros: Float64Array,
  ) {
    let calls = 0;
    for (const count of counts) calls += count;
    this.calls = calls;
  }

  /** The profile of some rows of some windows; null when a row's cost or billed minutes do not fit micro-units. */
  static of(parts: readonly RowsOf[]): DurationProfile | null {
    let longest = 0;
    for (const { columns, rows } of parts) for (const i of rows) longest = Math.max(longest, columns.durationSeconds[i]!);
    const tally = new Tally(longest);
    for (const { columns, rows } of parts) {
      const { durationSeconds, costMicros, billedMicros } = columns;
      for (const i of rows) {
        const cost = costMicros[i]!;
        let billed = billedMicros[i]!;
        // NaN billed is either no billed minutes (nothing to add) or minutes that do not fit.
        if (Number.isNaN(billed)) {
          if (columns.billedMinutes(i) !== null) return null;
          billed = 0;
        }
        if (Number.isNaN(cost)) return null;
        tally.add(durationSeconds[i]!, 1, cost, billed);
      }
    }
    return DurationProfile.read(tally);
  }

  /** The profile of the union of disjoint sets of legs; null in the (theoretical) case its sums outgrow exact doubles. */
  static merged(profiles: readonly DurationProfile[]): DurationProfile | null {
    if (profiles.length === 1) return profiles[0]!;
    let longest = 0;
    for (const profile of profiles) if (profile.seconds.length > 0) longest = Math.max(longest, profile.seconds.at(-1)!);
    const tally = new Tally(longest);
    for (const { seconds, counts, costMicros, billedMicros } of profiles) {
      for (let k = 0; k < seconds.length; k += 1) tally.add(seconds[k]!, counts[k]!, costMicros[k]!, billedMicros[k]!);
    }
    return DurationProfile.read(tally);
  }

  private static read(tally: Tally): DurationProfile | null {
    const sums = tally.sums();
    return sums && new DurationProfile(sums.seconds, sums.counts, sums.costMicros, sums.billedMicros);
  }

  percentile(p: number): number | null {
    if (this.calls === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.calls));
    let seen = 0;
    for (let k = 0; k < this.seconds.length; k += 1) {
      seen += this.counts[k]!;
      if (seen >= rank) return this.seconds[k]!;
    }
    return this.seconds.at(-1)!;
  }

  shorterThan(seconds: number): number {
    let shorter = 0;
    for (let k = 0; k < this.seconds.length && this.seconds[k]! < seconds; k += 1) shorter += this.counts[k]!;
    return shorter;
  }

  histogram(bounds: readonly number[]): DurationBucket[] {
    const buckets = emptyBuckets(bounds);
    let b = 0;
    for (let k = 0; k < this.seconds.length; k += 1) {
      const seconds = this.seconds[k]!;
      while (b < bounds.length && seconds > bounds[b]!) b += 1;
      const bucket = buckets[b]!;
      bucket.calls += this.counts[k]!;
      bucket.seconds += seconds * this.counts[k]!;
      bucket.cost.addMicros(this.costMicros[k]!);
      bucket.billed.addMicros(this.billedMicros[k]!);
    }
    return bucketsOut(buckets);
  }
}

/**
 * Durations this long or shorter are tallied in arrays indexed by the second (a pass, no sorting);
 * longer ones, which a day of calls hardly has, by a Map.
 */
const DENSE_SECONDS = 86_400;

/** Legs, cost and billed minutes added up per second of duration, then read out as a profile. */
class Tally {
  private readonly dense: boolean;
  private readonly slotOf: Int32Array | Map<number, number>;
  private readonly seconds: number[] = [];
  private readonly counts: number[] = [];
  private readonly cost: number[] = [];
  private readonly billed: number[] = [];
  /** Σ|amount| added: while it stays below 2⁵³, every partial sum was an exact integer. */
  private magnitude = 0;

  constructor(longest: number) {
    this.dense = longest <= DENSE_SECONDS;
    this.slotOf = this.dense ? new Int32Array(longest + 1).fill(-1) : new Map();
  }

  add(seconds: number, count: number, cost: number, billed: number): void {
    let slot = this.dense ? (this.slotOf as Int32Array)[seconds]! : ((this.slotOf as Map<number, number>).get(seconds) ?? -1);
    if (slot === -1) {
      slot = this.seconds.length;
      if (this.dense) (this.slotOf as Int32Array)[seconds] = slot;
      else (this.slotOf as Map<number, number>).set(seconds, slot);
      this.seconds.push(seconds);
      this.counts.push(0);
      this.cost.push(0);
      this.billed.push(0);
    }
    this.counts[slot]! += count;
    this.cost[slot]! += cost;
    this.billed[slot]! += billed;
    this.magnitude += Math.abs(cost) + Math.abs(billed);
  }

  /** The sums by ascending second; null when they may have lost exactness. */
  sums(): Pick<DurationProfile, 'seconds' | 'counts' | 'costMicros' | 'billedMicros'> | null {
    if (this.magnitude > Number.MAX_SAFE_INTEGER) return null;
    const order = this.ascendingSlots();
    const pick = (values: readonly number[]) => Float64Array.from(order, (slot) => values[slot]!);
    return { seconds: Uint32Array.from(order, (slot) => this.seconds[slot]!), counts: pick(this.counts), costMicros: pick(this.cost), billedMicros: pick(this.billed) };
  }

  /** Slots in ascending order of their second: read off the dense index, or sorted. */
  private ascendingSlots(): number[] {
    if (!this.dense) return this.seconds.map((_, slot) => slot).sort((a, b) => this.seconds[a]! - this.seconds[b]!);
    const order: number[] = [];
    const slotOf = this.slotOf as Int32Array;
    for (let second = 0; second < slotOf.length; second += 1) if (slotOf[second]! !== -1) order.push(slotOf[second]!);
    return order;
  }
}
