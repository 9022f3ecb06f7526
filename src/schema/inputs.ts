import { CALL_DIMENSIONS } from '../domain/dimensions.js';
import type { CallFilter as DomainCallFilter } from '../domain/call-filter.js';
import type { InteractionType as DomainInteractionType } from '../domain/call-record.js';
import type { TimeRange } from '../domain/time-range.js';
import { builder } from './builder.js';
import { GRAPH_LIMITS } from './context.js';
import { badUserInput } from './errors.js';
import { RelativePeriod } from './periods.js';

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
    DAY: { value: 'DAY', description: 'The local calendar day in the operation\'s zone (23 or 25 hours on DST change days).' },
    HOUR: { value: 'HOUR', description: 'The local hour in the operation\'s zone. With several time dimensions, groups are per the finest.' },
    WEEK: { value: 'WEEK', description: 'The local week, Monday to Sunday, in the operation\'s zone.' },
    MONTH: { value: 'MONTH', description: 'The local calendar month in the operation\'s zone.' },
  } satisfies Record<(typeof CALL_DIMENSIONS)[number], { value: (typeof CALL_DIMENSIONS)[number]; description: string }>,
});

export const DateRange = builder.inputType('DateRange', {
  description:
    `A half-open range of instants: a call is in it when \`from <= call.date < to\`; at most ${GRAPH_LIMITS.maxRangeDays} days long. ` +
    'Give `from` and `to`, e.g. a local day in Bogotá is `{from: "2025-03-04T00:00:00-05:00", to: "2025-03-05T00:00:00-05:00"}`; ' +
    'or give `period` alone, e.g. `{period: YESTERDAY}`, which the server resolves in the operation\'s zone.',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', description: 'First instant included; with `to`.' }),
    to: t.field({ type: 'DateTime', description: 'First instant excluded; must be after `from`.' }),
    period: t.field({ type: RelativePeriod, description: 'Instead of `from` and `to`: a range relative to now, in the operation\'s zone.' }),
  }),
});

export const CallFilter = builder.inputType('CallFilter', {
  description:
    'Keeps calls that match every given list (a call matches a list when its value is one of the list\'s). Omit a list to keep all. ' +
    `Each list holds at most ${GRAPH_LIMITS.maxFilterValues} values.`,
  fields: (t) => ({
    agentIds: t.idList({ description: 'Agents (`agent_id`).' }),
    campaignIds: t.idList({ description: 'Campaigns (`campaign_id`).' }),
    skillIds: t.idList({ description: 'Skills (`skill_id`).' }),
    types: t.field({ type: [InteractionType], description: 'Interaction types.' }),
  }),
});

/** A checked `DateRange`: from < to, no longer than the configured maximum. */
export function toTimeRange(input: { from: number; to: number }): TimeRange {
  if (!(input.from < input.to)) throw badUserInput('range.to must be after range.from (the range is half-open: from <= date < to).');
  const days = (input.to - input.from) / 86_400_000;
  if (days > GRAPH_LIMITS.maxRangeDays) {
    throw badUserInput(`range spans ${days.toFixed(1)} days; at most ${GRAPH_LIMITS.maxRangeDays} days are allowed per range. Split it into several queries.`, {
      maxRangeDays: GRAPH_LIMITS.maxRangeDays,
    });
  }
  return { from: input.from, to: input.to };
}

type CallFilterInput = { agentIds?: (string | number)[] | null; campaignIds?: (string | number)[] | null; skillIds?: (string | number)[] | null; types?: DomainInteractionType[] | null };

/** The GraphQL filter input as the domain's filter (ids are GraphQL IDs: text), each list within its size limit. */
export function toCallFilter(input: CallFilterInput | null | undefined): DomainCallFilter {
  for (const list of ['agentIds', 'campaignIds', 'skillIds', 'types'] as const) checkListSize(list, input?.[list]);
  const ids = (list: (string | number)[] | null | undefined) => list?.map(String) ?? null;
  return { agentIds: ids(input?.agentIds), campaignIds: ids(input?.campaignIds), skillIds: ids(input?.skillIds), types: input?.types ?? null };
}

function checkListSize(name: keyof CallFilterInput, values: readonly unknown[] | null | undefined): void {
  const max = GRAPH_LIMITS.maxFilterValues;
  if (values == null || values.length <= max) return;
  throw badUserInput(
    `filter.${name} holds ${values.length} values; at most ${max} are allowed in each CallFilter list. Group the report by that dimension instead, or split the list over several queries.`,
    { maxFilterValues: max },
  );
}
