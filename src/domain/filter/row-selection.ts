import type { CallColumns } from '../columns/call-columns.js';
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
 * Picks the rows of a window that pass a filter, as an ascending list of row numbers. Each test is
 * one tight loop over typed arrays (row-checks.ts): the first test of a conjunction reads the range
 * itself, the next ones narrow its list in place; the alternatives of a disjunction mark the rows
 * they keep, and the marked rows are gathered. Keeps its buffers from window to window, so a scan
 * allocates nothing per row; one selector per scan.
 */
export class RowSelector {
  /** Lists and marks, one of each per depth of nested disjunctions, grown to the largest window met. */
  private readonly lists: Uint32Array[] = [];
  private readonly marks: Uint8Array[] = [];

  constructor(private readonly tree: FilterTree) {}

  /** The rows of [first, end) that pass, ascending; the array is reused by the next call. */
  select(columns: CallColumns, first: number, end: number): Uint32Array {
    const out = this.list(0, columns.length);
    const { tree } = this;
    let count: number;
    if (tree.kind === 'test') count = tree.test.narrowing(columns, tree.negated).narrowRange(first, end, out);
    else if (tree.kind === 'all' && tree.of[0]?.kind === 'test') {
      const head = tree.of[0];
      count = head.test.narrowing(columns, head.negated).narrowRange(first, end, out);
      for (let c = 1; c < tree.of.length && count > 0; c += 1) count = this.run(tree.of[c]!, columns, out, 0, count, out, 1);
    } else {
      for (let row = first; row < end; row += 1) out[row - first] = row;
      count = this.run(tree, columns, out, 0, end - first, out, 1);
    }
    return out.subarray(0, count);
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
    const marks = this.mark(depth, to - from);
    for (const alternative of node.of) {
      if (alternative.kind === 'test') alternative.test.narrowing(columns, alternative.negated).mark(input, from, to, marks);
      else markKept(input, from, to, this.list(depth, columns.length), this.run(alternative, columns, input, from, to, this.list(depth, columns.length), depth + 1), marks);
    }
    let k = 0;
    for (let j = from; j < to; j += 1) {
      out[k] = input[j]!;
      k += marks[j - from]!;
    }
    return k;
  }

  private list(depth: number, length: number): Uint32Array {
    let list = this.lists[depth];
    if (!list || list.length < length) this.lists[depth] = list = new Uint32Array(length);
    return list;
  }

  /** Marks for `length` rows, all 0. */
  private mark(depth: number, length: number): Uint8Array {
    let marks = this.marks[depth];
    if (!marks || marks.length < length) this.marks[depth] = marks = new Uint8Array(length);
    else marks.fill(0, 0, length);
    return marks;
  }
}

/** Marks the rows of `input[from..to)` that are in `kept` (`count` of them, in the same order). */
function markKept(input: Uint32Array, from: number, to: number, kept: Uint32Array, count: number, marks: Uint8Array): void {
  let p = 0;
  for (let j = from; j < to && p < count; j += 1) {
    if (input[j] === kept[p]) {
      marks[j - from] = 1;
      p += 1;
    }
  }
}
