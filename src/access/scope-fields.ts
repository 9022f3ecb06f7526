import { z } from 'zod';
import type { PrincipalScope } from './principal.js';

/** Ids in a scope at most: a CallFilter list's limit (schema/core/limits.ts, maxFilterValues). */
const MAX_SCOPE_IDS = 1000;

/** wolkvox ids are digits, written as text or (in YAML and JWT claims) as numbers. */
const id = z.union([z.string().trim().min(1, 'must not be empty'), z.number().int().nonnegative()]).transform(String);

const ids = (noun: string) =>
  z
    .array(id, { error: `must be a list of ${noun} ids, e.g. ["3001"]` })
    .min(1, `must name at least one ${noun}; leave it out to allow every ${noun}`)
    .max(MAX_SCOPE_IDS, `may name at most ${MAX_SCOPE_IDS} ${noun}s`);

/**
 * What an ACCESS_POLICY entry and a JWT's claim say about a principal's scope, checked by one schema.
 * Personal data is opt-in: `pii` absent is false. Campaigns and skills absent are all of them.
 */
export const scopeFields = {
  campaigns: ids('campaign').optional(),
  skills: ids('skill').optional(),
  pii: z.boolean({ error: 'must be true or false' }).default(false),
  upstreamRequestsPerDay: z
    .number({ error: 'must be a whole number of wolkvox requests' })
    .int('must be a whole number of wolkvox requests')
    .min(0, 'must be 0 or more')
    .max(10_000_000, 'must be at most 10000000')
    .optional(),
};

/** A JWT claim holds the scope fields and nothing else. */
export const scopeClaim = z.strictObject(scopeFields, { error: 'must be an object with campaigns, skills, pii, upstreamRequestsPerDay' });

export function scopeOf(fields: z.infer<typeof scopeClaim>): PrincipalScope {
  return { campaigns: fields.campaigns ?? null, skills: fields.skills ?? null, pii: fields.pii, upstreamRequestsPerDay: fields.upstreamRequestsPerDay ?? null };
}
