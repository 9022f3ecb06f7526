import { createHash } from 'node:crypto';

/** Keys of the principals the access tests use; the policy lists their hashes only. */
export const ADMIN_KEY = 'admin-unrestricted-key-1f9e8d7c6b';
export const BRAND_A_KEY = 'brand-a-dashboard-key-3001-77aa0';
export const BRAND_B_KEY = 'brand-b-quality-key-3002-5be41c9d';

export interface PolicyPrincipal {
  readonly name: string;
  readonly key: string;
  readonly campaigns?: readonly string[];
  readonly skills?: readonly string[];
  readonly pii?: boolean;
  readonly upstreamRequestsPerDay?: number;
}

/** What `printf %s "$KEY" | sha256sum` prints, computed here apart from the product's own digest. */
export const sha256Hex = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** An ACCESS_POLICY file's text, in YAML, as an operator would write it. */
export function policyYaml(principals: readonly PolicyPrincipal[]): string {
  const lines = ['principals:'];
  for (const { name, key, ...scope } of principals) {
    lines.push(`  - name: ${name}`, `    keySha256: ${sha256Hex(key)}`);
    if (scope.campaigns) lines.push(`    campaigns: [${scope.campaigns.map((id) => `"${id}"`).join(', ')}]`);
    if (scope.skills) lines.push(`    skills: [${scope.skills.map((id) => `"${id}"`).join(', ')}]`);
    if (scope.pii !== undefined) lines.push(`    pii: ${scope.pii}`);
    if (scope.upstreamRequestsPerDay !== undefined) lines.push(`    upstreamRequestsPerDay: ${scope.upstreamRequestsPerDay}`);
  }
  return `${lines.join('\n')}\n`;
}

/** brand-a sees campaign 3001 only, without personal data; brand-b campaign 3002 with it. */
export const BRANDS: readonly PolicyPrincipal[] = [
  { name: 'brand-a-dashboard', key: BRAND_A_KEY, campaigns: ['3001'], pii: false },
  { name: 'brand-b-quality', key: BRAND_B_KEY, campaigns: ['3002'], pii: true },
];

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
