import { dashboardBench } from './dashboard.js';
import { ingestBench } from './ingest.js';
import { printTable, type BenchRow } from './measure.js';

const rows: BenchRow[] = [...(await ingestBench()), ...(await dashboardBench())];
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
printTable(rows);
