import { describe, expect, it } from 'vitest';
import { pick, seededRandom, type Random } from '../../simulator/random.js';
import { columnsOf } from '../../src/domain/columns/call-columns-builder.js';
import type { CallFilter } from '../../src/domain/filter/call-filter.js';
import { PreparedFilter } from '../../src/domain/filter/prepared-filter.js';
import { callId } from '../../src/domain/model/call-id.js';
import { INTERACTION_TYPES, type CallRecord } from '../../src/domain/model/call-record.js';
import { buildReport } from '../../src/domain/report/call-report.js';
import type { DecimalText } from '../../src/domain/model/decimal.js';
import { WindowSummary } from '../../src/domain/summary/window-summary.js';
import { unitOf, type WindowView } from '../../src/domain/summary/window-view.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { compareExact, exactSum } from '../support/oracle.js';
import { bySize } from '../support/size.js';

/** Random nested filters per seed, each checked on every window of the seed's calls. */
const SEEDS = bySize({ quick: 6, full: 30 });
const FILTERS_PER_SEED = bySize({ quick: 40, full: 150 });

/** Telephones whose country is known (libphonenumber's reading, pinned here rather than recomputed). */
const COUNTRY_OF_TELEPHONE = new Map<string | null, string>([
  ['3001234567', 'CO'], ['6015551234', 'CO'], ['+13055550123', 'US'], ['525512345678', 'MX'],
  ['+34612345678', 'ES'], ['123', 'ZZ'], ['anonymous', 'ZZ'], [null, 'ZZ'],
]);
const TELEPHONES = [...COUNTRY_OF_TELEPHONE.keys()];
const AGENTS = ['1001', '1002', '1003', null];
const CAMPAIGNS = ['3001', '3002', null];
const HANG_UPS = ['agent', 'client', null];
const COD_ACTS = ['400', '401', 'TIMEOUTACW', null];
const DESTINIES = ['Bogotá Fijo', 'Colombia Móvil Claro', 'Estados Unidos', null];
const CUSTOMERS = ['c1', 'c2', 'c3', null];
/** Costs and billed minutes in micro-units, beyond them (more decimals, a billion and more), and near the top of them (sums pass 2⁵³). */
const COSTS = ['0', '0.1085', '2.5', '-0.5', '0.123456', '0.123457', '0.1234567', '1000000000.25', '999999999.999999', '0.000001'];
const BILLED = [null, '1', '2.5', '0.0000005', '0.000001', '0.123457', '3', '1000000000', '999999999.999999'];

function randomCall(random: Random, date: number, n: number): CallRecord {
  const connId = `conn-${n}`;
  const type = pick(random, INTERACTION_TYPES);
  return {
    id: callId(date, connId), connId, date,
    destiny: pick(random, DESTINIES), telephone: pick(random, TELEPHONES),
    cost: pick(random, COSTS) as DecimalText, durationSeconds: Math.floor(random() * 400),
    billedMinutes: pick(random, BILLED) as DecimalText | null,
    codAct: pick(random, COD_ACTS), codAct2: pick(random, ['10', '11', null]), descriptionCodAct: null, descriptionCodAct2: null,
    type, typeRaw: type.toLowerCase(), customerId: pick(random, CUSTOMERS), hangUp: pick(random, HANG_UPS), comment: null,
    agentId: pick(random, AGENTS), agentName: null, campaignId: pick(random, CAMPAIGNS), skillId: pick(random, ['1', '2', null]), skillName: null,
  };
}

/** Three windows of different sizes (the selector keeps its buffers from one to the next). */
function randomWindows(random: Random): { view: WindowView; calls: CallRecord[] }[] {
  let n = 0;
  return [0, 1, 2].map((w) => {
    const from = Date.UTC(2025, 2, 4, 10 + w);
    const count = [300, 40, 120][w]!;
    const calls = Array.from({ length: count }, () => randomCall(random, from + Math.floor(random() * 3_600_000), n++))
      .sort((a, b) => a.date - b.date || (a.id < b.id ? -1 : 1));
    const columns = columnsOf(calls);
    return { view: { window: { from, to: from + 3_600_000 }, columns, summary: WindowSummary.of(columns) }, calls };
  });
}

