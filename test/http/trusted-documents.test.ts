import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { CallReportDocument } from '../../operations/generated/graphql.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { documentIdOf, loadTrustedDocuments } from '../../src/http/trusted-documents.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { bogotaDay, graph } from '../support/graph.js';
import { listen } from '../support/listen.js';

const MANIFEST = 'operations/generated/persisted-documents.json';
const CLIENT_KEY = 'client-key-0123456789abcdef';
const DEVELOPER_KEY = 'developer-key-0123456789abcdef';
const { hash } = (CallReportDocument as { __meta__?: { hash: string } }).__meta__!;
const hex = hash.replace('sha256:', '');
const variables = { range: bogotaDay('2025-03-04'), groupBy: ['CAMPAIGN'] };

interface Answer {
  data?: { callReport?: { total: { calls: number } } | null } | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

describe('trusted documents (TRUSTED_DOCUMENTS)', () => {
  let sim: WolkvoxSimulator;
  let url: string;
  const post = async (body: unknown, key = CLIENT_KEY): Promise<{ status: number; json: Answer }> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as Answer };
  };
  const code = (answer: Answer) => answer.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    const test = await graph({ apiKeys: [CLIENT_KEY, DEVELOPER_KEY], trustedDocuments: loadTrustedDocuments(MANIFEST), trustedDeveloperKeys: [DEVELOPER_KEY] });
    sim = test.sim;
    url = `${await listen(test.server)}/graphql`;
  });

  it('writes every generated document to the manifest under the SHA-256 of its text', () => {
    const documents = loadTrustedDocuments(MANIFEST);
    expect(documents.get(hash)).toBeDefined();
    expect(documentIdOf(documents.get(hash)!)).toBe(hash);
  });

  it('runs a document of the manifest named by `documentId`', async () => {
    const { json } = await post({ documentId: hash, variables });
    expect(json.errors).toBeUndefined();
    expect(json.data?.callReport?.total.calls).toBe(sim.dataset.callsBetween({ from: Date.parse(variables.range.from), to: Date.parse(variables.range.to) }).length);
  });

  it('runs it named by Apollo\'s `extensions.persistedQuery`, over POST and over GET', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: hex } };
    expect((await post({ extensions, variables })).json.data?.callReport).toBeTruthy();
    const query = new URLSearchParams({ extensions: JSON.stringify(extensions), variables: JSON.stringify(variables) });
    const response = await fetch(`${url}?${query}`, { headers: { authorization: `Bearer ${CLIENT_KEY}`, 'x-graphql-csrf': '1', accept: 'application/json' } });
    expect(((await response.json()) as Answer).data?.callReport).toBeTruthy();
  });

  it('refuses an id that is in no manifest, with PERSISTED_QUERY_NOT_FOUND', async () => {
    const { status, json } = await post({ documentId: `sha256:${'0'.repeat(64)}`, variables });
    expect(status).toBe(400);
    expect(code(json)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(json.data ?? null).toBeNull();
  });

  it('refuses ids of the wrong shape without echoing them back at length', async () => {
    for (const documentId of [{}, 42, null, `sha256:${'x'.repeat(10_000)}`]) {
      const { status, json } = await post({ documentId, variables });
      expect(status).toBe(400);
      expect(['TRUSTED_DOCUMENT_REQUIRED', 'PERSISTED_QUERY_NOT_FOUND']).toContain(code(json));
      expect(JSON.stringify(json).length).toBeLessThan(1_000);
    }
  });

  it('refuses an arbitrary document from an ordinary key, with TRUSTED_DOCUMENT_REQUIRED, before wolkvox is asked', async () => {
    const before = sim.counters.requests;
    const { status, json } = await post({ query: '{ agents(range: {from: "2025-02-01T00:00:00-05:00", to: "2025-02-02T00:00:00-05:00"}) { id } }' });
    expect(status).toBe(400);
    expect(code(json)).toBe('TRUSTED_DOCUMENT_REQUIRED');
    expect(json.errors?.[0]?.message).toContain('documentId');
    expect(sim.counters.requests).toBe(before);
  });

  it('refuses a text sent with the id of another document, from any key, with PERSISTED_QUERY_HASH_MISMATCH', async () => {
    const hostile = { query: '{ agents(range: {from: "2025-02-01T00:00:00-05:00", to: "2025-02-02T00:00:00-05:00"}) { id name } }', documentId: hash };
    for (const key of [CLIENT_KEY, DEVELOPER_KEY]) {
      const { status, json } = await post(hostile, key);
      expect(status).toBe(400);
      expect(code(json)).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    }
    const apolloShape = { query: hostile.query, extensions: { persistedQuery: { version: 1, sha256Hash: hex } } };
    expect(code((await post(apolloShape)).json)).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });

  it('runs a trusted document sent with its text and its own id (Apollo\'s retry shape)', async () => {
    const text = loadTrustedDocuments(MANIFEST).get(hash)!;
    const { json } = await post({ query: text, extensions: { persistedQuery: { version: 1, sha256Hash: hex } }, variables });
    expect(json.errors).toBeUndefined();
    expect(json.data?.callReport).toBeTruthy();
  });

  it('lets a trusted developer\'s key send any document', async () => {
    const { json } = await post({ query: '{ agents(range: {from: "2025-03-04T00:00:00-05:00", to: "2025-03-05T00:00:00-05:00"}) { id } }' }, DEVELOPER_KEY);
    expect(json.errors).toBeUndefined();
    expect(json.data).toHaveProperty('agents');
  });

  it('is used by the example client with BY_HASH=true', async () => {
    // The example asks for last week by the real clock and sends no key: a server of its own.
    const { server } = await graph({ now: Date.now, trustedDocuments: loadTrustedDocuments(MANIFEST) });
    const base = await listen(server);
    const run = (byHash: string) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/report-client.ts'], { env: { ...process.env, GRAPHQL_URL: `${base}/graphql`, BY_HASH: byHash } });
    const { stdout } = await run('true');
    expect(stdout).toMatch(/^\d+ call legs, total cost \d+(\.\d+)?$/m);
    await expect(run('false')).rejects.toMatchObject({ stderr: expect.stringContaining('TRUSTED_DOCUMENT_REQUIRED') });
  });
});

