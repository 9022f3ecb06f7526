import type { DecimalText } from '../model/decimal.js';
import type { LegPick } from '../columns/call-columns.js';
import { ExactSum } from '../model/money.js';
import { partitionPoint } from '../util/partition-point.js';

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

/** Duration profiles by combinationKey of their values; null when a call's amounts do not fit micro-units. */
export type DurationProfiles = ReadonlyMap<string, DurationProfile> | null;

/** What a profile is made of: every field, each a typed array. */
export type ProfileFields = Pick<DurationProfile, 'seconds' | 'calls' | 'durationSeconds' | 'costMicros' | 'billedMicros' | 'blockStarts'>;

/**
 * Durations are whole seconds, so a set of legs' durations is exactly one count per distinct second;
 * kept with each second's cost and billed minutes (micro-units), it answers percentiles, short calls
 * and a histogram on any bounds exactly, and profiles of disjoint sets of legs add up second by
 * second. So windows keep them (per value of a dimension, window-summary.ts) and a report answers
 * from the profiles of its windows together (ProfiledDurations). Legs whose cost or billed minutes do
 * not fit micro-units have no profile (null where one is made): their figures come from the legs.
 */
export class DurationProfile {
  /** Distinct durations, ascending. */
  readonly seconds: Uint32Array;
  /**
   * Running sums over the distinct durations, one longer than `seconds`: entry k sums the legs of the
   * k shortest durations. A band of durations is then two look-ups, not a walk over its seconds.
   */
  readonly calls: Float64Array;
  readonly durationSeconds: Float64Array;
  readonly costMicros: Float64Array;
  readonly billedMicros: Float64Array;
  /**
   * Where each block of BLOCK_SECONDS begins among `seconds`, for durations up to DENSE_SECONDS: entry
   * j is how many distinct durations are shorter than j × BLOCK_SECONDS; the last is all of them. A
   * percentile over many profiles adds up their blocks, then the seconds of one block only.
   */
  readonly blockStarts: Uint32Array;

  private constructor({ seconds, counts, costMicros, billedMicros }: SecondSums) {
    this.seconds = seconds;
    const blocks = Math.floor(Math.min(seconds.at(-1) ?? 0, DENSE_SECONDS) / BLOCK_SECONDS) + 1;
    this.blockStarts = new Uint32Array(blocks + 1);
    for (let j = 1, k = 0; j < blocks; j += 1) {
      while (k < seconds.length && seconds[k]! < j * BLOCK_SECONDS) k += 1;
      this.blockStarts[j] = k;
    }
    this.blockStarts[blocks] = seconds.length;
    const running = (values: ArrayLike<number>, weight: (k: number) => number = () => 1) => {
      const sums = new Float64Array(values.length + 1);
      for (let k = 0; k < values.length; k += 1) sums[k + 1] = sums[k]! + values[k]! * weight(k);
      return sums;
    };
    this.calls = running(counts);
    this.durationSeconds = running(counts, (k) => seconds[k]!);
    this.costMicros = running(costMicros);
    this.billedMicros = running(billedMicros);
  }

