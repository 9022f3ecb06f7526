import { DateTime } from 'luxon';
import { DESTINATIONS } from '../../simulator/catalogue.js';
import type { SimulatedCall } from '../../simulator/dataset.js';
import type { CallFilter } from '../../src/domain/filter/call-filter.js';
import type { CallDimension, CallGroupKey } from '../../src/domain/grouping/dimensions.js';
import { compareExact } from './oracle.js';

/**
 * An independent report: groups the simulator's raw rows with its own reading of every field, its
 * own calendar arithmetic (luxon directly), and countries from the simulator's catalogue (never
 * libphonenumber), so that a mistake in the product's dimensions, filters or summaries cannot hide
 * in both.
 */
export interface OracleGroup {
  calls: number;
  costs: string[];
  seconds: number;
}

const text = (value: string): string | null => (value.trim() === '' || value.trim() === '-' ? null : value.trim());
const COUNTRY_BY_DESTINY = new Map(DESTINATIONS.map((d) => [d.destiny, d.country ?? 'ZZ']));

function typeOf(raw: string): string {
  if (raw === 'inbound') return 'INBOUND';
  if (raw === 'internal') return 'INTERNAL';
  return raw.startsWith('outbound') ? 'OUTBOUND' : 'OTHER';
}

/** A dimension's value of one row, as text (absent values as `∅`). */
function valueOf(call: SimulatedCall, dimension: CallDimension, zone: string): string {
  const { row } = call;
  const local = DateTime.fromMillis(call.instant, { zone });
  const values: Record<CallDimension, string | number | null> = {
    AGENT: text(row.agent_id), CAMPAIGN: text(row.campaign_id), SKILL: text(row.skill_id), TYPE: typeOf(row.type_interaction),
    HANG_UP: text(row.hang_up), COD_ACT: text(row.cod_act), COD_ACT_2: text(row.cod_act_2), DESTINY: text(row.destiny),
    COUNTRY: COUNTRY_BY_DESTINY.get(row.destiny) ?? 'ZZ',
    HOUR: local.startOf('hour').toMillis(), DAY: local.startOf('day').toMillis(), WEEK: local.startOf('week').toMillis(),
    MONTH: local.startOf('month').toMillis(), WEEKDAY: local.weekday, HOUR_OF_DAY: local.hour,
  };
  return String(values[dimension] ?? '∅');
}

/** The same text for a product group's key. Time dimensions coarser than the finest asked read `period`. */
export function productKeyText(key: CallGroupKey, dimensions: readonly CallDimension[], zone: string): string {
  const periodOf = (bucket: 'hour' | 'day' | 'week' | 'month') => DateTime.fromMillis(key.period!, { zone }).startOf(bucket).toMillis();
  const values: Record<CallDimension, () => string | number | null | undefined> = {
    AGENT: () => key.agentId, CAMPAIGN: () => key.campaignId, SKILL: () => key.skillId, TYPE: () => key.type,
    HANG_UP: () => key.hangUp, COD_ACT: () => key.codAct, COD_ACT_2: () => key.codAct2, DESTINY: () => key.destiny,
    COUNTRY: () => key.country, HOUR: () => periodOf('hour'), DAY: () => periodOf('day'), WEEK: () => periodOf('week'),
    MONTH: () => periodOf('month'), WEEKDAY: () => key.weekday, HOUR_OF_DAY: () => key.hourOfDay,
  };
  return dimensions.map((dimension) => String(values[dimension]() ?? '∅')).join(' | ');
}


export function oracleMatches(call: SimulatedCall, filter: CallFilter, zone: string): boolean {
  const { row } = call;
  const among = (values: readonly string[] | null | undefined, value: string | null) => values == null || (value !== null && values.includes(value));
  const within = (bounds: { min?: string | null; max?: string | null } | null | undefined, value: string | null) =>
    bounds == null || (value !== null && (bounds.min == null || compareExact(value, bounds.min) >= 0) && (bounds.max == null || compareExact(value, bounds.max) <= 0));
  const seconds = Number(row.time_seg);
  const telephone = text(row.telephone);
  return (
    among(filter.agentIds, text(row.agent_id)) && among(filter.campaignIds, text(row.campaign_id)) && among(filter.skillIds, text(row.skill_id)) &&
    among(filter.types, typeOf(row.type_interaction)) && among(filter.hangUps, text(row.hang_up)) && among(filter.codActs, text(row.cod_act)) &&
    among(filter.codActs2, text(row.cod_act_2)) && among(filter.destinies, text(row.destiny)) && among(filter.countries, valueOf(call, 'COUNTRY', zone)) &&
    among(filter.telephones, telephone) && among(filter.customerIds, text(row.customer_id)) && among(filter.connIds, text(row.conn_id)) &&
    (filter.telephonePrefixes == null || (telephone !== null && filter.telephonePrefixes.some((prefix) => telephone.startsWith(prefix)))) &&
    (filter.durationSeconds == null || ((filter.durationSeconds.min ?? -Infinity) <= seconds && seconds <= (filter.durationSeconds.max ?? Infinity))) &&
    within(filter.cost, text(row.cost) ?? '0') && within(filter.billedMinutes, text(row.time_min)) &&
    (filter.not == null || !oracleMatches(call, filter.not, zone)) &&
    (filter.anyOf == null || filter.anyOf.some((alternative) => oracleMatches(call, alternative, zone)))
  );
}

/** Groups of the rows that pass `filter`, by the text of their values in `dimensions`' order. */
export function oracleReport(calls: readonly SimulatedCall[], filter: CallFilter, dimensions: readonly CallDimension[], zone: string): Map<string, OracleGroup> {
  const groups = new Map<string, OracleGroup>();
  for (const call of calls) {
    if (!oracleMatches(call, filter, zone)) continue;
    const key = dimensions.map((dimension) => valueOf(call, dimension, zone)).join(' | ');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { calls: 0, costs: [], seconds: 0 }));
    group.calls += 1;
    group.costs.push(text(call.row.cost) ?? '0');
    group.seconds += Number(call.row.time_seg);
  }
  return groups;
}
