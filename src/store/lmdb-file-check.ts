import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/*
 * LMDB trusts its file: it maps it into memory and follows the page numbers its meta pages hold. A
 * damaged meta page sends it to an address outside the map (SIGSEGV at start-up), and a file shorter
 * than the pages it points to faults on the first read past its end (SIGBUS), both beyond anything
 * JavaScript can catch. So the file is checked first, with plain reads that fail with an error
 * instead of faulting, against the layout of lmdb-js' LMDB (dependencies/lmdb/libraries/liblmdb/mdb.c,
 * the mdb.master3 branch): every page starts with MDB_page_header (p_pgno and mh_txnid, 8 bytes
 * each; mh_pad and mh_flags, 2 each; lower/upper, 4), pages 0 and 1 hold an MDB_meta after it, and
 * with lmdb-js' overlapping sync a third copy sits half a page in (read by mdb_env_read_header).
 */
const PAGE_HEADER_BYTES = 24;
const FLAGS_OFFSET = 18;
const P_BRANCH = 0x01;
const P_LEAF = 0x02;
const P_META = 0x08;
const MDB_MAGIC = 0xbeefc0de;
const MDB_DATA_VERSION = 2;
/** MDB_meta: magic (4), version (4), address (8), map size (8), two MDB_db of 48 bytes, last page (8), txn id (8). */
const META = { magic: 0, version: 4, freeDb: 24, mainDb: 72, lastPage: 120, txnId: 128, bytes: 136 } as const;
/** MDB_db: pad (4; the page size in the free DB of a meta), flags (2), depth (2), branch, leaf and overflow page counts, entries, root (8 each). */
const DB = { pad: 0, depth: 6, branchPages: 8, leafPages: 16, overflowPages: 24, root: 40 } as const;
/** A tree with no root. */
const P_INVALID = 0xffff_ffff_ffff_ffffn;
/** LMDB's page sizes: powers of two from 512 bytes (MDB_MIN_PAGESIZE) to 64 KiB (MAX_PAGESIZE). */
const MIN_PAGE_SIZE = 512;
const MAX_PAGE_SIZE = 65_536;
/** Deeper than any tree of 2^64 pages: a larger depth is garbage. */
const MAX_DEPTH = 64;

interface Meta {
  readonly txnId: bigint;
  readonly lastPage: bigint;
  readonly roots: readonly bigint[];
  readonly usedPages: bigint;
  readonly depths: readonly number[];
}

/**
 * Why the LMDB file at `path` cannot be opened safely, or null when it can (it is absent or empty,
 * and LMDB makes a new one, or its meta pages are intact and everything they point to lies inside the
 * file). Only checks what can be checked without reading every page: the meta pages, the file's size
 * against them, and the headers of the newest roots.
 */
export function lmdbFileDamage(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return null;
    return damageOf(new FileReader(fd, size));
  } finally {
    closeSync(fd);
  }
}

