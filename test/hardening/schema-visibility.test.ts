import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { codes, graph } from '../support/graph.js';

const CLIENT = 'client-key-0123456789abcdef';
const GATEWAY = 'gateway-key-0123456789abcdef';
const SDL = { query: '{ _service { sdl } }' };
const TYPO_FIELD = { query: '{ callz(range: {from: "2025-03-04T00:00:00-05:00", to: "2025-03-05T00:00:00-05:00"}) { totalCount } }' };
const TYPO_ENUM_VARIABLE = {
  query: 'query ($by: [CallDimension!]) { callReport(range: {from: "2025-03-04T00:00:00-05:00", to: "2025-03-05T00:00:00-05:00"}, groupBy: $by) { total { calls } } }',
  variables: { by: ['AGENTS'] },
};
const TYPO_INPUT_FIELD = { query: '{ callReport(range: {fro: "2025-03-04T00:00:00-05:00", to: "2025-03-05T00:00:00-05:00"}) { total { calls } } }' };
const TYPO_ARGUMENT = { query: '{ callReport(rang: {from: "2025-03-04T00:00:00-05:00", to: "2025-03-05T00:00:00-05:00"}) { total { calls } } }' };
const TYPOS = [TYPO_FIELD, TYPO_ENUM_VARIABLE, TYPO_INPUT_FIELD, TYPO_ARGUMENT];

const as = (key: string) => ({ authorization: `Bearer ${key}` });
const messages = (json: { errors?: { message: string }[] }) => (json.errors ?? []).map((error) => error.message).join('\n');

describe('INTROSPECTION=false hides the schema from callers', () => {
  it('refuses `_service { sdl }` and introspection to a client key', async () => {
    const { post } = await graph({ apiKeys: [CLIENT, GATEWAY], introspection: false, gatewayKeys: [GATEWAY] });
    const sdl = await post(SDL, as(CLIENT));
    expect(sdl.json.data).toBeUndefined();
    expect(codes(sdl.json)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(sdl.text).not.toContain('type Query');
    const type = await post({ query: '{ __type(name: "Call") { fields { name } } }' }, as(CLIENT));
    expect(type.json.data).toBeUndefined();
    expect(new Set(codes(type.json))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    // Aliased or in a fragment, it is the same field.
    expect(codes((await post({ query: '{ s: _service { sdl } }' }, as(CLIENT))).json)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes((await post({ query: '{ ...F } fragment F on Query { _service { sdl } }' }, as(CLIENT))).json)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('leaves "Did you mean …" out of every error a client key gets, keeping the error and its code', async () => {
    const { post } = await graph({ apiKeys: [CLIENT, GATEWAY], introspection: false, gatewayKeys: [GATEWAY] });
    for (const body of TYPOS) {
      const { json } = await post(body, as(CLIENT));
      expect(json.errors?.length).toBeGreaterThan(0);
      expect(codes(json)?.every((code) => code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_USER_INPUT')).toBe(true);
      expect(messages(json)).not.toMatch(/did you mean/i);
    }
  });

  it('shows the gateway named by GATEWAY_KEYS the SDL and the suggestions, whoever asked the same document before', async () => {
    const { post } = await graph({ apiKeys: [CLIENT, GATEWAY], introspection: false, gatewayKeys: [GATEWAY] });
    // Validation results are cached by document and rules: a client's refusal must not stick to the gateway, nor the reverse.
    expect(codes((await post(SDL, as(CLIENT))).json)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const sdl = await post(SDL, as(GATEWAY));
    expect(sdl.json.errors).toBeUndefined();
    expect((sdl.json.data as { _service: { sdl: string } })._service.sdl).toContain('type Call');
    expect(messages((await post(TYPO_FIELD, as(GATEWAY))).json)).toMatch(/Did you mean "calls"\?/);
    expect(codes((await post(SDL, as(CLIENT))).json)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('with introspection on, everyone gets the suggestions as before', async () => {
    const { post } = await graph({ apiKeys: [CLIENT] });
    expect(messages((await post(TYPO_FIELD, as(CLIENT))).json)).toMatch(/Did you mean "calls"\?/);
    expect((await post(SDL, as(CLIENT))).json.errors).toBeUndefined();
  });

  it('GATEWAY_KEYS must name API keys, and only with INTROSPECTION=false', () => {
    const base = { API_KEYS: `${CLIENT},${GATEWAY}` };
    expect(loadConfig({ ...base, INTROSPECTION: 'false', GATEWAY_KEYS: GATEWAY }).security.gatewayKeys.map((key) => key.reveal())).toEqual([GATEWAY]);
    expect(() => loadConfig({ ...base, INTROSPECTION: 'false', GATEWAY_KEYS: 'another-key-0123456789abcdef' })).toThrow(/GATEWAY_KEYS must each be one of the API keys/);
    expect(() => loadConfig({ ...base, GATEWAY_KEYS: GATEWAY })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, GATEWAY_KEYS: GATEWAY })).toThrow(/GATEWAY_KEYS only means something with INTROSPECTION=false/);
  });
});
