import { ZoneClock } from '../src/domain/time/zone-clock.js';
import { readCdrBody } from '../src/upstream/cdr-response.js';
import { CdrDataset } from '../simulator/dataset.js';
import { medianMs, type BenchRow } from './measure.js';

const ROWS = 100_000;

/**
 * Cold ingestion: parse + validate + normalize a 100,000-row cdr_1 response into columns, against a plain
 * JSON.parse of the same bytes. Target: normalization costs at most 3× JSON.parse.
 */
export async function ingestBench(): Promise<BenchRow[]> {
  const timeZone = 'America/Bogota';
  const dataset = new CdrDataset({ seed: 11, callsPerDay: 25_000, timeZone });
  const from = Date.parse('2025-03-03T00:00:00-05:00');
  const rows = dataset.callsBetween({ from, to: from + 5 * 24 * 3600_000 }).slice(0, ROWS).map((c) => c.row);
  const body = JSON.stringify({ code: 200, error: null, msg: `${rows.length} records were found`, data: rows });
  const clock = new ZoneClock(timeZone);

  const parseMs = await medianMs(() => JSON.parse(body));
  const ingestMs = await medianMs(() => {
    const result = readCdrBody(body, clock);
    if (result.calls.length !== rows.length) throw new Error('ingestion lost rows');
  });
  const perSecond = (ms: number) => `${Math.round(rows.length / (ms / 1000)).toLocaleString('en-US')} rows/s`;
  const scenario = `ingest ${rows.length.toLocaleString('en-US')} rows (${(body.length / 1e6).toFixed(1)} MB)`;
  return [
    { scenario, measure: 'JSON.parse alone', value: `${parseMs.toFixed(0)} ms, ${perSecond(parseMs)}` },
    { scenario, measure: 'parse + validate + normalize', value: `${ingestMs.toFixed(0)} ms, ${perSecond(ingestMs)}` },
    { scenario, measure: 'ratio to JSON.parse', value: `${(ingestMs / parseMs).toFixed(2)}×`, target: '≤ 3×' },
  ];
}
