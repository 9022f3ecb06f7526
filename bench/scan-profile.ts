import { performance } from 'node:perf_hooks';
import { buildReport } from '../src/domain/call-report.js';
import { ZoneClock } from '../src/domain/zone-clock.js';
import { CallFeed, sharedFeed } from '../src/feed/call-feed.js';
import { FreshnessPolicy } from '../src/feed/freshness.js';
import { WindowEngine } from '../src/feed/window-engine.js';
import { WindowStore } from '../src/feed/window-store.js';
import { Secret } from '../src/secret.js';
import { WolkvoxClient } from '../src/upstream/wolkvox-client.js';
import { startSimulatorProcess } from './simulator-process.js';
import { LEGS_PER_DAY, TOKEN, ZONE } from './reports.js';

const simulator = await startSimulatorProcess({ token: TOKEN, callsPerDay: LEGS_PER_DAY, timeZone: ZONE });
const clock = new ZoneClock(ZONE);
const client = new WolkvoxClient({ origin: simulator.url, token: new Secret(TOKEN), clock });
const engine = new WindowEngine({ source: client, store: new WindowStore(2_000_000), freshness: new FreshnessPolicy({ refreshMs: 300_000, settleMs: 7_200_000 }), maxRequestSpanMs: 2 * 86_400_000 });
const shared = sharedFeed(engine, clock, 'hour');
const instants = { from: Date.parse('2025-03-01T00:00:00-05:00'), to: Date.parse('2025-03-31T00:00:00-05:00') };
const { units } = await new CallFeed(shared).callsIn(instants);
simulator.stop();
await client.close();
const composed = { range: instants, filter: { not: { countries: ['CO'] }, anyOf: [{ hangUps: ['agent'] }, { durationSeconds: { min: 120 } }] }, dimensions: ['DESTINY'] as const };
const plain = { range: instants, filter: {}, dimensions: ['CAMPAIGN', 'DAY'] as const };
const time = (label: string, task: () => unknown, runs: number) => {
  for (let i = 0; i < Math.min(runs, 5); i += 1) task();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) { const t = performance.now(); task(); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(`${label}: median ${times[runs >> 1]!.toFixed(2)} ms, min ${times[0]!.toFixed(2)} ms`);
};
if (process.env.STATS) {
  const { countryCodes } = await import('../src/domain/derived-columns.js');
  let n = 0, co = 0, agent = 0, long = 0, billedNaN = 0, costNaN = 0, maxRows = 0, destinies = 0, hangs = 0;
  for (const unit of units) for (const view of unit.parts) {
    const c = view.columns; const cc = countryCodes(c); maxRows = Math.max(maxRows, c.length);
    destinies += c.tables.destiny.values.length; hangs += c.tables.hangUp.values.length;
    for (let i = 0; i < c.length; i += 1) {
      n += 1; if (cc.valueOf(cc.codes[i]!) === 'CO') co += 1; if (c.text('hangUp', i) === 'agent') agent += 1;
      if (c.durationSeconds[i]! >= 120) long += 1; if (Number.isNaN(c.billedMicros[i]!)) billedNaN += 1; if (Number.isNaN(c.costMicros[i]!)) costNaN += 1;
    }
  }
  console.log({ n, co: co / n, agent: agent / n, long: long / n, billedNaN, costNaN, maxRows, destinies, hangs });
}
const runs = Number(process.env.RUNS ?? 30);
const r = buildReport(units, composed, clock);
console.log('composed calls', r.total.calls, 'groups', r.groups.length, 'scanned', r.scannedWindows);
time('composed (scan)', () => buildReport(units, composed, clock), runs);
time('destiny summaries', () => buildReport(units, { ...composed, filter: {} }, clock), runs * 3);
time('CAMPAIGN,DAY scan', () => buildReport(units, plain, clock, 'scan'), runs);
time('DESTINY scan unfiltered', () => buildReport(units, { ...composed, filter: {} }, clock, 'scan'), runs);
process.exit(0);
