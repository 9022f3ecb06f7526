import { BoundedMap } from '../src/domain/util/bounded-map.js';
import type { CdrRow } from '../src/upstream/cdr-schema.js';
import { ZoneClock } from '../src/domain/time/zone-clock.js';
import { HOUR_MS, type TimeRange } from '../src/domain/time/time-range.js';
import { formatWireDate, parseRowDate, parseWireDate } from '../src/upstream/wire-dates.js';
import {
  ACTIVITY_CODES, AGENTS, CAMPAIGNS, COMMENTS, DESTINATIONS, HOURLY_SHAPE, INTERNAL_DESTINY, SECONDARY_CODES, SKILLS, type Destination,
} from './catalogue.js';
import { digits, pick, seededRandom, type Random } from './random.js';

export type SimulatedRow = { -readonly [K in keyof CdrRow]: string };

export interface SimulatedCall {
  readonly instant: number;
  /** The row's wall-clock time as `YYYYmmddHHiiss`, comparable with `date_ini`/`date_end`. */
  readonly wallKey: string;
  readonly row: SimulatedRow;
}

export interface DatasetOptions {
  readonly seed: number;
  /** Call legs on an average day (rows, transfer legs included). */
  readonly callsPerDay: number;
  readonly timeZone: string;
  /** The simulated present: no call is served after it, like wolkvox (default: the real clock). */
  readonly now?: () => number;
  /** Rows served besides the generated ones, e.g. legs at exact boundary times for tests; `date` is local `YYYY-MM-DD HH:MM:SS`. */
  readonly extraRows?: readonly SimulatedRow[];
  /**
   * A night shift: whenever business traffic leaves a stretch longer than `nightShiftGapSeconds` without
   * a leg, calls of the night shift fill it, so that live data never stops (on in `npm start` and
   * `npm run simulator`; off by default, so business-hours data stays as tests and benchmarks know it).
   */
  readonly nightShift?: boolean;
}

/**
 * The longest stretch without a leg under the night shift: 80,000 s over the day's volume (40 s at 2,000 legs
 * a day, so that a refresh every 15 s finds a new leg within a minute at any hour), from 2 s to half an hour. The
 * night shift then takes about a twentieth of a day's volume in each hour business leaves quiet.
 */
export function nightShiftGapSeconds(callsPerDay: number): number {
  return Math.max(2, Math.min(1_800, Math.floor(80_000 / callsPerDay)));
}

const CACHED_HOURS = 2048;
/** The night shift's calls of an hour come from a stream of their own, so the business calls stay as they were. */
const NIGHT_SHIFT_STREAM = 1;
/** Share of external calls made by a customer who calls again (from a pool fixed by the seed). */
const REPEAT_CALLER_SHARE = 0.35;
/** Share of transferred calls transferred once more (a third leg). */
const SECOND_TRANSFER_SHARE = 0.3;

/**
 * Deterministic synthetic call legs for any range: each UTC hour is generated from (seed, hour) alone,
 * so the same hour always holds the same rows, whatever window it is asked through.
 */
export class CdrDataset {
  readonly clock: ZoneClock;
  private readonly hours = new BoundedMap<number, SimulatedCall[]>(CACHED_HOURS);
  private readonly extras: readonly SimulatedCall[];
  private readonly regulars: readonly Customer[];

  constructor(readonly options: DatasetOptions) {
    this.clock = new ZoneClock(options.timeZone);
    this.regulars = regularCustomers(options);
    this.extras = (options.extraRows ?? []).map((row) => {
      const wall = parseRowDate(row.date);
      if (!wall) throw new RangeError(`an extra row's date must be a real local time: "${row.date}"`);
      return { instant: this.clock.toInstant(wall), wallKey: formatWireDate(wall), row };
    });
  }

  /** What wolkvox answers: rows whose wall-clock time lies in `[dateIni, dateEnd]`, both `YYYYmmddHHiiss`. */
  callsBetweenWallClock(dateIni: string, dateEnd: string): SimulatedCall[] {
    // Wall-clock bounds map to instants at most a day away whatever the zone; generate with that slack.
    const from = this.instantOf(dateIni) - 26 * HOUR_MS;
    const to = this.instantOf(dateEnd) + 26 * HOUR_MS;
    return this.callsFrom(from, to).filter((call) => call.wallKey >= dateIni && call.wallKey <= dateEnd);
  }

