import { createHash, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../secret.js';

/**
 * The client keys this server accepts as `Authorization: Bearer <key>`. Keys are compared as SHA-256
 * digests with a constant-time comparison against every key, so neither a key's content nor its
 * length shows in the time an answer takes.
 */
export class ApiKeys {
  private readonly digests: readonly Buffer[];

  constructor(keys: readonly Secret[]) {
    this.digests = keys.map((key) => digest(key.reveal()));
  }

  get required(): boolean {
    return this.digests.length > 0;
  }

  accepts(authorization: string | undefined): boolean {
    return this.principalOf(authorization) !== null;
  }

  /**
   * Who an accepted key is, as a name that can be logged and counted by: `key:` and the first 16 hex
   * digits of its SHA-256 digest (which say nothing of the key). Null when the key is not accepted.
   */
  principalOf(authorization: string | undefined): string | null {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const offered = digest(match?.[1] ?? '');
    let accepted: Buffer | null = null;
    // Every key is compared, whichever matches, so that the time taken says nothing of which did.
    for (const known of this.digests) if (timingSafeEqual(known, offered)) accepted = known;
    return accepted && match ? `key:${accepted.subarray(0, 8).toString('hex')}` : null;
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest();