function damageOf(file: FileReader): string | null {
  const head = file.read(0, PAGE_HEADER_BYTES + META.bytes);
  if (!head) return `shorter (${file.size} bytes) than a meta page`;
  const pageSize = head.readUInt32LE(PAGE_HEADER_BYTES + META.freeDb + DB.pad);
  const first = metaOf(head, 'the first meta page');
  if (typeof first === 'string') return first;
  if (!isPageSize(pageSize)) return `the first meta page names a page size of ${pageSize} bytes`;
  const pages = BigInt(Math.floor(file.size / pageSize));
  if (pages < 2n) return `shorter (${file.size} bytes) than its two meta pages of ${pageSize} bytes`;
  const secondPage = file.read(pageSize, PAGE_HEADER_BYTES + META.bytes)!;
  const second = metaOf(secondPage, 'the second meta page');
  if (typeof second === 'string') return second;
  if (secondPage.readUInt32LE(PAGE_HEADER_BYTES + META.freeDb + DB.pad) !== pageSize) return 'its two meta pages name different page sizes';
  const metas = [first, second];
  // The overlapping-sync copy carries no magic; LMDB takes it when its transaction id is the newest.
  const half = file.read(pageSize / 2, PAGE_HEADER_BYTES + META.bytes)!;
  if (half.readBigUInt64LE(PAGE_HEADER_BYTES + META.txnId) !== 0n) {
    if (half.readUInt32LE(PAGE_HEADER_BYTES + META.freeDb + DB.pad) !== pageSize) return 'its overlapping-sync meta names another page size';
    metas.push(fieldsOf(half.subarray(PAGE_HEADER_BYTES)));
  }
  for (const meta of metas) {
    const damage = outside(meta, pages);
    if (damage) return damage;
  }
  const newest = metas.reduce((a, b) => (b.txnId > a.txnId ? b : a));
  for (const root of newest.roots) {
    const header = file.read(Number(root) * pageSize, PAGE_HEADER_BYTES)!;
    if (header.readBigUInt64LE(0) !== root || (header.readUInt16LE(FLAGS_OFFSET) & (P_BRANCH | P_LEAF)) === 0) return `page ${root}, a root of its newest meta page, is not a tree page`;
  }
  return null;
}

/** The meta on a page (header included), or why it is not one. */
function metaOf(page: Buffer, name: string): Meta | string {
  if ((page.readUInt16LE(FLAGS_OFFSET) & P_META) === 0) return `${name} is not marked as a meta page`;
  const meta = page.subarray(PAGE_HEADER_BYTES);
  if (meta.readUInt32LE(META.magic) !== MDB_MAGIC) return `${name} lacks LMDB's magic number`;
  if ((meta.readUInt32LE(META.version) & 0xffff) !== MDB_DATA_VERSION) return `${name} is of another LMDB data version`;
  return fieldsOf(meta);
}

function fieldsOf(meta: Buffer): Meta {
  const dbs = [META.freeDb, META.mainDb];
  return {
    txnId: meta.readBigUInt64LE(META.txnId),
    lastPage: meta.readBigUInt64LE(META.lastPage),
    roots: dbs.map((db) => meta.readBigUInt64LE(db + DB.root)).filter((root) => root !== P_INVALID),
    usedPages: dbs.reduce((sum, db) => sum + meta.readBigUInt64LE(db + DB.branchPages) + meta.readBigUInt64LE(db + DB.leafPages) + meta.readBigUInt64LE(db + DB.overflowPages), 0n),
    depths: dbs.map((db) => meta.readUInt16LE(db + DB.depth)),
  };
}

/**
 * Whether a meta points outside the file. Its roots and every page its trees use were written before
 * it was, so they lie in the file; its last page need not (pages freed in the transaction that took
 * them are never written), so it bounds the roots only.
 */
function outside(meta: Meta, pages: bigint): string | null {
  if (meta.depths.some((depth) => depth > MAX_DEPTH)) return 'a meta page holds a tree deeper than any';
  for (const root of meta.roots) {
    if (root < 2n || root > meta.lastPage) return `a meta page names root page ${root}, outside its own pages`;
    if (root >= pages) return `a meta page names root page ${root}, but the file holds ${pages} pages (truncated?)`;
  }
  if (meta.usedPages + 2n > pages) return `a meta page counts ${meta.usedPages} pages in use, but the file holds ${pages} (truncated?)`;
  return null;
}

function isPageSize(bytes: number): boolean {
  return bytes >= MIN_PAGE_SIZE && bytes <= MAX_PAGE_SIZE && (bytes & (bytes - 1)) === 0;
}

/** Reads of a file by offset; null when the file ends first. */
class FileReader {
  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  read(offset: number, length: number): Buffer | null {
    if (offset + length > this.size) return null;
    const buffer = Buffer.alloc(length);
    return readSync(this.fd, buffer, 0, length, offset) === length ? buffer : null;
  }
}
