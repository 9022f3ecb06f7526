import { createHash, timingSafeEqual } from 'node:crypto';

/** A key as it is stored and compared: its SHA-256 digest. */
export const keyDigest = (key: string): Buffer => createHash('sha256').update(key).digest();

/**
 * Keys by digest, each naming a value (a principal, or just "accepted"). A key is found by comparing
 * its digest with every stored one in constant time, so neither a key's content nor its length, nor
 * which entry matched, shows in the time a lookup takes.
 */
export class KeyRing<T> {
  constructor(private readonly entries: readonly { readonly digest: Buffer; readonly value: T }[]) {}

  get size(): number {
    return this.entries.length;
  }

  find(key: string): T | null {
    const offered = keyDigest(key);
    let found: T | null = null;
    for (const entry of this.entries) if (timingSafeEqual(entry.digest, offered)) found = entry.value;
    return found;
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerOf(authorization: string | null | undefined): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? null;
}
