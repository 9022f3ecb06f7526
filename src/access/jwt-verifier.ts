import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { JWT_LABEL, type Principal } from './principal.js';
import { scopeClaim, scopeOf } from './scope-fields.js';

/** How Bearer JWTs are verified (JWT_* variables, docs/configuration.md). */
export interface JwtSettings {
  /** Where the issuer publishes its keys (JWT_JWKS_URL), or null when `publicKeyPem` is given. */
  readonly jwksUrl: string | null;
  /** JWT_PUBLIC_KEY_FILE's content: one public key, PEM. */
  readonly publicKeyPem: string | null;
  readonly issuer: string;
  readonly audience: string;
  /** The claim that holds the principal's scope (JWT_CLAIM). */
  readonly claim: string;
}

/** A JWT that does not verify; `reason` says which check failed (nothing secret: the client holds the token). */
export class JwtRefusal extends Error {}

/** The token could not be checked now (the key set did not answer): not the client's fault. */
export class JwtUnverifiable extends Error {}

/** Signature algorithms of public keys only: a secret-keyed (HS*) or unsigned (`none`) token is never accepted. */
const BY_KEY_TYPE: Record<string, readonly string[]> = {
  rsa: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'],
  'rsa-pss': ['PS256', 'PS384', 'PS512'],
  ed25519: ['EdDSA', 'Ed25519'],
};
const EC_BY_CURVE: Record<string, string> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };
const ASYMMETRIC = [...new Set([...Object.values(BY_KEY_TYPE).flat(), ...Object.values(EC_BY_CURVE)])];

/** A token issued this far past our clock, or expired this far before it, still passes: clocks of two hosts differ a little. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** How long a fetch of the key set may take; jose keeps what it fetched and asks again at most every 30 s for an unknown `kid`. */
const JWKS_TIMEOUT_MS = 5_000;

/**
 * Verifies Bearer JWTs with `jose` against the issuer's key set (JWT_JWKS_URL) or one public key
 * (JWT_PUBLIC_KEY_FILE): signature by a public key and an algorithm that fits it (HS/RS confusion and
 * `alg: none` fail here), issuer, audience, expiry (required) and not-before. `sub` names the
 * principal; the claim carries its scope, checked as a policy entry is.
 */
export class JwtVerifier {
  private readonly key: KeyObject | JWTVerifyGetKey;
  private readonly algorithms: readonly string[];

  constructor(
    private readonly settings: JwtSettings,
    /** Names the policy lists: a subject with one of them gets its own /metrics label, the rest share `jwt`. */
    private readonly listed: ReadonlySet<string> = new Set(),
  ) {
    if (settings.jwksUrl !== null) {
      this.key = createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: JWKS_TIMEOUT_MS });
      this.algorithms = ASYMMETRIC;
    } else {
      const key = publicKeyOf(settings.publicKeyPem ?? '');
      this.key = key;
      this.algorithms = algorithmsOf(key);
    }
  }

  async principalOf(token: string): Promise<Principal> {
    const payload = await this.verified(token);
    const sub = payload.sub;
    if (typeof sub !== 'string' || sub.trim() === '') throw new JwtRefusal('it names no subject (`sub`)');
    const claim = scopeClaim.safeParse(payload[this.settings.claim]);
    if (!claim.success) {
      const issue = claim.error.issues[0]!;
      const where = issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
      throw new JwtRefusal(payload[this.settings.claim] === undefined ? `it carries no \`${this.settings.claim}\` claim` : `its \`${this.settings.claim}${where}\` claim ${issue.message}`);
    }
    return { kind: 'jwt', name: sub, metricLabel: this.listed.has(sub) ? sub : JWT_LABEL, ...scopeOf(claim.data) };
  }

  private async verified(token: string): Promise<JWTPayload> {
    try {
      const options = { issuer: this.settings.issuer, audience: this.settings.audience, algorithms: [...this.algorithms], requiredClaims: ['exp', 'sub'], clockTolerance: CLOCK_TOLERANCE_SECONDS };
      const { payload } = typeof this.key === 'function' ? await jwtVerify(token, this.key, options) : await jwtVerify(token, this.key, options);
      return payload;
    } catch (error) {
      throw refusalOf(error);
    }
  }
}

/** What a failed verification tells the client, or JwtUnverifiable when the failure is ours (the key set). */
function refusalOf(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new JwtRefusal('it has expired (`exp`)');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const why: Record<string, string> = { nbf: 'it is not valid yet (`nbf`)', iat: 'its issue time (`iat`) is in the future', iss: 'its issuer (`iss`) is not JWT_ISSUER', aud: 'its audience (`aud`) is not JWT_AUDIENCE' };
    return new JwtRefusal(why[error.claim] ?? `its \`${error.claim}\` claim is missing or not accepted`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return new JwtRefusal('its algorithm (`alg`) is not one this server accepts for its keys');
  if (error instanceof errors.JWSSignatureVerificationFailed) return new JwtRefusal('its signature does not verify');
  if (error instanceof errors.JWKSNoMatchingKey) return new JwtRefusal('no key of the issuer\'s key set matches it (`kid`, `alg`)');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return new JwtRefusal('it is not a well-formed signed JWT');
  return new JwtUnverifiable(`the key set at JWT_JWKS_URL could not be read (${error instanceof Error ? error.message : String(error)})`);
}

/** JWT_PUBLIC_KEY_FILE's key: a public key only, so that a private key pasted by mistake is not kept in memory as the verifier. */
export function publicKeyOf(pem: string): KeyObject {
  if (pem.includes('PRIVATE KEY')) throw new Error('holds a private key; give the public key only (openssl pkey -pubout)');
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new Error('is not a PEM public key (-----BEGIN PUBLIC KEY-----)');
  }
  algorithmsOf(key);
  return key;
}

function algorithmsOf(key: KeyObject): readonly string[] {
  const type = key.asymmetricKeyType ?? '';
  const algorithms = type === 'ec' ? [EC_BY_CURVE[key.asymmetricKeyDetails?.namedCurve ?? ''] ?? ''].filter(Boolean) : (BY_KEY_TYPE[type] ?? []);
  if (algorithms.length === 0) throw new Error(`holds a ${type || 'kind of'} key, which signs no JWT algorithm this server accepts (RSA, RSA-PSS, EC P-256/384/521, Ed25519)`);
  return algorithms;
}
