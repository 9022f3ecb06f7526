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
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const offered = digest(match?.[1] ?? '');
    let accepted = false;
    for (const known of this.digests) accepted = timingSafeEqual(known, offered) || accepted;
    return accepted && match !== null;
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest();
