import type { CallFilter } from '../domain/filter/call-filter.js';

/** Where a principal came from: an ACCESS_POLICY entry, an API_KEYS key, a verified JWT, or nobody (no credentials configured). */
type PrincipalKind = 'policy' | 'api-key' | 'jwt' | 'anonymous';

/**
 * Who sends a request, and what it may see: the rows of its campaigns and skills (null: all), personal
 * data or not, and how many wolkvox requests its operations may cause per local day (null: only the
 * server's WOLKVOX_DAILY_BUDGET bounds them).
 */
export interface Principal {
  readonly kind: PrincipalKind;
  /** What logs show: the policy entry's name, `api-keys`, `anonymous`, or the JWT's `sub`. Never a key. */
  readonly name: string;
  /** The label of its requests in /metrics: a name from a closed list, so that JWT subjects cannot grow it (see metricLabelOf). */
  readonly metricLabel: string;
  readonly campaigns: readonly string[] | null;
  readonly skills: readonly string[] | null;
  /** May read telephone, customerId, comment (and unreadable rows' raw text), and filter on telephones and customers. */
  readonly pii: boolean;
  readonly upstreamRequestsPerDay: number | null;
}

/** The scope fields a policy entry and a JWT claim share (access-policy.ts, jwt-verifier.ts). */
export type PrincipalScope = Pick<Principal, 'campaigns' | 'skills' | 'pii' | 'upstreamRequestsPerDay'>;

/** Every row, personal data included: API_KEYS keys, and everyone when no credentials are configured. */
const UNRESTRICTED: PrincipalScope = { campaigns: null, skills: null, pii: true, upstreamRequestsPerDay: null };

export const API_KEY_PRINCIPAL: Principal = { kind: 'api-key', name: 'api-keys', metricLabel: 'api-keys', ...UNRESTRICTED };
export const ANONYMOUS: Principal = { kind: 'anonymous', name: 'anonymous', metricLabel: 'anonymous', ...UNRESTRICTED };

/**
 * What runs with no request behind it (the start-up warm-up): no row, no personal data. A context
 * made without a principal fails closed.
 */
export const NOBODY: Principal = { kind: 'anonymous', name: 'nobody', metricLabel: 'nobody', campaigns: [], skills: [], pii: false, upstreamRequestsPerDay: 0 };

/** The JWT subjects' label in /metrics unless the policy lists the subject by name: one series for them all. */
export const JWT_LABEL = 'jwt';

/** The rows a principal may read, as the filter lists every read is narrowed by (domain/filter/call-filter.ts, narrowFilter). */
export function rowScopeOf(principal: Pick<Principal, 'campaigns' | 'skills'>): Pick<CallFilter, 'campaignIds' | 'skillIds'> {
  return { campaignIds: principal.campaigns, skillIds: principal.skills };
}

/** Where a principal's daily share of wolkvox is counted: kinds apart, so that a JWT subject never spends a policy entry's share. */
export const shareKeyOf = (principal: Pick<Principal, 'kind' | 'name'>): string => `${principal.kind}:${encodeURIComponent(principal.name)}`;
