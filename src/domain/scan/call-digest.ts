import type { LegPick } from '../columns/call-columns.js';
import type { LegFigures } from '../stats/leg-set.js';

/** One call (`conn_id`) of a group: its legs, and the customer and instant of its first leg that names one. */
interface CallNote {
  legs: number;
  /** NaN while no leg of the call names a customer. */
  date: number;
  customer: string | null;
}

/** A digest as sent between threads: one entry per call, column by column. */
export interface CallDigestFields {
  readonly connIds: readonly string[];
  readonly legs: Uint32Array;
  readonly dates: Float64Array;
  readonly customers: readonly (string | null)[];
}

type CallFigures = Omit<LegFigures, 'percentile' | 'shorterThan' | 'histogram'>;

/**
 * What distinct counts read of a group's legs, kept per call instead of per leg, so that the parts of a
 * long scan (a day of windows each, in any order) add up without their windows: a call's legs are summed,
 * its first leg with a customer is the earliest (LegSet takes the same one). A year's digest holds one
 * entry per distinct call, not the columns of its legs.
 */
export class CallDigest implements CallFigures {
  private readonly calls = new Map<string, CallNote>();

  static of(parts: readonly LegPick[]): CallDigest {
    const digest = new CallDigest();
    for (const { columns, rows } of parts) {
      for (const i of rows) digest.add(columns.connId[i]!, 1, columns.customerId[i] ?? null, columns.date[i]!);
    }
    return digest;
  }

  static revive(fields: CallDigestFields): CallDigest {
    const digest = new CallDigest();
    digest.absorb(fields);
    return digest;
  }

  fields(): CallDigestFields {
    const connIds: string[] = [];
    const legs = new Uint32Array(this.calls.size);
    const dates = new Float64Array(this.calls.size);
    const customers: (string | null)[] = [];
    let k = 0;
    for (const [connId, note] of this.calls) {
      connIds.push(connId);
      legs[k] = note.legs;
      dates[k] = note.date;
      customers.push(note.customer);
      k += 1;
    }
    return { connIds, legs, dates, customers };
  }

  absorb(fields: CallDigestFields): void {
    const { connIds, legs, dates, customers } = fields;
    for (let k = 0; k < connIds.length; k += 1) this.add(connIds[k]!, legs[k]!, customers[k]!, dates[k]!);
  }

  merge(other: CallDigest): void {
    for (const [connId, { legs, customer, date }] of other.calls) this.add(connId, legs, customer, date);
  }

  distinctCalls(): number {
    return this.calls.size;
  }

  transferredCalls(): number {
    let transferred = 0;
    for (const { legs } of this.calls.values()) if (legs > 1) transferred += 1;
    return transferred;
  }

  distinctCustomers(): number {
    return this.callsPerCustomer().size;
  }

  customerCalls(): number {
    let calls = 0;
    for (const { customer } of this.calls.values()) if (customer !== null) calls += 1;
    return calls;
  }

  repeatCallers(withinMs: number): number {
    let repeat = 0;
    for (const dates of this.callsPerCustomer().values()) if (dates.some((date, k) => k > 0 && date - dates[k - 1]! <= withinMs)) repeat += 1;
    return repeat;
  }

  private add(connId: string, legs: number, customer: string | null, date: number): void {
    const note = this.calls.get(connId);
    if (!note) {
      this.calls.set(connId, customer === null ? { legs, date: Number.NaN, customer: null } : { legs, date, customer });
      return;
    }
    note.legs += legs;
    // The earliest leg that names a customer names the call's (a tie keeps the one met first, as LegSet does).
    if (customer !== null && (note.customer === null || date < note.date)) {
      note.customer = customer;
      note.date = date;
    }
  }

  private callsPerCustomer(): Map<string, number[]> {
    const calls = new Map<string, number[]>();
    for (const { customer, date } of this.calls.values()) {
      if (customer === null) continue;
      let dates = calls.get(customer);
      if (!dates) calls.set(customer, (dates = []));
      dates.push(date);
    }
    for (const dates of calls.values()) dates.sort((a, b) => a - b);
    return calls;
  }
}
