import { bearerOf, keyDigest, KeyRing } from '../access/key-ring.js';
import type { Secret } from '../secret.js';

/** A set of keys accepted as `Authorization: Bearer <key>` (TRUSTED_DEVELOPER_KEYS), compared by digest in constant time (access/key-ring.ts). */
export class ApiKeys {
  private readonly ring: KeyRing<true>;

  constructor(keys: readonly Secret[]) {
    this.ring = new KeyRing(keys.map((key) => ({ digest: keyDigest(key.reveal()), value: true as const })));
  }

  get required(): boolean {
    return this.ring.size > 0;
  }

  accepts(authorization: string | undefined): boolean {
    const offered = bearerOf(authorization);
    return this.ring.find(offered ?? '') !== null && offered !== null;
  }
}
