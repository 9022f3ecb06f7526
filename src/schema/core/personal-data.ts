import { GraphQLError } from 'graphql';
import type { CallFilterInput } from '../inputs/filter-input.js';
import type { Viewer } from './context.js';

/**
 * Personal data (Colombia's Ley 1581 and the GDPR count telephone numbers and customer ids among it):
 * the fields that hold it, and the filters that would reveal it (`calls(filter: {telephones: [...]})`
 * answers whether a number ever called), are for principals granted `pii` only. Aggregates over it
 * (COUNTRY, distinctCustomers, repeatCallers) stay open to all.
 *
 * A withheld field is null with a FORBIDDEN error at its path rather than a masked text: null is never
 * mistaken for data (a masked number still identifies a person by its visible digits, and ends up in
 * exports as if it were one), and the error tells a withheld value from one wolkvox never sent, which is
 * null without an error.
 */
export const PERSONAL_DATA = { personalData: true } as const;

/** The CallFilter lists that match on personal data. */
const PERSONAL_FILTERS = ['telephones', 'telephonePrefixes', 'customerIds'] as const;

export function personalDataRefusal(what: string, viewer: Viewer): GraphQLError {
  return new GraphQLError(
    `${what} is personal data, which ${viewer.name} is not granted (\`pii\`): withheld. Aggregates over it (COUNTRY, distinctCustomers, repeatCallers) stay available.`,
    { extensions: { code: 'FORBIDDEN', personalData: what } },
  );
}

/** The scopes a field taking `filter` needs: personal data when the filter matches on it, anywhere in its `not` and `anyOf`. */
export function filterScopes(filter: CallFilterInput | null | undefined): typeof PERSONAL_DATA | true {
  return personalFilterIn(filter) === null ? true : PERSONAL_DATA;
}

export function filterRefusal(filter: CallFilterInput | null | undefined, viewer: Viewer): GraphQLError {
  return personalDataRefusal(`A filter on ${personalFilterIn(filter) ?? 'filter'}`, viewer);
}

/** Where `filter` matches on personal data first (`filter.anyOf[1].telephones`), or null. */
function personalFilterIn(filter: CallFilterInput | null | undefined, path = 'filter'): string | null {
  if (filter == null) return null;
  const list = PERSONAL_FILTERS.find((name) => filter[name] != null);
  if (list) return `${path}.${list}`;
  const nested = personalFilterIn(filter.not, `${path}.not`);
  if (nested) return nested;
  for (const [i, alternative] of (filter.anyOf ?? []).entries()) {
    const found = personalFilterIn(alternative, `${path}.anyOf[${i}]`);
    if (found) return found;
  }
  return null;
}
