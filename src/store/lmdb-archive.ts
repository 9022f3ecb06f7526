import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { open, type RootDatabase } from 'lmdb';
import type { WindowArchive } from './window-archive.js';

/** The file that holds the windows inside DATA_DIR (LMDB adds `windows.mdb-lock` beside it). */
export const ARCHIVE_FILE = 'windows.mdb';

/**
 * How long a write waits before its window is encoded: the operation whose answer brought the window
 * is then served (what is left of it after the answer, merging and serializing, takes a few dozen
 * milliseconds), and encoding a month of windows (45–100 ms here) does not delay it.
 */
const WRITE_DELAY_MS = 100;
/** Longest run of encoding and writing in one turn of the event loop, so that requests meanwhile wait little. */
const WRITE_SLICE_MS = 8;

/**
 * The embedded durable tier: one LMDB file under DATA_DIR. Reads are synchronous lookups in a
 * memory-mapped file (microseconds, no copy into the JS heap until asked), so the engine's
 * synchronous cache path stays synchronous. Every write is one value in an LMDB transaction, and LMDB
 * commits copy-on-write with a single root switch: a crash mid-write leaves the previous value or the
 * new one, never part of a window. lmdb-js batches the writes of one event-loop turn into one commit.
 */
export class LmdbWindowArchive implements WindowArchive {
  readonly tier = 'disk';
  /** Writes that failed (disk full, permissions): the window stays in memory and is fetched again after a restart. */
  writeFailures = 0;
  private readonly pending = new Set<Promise<void>>();
  /** Writes asked for and not made yet, by key, in the order asked. */
  private readonly unwritten = new Map<string, () => Uint8Array>();
  /** Written, and not committed by LMDB yet: what reads return meanwhile. */
  private readonly committing = new Map<string, Uint8Array>();
  private writing: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private closed = false;

  private constructor(
    private readonly db: RootDatabase<Buffer, string>,
    private readonly onWriteFailure: (error: unknown) => void,
    /** The file, which other threads open to read it (scan-pool/). */
    readonly path: string,
  ) {}

  /** Opens (creating it if needed) the archive in `dataDir`. Throws when the folder cannot be used. */
  static open(dataDir: string, onWriteFailure: (error: unknown) => void = () => undefined): LmdbWindowArchive {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, ARCHIVE_FILE);
    return new LmdbWindowArchive(open<Buffer, string>({ path, encoding: 'binary' }), onWriteFailure, path);
  }

  read(key: string): Uint8Array | undefined {
    const unwritten = this.unwritten.get(key);
    // Stored now, since it is wanted: the bytes are made once.
    if (unwritten) return this.writeNow(key, unwritten);
    return this.committing.get(key) ?? this.db.getBinary(key) ?? undefined;
  }

  has(key: string): boolean {
    return this.unwritten.has(key) || this.committing.has(key) || this.db.doesExist(key);
  }

  /** Made and stored after WRITE_DELAY_MS, a slice of the event loop at a time; a later write of the same key replaces it. */
  write(key: string, bytes: () => Uint8Array): void {
    if (this.closed) return;
    this.unwritten.delete(key);
    this.unwritten.set(key, bytes);
    this.writing ??= setTimeout(() => this.writeSlice(), WRITE_DELAY_MS).unref();
  }

  remove(key: string): void {
    if (this.closed) return;
    this.unwritten.delete(key);
    this.committing.delete(key);
    this.track(this.db.remove(key));
  }

  /**
   * Adds one to the counter at `key` if it is below `limit`, in one synchronous write transaction
   * (a count survives a crash once this returns); the count after, or null when it was at the limit.
   */
  countUp(key: string, limit: number): number | null {
    return this.db.transactionSync(() => {
      const count = this.count(key);
      if (count >= limit) return null;
      const next = Buffer.alloc(4);
      next.writeUInt32LE(count + 1);
      this.db.putSync(key, next);
      return count + 1;
    });
  }

  /** Stores `value` at the counter `key` if it holds less (a count kept beside another one, the larger winning). */
  raise(key: string, value: number): void {
    this.db.transactionSync(() => {
      if (this.count(key) >= value) return;
      const next = Buffer.alloc(4);
      next.writeUInt32LE(value);
      void this.db.put(key, next);
    });
  }

  count(key: string): number {
    const stored = this.db.getBinary(key);
    return stored?.length === 4 ? stored.readUInt32LE(0) : 0;
  }

  /** Pages in use (data and index) times the page size: what the windows take on disk. */
  bytes(): number {
    const stats = this.db.getStats() as { pageSize: number; treeBranchPageCount: number; treeLeafPageCount: number; overflowPages: number };
    return stats.pageSize * (stats.treeBranchPageCount + stats.treeLeafPageCount + stats.overflowPages);
  }

  async flushed(): Promise<void> {
    this.writeUnwritten(Infinity);
    await Promise.all(this.pending);
    await this.db.flushed;
  }

  async drained(): Promise<void> {
    const asked = new Set(this.unwritten.keys());
    const waiting = () => [...asked].some((key) => this.unwritten.has(key));
    while (waiting()) await new Promise((resolve) => setTimeout(resolve, WRITE_DELAY_MS));
    await Promise.all(this.pending);
    await this.db.flushed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushed();
    await this.db.close();
  }

  private writeSlice(): void {
    this.writing = undefined;
    this.writeUnwritten(performance.now() + WRITE_SLICE_MS);
    if (this.unwritten.size > 0) this.writing = setImmediate(() => this.writeSlice()).unref();
  }

  /** Makes and stores the writes asked for, oldest first, until `deadline` (performance.now()). */
  private writeUnwritten(deadline: number): void {
    for (const [key, bytes] of this.unwritten) {
      if (performance.now() >= deadline) return;
      this.writeNow(key, bytes);
    }
  }

  private writeNow(key: string, make: () => Uint8Array): Uint8Array {
    this.unwritten.delete(key);
    const bytes = make();
    // Read from here until LMDB has committed it: a put is seen by reads only once its batch commits.
    this.committing.set(key, bytes);
    const put = this.db.put(key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    void put.finally(() => {
      if (this.committing.get(key) === bytes) this.committing.delete(key);
    }).catch(() => undefined);
    this.track(put);
    return bytes;
  }

  private track(write: Promise<unknown>): void {
    const settled = write.then(
      () => undefined,
      (error: unknown) => {
        this.writeFailures += 1;
        this.onWriteFailure(error);
      },
    );
    this.pending.add(settled);
    // Not awaited here (`flushed` awaits the pending writes): `settled` handed its failure to onWriteFailure.
    void settled.finally(() => this.pending.delete(settled));
  }
}
