/**
 * A durable tier's storage: stored windows (see window-codec.ts) by key. It knows bytes only; what
 * they mean, and whether they may be served, is the tiered store's business.
 */
export interface WindowArchive {
  /** The tier's name in metrics and logs. */
  readonly tier: string;
  read(key: string): Uint8Array | undefined;
  /** Whether something is stored under `key`, without reading it. */
  has(key: string): boolean;
  /**
   * Stores what `bytes` makes under `key`, whole or not at all; failures are reported, never thrown at
   * the caller. The bytes may be made later (see the archive), and are made once; until they are stored,
   * `read` gives them.
   */
  write(key: string, bytes: () => Uint8Array): void;
  remove(key: string): void;
  /** Bytes the tier occupies (for `/metrics` and the bench). */
  bytes(): number;
  /** Resolves when every write so far is durable: those not made yet are made at once. */
  flushed(): Promise<void>;
  /**
   * Resolves when every write asked so far is durable, made in the archive's own slices of the event
   * loop: for background work that must not report something stored before it is (the history mirror's
   * held days), without taking the loop to write everything queued at once as `flushed` does.
   */
  drained(): Promise<void>;
  close(): Promise<void>;
}