const some = <T>(random: Random, values: readonly T[]): T[] => values.filter(() => random() < 0.4);
const maybe = <T>(random: Random, odds: number, value: () => T): T | null => (random() < odds ? value() : null);
const bound = (random: Random, values: readonly string[]) => ({
  min: maybe(random, 0.6, () => pick(random, values) as DecimalText),
  max: maybe(random, 0.6, () => pick(random, values) as DecimalText),
});
/** Bounds in micro-units and between them (0.12345675 lies between two costs' micro-units), beyond a billion, negative. */
const BOUNDS = ['0', '0.1', '0.12345675', '0.0000005', '2.5', '-1', '1000000000.25', '999999999.9999995', '99999999999'];

/** A filter of any field, with `not` and `anyOf` nested up to `depth` (empty lists and `anyOf: []` included). */
function randomFilter(random: Random, depth: number): CallFilter {
  return {
    agentIds: maybe(random, 0.15, () => some(random, ['1001', '1003', 'nobody'])),
    campaignIds: maybe(random, 0.1, () => some(random, ['3001', '3002'])),
    skillIds: maybe(random, 0.05, () => some(random, ['1', '2'])),
    types: maybe(random, 0.15, () => some(random, INTERACTION_TYPES)),
    hangUps: maybe(random, 0.2, () => some(random, ['agent', 'client'])),
    codActs: maybe(random, 0.15, () => some(random, ['400', 'TIMEOUTACW'])),
    codActs2: maybe(random, 0.05, () => ['10']),
    destinies: maybe(random, 0.15, () => some(random, ['Bogotá Fijo', 'Estados Unidos', 'Marte'])),
    countries: maybe(random, 0.25, () => some(random, ['CO', 'US', 'MX', 'ES', 'ZZ'])),
    telephones: maybe(random, 0.1, () => some(random, ['3001234567', '+13055550123', '999'])),
    telephonePrefixes: maybe(random, 0.15, () => some(random, ['+1', '30', '52', '+', ''])),
    customerIds: maybe(random, 0.1, () => some(random, ['c1', 'c3'])),
    connIds: maybe(random, 0.05, () => some(random, ['conn-1', 'conn-5', 'conn-77'])),
    durationSeconds: maybe(random, 0.25, () => ({ min: maybe(random, 0.6, () => Math.floor(random() * 300)), max: maybe(random, 0.6, () => Math.floor(random() * 400)) })),
    cost: maybe(random, 0.2, () => bound(random, BOUNDS)),
    billedMinutes: maybe(random, 0.2, () => bound(random, BOUNDS)),
    not: depth > 0 ? maybe(random, 0.3, () => randomFilter(random, depth - 1)) : null,
    anyOf: depth > 0 ? maybe(random, 0.3, () => Array.from({ length: Math.floor(random() * 3) }, () => randomFilter(random, depth - 1))) : null,
  };
}

/** The filter's meaning, field by field on a CallRecord, written apart from the product (exact decimals through BigInt). */
function oracleKeeps(call: CallRecord, filter: CallFilter): boolean {
  const among = <T>(values: readonly T[] | null | undefined, value: T | null) => values == null || (value !== null && values.includes(value));
  const within = (bounds: { min?: string | null; max?: string | null } | null | undefined, value: string | null) =>
    bounds == null || (value !== null && (bounds.min == null || compareExact(value, bounds.min) >= 0) && (bounds.max == null || compareExact(value, bounds.max) <= 0));
  const seconds = filter.durationSeconds;
  return (
    among(filter.agentIds, call.agentId) && among(filter.campaignIds, call.campaignId) && among(filter.skillIds, call.skillId) &&
    among(filter.types, call.type) && among(filter.hangUps, call.hangUp) && among(filter.codActs, call.codAct) &&
    among(filter.codActs2, call.codAct2) && among(filter.destinies, call.destiny) &&
    among(filter.countries, COUNTRY_OF_TELEPHONE.get(call.telephone)!) && among(filter.telephones, call.telephone) &&
    among(filter.customerIds, call.customerId) && among(filter.connIds, call.connId) &&
    (filter.telephonePrefixes == null || (call.telephone !== null && filter.telephonePrefixes.some((prefix) => call.telephone!.startsWith(prefix)))) &&
    (seconds == null || ((seconds.min == null || call.durationSeconds >= seconds.min) && (seconds.max == null || call.durationSeconds <= seconds.max))) &&
    within(filter.cost, call.cost) && within(filter.billedMinutes, call.billedMinutes) &&
    (filter.not == null || !oracleKeeps(call, filter.not)) &&
    (filter.anyOf == null || filter.anyOf.some((alternative) => oracleKeeps(call, alternative)))
  );
}