describe('TRUSTED_DOCUMENTS and TRUSTED_DEVELOPER_KEYS as configuration', () => {
  const manifest = (content: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'trusted-')), 'manifest.json');
    writeFileSync(path, content);
    return path;
  };

  it('loads the manifest `npm run codegen` writes', () => {
    expect(loadConfig({ TRUSTED_DOCUMENTS: MANIFEST }).security.trustedDocuments?.get(hash)).toBeDefined();
  });

  it.each([
    ['a manifest whose text does not hash to its id', () => manifest(JSON.stringify({ [hash]: '{ __typename }' })), /does not hash to its id/],
    ['a file that is not JSON', () => manifest('not json'), /is not JSON/],
    ['an id that is not sha256:<hex>', () => manifest(JSON.stringify({ 'md5:abc': '{ __typename }' })), /not "sha256:<64 hex digits>"/],
    ['a path that does not exist', () => '/nonexistent/manifest.json', /cannot be read \(ENOENT\)/],
  ])('refuses to start with %s', (_name, path, message) => {
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: path() })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: path() })).toThrow(message);
  });

  it('refuses TRUSTED_DEVELOPER_KEYS without TRUSTED_DOCUMENTS (it would mean nothing)', () => {
    expect(() => loadConfig({ API_KEYS: CLIENT_KEY, TRUSTED_DEVELOPER_KEYS: CLIENT_KEY })).toThrow(/only means something with TRUSTED_DOCUMENTS/);
  });

  it('refuses a trusted developer key that is not an API key, without printing it', () => {
    const attempt = () => loadConfig({ TRUSTED_DOCUMENTS: MANIFEST, API_KEYS: CLIENT_KEY, TRUSTED_DEVELOPER_KEYS: DEVELOPER_KEY });
    expect(attempt).toThrow(/TRUSTED_DEVELOPER_KEYS must each be one of the API keys/);
    expect(attempt).not.toThrow(new RegExp(DEVELOPER_KEY));
  });
});
