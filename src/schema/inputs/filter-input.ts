import type { Bounds, CallFilter as DomainCallFilter } from '../../domain/filter/call-filter.js';
import type { InteractionType } from '../../domain/model/call-record.js';
import { Decimal, type DecimalText } from '../../domain/model/decimal.js';
import { isCountryCode, UNKNOWN_COUNTRY } from '../../domain/model/phone-country.js';
import { GRAPH_LIMITS } from '../core/limits.js';
import { badUserInput } from '../core/errors.js';

/** How deep `not` and `anyOf` may nest: enough for "A and not (B or C)", small enough to stay readable and cheap. */
export const MAX_FILTER_NESTING = 3;

type Ids = readonly (string | number)[] | null | undefined;
type Texts = readonly string[] | null | undefined;

/** CallFilter as GraphQL hands it over (ids may be numbers, Decimals are text). */
export interface CallFilterInput {
  readonly agentIds?: Ids;
  readonly campaignIds?: Ids;
  readonly skillIds?: Ids;
  readonly types?: readonly InteractionType[] | null;
  readonly hangUps?: Texts;
  readonly codActs?: Texts;
  readonly codActs2?: Texts;
  readonly destinies?: Texts;
  readonly countries?: Texts;
  readonly telephones?: Texts;
  readonly telephonePrefixes?: Texts;
  readonly customerIds?: Ids;
  readonly connIds?: Texts;
  readonly durationSeconds?: Bounds<number> | null;
  readonly cost?: Bounds<DecimalText> | null;
  readonly billedMinutes?: Bounds<DecimalText> | null;
  readonly not?: CallFilterInput | null;
  readonly anyOf?: readonly CallFilterInput[] | null;
}

const LISTS = [
  'agentIds', 'campaignIds', 'skillIds', 'types', 'hangUps', 'codActs', 'codActs2', 'destinies', 'countries',
  'telephones', 'telephonePrefixes', 'customerIds', 'connIds',
] as const;

/**
 * The GraphQL filter input as the domain's filter, checked: each list within its size limit,
 * countries known, bounds in order, `anyOf` not empty, composition no deeper than MAX_FILTER_NESTING.
 * `path` names the offending part in messages (`filter.not.anyOf[1].cost`).
 */
export function toCallFilter(input: CallFilterInput | null | undefined, path = 'filter', depth = 0): DomainCallFilter {
  if (input == null) return {};
  if (depth > MAX_FILTER_NESTING) {
    throw badUserInput(`${path} nests not/anyOf ${depth} levels deep; at most ${MAX_FILTER_NESTING} are allowed. Flatten the filter (lists within one filter already mean "one of").`, {
      maxFilterNesting: MAX_FILTER_NESTING,
    });
  }
  const filter: Record<string, unknown> = {};
  for (const list of LISTS) {
    const values = input[list];
    if (values == null) continue;
    checkListSize(`${path}.${list}`, values);
    filter[list] = values.map(String);
  }
  for (const country of input.countries ?? []) {
    if (country !== UNKNOWN_COUNTRY && !isCountryCode(country)) {
      throw badUserInput(`${path}.countries holds "${country}", which is not an ISO 3166-1 alpha-2 code (e.g. CO, US) nor ${UNKNOWN_COUNTRY} (numbers of no known country).`);
    }
  }
  filter.durationSeconds = checkedBounds(`${path}.durationSeconds`, input.durationSeconds, (a, b) => a - b);
  filter.cost = checkedBounds(`${path}.cost`, input.cost, (a, b) => new Decimal(a).comparedTo(b));
  filter.billedMinutes = checkedBounds(`${path}.billedMinutes`, input.billedMinutes, (a, b) => new Decimal(a).comparedTo(b));
  if (input.not != null) filter.not = toCallFilter(input.not, `${path}.not`, depth + 1);
  if (input.anyOf != null) {
    if (input.anyOf.length === 0) throw badUserInput(`${path}.anyOf is empty; it keeps the calls that match at least one of its filters, so it needs one. Omit it to keep all calls.`);
    checkListSize(`${path}.anyOf`, input.anyOf);
    filter.anyOf = input.anyOf.map((alternative, i) => toCallFilter(alternative, `${path}.anyOf[${i}]`, depth + 1));
  }
  return filter;
}

function checkedBounds<T>(path: string, bounds: Bounds<T> | null | undefined, compare: (a: T, b: T) => number): Bounds<T> | null {
  if (bounds == null) return null;
  if (bounds.min != null && bounds.max != null && compare(bounds.min, bounds.max) > 0) {
    throw badUserInput(`${path}.min (${String(bounds.min)}) is greater than ${path}.max (${String(bounds.max)}); no call could match. Both bounds are inclusive.`);
  }
  return { min: bounds.min ?? null, max: bounds.max ?? null };
}

function checkListSize(path: string, values: readonly unknown[]): void {
  const max = GRAPH_LIMITS.maxFilterValues;
  if (values.length <= max) return;
  throw badUserInput(
    `${path} holds ${values.length} values; at most ${max} are allowed in each CallFilter list. Group the report by that dimension instead, or split the list over several queries.`,
    { maxFilterValues: max },
  );
}
