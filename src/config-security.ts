import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { Secret } from './secret.js';
import { loadTrustedDocuments, TrustedDocumentsError, type TrustedDocuments } from './http/trusted-documents.js';
import { AccessPolicyError, loadAccessPolicy, type PolicyEntry } from './access/access-policy.js';
import { publicKeyOf, type JwtSettings } from './access/jwt-verifier.js';
import { keyDigest } from './access/key-ring.js';
import { ConfigError, type environment } from './config-environment.js';

/*
 * The parts of SecuritySettings (config.ts) that read files or check variables against each other:
 * API keys, the access policy, JWTs, trusted documents, gateway keys, the metrics port. Each throws a
 * ConfigError that names the variable and never a key.
 */

/** Keys from API_KEYS (comma-separated) and API_KEYS_FILE (one per line; `#` starts a comment). */
export function apiKeysOf(e: z.infer<typeof environment>): Secret[] {
  let fromFile: string[] = [];
  if (e.API_KEYS_FILE !== undefined) {
    try {
      fromFile = readFileSync(e.API_KEYS_FILE, 'utf8').split('\n').map((line) => line.replace(/#.*/, ''));
    } catch (error) {
      throw new ConfigError(`Invalid configuration: API_KEYS_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const keys = [...(e.API_KEYS ?? '').split(','), ...fromFile].map((key) => key.trim()).filter(Boolean);
  if (keys.some((key) => key.length < 16)) throw new ConfigError('Invalid configuration: API_KEYS must be at least 16 characters each');
  return [...new Set(keys)].map((key) => new Secret(key));
}

/** ACCESS_POLICY's principals; a key that API_KEYS lists too would name two principals. */
export function policyOf(e: z.infer<typeof environment>, apiKeys: readonly Secret[]): PolicyEntry[] {
  if (e.ACCESS_POLICY === undefined) return [];
  let entries: PolicyEntry[];
  try {
    entries = loadAccessPolicy(e.ACCESS_POLICY);
  } catch (error) {
    if (!(error instanceof AccessPolicyError)) throw error;
    throw new ConfigError(`Invalid configuration: ACCESS_POLICY ${e.ACCESS_POLICY} ${error.message}`);
  }
  const unrestricted = new Set(apiKeys.map((key) => keyDigest(key.reveal()).toString('hex')));
  const both = entries.find(({ digest }) => unrestricted.has(digest.toString('hex')));
  if (both) throw new ConfigError(`Invalid configuration: ACCESS_POLICY's principal ${both.principal.name} has a key API_KEYS lists too; a key names one principal (remove it from API_KEYS to scope it)`);
  return entries;
}

/** JWT settings: a key source (a key set URL or one PEM key) with the issuer and audience every token must name. */
export function jwtOf(e: z.infer<typeof environment>): JwtSettings | null {
  const sources = [e.JWT_JWKS_URL, e.JWT_PUBLIC_KEY_FILE].filter((source) => source !== undefined);
  if (sources.length === 0) {
    if (e.JWT_ISSUER !== undefined || e.JWT_AUDIENCE !== undefined) throw new ConfigError('Invalid configuration: JWT_ISSUER and JWT_AUDIENCE need JWT_JWKS_URL or JWT_PUBLIC_KEY_FILE, where the keys that sign tokens are');
    return null;
  }
  if (sources.length > 1) throw new ConfigError('Invalid configuration: set one of JWT_JWKS_URL and JWT_PUBLIC_KEY_FILE, not both');
  if (e.JWT_ISSUER === undefined || e.JWT_AUDIENCE === undefined) {
    throw new ConfigError('Invalid configuration: JWT_ISSUER and JWT_AUDIENCE are required with JWT_JWKS_URL or JWT_PUBLIC_KEY_FILE, so that a token issued by another issuer or for another API is refused');
  }
  let publicKeyPem: string | null = null;
  if (e.JWT_PUBLIC_KEY_FILE !== undefined) {
    try {
      publicKeyPem = readFileSync(e.JWT_PUBLIC_KEY_FILE, 'utf8');
    } catch (error) {
      throw new ConfigError(`Invalid configuration: JWT_PUBLIC_KEY_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      publicKeyOf(publicKeyPem);
    } catch (error) {
      throw new ConfigError(`Invalid configuration: JWT_PUBLIC_KEY_FILE ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { jwksUrl: e.JWT_JWKS_URL ?? null, publicKeyPem, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, claim: e.JWT_CLAIM };
}

export function trustedDocumentsOf(e: z.infer<typeof environment>): TrustedDocuments | null {
  if (e.TRUSTED_DOCUMENTS === undefined) return null;
  try {
    return loadTrustedDocuments(e.TRUSTED_DOCUMENTS);
  } catch (error) {
    if (!(error instanceof TrustedDocumentsError)) throw error;
    throw new ConfigError(`Invalid configuration: TRUSTED_DOCUMENTS ${error.message}`);
  }
}

/** Keys from TRUSTED_DEVELOPER_KEYS (comma-separated); each must be one of the API keys, so that marking a developer never opens the server. */
export function trustedDevelopersOf(e: z.infer<typeof environment>, apiKeys: readonly Secret[]): Secret[] {
  const keys = (e.TRUSTED_DEVELOPER_KEYS ?? '').split(',').map((key) => key.trim()).filter(Boolean);
  if (keys.length > 0 && e.TRUSTED_DOCUMENTS === undefined) throw new ConfigError('Invalid configuration: TRUSTED_DEVELOPER_KEYS only means something with TRUSTED_DOCUMENTS (without it every key may send any document)');
  const known = new Set(apiKeys.map((key) => key.reveal()));
  if (keys.some((key) => !known.has(key))) throw new ConfigError('Invalid configuration: TRUSTED_DEVELOPER_KEYS must each be one of the API keys (API_KEYS or API_KEYS_FILE)');
  return keys.map((key) => new Secret(key));
}

/** Keys from GATEWAY_KEYS (comma-separated); each must be one of the API keys, and introspection off (else everyone sees the schema). */
export function gatewaysOf(e: z.infer<typeof environment>, apiKeys: readonly Secret[]): Secret[] {
  const keys = (e.GATEWAY_KEYS ?? '').split(',').map((key) => key.trim()).filter(Boolean);
  if (keys.length > 0 && e.INTROSPECTION !== 'false') throw new ConfigError('Invalid configuration: GATEWAY_KEYS only means something with INTROSPECTION=false (otherwise every caller sees the schema)');
  const known = new Set(apiKeys.map((key) => key.reveal()));
  if (keys.some((key) => !known.has(key))) throw new ConfigError('Invalid configuration: GATEWAY_KEYS must each be one of the API keys (API_KEYS or API_KEYS_FILE)');
  return keys.map((key) => new Secret(key));
}

export function metricsPortOf(e: z.infer<typeof environment>): number | null {
  if (e.METRICS_PORT === undefined) return null;
  if (e.METRICS_PORT === e.PORT) throw new ConfigError('Invalid configuration: METRICS_PORT must differ from PORT (it moves /metrics off the GraphQL port)');
  return e.METRICS_PORT;
}
