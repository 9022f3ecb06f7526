import { CALL_DIMENSIONS } from '../../domain/grouping/dimensions.js';
import type { InteractionType as DomainInteractionType } from '../../domain/model/call-record.js';
import { UNKNOWN_COUNTRY } from '../../domain/model/phone-country.js';
import { builder } from '../core/builder.js';
import { GRAPH_LIMITS } from '../core/limits.js';
import { RelativePeriod } from './periods.js';
import { MAX_FILTER_NESTING, type CallFilterInput } from './filter-input.js';

// Where the filter's checks live; imported from here by the fields that take a CallFilter.
export { toCallFilter } from './filter-input.js';

export const InteractionType = builder.enumType('InteractionType', {
  description: 'The kind of call, from `type_interaction` (the raw text is `Call.typeRaw`).',
  values: {
    INBOUND: { value: 'INBOUND', description: '`inbound`: the customer called the operation.' },
    OUTBOUND: { value: 'OUTBOUND', description: '`outbound`, `outbound_ma` and any other `outbound_*`: the operation called out.' },
    INTERNAL: { value: 'INTERNAL', description: '`internal`: between extensions of the operation.' },
    OTHER: { value: 'OTHER', description: 'Any other text wolkvox sends.' },
  } satisfies Record<DomainInteractionType, { value: DomainInteractionType; description: string }>,
});

export const CallDimension = builder.enumType('CallDimension', {
  description: 'What `callReport` can group by. Several dimensions give one group per distinct combination.',
  values: {
    AGENT: { value: 'AGENT', description: 'The agent (`agent_id`); calls without one form a group with `agent: null`.' },
    CAMPAIGN: { value: 'CAMPAIGN', description: 'The campaign (`campaign_id`).' },
    SKILL: { value: 'SKILL', description: 'The skill (`skill_id`).' },
    TYPE: { value: 'TYPE', description: 'The interaction type.' },
    HANG_UP: { value: 'HANG_UP', description: 'Who ended the call (`hang_up`).' },
    COD_ACT: { value: 'COD_ACT', description: 'The activity code (`cod_act`).' },
    COD_ACT_2: { value: 'COD_ACT_2', description: 'The second activity code (`cod_act_2`).' },
    DESTINY: { value: 'DESTINY', description: 'The destination wolkvox names (`destiny`, e.g. "Colombia Móvil").' },
    COUNTRY: {
      value: 'COUNTRY',
      description:
        'The country of `telephone` (libphonenumber-js): numbers written nationally are read as dialed from `WOLKVOX_DEFAULT_COUNTRY`, ' +
        `then as E.164 without its \`+\`; numbers neither way valid, and calls without a number, form the group \`${UNKNOWN_COUNTRY}\`.`,
    },
    DAY: { value: 'DAY', description: 'The local calendar day in the operation\'s zone (23 or 25 hours on DST change days).' },
    HOUR: { value: 'HOUR', description: 'The local hour in the operation\'s zone. With several time dimensions, groups are per the finest.' },
    WEEK: { value: 'WEEK', description: 'The local week, Monday to Sunday, in the operation\'s zone.' },
    MONTH: { value: 'MONTH', description: 'The local calendar month in the operation\'s zone.' },
    WEEKDAY: { value: 'WEEKDAY', description: 'The local day of the week, whatever the date: with HOUR_OF_DAY, the weekly profile a staffing planner reads.' },
    HOUR_OF_DAY: { value: 'HOUR_OF_DAY', description: 'The local hour of the day (0–23), whatever the date; on a fall-back day both repeated hours count in theirs.' },
  } satisfies Record<(typeof CALL_DIMENSIONS)[number], { value: (typeof CALL_DIMENSIONS)[number]; description: string }>,
});

export const DateRange = builder.inputType('DateRange', {
  description:
    `A half-open range of instants: a call is in it when \`from <= call.date < to\`; at most the server's \`MAX_RANGE_DAYS\` days long (400 unless configured otherwise). ` +
    'Give `from` and `to`, e.g. a local day in Bogotá is `{from: "2025-03-04T00:00:00-05:00", to: "2025-03-05T00:00:00-05:00"}`; ' +
    'or give `period` alone, e.g. `{period: YESTERDAY}`, which the server resolves in the operation\'s zone.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', description: 'First instant included; with `to`.' }),
    to: t.field({ type: 'DateTime', description: 'First instant excluded; must be after `from`.' }),
    period: t.field({ type: RelativePeriod, description: 'Instead of `from` and `to`: a range relative to now, in the operation\'s zone.' }),
  }),
});