  /** The oracle for tests: every leg whose instant lies in `[from, to)`. */
  callsBetween(range: TimeRange): SimulatedCall[] {
    return this.callsFrom(range.from, range.to).filter((call) => call.instant >= range.from && call.instant < range.to);
  }

  private instantOf(wireDate: string): number {
    const wall = parseWireDate(wireDate);
    if (!wall) throw new RangeError(`not a wolkvox date (YYYYmmddHHiiss): "${wireDate}"`);
    return this.clock.toInstant(wall);
  }

  private callsFrom(from: number, to: number): SimulatedCall[] {
    const calls: SimulatedCall[] = [];
    // Legs spill over into the next hour (transfers), so start one hour early.
    for (let hour = Math.floor(from / HOUR_MS) - 1; hour * HOUR_MS < to; hour += 1) {
      for (const call of this.callsOfHour(hour)) calls.push(call);
    }
    for (const call of this.extras) if (call.instant >= from && call.instant < to) calls.push(call);
    const now = (this.options.now ?? Date.now)();
    return calls.filter((call) => call.instant <= now).sort((a, b) => a.instant - b.instant);
  }

  private callsOfHour(hour: number): SimulatedCall[] {
    const cached = this.hours.get(hour);
    if (cached) return cached;
    const calls = generateHour(hour, this.options, this.clock, this.regulars);
    this.hours.set(hour, calls);
    return calls;
  }
}

/** Who calls, and from which number. */
interface Customer {
  readonly customerId: string;
  readonly telephone: string;
  readonly destination: Destination;
}

/**
 * Customers who call again and again, drawn from the seed alone (so every hour sees the same ones):
 * about a quarter of a day's volume, so that many call twice within a day.
 */
function regularCustomers(options: DatasetOptions): Customer[] {
  const random = seededRandom(options.seed, -1);
  return Array.from({ length: Math.max(1, Math.round(options.callsPerDay / 4)) }, () => newCustomer(random));
}

