import { bearerOf, KeyRing } from './key-ring.js';
import { JwtRefusal, JwtUnverifiable, type JwtVerifier } from './jwt-verifier.js';
import { ANONYMOUS, type Principal } from './principal.js';

/** Why a request has no principal, as the client is told it (401), or that its JWT cannot be checked now (503). */
export interface AuthenticationFailure { readonly kind: 'refused' | 'unverifiable'; readonly message: string }

/** A JWT is three base64url parts (the last empty for `alg: none`, refused by the verifier). Keys are looked up first, so a key of this shape still works. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Who a request is, from its `Authorization: Bearer <credential>`: a key (API_KEYS and ACCESS_POLICY
 * keys, by digest, in constant time) or, with JWT settings, a verified JWT. With no credential
 * configured at all, everyone is ANONYMOUS, as before keys existed.
 */
export class Credentials {
  constructor(
    private readonly keys: KeyRing<Principal>,
    private readonly jwt: JwtVerifier | null,
  ) {}

  /** Whether requests must carry a credential. */
  get required(): boolean {
    return this.keys.size > 0 || this.jwt !== null;
  }

  async principalOf(authorization: string | null): Promise<Principal | AuthenticationFailure> {
    if (!this.required) return ANONYMOUS;
    const offered = bearerOf(authorization);
    if (offered === null) {
      const what = this.jwt ? 'key or JWT' : 'key';
      return refused(authorization ? `Send the ${what} as \`Authorization: Bearer <${what}>\`.` : `An API ${what} is required: send \`Authorization: Bearer <${what}>\`.`);
    }
    // Every credential is looked up as a key first, so that the time of a refusal does not say which kind it was taken for.
    const byKey = this.keys.find(offered);
    if (byKey) return byKey;
    if (!this.jwt || !JWT_SHAPE.test(offered)) return refused(this.jwt ? 'The credential is neither a valid key nor a JWT.' : 'The API key is not valid.');
    try {
      return await this.jwt.principalOf(offered);
    } catch (error) {
      if (error instanceof JwtRefusal) return refused(`The JWT is not accepted: ${error.message}.`);
      if (error instanceof JwtUnverifiable) return { kind: 'unverifiable', message: `The JWT cannot be verified now: ${error.message}. Try again shortly.` };
      throw error;
    }
  }
}

export const isFailure = (outcome: Principal | AuthenticationFailure): outcome is AuthenticationFailure => outcome.kind === 'refused' || outcome.kind === 'unverifiable';

const refused = (message: string): AuthenticationFailure => ({ kind: 'refused', message });