  /** The profile of some rows of some windows; null when a row's cost or billed minutes do not fit micro-units. */
  static of(parts: readonly LegPick[]): DurationProfile | null {
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

  /** One profile for disjoint sets of legs (a day from its hours); null in the (theoretical) case its sums outgrow exact doubles. */
  static merged(profiles: readonly DurationProfile[]): DurationProfile | null {
    if (profiles.length === 1) return profiles[0]!;
    const tally = new Tally(longestOf(profiles));
    for (const { seconds, calls, costMicros, billedMicros } of profiles) {
      for (let k = 0; k < seconds.length; k += 1) {
        tally.add(seconds[k]!, calls[k + 1]! - calls[k]!, costMicros[k + 1]! - costMicros[k]!, billedMicros[k + 1]! - billedMicros[k]!);
      }
    }
    return DurationProfile.read(tally);
  }

  /** The profile of per-second sums (a stored roll-up's); `sums()` gives them back. */
  static fromSums(sums: SecondSums): DurationProfile {
    const { seconds, counts, costMicros, billedMicros } = sums;
    if (counts.length !== seconds.length || costMicros.length !== seconds.length || billedMicros.length !== seconds.length) throw new Error('profile arrays differ in length');
    for (let k = 1; k < seconds.length; k += 1) if (!(seconds[k]! > seconds[k - 1]!)) throw new Error('profile seconds not ascending');
    return new DurationProfile(sums);
  }

  /** Legs, cost and billed micro-units per distinct duration (what `fromSums` takes). */
  sums(): SecondSums {
    const per = (running: Float64Array) => {
      const values = new Float64Array(this.seconds.length);
      for (let k = 0; k < values.length; k += 1) values[k] = running[k + 1]! - running[k]!;
      return values;
    };
    return { seconds: this.seconds, counts: per(this.calls), costMicros: per(this.costMicros), billedMicros: per(this.billedMicros) };
  }

  /** A profile again from its fields (one sent between threads arrives as a plain object of typed arrays). */
  static revive(fields: ProfileFields): DurationProfile {
    return Object.assign(Object.create(DurationProfile.prototype) as DurationProfile, fields);
  }

  private static read(tally: Tally): DurationProfile | null {
    const sums = tally.sums();
    return sums && new DurationProfile(sums);
  }

  get legs(): number {
    return this.calls[this.seconds.length]!;
  }

  /** How many distinct durations are shorter than `seconds`: where their running sums end. Searched within its block. */
  indexBelow(seconds: number): number {
    const blocks = this.blockStarts.length - 1;
    const j = Math.min(Math.max(0, Math.floor(seconds / BLOCK_SECONDS)), blocks - 1);
    let low = this.blockStarts[j]!;
    let high = j + 1 < blocks ? this.blockStarts[j + 1]! : this.seconds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.seconds[middle]! < seconds) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/**
 * The durations of the legs of several disjoint profiles (a report group's windows), answered without
 * merging them: short calls and histogram bands by the profiles' running sums at each bound,
 * percentiles by adding up the profiles' counts per block, then per second within one block.
 */
export class ProfiledDurations implements DurationDistribution {
  /** Legs shorter than each multiple of BLOCK_SECONDS, over every profile (when every duration is dense). */
  private blocks: Float64Array | undefined;
  private sparse: { cumulative: Float64Array; seconds: Uint32Array } | undefined;
  private readonly legs: number;

  constructor(private readonly profiles: readonly DurationProfile[]) {
    this.legs = profiles.reduce((legs, profile) => legs + profile.legs, 0);
  }

  percentile(p: number): number | null {
    if (this.legs === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.legs));
    if (this.profiles.length === 1) {
      const [profile] = this.profiles as [DurationProfile];
      return profile.seconds[partitionPoint(profile.seconds.length, (k) => profile.calls[k + 1]! < rank)]!;
    }
    if (longestOf(this.profiles) > DENSE_SECONDS) {
      const { cumulative, seconds } = (this.sparse ??= sparseCounts(this.profiles));
      return seconds[partitionPoint(seconds.length, (k) => cumulative[k + 1]! < rank)]!;
    }
    const blocks = (this.blocks ??= blockCounts(this.profiles));
    const j = partitionPoint(blocks.length - 1, (b) => blocks[b + 1]! < rank);
    // Within block j: its legs per second, from each profile's entries in the block.
    const perSecond = new Float64Array(BLOCK_SECONDS);
    for (const { seconds, calls, blockStarts } of this.profiles) {
      const last = blockStarts.length - 1;
      for (let k = blockStarts[Math.min(j, last)]!, end = blockStarts[Math.min(j + 1, last)]!; k < end; k += 1) {
        perSecond[seconds[k]! - j * BLOCK_SECONDS]! += calls[k + 1]! - calls[k]!;
      }
    }
    let seen = blocks[j]!;
    for (let t = 0; t < BLOCK_SECONDS; t += 1) {
      seen += perSecond[t]!;
      if (seen >= rank) return j * BLOCK_SECONDS + t;
    }
    throw new Error(`percentile ${p}: rank ${rank} not within block ${j}`);
  }

  shorterThan(seconds: number): number {
    let shorter = 0;
    for (const profile of this.profiles) shorter += profile.calls[profile.indexBelow(seconds)]!;
    return shorter;
  }

  histogram(bounds: readonly number[]): DurationBucket[] {
    const buckets = emptyBuckets(bounds);
    for (const profile of this.profiles) {
      let from = 0;
      for (let b = 0; b < buckets.length; b += 1) {
        const bucket = buckets[b]!;
        const to = b < bounds.length ? profile.indexBelow(bounds[b]! + 1) : profile.seconds.length;
        if (to === from) continue;
        bucket.calls += profile.calls[to]! - profile.calls[from]!;
        bucket.seconds += profile.durationSeconds[to]! - profile.durationSeconds[from]!;
        bucket.cost.addMicros(profile.costMicros[to]! - profile.costMicros[from]!);
        bucket.billed.addMicros(profile.billedMicros[to]! - profile.billedMicros[from]!);
        from = to;
      }
    }
    return bucketsOut(buckets);
  }
}

/** Legs shorter than each multiple of BLOCK_SECONDS, over `profiles`; the last entry is all of them. */
function blockCounts(profiles: readonly DurationProfile[]): Float64Array {
  const blocks = new Float64Array(profiles.reduce((most, profile) => Math.max(most, profile.blockStarts.length), 0));
  for (const { calls, blockStarts } of profiles) {
    const last = blockStarts.length - 1;
    for (let j = 0; j < blocks.length; j += 1) blocks[j]! += calls[blockStarts[Math.min(j, last)]!]!;
  }
  return blocks;
}

/** Running counts over every distinct duration of `profiles`, for durations too long to index by the second. */
function sparseCounts(profiles: readonly DurationProfile[]): { cumulative: Float64Array; seconds: Uint32Array } {
  const counts = new Map<number, number>();
  for (const { seconds, calls } of profiles) {
    for (let k = 0; k < seconds.length; k += 1) counts.set(seconds[k]!, (counts.get(seconds[k]!) ?? 0) + calls[k + 1]! - calls[k]!);
  }
  const seconds = Uint32Array.from(counts.keys()).sort();
  const cumulative = new Float64Array(seconds.length + 1);
  seconds.forEach((second, k) => (cumulative[k + 1] = cumulative[k]! + counts.get(second)!));
  return { cumulative, seconds };
}

const longestOf = (profiles: readonly DurationProfile[]) => profiles.reduce((longest, profile) => Math.max(longest, profile.seconds.at(-1) ?? 0), 0);

export type SecondSums = Pick<DurationProfile, 'seconds' | 'costMicros' | 'billedMicros'> & { readonly counts: Float64Array };

/**
 * Durations this long (a day) or shorter are tallied in arrays indexed by the second (a pass, no
 * sorting), here and in LegSet; longer ones, which calls hardly have, by a Map or by sorting.
 */
export const DENSE_SECONDS = 86_400;

/** Seconds per block of a profile's index (blockStarts): a percentile reads a block's seconds, and every profile's block count. */
const BLOCK_SECONDS = 32;

/** Legs, cost and billed minutes added up per second of duration, then read out by ascending second. */
class Tally {
  /** Dense: indexed by the second. Sparse: by slot, with `slotOf` mapping seconds to slots. */
  private counts: Float64Array | number[];
  private cost: Float64Array | number[];
  private billed: Float64Array | number[];
  private readonly slotOf: Map<number, number> | null;
  /** Σ|amount| added: while it stays below 2⁵³, every partial sum was an exact integer. */
  private magnitude = 0;

