import { cpus, totalmem } from 'node:os';
import { boundsBench } from './bounds.js';
import { cacheHeapBench } from './cache-heap.js';
import { dashboardBench } from './dashboard.js';
import { durableBench } from './durable.js';
import { ingestBench } from './ingest.js';
import { loadBench } from './load.js';
import { mirrorBench } from './mirror.js';
import { printTable, type BenchRow } from './measure.js';
import { peersBench } from './peers.js';
import { reportsBench } from './reports.js';
import { replicasBench } from './replicas.js';
import { yearBench } from './year.js';
import { historyCostsBench } from './history-costs.js';
import { scansBench } from './scans.js';
import { scopesBench } from './scopes.js';

/** Every suite, in the order a whole run takes them; `npm run bench -- reports load` runs just those. */
const SUITES: Record<string, () => Promise<BenchRow[]>> = {
  ingest: ingestBench,
  dashboard: dashboardBench,
  reports: reportsBench,
  scopes: scopesBench,
  peers: peersBench,
  'cache-heap': cacheHeapBench,
  durable: durableBench,
  replicas: replicasBench,
  mirror: mirrorBench,
  load: loadBench,
  year: () => yearBench(),
  'history-costs': historyCostsBench,
  bounds: boundsBench,
  scans: scansBench,
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in SUITES));
if (unknown.length > 0) {
  console.error(`unknown bench suite(s): ${unknown.join(', ')}; the suites are: ${Object.keys(SUITES).join(', ')}`);
  process.exit(2);
}
const rows: BenchRow[] = [];
for (const [name, suite] of Object.entries(SUITES)) {
  if (asked.length > 0 && !asked.includes(name)) continue;
  // Progress on stderr, so that a whole run (about 4 minutes) is never silent for long.
  const started = performance.now();
  console.error(`[bench] ${name}…`);
  rows.push(...(await suite()));
  console.error(`[bench] ${name} done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
console.log(`node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`);
printTable(rows);
process.exit(0);