const IntBounds = builder.inputType('IntBounds', {
  description: 'Inclusive bounds on a whole number; omit a bound to leave that side open. `min` must not exceed `max`.',
  fields: (t) => ({
    min: t.int({ description: 'Smallest value kept.' }),
    max: t.int({ description: 'Largest value kept.' }),
  }),
});

const DecimalBounds = builder.inputType('DecimalBounds', {
  description: 'Inclusive bounds on an exact decimal, compared exactly; omit a bound to leave that side open. `min` must not exceed `max`.',
  fields: (t) => ({
    min: t.field({ type: 'Decimal', description: 'Smallest value kept.' }),
    max: t.field({ type: 'Decimal', description: 'Largest value kept.' }),
  }),
});

/** What the filters on personal data say of themselves (schema/core/personal-data.ts enforces it). */
const PERSONAL_FILTER = 'Personal data: the field using the filter is null with a FORBIDDEN error for principals without `pii`, wherever it sits (`not` and `anyOf` too).';

export const CallFilter = builder.inputRef<CallFilterInput>('CallFilter').implement({
  description:
    'Keeps calls that match every given field (a call matches a list when its value is one of the list\'s, a bound when its value lies within). ' +
    `Omit a field to keep all. Each list holds at most ${GRAPH_LIMITS.maxFilterValues} values; \`not\` and \`anyOf\` nest at most ${MAX_FILTER_NESTING} deep. ` +
    'Filters on agents, campaigns, skills, types, hang-ups, activity codes, destinations and countries are answered from window summaries when the report groups by at most that dimension; ' +
    'the others (telephones, customers, conn_ids, bounds, not, anyOf) scan the calls.',
  fields: (t) => ({
    agentIds: t.idList({ description: 'Agents (`agent_id`).' }),
    campaignIds: t.idList({ description: 'Campaigns (`campaign_id`).' }),
    skillIds: t.idList({ description: 'Skills (`skill_id`).' }),
    types: t.field({ type: [InteractionType], description: 'Interaction types.' }),
    hangUps: t.stringList({ description: 'Who ended the call (`hang_up`), as wolkvox writes it: `agent`, `customer`…' }),
    codActs: t.stringList({ description: 'Activity codes (`cod_act`).' }),
    codActs2: t.stringList({ description: 'Second activity codes (`cod_act_2`).' }),
    destinies: t.stringList({ description: 'Destinations as wolkvox names them (`destiny`).' }),
    countries: t.stringList({ description: `Countries of \`telephone\` (ISO 3166-1 alpha-2, e.g. CO), or \`${UNKNOWN_COUNTRY}\` for numbers of no known country (see CallDimension.COUNTRY).` }),
    telephones: t.stringList({ description: `Telephones, exactly as wolkvox writes them. ${PERSONAL_FILTER}` }),
    telephonePrefixes: t.stringList({ description: `Telephones that start with one of these texts (e.g. \`57601\` for Bogotá landlines). ${PERSONAL_FILTER}` }),
    customerIds: t.idList({ description: `Customers (\`customer_id\`). ${PERSONAL_FILTER}` }),
    connIds: t.stringList({ description: 'Calls (`conn_id`): every leg of each.' }),
    durationSeconds: t.field({ type: IntBounds, description: 'Bounds on `durationSeconds`.' }),
    cost: t.field({ type: DecimalBounds, description: 'Bounds on `cost`.' }),
    billedMinutes: t.field({ type: DecimalBounds, description: 'Bounds on `billedMinutes`; legs without billed minutes fail it.' }),
    not: t.field({ type: CallFilter, description: 'Keeps the calls this filter would drop.' }),
    anyOf: t.field({ type: [CallFilter], description: 'Keeps the calls that match at least one of these filters (not empty).' }),
  }),
});