describe('a compiled filter keeps the calls a per-record reading of the filter keeps', () => {
  it(`on random nested filters (not, anyOf, lists, bounds, exact-text amounts, nulls), ${SEEDS} seeds × ${FILTERS_PER_SEED} filters, window by window and on part of a window`, () => {
    let kept = 0;
    let dropped = 0;
    for (let seed = 1; seed <= SEEDS; seed += 1) {
      const random = seededRandom(seed, 14);
      const windows = randomWindows(random);
      for (let f = 0; f < FILTERS_PER_SEED; f += 1) {
        const filter = randomFilter(random, 3);
        const selector = PreparedFilter.of(filter).selector();
        for (const { view, calls } of windows) {
          const first = Math.floor(random() * 10);
          const end = calls.length - Math.floor(random() * 10);
          const expected = calls.flatMap((call, i) => (i >= first && i < end && oracleKeeps(call, filter) ? [i] : []));
          expect([...selector.select(view.columns, first, end)], `seed ${seed}: ${JSON.stringify(filter)}`).toEqual(expected);
          kept += expected.length;
          dropped += end - first - expected.length;
        }
      }
    }
    // Both outcomes are common, so neither a filter that keeps all nor one that keeps none passes by luck.
    expect(Math.min(kept, dropped)).toBeGreaterThan(SEEDS * FILTERS_PER_SEED * 50);
  });

  it('and a scanned report adds up exactly the calls it keeps, amounts beyond micro-units and sums beyond 2⁵³ included', () => {
    const clock = new ZoneClock('America/Bogota');
    for (let seed = 1; seed <= SEEDS; seed += 1) {
      const random = seededRandom(seed, 41);
      const windows = randomWindows(random);
      const filter = randomFilter(random, 2);
      const range = { from: windows[0]!.view.window.from, to: windows[2]!.view.window.to };
      const report = buildReport(windows.map(({ view }) => unitOf(view)), { range, filter, dimensions: ['DESTINY'] }, clock, 'scan');
      const calls = windows.flatMap((window) => window.calls).filter((call) => oracleKeeps(call, filter));
      const destinies = [...new Set(calls.map((call) => call.destiny))];
      const expected = destinies.map((destiny) => {
        const legs = calls.filter((call) => call.destiny === destiny);
        const hangUps = [...new Set(legs.map((leg) => leg.hangUp))];
        return {
          destiny,
          calls: legs.length,
          totalCost: exactSum(legs.map((leg) => leg.cost)),
          totalBilledMinutes: exactSum(legs.flatMap((leg) => (leg.billedMinutes === null ? [] : [leg.billedMinutes]))),
          totalDurationSeconds: legs.reduce((sum, leg) => sum + leg.durationSeconds, 0),
          maxDurationSeconds: Math.max(...legs.map((leg) => leg.durationSeconds)),
          callsByType: INTERACTION_TYPES.map((type) => ({ type, calls: legs.filter((leg) => leg.type === type).length })),
          callsByHangUp: new Map(hangUps.map((hangUp) => [hangUp, legs.filter((leg) => leg.hangUp === hangUp).length])),
          uncodedCalls: legs.filter((leg) => leg.codAct === null || leg.codAct === 'TIMEOUTACW').length,
        };
      });
      const got = report.groups.map(({ key, stats }) => ({
        destiny: key.destiny ?? null,
        calls: stats.calls,
        totalCost: stats.totalCost,
        totalBilledMinutes: stats.totalBilledMinutes,
        totalDurationSeconds: stats.totalDurationSeconds,
        maxDurationSeconds: stats.maxDurationSeconds,
        callsByType: stats.callsByType,
        callsByHangUp: new Map(stats.callsByHangUp.map(({ hangUp, calls: count }) => [hangUp, count])),
        uncodedCalls: stats.uncodedCalls,
      }));
      const byDestiny = (a: { destiny: string | null }, b: { destiny: string | null }) => String(a.destiny).localeCompare(String(b.destiny));
      expect(got.sort(byDestiny), `seed ${seed}: ${JSON.stringify(filter)}`).toEqual(expected.sort(byDestiny));
    }
  });
});