function newCustomer(random: Random): Customer {
  const destination = weighted(random, DESTINATIONS);
  const shape = pick(random, destination.numbers);
  const telephone = shape.replace(/#/g, () => String(Math.floor(random() * 10)));
  return { customerId: random() < 0.8 ? digits(random, 10) : '', telephone, destination };
}

function weighted(random: Random, destinations: readonly Destination[]): Destination {
  const total = destinations.reduce((sum, d) => sum + d.weight, 0);
  let roll = random() * total;
  for (const destination of destinations) {
    roll -= destination.weight;
    if (roll < 0) return destination;
  }
  return destinations.at(-1)!;
}

function generateHour(hour: number, options: DatasetOptions, clock: ZoneClock, regulars: readonly Customer[]): SimulatedCall[] {
  const random = seededRandom(options.seed, hour);
  const start = hour * HOUR_MS;
  const localHour = clock.toWallClock(start).hour;
  const expected = options.callsPerDay * HOURLY_SHAPE[localHour]!;
  const count = Math.round(expected * (0.8 + 0.4 * random()));
  const seconds = Array.from({ length: count }, () => Math.floor(random() * 3600)).sort((a, b) => a - b);
  const calls: SimulatedCall[] = [];
  for (let i = 0; i < count; i += 1) {
    const instant = start + seconds[i]! * 1000;
    const connId = `${hour}${String(i).padStart(5, '0')}`;
    const customer = callerOf(random, regulars);
    const leg = generateLeg(random, connId, customer);
    calls.push(at(instant, leg, clock));
    // Some inbound calls are transferred: more legs, same conn_id, another agent, each after the last ends.
    if (leg.type_interaction === 'inbound' && leg.time_seg !== '0' && random() < 0.06 && i + 1 < count) {
      let previous = { at: instant, leg };
      do {
        i += 1;
        const transferAt = previous.at + (Number(previous.leg.time_seg) + 5) * 1000;
        const next = generateLeg(random, connId, customer, 'inbound');
        calls.push(at(transferAt, next, clock));
        previous = { at: transferAt, leg: next };
      } while (previous.leg.time_seg !== '0' && random() < SECOND_TRANSFER_SHARE && i + 1 < count);
    }
  }
  if (options.nightShift && options.callsPerDay > 0) {
    const night = seededRandom(options.seed, hour, NIGHT_SHIFT_STREAM);
    const taken = calls.map((call) => (call.instant - start) / 1000).filter((second) => second < 3_600).sort((a, b) => a - b);
    nightShiftSeconds(taken, nightShiftGapSeconds(options.callsPerDay), night).forEach((second, j) => {
      const connId = `${hour}${String(count + j).padStart(5, '0')}`;
      calls.push(at(start + second * 1000, generateLeg(night, connId, callerOf(night, regulars)), clock));
    });
  }
  return calls;
}

function callerOf(random: Random, regulars: readonly Customer[]): Customer {
  return random() < REPEAT_CALLER_SHARE ? pick(random, regulars) : newCustomer(random);
}

/**
 * Seconds of the hour (0–3599) for the night shift's calls: wherever the business calls (`seconds`, ascending)
 * leave more than `gap` seconds free, one every 80–100% of `gap`. The hour's first call comes at most half a
 * gap after it starts and its last at most half a gap before it ends, so no gap spans two hours either.
 */
function nightShiftSeconds(seconds: readonly number[], gap: number, random: Random): number[] {
  const added: number[] = [];
  let last = -gap / 2;
  for (const next of [...seconds, 3_600 + gap / 2]) {
    while (next - last > gap) {
      last = Math.min(3_599, Math.max(Math.floor(last) + 1, Math.floor(last + gap * (0.8 + 0.2 * random()))));
      added.push(last);
    }
    last = next;
  }
  return added;
}

/** A leg at `instant`, dated as wolkvox writes it: local wall-clock `YYYY-MM-DD HH:MM:SS`. */
function at(instant: number, row: SimulatedRow, clock: ZoneClock): SimulatedCall {
  const iso = clock.iso(instant); // 2025-03-04T10:22:11-05:00 (legs start on whole seconds)
  row.date = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return { instant, wallKey: row.date.replace(/\D/g, ''), row };
}

type Kind = 'inbound' | 'outbound' | 'outbound_ma' | 'internal';

function generateLeg(random: Random, connId: string, customer: Customer, forced?: Kind): SimulatedRow {
  const roll = random();
  const kind: Kind = forced ?? (roll < 0.45 ? 'inbound' : roll < 0.75 ? 'outbound' : roll < 0.9 ? 'outbound_ma' : 'internal');
  const agent = pick(random, AGENTS);
  const [codAct, descriptionCodAct] = pick(random, ACTIVITY_CODES);
  const [codAct2, descriptionCodAct2] = pick(random, SECONDARY_CODES);
  const answered = random() > 0.08;
  const seconds = answered ? 15 + Math.floor(-Math.log(1 - random()) * 190) : 0;
  const skill = kind === 'inbound' ? pick(random, SKILLS) : random() < 0.2 ? pick(random, SKILLS) : null;
  const campaign = kind === 'internal' ? '' : kind === 'inbound' && random() < 0.7 ? '' : pick(random, CAMPAIGNS);
  const internal = kind === 'internal';
  const telephone = internal ? `2${digits(random, 3)}` : customer.telephone;
  // Billed in 6-second steps (tenths of a minute); price per minute in ten-thousandths.
  const tenths = Math.ceil(seconds / 6);
  const costUnits = internal ? 0 : tenths * customer.destination.ratePerMinute; // 1e-5 of the currency unit
  return {
    agent_name: agent.name,
    date: '',
    destiny: internal ? INTERNAL_DESTINY : customer.destination.destiny,
    telephone,
    cost: formatFixed(costUnits, 5),
    time_seg: String(seconds),
    time_min: formatFixed(tenths, 1),
    cod_act: codAct,
    cod_act_2: codAct2,
    description_cod_act: descriptionCodAct,
    description_cod_act_2: descriptionCodAct2,
    type_interaction: kind,
    customer_id: internal ? '' : customer.customerId,
    hang_up: random() < 0.45 ? 'agent' : 'customer',
    campaign_id: campaign,
    conn_id: connId,
    skill_id: skill?.id ?? '',
    skill_name: skill?.name ?? '',
    agent_id: agent.id,
    comment: random() < 0.1 ? pick(random, COMMENTS) : '',
  };
}

/** An integer count of 10^-scale units as decimal text, e.g. (10850, 5) → "0.10850". */
function formatFixed(units: number, scale: number): string {
  if (units === 0) return '0';
  const text = String(units).padStart(scale + 1, '0');
  return `${text.slice(0, -scale)}.${text.slice(-scale)}`;
}
