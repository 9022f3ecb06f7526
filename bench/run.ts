import { cpus, totalmem } from 'node:os';
import { cacheHeapBench } from './cache-heap.js';
import { dashboardBench } from './dashboard.js';
import { durableBench } from './durable.js';
import { ingestBench } from './ingest.js';
import { loadBench } from './load.js';
import { printTable, type BenchRow } from './measure.js';
import { peersBench } from './peers.js';
import { reportsBench } from './reports.js';
import { replicasBench } from './replicas.js';

const rows: BenchRow[] = [...(await ingestBench()), ...(await dashboardBench()), ...(await reportsBench()), ...(await peersBench()), ...(await cacheHeapBench()), ...(await durableBench()), ...(await replicasBench()), ...(await loadBench())];
console.log(`node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB`);
printTable(rows);
process.exit(0);
