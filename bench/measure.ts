import { performance } from 'node:perf_hooks';

/** Collects garbage left by the previous run when node runs with --expose-gc (npm run bench does). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * The heap in use once garbage is collected and swept: the sweep runs concurrently after a collection,
 * so the figure is read after a pause.
 */
export async function settledHeapUsed(): Promise<number> {
  for (let i = 0; i < 2; i += 1) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return process.memoryUsage().heapUsed;
}

/**
 * Median wall time of `runs` calls of `task`, after `warmup` unmeasured ones. `cleanHeap` collects
 * garbage before each run: right for big batch work (a parse of 45 MB), wrong for request latency,
 * which a server serves on a warm heap.
 */
export async function medianMs(task: () => unknown, runs = 9, warmup = 2, cleanHeap = true): Promise<number> {
  for (let i = 0; i < warmup; i += 1) await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    if (cleanHeap) collectGarbage();
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export interface BenchRow {
  readonly scenario: string;
  readonly measure: string;
  readonly value: string;
  readonly target?: string;
}

export function printTable(rows: readonly BenchRow[]): void {
  const header = ['scenario', 'measure', 'value', 'target'];
  const cells = rows.map((r) => [r.scenario, r.measure, r.value, r.target ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}
