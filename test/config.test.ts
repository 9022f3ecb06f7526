import { resolve } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const TOKEN = 'secret-token-value-9b1d';
const KEY = 'client-key-0123456789abcdef';

describe('configuration from the environment', () => {
  it('runs against the simulator with defaults when no token is set', () => {
    expect(loadConfig({})).toMatchObject({
      port: 4000,
      timeZone: 'America/Bogota',
      timeoutMs: 65_000,
      maxInFlight: 1,
      upstream: { mode: 'simulator' },
    });
  });

  it('budgets the cache in bytes (WOLKVOX_CACHE_MAX_BYTES, 600 MB by default) with no cap on legs', () => {
    expect(loadConfig({}).windows).toMatchObject({ cacheMaxBytes: 600_000_000, cacheMaxRows: null });
    expect(loadConfig({}).warnings).toEqual([]);
    expect(loadConfig({ WOLKVOX_CACHE_MAX_BYTES: '2000000000' }).windows.cacheMaxBytes).toBe(2_000_000_000);
    expect(() => loadConfig({ WOLKVOX_CACHE_MAX_BYTES: '600MB' })).toThrow(/WOLKVOX_CACHE_MAX_BYTES must be a whole number/);
  });

  it('still honours the deprecated WOLKVOX_CACHE_MAX_ROWS as a cap on legs, with the byte budget it meant, and warns', () => {
    const legacy = loadConfig({ WOLKVOX_CACHE_MAX_ROWS: '2000000' });
    expect(legacy.windows).toMatchObject({ cacheMaxRows: 2_000_000, cacheMaxBytes: 1_200_000_000 });
    expect(legacy.warnings).toEqual([expect.stringMatching(/WOLKVOX_CACHE_MAX_ROWS is deprecated.*WOLKVOX_CACHE_MAX_BYTES/)]);
    expect(loadConfig({ WOLKVOX_CACHE_MAX_ROWS: '2000000', WOLKVOX_CACHE_MAX_BYTES: '100000000' }).windows).toMatchObject({ cacheMaxRows: 2_000_000, cacheMaxBytes: 100_000_000 });
  });

  it('keeps today warm in the background in both modes, every 15 s with the simulator and every 5 minutes with wolkvox, unless told otherwise', () => {
    expect(loadConfig({}).windows).toMatchObject({ backgroundRefresh: true, refreshMs: 15_000 });
    const live = { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: '0048', API_KEYS: KEY };
    expect(loadConfig(live).windows).toMatchObject({ backgroundRefresh: true, refreshMs: 300_000 });
    expect(loadConfig({ WOLKVOX_BACKGROUND_REFRESH: 'false', WOLKVOX_FRESHNESS: '30' }).windows).toMatchObject({ backgroundRefresh: false, refreshMs: 30_000 });
    expect(loadConfig({ ...live, WOLKVOX_FRESHNESS: '600' }).windows.refreshMs).toBe(600_000);
  });

  it('keeps the durable store in data/ under the working directory unless DATA_DIR says where', () => {
    expect(loadConfig({}).dataDir).toBe(resolve('data'));
    expect(loadConfig({ DATA_DIR: '/var/lib/cdr-graph' }).dataDir).toBe('/var/lib/cdr-graph');
  });

  it('builds the wolkvox host from WOLKVOX_SERVER', () => {
    const config = loadConfig({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: '0048', API_KEYS: KEY });
    expect(config.upstream).toMatchObject({ mode: 'live', origin: 'https://wv0048.wolkvox.com' });
  });

  it('lets WOLKVOX_BASE_URL replace scheme, host and port', () => {
    const config = loadConfig({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: '0048', WOLKVOX_BASE_URL: 'http://127.0.0.1:4010/', API_KEYS: KEY });
    expect(config.upstream).toMatchObject({ mode: 'live', origin: 'http://127.0.0.1:4010' });
  });

  it('gives a window fetch a total deadline, in seconds from WOLKVOX_FETCH_DEADLINE_SECONDS, a bit above wolkvox\'s 60 s by default', () => {
    expect(loadConfig({}).fetchDeadlineMs).toBe(90_000);
    expect(loadConfig({ WOLKVOX_FETCH_DEADLINE_SECONDS: '30' }).fetchDeadlineMs).toBe(30_000);
  });

  it('bounds what one operation may hold, answer and compute, and what one principal may subscribe to (issue #19)', () => {
    expect(loadConfig({}).limits).toMatchObject({ reportGroups: 50_000, responseBytes: 50_000_000, operationMs: 30_000 });
    expect(loadConfig({}).security.maxSubscriptionsPerPrincipal).toBe(250);
    const set = loadConfig({ MAX_REPORT_GROUPS: '10000', MAX_RESPONSE_BYTES: '1000000', MAX_OPERATION_SECONDS: '5', MAX_SUBSCRIPTIONS_PER_PRINCIPAL: '20' });
    expect(set.limits).toMatchObject({ reportGroups: 10_000, responseBytes: 1_000_000, operationMs: 5_000 });
    expect(set.security.maxSubscriptionsPerPrincipal).toBe(20);
  });

  it('mirrors 400 days of history live and 35 with the simulator, spending a third of the daily budget on it by default', () => {
    const live = { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: '0048', API_KEYS: KEY };
    expect(loadConfig(live).history).toEqual({ days: 400, requestsPerDay: 300 });
    expect(loadConfig({}).history).toEqual({ days: 35, requestsPerDay: 300 });
    expect(loadConfig({ ...live, WOLKVOX_DAILY_BUDGET: '3000' }).history.requestsPerDay).toBe(1_000);
    expect(loadConfig({ ...live, WOLKVOX_DAILY_BUDGET: '0' }).history.requestsPerDay).toBe(300);
    expect(loadConfig({ ...live, WOLKVOX_HISTORY_DAYS: '0', WOLKVOX_BACKFILL_REQUESTS_PER_DAY: '50' }).history).toEqual({ days: 0, requestsPerDay: 50 });
  });

  it('lets a range span a year and more (MAX_RANGE_DAYS), and an operation two such ranges by default', () => {
    expect(loadConfig({}).limits).toMatchObject({ longestRangeDays: 400, rangeDays: 800 });
    expect(loadConfig({ MAX_RANGE_DAYS: '500' }).limits).toMatchObject({ longestRangeDays: 500, rangeDays: 1_000 });
    expect(loadConfig({ MAX_RANGE_DAYS: '92', MAX_OPERATION_RANGE_DAYS: '366' }).limits).toMatchObject({ longestRangeDays: 92, rangeDays: 366 });
  });

  it.each([
    [{ MAX_OPERATION_SECONDS: '0' }, /MAX_OPERATION_SECONDS must be a whole number from 1 to 3600/],
    [{ MAX_REPORT_GROUPS: 'all' }, /MAX_REPORT_GROUPS must be a whole number/],
    [{ MAX_RESPONSE_BYTES: '10' }, /MAX_RESPONSE_BYTES must be a whole number from 1000/],
    [{ WOLKVOX_BACKFILL_REQUESTS_PER_DAY: '1000' }, /WOLKVOX_BACKFILL_REQUESTS_PER_DAY \(1000\) must not exceed WOLKVOX_DAILY_BUDGET \(900\)/],
    [{ WOLKVOX_HISTORY_DAYS: '-1' }, /WOLKVOX_HISTORY_DAYS must be a whole number from 0 to 3660/],
    [{ MAX_RANGE_DAYS: '400', MAX_OPERATION_RANGE_DAYS: '366' }, /MAX_OPERATION_RANGE_DAYS \(366\) must be at least MAX_RANGE_DAYS \(400\)/],
    [{ WOLKVOX_FETCH_DEADLINE_SECONDS: '0' }, /WOLKVOX_FETCH_DEADLINE_SECONDS must be a whole number from 1 to 3600/],
    [{ WOLKVOX_TIMEZONE: 'Mars/Olympus' }, /WOLKVOX_TIMEZONE must be an IANA time zone/],
    [{ WOLKVOX_DEFAULT_COUNTRY: 'XX' }, /WOLKVOX_DEFAULT_COUNTRY must be an ISO 3166-1 alpha-2 country code/],
    [{ PORT: 'eighty' }, /PORT must be a whole number from 0 to 65535/],
    [{ PORT: '70000' }, /PORT/],
    [{ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: 'wv.0048/evil' }, /WOLKVOX_SERVER must be the server nomenclature/],
    [{ WOLKVOX_TOKEN: TOKEN, WOLKVOX_BASE_URL: 'ftp://host' }, /WOLKVOX_BASE_URL must be an http\(s\) URL/],
    [{ WOLKVOX_TOKEN: TOKEN, WOLKVOX_BASE_URL: 'http://host/api' }, /WOLKVOX_BASE_URL must hold only scheme, host and port/],
    [{ WOLKVOX_TOKEN: TOKEN }, /WOLKVOX_SERVER \(or WOLKVOX_BASE_URL\) is required/],
    [{ WOLKVOX_SERVER: '0048' }, /WOLKVOX_TOKEN is required/],
    [{ WOLKVOX_MAX_IN_FLIGHT: '3' }, /WOLKVOX_MAX_IN_FLIGHT/],
    [{ DATA_DIR: 'package.json' }, /DATA_DIR must be a folder/],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
  ])('stops with one message naming the variable: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never shows the token, however the configuration is printed', () => {
    const config = loadConfig({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: '0048', API_KEYS: KEY });
    expect(JSON.stringify(config)).not.toContain(TOKEN);
    expect(inspect(config, { depth: 10 })).not.toContain(TOKEN);
    expect(String(config.upstream.mode === 'live' && config.upstream.token)).not.toContain(TOKEN);
    expect(config.upstream.mode === 'live' && config.upstream.token.reveal()).toBe(TOKEN);
  });

  it('never shows a bad token value in its error', () => {
    const error = (() => {
      try {
        loadConfig({ WOLKVOX_TOKEN: TOKEN, PORT: 'x' });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error?.message).toMatch(/PORT/);
    expect(error?.message).not.toContain(TOKEN);
  });
});
