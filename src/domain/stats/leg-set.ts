import type { LegPick } from '../columns/call-columns.js';
import type { DecimalText } from '../model/decimal.js';
import { bucketsOut, DENSE_SECONDS, DurationProfile, emptyBuckets, type DurationBucket, type DurationDistribution } from './duration-profile.js';
import type { ExactSum } from '../model/money.js';
import { partitionPoint } from '../util/partition-point.js';

/** `values` (each at most `largest`) in ascending order, by counting each value: the one-second histogram, read out. */
function countingSort(values: Uint32Array, largest: number): Uint32Array {
  const counts = new Uint32Array(largest + 1);
  for (const value of values) counts[value]! += 1;
  const sorted = new Uint32Array(values.length);
  let n = 0;
  for (let value = 0; value <= largest; value += 1) {
    sorted.fill(value, n, n + counts[value]!);
    n += counts[value]!;
  }
  return sorted;
}

/** The figures of a group read from its legs: distinct counts (a transfer's legs, a customer's calls) and the duration distribution. */
export interface LegFigures extends DurationDistribution {
  distinctCalls(): number;
  transferredCalls(): number;
  distinctCustomers(): number;
  customerCalls(): number;
  repeatCallers(withinMs: number): number;
}

/**
 * The legs of one group, for the figures no window summary can hold: counts of distinct calls and
 * customers (a transfer's legs, a customer's calls, fall in several windows, so per-window counts do
 * not add up, and keeping the sets themselves per window would cost as much as the calls), and
 * duration distributions where no exact profile can be kept (a leg's cost or billed minutes do not
 * fit micro-units). Built by a scan when first asked, once per report.
 */
export class LegSet implements LegFigures {
  private sorted: Uint32Array | undefined;
  private perCall: ReadonlyMap<string, number> | undefined;
  private perCustomer: ReadonlyMap<string, readonly number[]> | undefined;

  constructor(readonly parts: readonly LegPick[]) {}

  get calls(): number {
    return this.parts.reduce((sum, part) => sum + part.rows.length, 0);
  }

  /** Every leg's duration, ascending. */
  private durations(): Uint32Array {
    if (!this.sorted) {
      const durations = new Uint32Array(this.calls);
      let n = 0;
      let longest = 0;
      for (const { columns, rows } of this.parts) {
        for (const i of rows) {
          const seconds = columns.durationSeconds[i]!;
          durations[n++] = seconds;
          if (seconds > longest) longest = seconds;
        }
      }
      this.sorted = longest <= DENSE_SECONDS ? countingSort(durations, longest) : durations.sort();
    }
    return this.sorted;
  }

  /** The legs' duration profile; null when one of them has amounts that do not fit micro-units. */
  profile(): DurationProfile | null {
    return DurationProfile.of(this.parts);
  }

  percentile(p: number): number | null {
    const durations = this.durations();
    if (durations.length === 0) return null;
    return durations[Math.max(1, Math.ceil((p / 100) * durations.length)) - 1]!;
  }

  shorterThan(seconds: number): number {
    const durations = this.durations();
    return partitionPoint(durations.length, (i) => durations[i]! < seconds);
  }

  histogram(bounds: readonly number[]): DurationBucket[] {
    const buckets = emptyBuckets(bounds);
    for (const { columns, rows } of this.parts) {
      for (const i of rows) {
        const seconds = columns.durationSeconds[i]!;
        let b = 0;
        while (b < bounds.length && seconds > bounds[b]!) b += 1;
        const bucket = buckets[b]!;
        bucket.calls += 1;
        bucket.seconds += seconds;
        addDecimal(bucket.cost, columns.costMicros[i]!, () => columns.cost(i));
        addDecimal(bucket.billed, columns.billedMicros[i]!, () => columns.billedMinutes(i));
      }
    }
    return bucketsOut(buckets);
  }

  /** Calls (distinct `conn_id`s). */
  distinctCalls(): number {
    return this.legsPerCall().size;
  }

  /** Calls with more than one leg. */
  transferredCalls(): number {
    let transferred = 0;
    for (const legs of this.legsPerCall().values()) if (legs > 1) transferred += 1;
    return transferred;
  }

  distinctCustomers(): number {
    return this.callsPerCustomer().size;
  }

  /** Calls of legs that name a customer. */
  customerCalls(): number {
    let calls = 0;
    for (const dates of this.callsPerCustomer().values()) calls += dates.length;
    return calls;
  }

  /** Customers with two calls that started at most `withinMs` apart. */
  repeatCallers(withinMs: number): number {
    let repeat = 0;
    for (const dates of this.callsPerCustomer().values()) if (dates.some((date, k) => k > 0 && date - dates[k - 1]! <= withinMs)) repeat += 1;
    return repeat;
  }

  /** Legs per `conn_id`. */
  private legsPerCall(): ReadonlyMap<string, number> {
    if (this.perCall) return this.perCall;
    const legs = new Map<string, number>();
    for (const { columns, rows } of this.parts) for (const i of rows) legs.set(columns.connId[i]!, (legs.get(columns.connId[i]!) ?? 0) + 1);
    return (this.perCall = legs);
  }

  /** Each customer's calls: the instant of the first leg of each of its `conn_id`s, ascending. */
  private callsPerCustomer(): ReadonlyMap<string, readonly number[]> {
    if (this.perCustomer) return this.perCustomer;
    const firstLeg = new Map<string, { customer: string; date: number }>();
    for (const { columns, rows } of this.parts) {
      for (const i of rows) {
        const customer = columns.customerId[i]!;
        if (customer === null) continue;
        const connId = columns.connId[i]!;
        const seen = firstLeg.get(connId);
        if (!seen || columns.date[i]! < seen.date) firstLeg.set(connId, { customer, date: columns.date[i]! });
      }
    }
    const calls = new Map<string, number[]>();
    for (const { customer, date } of firstLeg.values()) {
      let dates = calls.get(customer);
      if (!dates) calls.set(customer, (dates = []));
      dates.push(date);
    }
    for (const dates of calls.values()) dates.sort((a, b) => a - b);
    return (this.perCustomer = calls);
  }
}

function addDecimal(sum: ExactSum, micros: number, text: () => DecimalText | null): void {
  if (!Number.isNaN(micros)) return sum.addMicros(micros);
  const exact = text();
  if (exact !== null) sum.addText(exact);
}
