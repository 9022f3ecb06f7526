import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetch } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { graph, type TestGraph } from '../support/graph.js';
import { listen } from '../support/listen.js';

const KEY = 'key-for-finance-team-7c1e9a2b';
const OTHER = 'key-for-ops-team-0d4f6b8e31';
const query = { query: '{ __typename }' };

describe('client authentication', () => {
  let post: TestGraph['post'];
  let base: string;
  beforeAll(async () => {
    const test = await graph({ apiKeys: [KEY, OTHER] });
    post = test.post;
    base = await listen(test.server);
  });

  it('refuses a request without a key: 401, UNAUTHENTICATED, and how to authenticate', async () => {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(query) });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="wolkvox-cdr-graph"');
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ message: expect.stringContaining('Authorization: Bearer'), extensions: { code: 'UNAUTHENTICATED' } });
  });

  it.each([['a wrong key', 'Bearer not-the-key-at-all-123456'], ['a key without the Bearer scheme', KEY], ['a prefix of a key', `Bearer ${KEY.slice(0, 10)}`]])(
    'refuses %s',
    async (_name, authorization) => {
      const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(query) });
      expect(response.status).toBe(401);
      expect(await response.text()).toContain('UNAUTHENTICATED');
    },
  );

  it('accepts every configured key', async () => {
    for (const key of [KEY, OTHER]) {
      const { status, json } = await post(query, { authorization: `Bearer ${key}` });
      expect(status).toBe(200);
      expect(json.data).toEqual({ __typename: 'Query' });
    }
  });

  it('keeps /healthz and /readyz open, and GraphiQL loads so that a person can enter the key', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Bearer \\u003cyour API key>');
    const sneaky = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'text/html', 'x-graphql-csrf': '1' } });
    // A query in the URL is not the page: it needs a key (or is refused earlier, as not acceptable).
    expect([401, 406]).toContain(sneaky.status);
    expect(await sneaky.text()).not.toContain('Query');
  });

  it('never echoes a key in an answer', async () => {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}x` }, body: JSON.stringify(query) });
    expect(await response.text()).not.toContain(KEY);
  });
});

describe('anonymous access in live mode', () => {
  const live = { WOLKVOX_TOKEN: 'live-token-123456789', WOLKVOX_SERVER: '0048' };

  it('is refused at start-up unless ALLOW_ANONYMOUS=true says so', () => {
    expect(() => loadConfig(live)).toThrow(ConfigError);
    expect(() => loadConfig(live)).toThrow(/API_KEYS .* is required with a real WOLKVOX_TOKEN/);
    expect(loadConfig({ ...live, ALLOW_ANONYMOUS: 'true' }).security.apiKeys).toEqual([]);
    expect(loadConfig({ ...live, API_KEYS: `${KEY}, ${OTHER}` }).security.apiKeys).toHaveLength(2);
  });

  it('reads keys from API_KEYS_FILE, one per line, with comments', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keys-')), 'keys');
    writeFileSync(file, `# finance\n${KEY}\n\n${OTHER} # ops\n`);
    const keys = loadConfig({ ...live, API_KEYS_FILE: file }).security.apiKeys;
    expect(keys.map((key) => key.reveal())).toEqual([KEY, OTHER]);
    expect(() => loadConfig({ ...live, API_KEYS_FILE: `${file}.missing` })).toThrow(/API_KEYS_FILE cannot be read \(ENOENT\)/);
  });

  it('refuses keys too short to be secret', () => {
    expect(() => loadConfig({ ...live, API_KEYS: 'short' })).toThrow(/at least 16 characters/);
  });
});
