import type { CallColumns } from './call-columns.js';
import type { RowTest } from './row-checks.js';

/**
 * A filter as conjunctions and disjunctions of tests, with every `not` pushed down to the tests
 * (De Morgan): evaluating it then only narrows a list of rows (a conjunction, test after test) or
 * unites lists (a disjunction), never complements one. An empty conjunction keeps every row, an
 * empty disjunction none (`anyOf: []`).
 */
export type FilterTree =
  | { readonly kind: 'all'; readonly of: readonly FilterTree[] }
  | { readonly kind: 'any'; readonly of: readonly FilterTree[] }
  | { readonly kind: 'test'; readonly test: RowTest; readonly negated: boolean };

/** `kind` of `nodes`, flattened; a conjunction's tests cheapest first, then its disjunctions. */
export function combine(kind: 'all' | 'any', nodes: readonly FilterTree[]): FilterTree {
  const of = nodes.flatMap((node) => (node.kind === kind ? node.of : [node]));
  if (of.length === 1) return of[0]!;
  return { kind, of: kind === 'all' ? [...of].sort((a, b) => costOf(a) - costOf(b)) : of };
}

const costOf = (node: FilterTree): number => (node.kind === 'test' ? node.test.cost : Infinity);

/**
 * Picks the rows of a window that pass a filter, as an ascending list of row numbers: each test is
 * one tight loop over typed arrays (row-checks.ts), a conjunction narrows one list in place, a disjunction
 * stamps what each alternative keeps and gathers the stamped rows. Keeps its buffers from window to
 * window, so a scan allocates nothing per row; one selector per scan.
 */
export class RowSelector {
  /** One list per depth of nested disjunctions, grown to the largest window met. */
  private readonly buffers: Uint32Array[] = [];
  /** By row: the number of the last disjunction that kept it. */
  private stamps = new Uint32Array(0);
  private stamp = 0;

  constructor(private readonly tree: FilterTree) {}

  /** The rows of [first, end) that pass, ascending; the array is reused by the next call. */
  select(columns: CallColumns, first: number, end: number): Uint32Array {
    const out = this.buffer(0, columns.length);
    const all = rowNumbers(columns.length);
    return out.subarray(0, this.run(this.tree, columns, all, first, end, out, 1));
  }

  private run(node: FilterTree, columns: CallColumns, input: Uint32Array, from: number, to: number, out: Uint32Array, depth: number): number {
    if (node.kind === 'test') return node.test.narrowing(columns, node.negated).narrow(input, from, to, out);
    if (node.kind === 'all') {
      if (node.of.length === 0) {
        out.set(input.subarray(from, to));
        return to - from;
      }
      let count = this.run(node.of[0]!, columns, input, from, to, out, depth);
      for (let c = 1; c < node.of.length && count > 0; c += 1) count = this.run(node.of[c]!, columns, out, 0, count, out, depth);
      return count;
    }
    const stamp = this.nextStamp(columns.length);
    const stamps = this.stamps;
    const kept = this.buffer(depth, columns.length);
    for (const alternative of node.of) {
      const count = this.run(alternative, columns, input, from, to, kept, depth + 1);
      for (let j = 0; j < count; j += 1) stamps[kept[j]!] = stamp;
    }
    let k = 0;
    for (let j = from; j < to; j += 1) {
      const row = input[j]!;
      out[k] = row;
      if (stamps[row] === stamp) k += 1;
    }
    return k;
  }

  private buffer(depth: number, length: number): Uint32Array {
    let buffer = this.buffers[depth];
    if (!buffer || buffer.length < length) this.buffers[depth] = buffer = new Uint32Array(length);
    return buffer;
  }

  /** A number no row holds yet (stamps of earlier windows and disjunctions are all smaller). */
  private nextStamp(length: number): number {
    if (this.stamps.length < length) this.stamps = new Uint32Array(length);
    if (this.stamp === 0xffff_ffff) {
      this.stamps.fill(0);
      this.stamp = 0;
    }
    return (this.stamp += 1);
  }
}

/** 0, 1, 2, …: the rows of a window before any test; shared and never written. */
let ROW_NUMBERS = new Uint32Array(0);

function rowNumbers(length: number): Uint32Array {
  if (ROW_NUMBERS.length < length) {
    ROW_NUMBERS = new Uint32Array(Math.max(length, 2 * ROW_NUMBERS.length));
    for (let i = 0; i < ROW_NUMBERS.length; i += 1) ROW_NUMBERS[i] = i;
  }
  return ROW_NUMBERS;
}
