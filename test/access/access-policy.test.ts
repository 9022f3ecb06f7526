import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getNamedType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { schema } from '../../src/schema/index.js';
import { PERSONAL_DATA } from '../../src/schema/core/personal-data.js';
import { BRAND_A_KEY, sha256Hex } from '../support/principals.js';

const LIVE = { WOLKVOX_TOKEN: 'live-token-123456789', WOLKVOX_SERVER: '0048' };
const HASH = sha256Hex(BRAND_A_KEY);
const folder = mkdtempSync(join(tmpdir(), 'access-policy-'));
let files = 0;

/** Writes `text` to a new file and loads the configuration with ACCESS_POLICY naming it (and `env`). */
function configWith(text: string, env: Record<string, string> = {}) {
  const path = join(folder, `policy-${(files += 1)}.${text.trimStart().startsWith('{') ? 'json' : 'yaml'}`);
  writeFileSync(path, text);
  return () => loadConfig({ ...LIVE, ACCESS_POLICY: path, ...env });
}

describe('ACCESS_POLICY', () => {
  it('reads principals from YAML: a name, the key\'s hash only, a scope, personal data off unless granted', () => {
    const { security } = configWith(`# brands of the BPO
principals:
  - name: brand-a-dashboard      # what logs and metrics show
    keySha256: ${HASH.toUpperCase()}
    campaigns: ["3001", 3002]
    skills: ["2"]
    upstreamRequestsPerDay: 50
  - name: finance
    keySha256: ${sha256Hex('finance-key-0123456789abcdef')}
    pii: true
`)();
    expect(security.policy.map(({ principal }) => principal)).toEqual([
      { kind: 'policy', name: 'brand-a-dashboard', metricLabel: 'brand-a-dashboard', campaigns: ['3001', '3002'], skills: ['2'], pii: false, upstreamRequestsPerDay: 50 },
      { kind: 'policy', name: 'finance', metricLabel: 'finance', campaigns: null, skills: null, pii: true, upstreamRequestsPerDay: null },
    ]);
    expect(security.policy[0]!.digest.toString('hex')).toBe(HASH);
    // Enough to start live without API_KEYS.
    expect(security.apiKeys).toEqual([]);
  });

  it('reads the same from JSON', () => {
    const { security } = configWith(JSON.stringify({ principals: [{ name: 'brand-a-dashboard', keySha256: HASH, campaigns: ['3001'] }] }))();
    expect(security.policy[0]!.principal).toMatchObject({ name: 'brand-a-dashboard', campaigns: ['3001'], pii: false });
  });

  const entry = (extra = '', name = 'brand-a-dashboard', hash = HASH) => `  - name: ${name}\n    keySha256: ${hash}\n${extra}`;
  it.each([
    ['an unknown field', `principals:\n${entry('    campains: ["3001"]\n')}`, /line 4: principals\[0\]\.campains is not a policy field/],
    ['an unknown top-level field', `principals: []\nadmins: []\n`, /line 2: admins is not a policy field/],
    ['a repeated key', `principals:\n${entry()}${entry('', 'brand-b')}`, /line 5: principals\[1\]\.keySha256 repeats the key of principals\[0\]/],
    ['a repeated name', `principals:\n${entry()}${entry('', 'brand-a-dashboard', sha256Hex('another-key-0123456789'))}`, /line 4: principals\[1\]\.name repeats the name of principals\[0\]/],
    ['a field written twice in one entry', `principals:\n${entry('    pii: true\n    pii: false\n')}`, /line 5: Map keys must be unique/],
    ['a bad hash', `principals:\n${entry('', 'brand-a-dashboard', 'sha256:abc')}`, /line 3: principals\[0\]\.keySha256 must be the SHA-256 of the key as 64 hex digits/],
    ['a key instead of its hash', `principals:\n${entry('', 'brand-a-dashboard', BRAND_A_KEY)}`, /line 3: principals\[0\]\.keySha256 must be the SHA-256/],
    ['a missing key', `principals:\n  - name: brand-a\n    pii: true\n`, /line 2: principals\[0\]\.keySha256 is required/],
    ['an empty campaign list', `principals:\n${entry('    campaigns: []\n')}`, /line 4: principals\[0\]\.campaigns must name at least one campaign; leave it out/],
    ['pii as text', `principals:\n${entry('    pii: "yes"\n')}`, /line 4: principals\[0\]\.pii must be true or false/],
    ['a negative share', `principals:\n${entry('    upstreamRequestsPerDay: -1\n')}`, /line 4: principals\[0\]\.upstreamRequestsPerDay must be 0 or more/],
    ['YAML that does not parse', `principals:\n  - name: [unclosed\n`, /line \d: /],
    ['a JSON file that does not parse', `{"principals": [{"name": "a",}`, /line 1: /],
    ['no principals list', `principal:\n${entry()}`, /line 1: principals is required/],
  ])('stops start-up with one message naming the line for %s', (_case, text, message) => {
    const load = configWith(text);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
    expect(load).toThrow(/^Invalid configuration: ACCESS_POLICY \S+ line \d+: /);
    expect(load).not.toThrow(/\n/);
  });

  it('refuses a key that API_KEYS lists too, and never prints either', () => {
    const load = configWith(`principals:\n${entry()}`, { API_KEYS: BRAND_A_KEY });
    expect(load).toThrow(/principal brand-a-dashboard has a key API_KEYS lists too/);
    expect(load).not.toThrow(new RegExp(BRAND_A_KEY));
  });

  it('refuses a file it cannot read', () => {
    expect(() => loadConfig({ ...LIVE, ACCESS_POLICY: join(folder, 'missing.yaml') })).toThrow(/ACCESS_POLICY \S+ cannot be read \(ENOENT\)/);
  });
});