  constructor(longest: number) {
    const dense = longest <= DENSE_SECONDS;
    this.slotOf = dense ? null : new Map();
    this.counts = dense ? new Float64Array(longest + 1) : [];
    this.cost = dense ? new Float64Array(longest + 1) : [];
    this.billed = dense ? new Float64Array(longest + 1) : [];
  }

  add(seconds: number, count: number, cost: number, billed: number): void {
    let at = seconds;
    if (this.slotOf) {
      at = this.slotOf.get(seconds) ?? -1;
      if (at === -1) {
        this.slotOf.set(seconds, (at = this.slotOf.size));
        (this.counts as number[]).push(0);
        (this.cost as number[]).push(0);
        (this.billed as number[]).push(0);
      }
    }
    this.counts[at]! += count;
    this.cost[at]! += cost;
    this.billed[at]! += billed;
    this.magnitude += Math.abs(cost) + Math.abs(billed);
  }

  /** The sums by ascending second; null when they may have lost exactness. */
  sums(): SecondSums | null {
    if (this.magnitude > Number.MAX_SAFE_INTEGER) return null;
    const [seconds, at] = this.ascending();
    const pick = (values: ArrayLike<number>) => {
      const picked = new Float64Array(at.length);
      for (let k = 0; k < at.length; k += 1) picked[k] = values[at[k]!]!;
      return picked;
    };
    return { seconds, counts: pick(this.counts), costMicros: pick(this.cost), billedMicros: pick(this.billed) };
  }

  /** The seconds met, ascending, and where each one's sums are. */
  private ascending(): [Uint32Array, Uint32Array] {
    if (this.slotOf) {
      const seconds = Uint32Array.from(this.slotOf.keys()).sort();
      return [seconds, Uint32Array.from(seconds, (second) => this.slotOf!.get(second)!)];
    }
    let distinct = 0;
    for (const count of this.counts) if (count > 0) distinct += 1;
    const seconds = new Uint32Array(distinct);
    let k = 0;
    for (let second = 0; second < this.counts.length; second += 1) if (this.counts[second]! > 0) seconds[k++] = second;
    return [seconds, seconds];
  }
}
