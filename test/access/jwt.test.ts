import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices, compositionHasErrors } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAfterFile } from '../support/cleanup.js';
import { bogotaDay, graph, type Result, type TestGraph } from '../support/graph.js';
import { listen } from '../support/listen.js';
import { BRANDS, policyYaml } from '../support/principals.js';
import { rowsIn } from '../support/simulator.js';
import { startCrmSubgraph } from '../federation/crm-subgraph.js';

const ISSUER = 'https://auth.example.test/';
const AUDIENCE = 'wolkvox-cdr-graph';
const KID = 'signing-key-1';
const day = bogotaDay('2025-03-04');
const SCOPED = { campaigns: ['3001'], pii: false };
const METRICS_KEY = 'metrics-key-of-the-operator-0123';

/** A JSON Web Key Set served on a loopback port, as an identity provider publishes one. */
async function serveJwks(keys: unknown[]): Promise<string> {
  const http = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys })));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closeAfterFile(() => new Promise((resolve) => http.close(resolve)));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/.well-known/jwks.json`;
}

const seconds = () => Math.floor(Date.now() / 1000);

// The fields of each answer a test reads, as a successful answer has them.
interface ScopedAnswer { campaigns: { id: string }[]; callReport: { total: { calls: number } } }
interface SupergraphAnswer {
  crmAgents: { id: string; stats: { calls: number } }[];
  callReport: { total: { calls: number }; groups: { campaign: { id: string; name: string } }[] };
  calls: { totalCount: number; edges: { node: { campaign: { id: string } } }[] };
  agents: { id: string }[];
}

describe('Bearer JWTs verified with jose against the issuer\'s key set', () => {
  let signing: CryptoKey;
  let stranger: CryptoKey;
  let publicPem: string;
  let test: TestGraph;
  let base: string;

  /** A token signed by the issuer's key, with the usual claims unless `claims` replaces them. */
  const token = (claims: JWTPayload = {}, key: CryptoKey = signing, alg = 'RS256') =>
    new SignJWT({ sub: 'dashboard-user-17', cdr: SCOPED, ...claims })
      .setProtectedHeader({ alg, kid: KID })
      .setIssuer((claims.iss) ?? ISSUER)
      .setAudience((claims.aud as string | undefined) ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime((claims.exp) ?? seconds() + 600)
      .sign(key);
  /** The answer to `query`, read as `T`: the shape of the fields the query asks for. */
  const post = async <T = Record<string, unknown>>(authorization: string, query = '{ __typename }', variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, challenge: response.headers.get('www-authenticate'), json: (await response.json()) as Result<T> };
  };

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    signing = pair.privateKey;
    publicPem = await exportSPKI(pair.publicKey);
    stranger = (await generateKeyPair('RS256')).privateKey;
    const jwksUrl = await serveJwks([{ ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }]);
    test = await graph({ policy: policyYaml(BRANDS), jwt: { jwksUrl, publicKeyPem: null, issuer: ISSUER, audience: AUDIENCE, claim: 'cdr' }, metricsKey: METRICS_KEY });
    base = await listen(test.server);
  });

  it('makes a valid token\'s subject a principal with the claim\'s scope', async () => {
    const query = 'query($r: DateRange!) { campaigns(range: $r) { id } callReport(range: $r) { total { calls } } calls(range: $r, first: 1) { edges { node { telephone } } } }';
    const { status, json } = await post<ScopedAnswer>(`Bearer ${await token()}`, query, { r: day });
    expect(status).toBe(200);
    expect(json.data!.campaigns).toEqual([{ id: '3001' }]);
    expect(json.data!.callReport.total.calls).toBe(rowsIn(test.sim, day).filter((row) => row.campaign_id === '3001').length);
    expect(json.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(json.errors![0]!.message).toContain('dashboard-user-17 is not granted');
  });

  const bad: [string, () => Promise<string>, RegExp][] = [
    ['expired', () => token({ exp: seconds() - 3600 }), /expired/],
    ['not yet valid', async () => new SignJWT({ sub: 'u', cdr: SCOPED }).setProtectedHeader({ alg: 'RS256', kid: KID }).setIssuer(ISSUER).setAudience(AUDIENCE).setNotBefore(seconds() + 3600).setExpirationTime(seconds() + 7200).sign(signing), /not valid yet/],
    ['for another audience', () => token({ aud: 'some-other-api' }), /audience/],
    ['from another issuer', () => token({ iss: 'https://evil.example.test/' }), /issuer/],
    ['unsigned (alg: none)', () => Promise.resolve(new UnsecuredJWT({ sub: 'u', cdr: SCOPED }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime(seconds() + 600).encode()), /algorithm|well-formed/],
    ['HS256 with the public key as the secret (HS/RS confusion)', async () => token({}, new TextEncoder().encode(publicPem) as unknown as CryptoKey, 'HS256'), /algorithm/],
    ['signed by another key', () => token({}, stranger), /signature/],
    ['without the cdr claim', () => token({ cdr: undefined }), /no `cdr` claim/],
    ['with a claim of the wrong shape', () => token({ cdr: { campaigns: '3001', admin: true } }), /`cdr/],
    ['without a subject', async () => new SignJWT({ cdr: SCOPED }).setProtectedHeader({ alg: 'RS256', kid: KID }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime(seconds() + 600).sign(signing), /sub/],
    ['without an expiry', async () => new SignJWT({ sub: 'u', cdr: SCOPED }).setProtectedHeader({ alg: 'RS256', kid: KID }).setIssuer(ISSUER).setAudience(AUDIENCE).sign(signing), /exp/],
  ];

  it.each(bad)('refuses a token %s: 401, UNAUTHENTICATED, and why', async (_kind, make, why) => {
    const { status, challenge, json } = await post(`Bearer ${await make()}`);
    expect(status).toBe(401);
    expect(challenge).toMatch(/^Bearer/);
    expect(json.errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
    expect(json.errors![0]!.message).toMatch(why);
    expect(json.data).toBeUndefined();
  });

  it('names subjects the policy lists in /metrics, and counts the others together as jwt', async () => {
    await post(`Bearer ${await token({ sub: 'brand-a-dashboard' })}`);
    for (const sub of ['someone-1', 'someone-2', 'someone-3']) await post(`Bearer ${await token({ sub })}`);
    const metrics = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_KEY}` } })).text();
    expect(metrics).toMatch(/principal_requests_total\{principal="brand-a-dashboard"\} 1\b/);
    expect(metrics).not.toContain('someone-');
    expect(metrics).toMatch(/principal_requests_total\{principal="jwt"\} \d+/);
  });

  describe('through Hive Gateway, which forwards the Authorization header', () => {
    let gateway: ReturnType<typeof createGatewayRuntime>;
    const viaGateway = async <T = Record<string, unknown>>(authorization: string | null, query: string, variables: Record<string, unknown> = {}) => {
      const response = await gateway.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as Result<T>;
    };

    beforeAll(async () => {
      const crm = await startCrmSubgraph();
      const sdl = (await post<{ _service: { sdl: string } }>(`Bearer ${await token()}`, '{ _service { sdl } }')).json.data!._service.sdl;
      const composition = composeServices([
        { name: 'calls', typeDefs: parse(sdl), url: `${base}/graphql` },
        { name: 'crm', typeDefs: parse((await import('../federation/crm-subgraph.js')).CRM_SDL), url: crm.url },
      ]);
      if (compositionHasErrors(composition)) throw new Error(composition.errors.map((e) => e.message).join('\n'));
      gateway = createGatewayRuntime({
        supergraph: composition.supergraphSdl,
        logging: false,
        propagateHeaders: { fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }) },
      });
    });
    afterAll(() => gateway?.dispose());

    it('serves a valid token\'s scope, joined with the other subgraph', async () => {
      const answer = await viaGateway(`Bearer ${await token()}`, 'query($r: DateRange!) { campaigns(range: $r) { id name stats(range: $r) { calls } } }', { r: day });
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.campaigns).toEqual([{ id: '3001', name: 'Renovaciones', stats: { calls: rowsIn(test.sim, day).filter((row) => row.campaign_id === '3001').length } }]);
    });

    it('keeps the scope on every entry point the supergraph exposes: lists, reports, pages, and entities the other subgraph asks for', async () => {
      const query = `query($r: DateRange!) {
        crmAgents(team: "North") { id stats(range: $r) { calls } }
        callReport(range: $r, groupBy: [CAMPAIGN, SKILL]) { total { calls } groups { campaign { id name } skill { id } stats { calls } } }
        calls(range: $r, first: 1000) { totalCount edges { node { campaign { id name } agent { id email } } } }
        agents(range: $r) { id }
      }`;
      const answer = await viaGateway<SupergraphAnswer>(`Bearer ${await token()}`, query, { r: day });
      expect(answer.errors).toBeUndefined();
      const rows = rowsIn(test.sim, day).filter((row) => row.campaign_id === '3001');
      const count = (agent: string) => rows.filter((row) => row.agent_id === agent).length;
      for (const agent of answer.data!.crmAgents) expect(agent.stats.calls).toBe(count(agent.id));
      expect(answer.data!.callReport.total.calls).toBe(rows.length);
      expect(new Set(answer.data!.callReport.groups.map((group) => `${group.campaign.id}:${group.campaign.name}`))).toEqual(new Set(['3001:Renovaciones']));
      expect(answer.data!.calls.totalCount).toBe(rows.length);
      expect(answer.data!.calls.edges.every((edge) => edge.node.campaign.id === '3001')).toBe(true);
      expect(answer.data!.agents.map((agent) => agent.id).sort()).toEqual([...new Set(rows.map((row) => row.agent_id))].sort());
    });

    it.each(bad)('answers no data for a token %s, with the subgraph\'s UNAUTHENTICATED and its reason', async (_kind, make, why) => {
      const answer = await viaGateway(`Bearer ${await make()}`, 'query($r: DateRange!) { campaigns(range: $r) { id } }', { r: day });
      expect(answer.data).toEqual({ campaigns: null });
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', serviceName: 'calls' });
      expect(answer.errors![0]!.message).toMatch(why);
    });
  });
});

describe('Bearer JWTs verified against one public key (JWT_PUBLIC_KEY_FILE)', () => {
  it('accepts tokens of that key\'s algorithm (ES256 for a P-256 key), and refuses the rest', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const other = await generateKeyPair('RS256');
    const test = await graph({ jwt: { jwksUrl: null, publicKeyPem: await exportSPKI(pair.publicKey), issuer: ISSUER, audience: AUDIENCE, claim: 'https://example.test/cdr' } });
    const sign = (key: CryptoKey, alg: string) =>
      new SignJWT({ sub: 'quality-team', 'https://example.test/cdr': { skills: [2], pii: true } }).setProtectedHeader({ alg }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('10m').sign(key);
    const query = { query: 'query($r: DateRange!) { skills(range: $r) { id } }', variables: { r: day } };
    const accepted = await test.post(query, { authorization: `Bearer ${await sign(pair.privateKey, 'ES256')}` });
    expect(accepted.status).toBe(200);
    expect(accepted.json.data).toEqual({ skills: [{ id: '2' }] });
    expect((await test.post(query, { authorization: `Bearer ${await sign(other.privateKey, 'RS256')}` })).status).toBe(401);
  });
});