describe('JWT settings', () => {
  const jwks = { JWT_JWKS_URL: 'https://auth.example.com/.well-known/jwks.json' };
  it('need an issuer and an audience, one key source, and https for a remote key set', () => {
    expect(() => loadConfig({ ...LIVE, ...jwks })).toThrow(/JWT_ISSUER and JWT_AUDIENCE are required/);
    expect(() => loadConfig({ ...LIVE, JWT_ISSUER: 'x', JWT_AUDIENCE: 'y' })).toThrow(/need JWT_JWKS_URL or JWT_PUBLIC_KEY_FILE/);
    expect(() => loadConfig({ ...LIVE, ...jwks, JWT_PUBLIC_KEY_FILE: '/x', JWT_ISSUER: 'x', JWT_AUDIENCE: 'y' })).toThrow(/not both/);
    expect(() => loadConfig({ ...LIVE, JWT_JWKS_URL: 'http://auth.example.com/jwks.json', JWT_ISSUER: 'x', JWT_AUDIENCE: 'y' })).toThrow(/JWT_JWKS_URL must be https/);
    const { security } = loadConfig({ ...LIVE, ...jwks, JWT_ISSUER: 'https://auth.example.com/', JWT_AUDIENCE: 'cdr' });
    expect(security.jwt).toEqual({ jwksUrl: jwks.JWT_JWKS_URL, publicKeyPem: null, issuer: 'https://auth.example.com/', audience: 'cdr', claim: 'cdr' });
  });

  it('refuse a key file that holds a private key, or no key', () => {
    const file = join(folder, 'key.pem');
    writeFileSync(file, '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n');
    const settings = { ...LIVE, JWT_PUBLIC_KEY_FILE: file, JWT_ISSUER: 'x', JWT_AUDIENCE: 'y' };
    expect(() => loadConfig(settings)).toThrow(/JWT_PUBLIC_KEY_FILE holds a private key/);
    writeFileSync(file, 'not a key');
    expect(() => loadConfig(settings)).toThrow(/JWT_PUBLIC_KEY_FILE is not a PEM public key/);
  });
});

describe('field rules', () => {
  const fields = Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ name: `${type.name}.${field.name}`, field })));
  const optionsOf = (field: (typeof fields)[number]['field']) => (field.extensions as { pothosOptions?: { authScopes?: unknown; unauthorizedError?: unknown } }).pothosOptions ?? {};

  it('every field that takes a CallFilter checks it for personal data, so that a new one cannot forget', () => {
    const filtered = fields.filter(({ field }) => field.args.some((arg) => getNamedType(arg.type).name === 'CallFilter'));
    expect(filtered.map(({ name }) => name).sort()).toEqual(
      ['Agent.calls', 'Agent.stats', 'Campaign.calls', 'Campaign.stats', 'Query.callReport', 'Query.calls', 'Skill.calls', 'Skill.stats', 'Subscription.callReportUpdates', 'Subscription.callsAdded'].sort(),
    );
    for (const { name, field } of filtered) {
      expect(typeof optionsOf(field).authScopes, name).toBe('function');
      expect(typeof optionsOf(field).unauthorizedError, name).toBe('function');
    }
  });

  it('exactly the fields that hold personal data require it', () => {
    const personal = fields.filter(({ field }) => optionsOf(field).authScopes === PERSONAL_DATA).map(({ name }) => name);
    expect(personal.sort()).toEqual(['Call.comment', 'Call.customerId', 'Call.telephone', 'UnreadableRow.raw']);
  });
});
