import { describe, expect, it } from 'vitest';
import { CallColumns } from '../../src/domain/columns/call-columns.js';
import { columnsOf } from '../../src/domain/columns/call-columns-builder.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { readCdrBody } from '../../src/upstream/cdr-response.js';
import { CdrDataset } from '../../simulator/dataset.js';
import { recordsOf } from '../support/records.js';

const clock = new ZoneClock('America/Bogota');
const dataset = new CdrDataset({ seed: 7, callsPerDay: 6000, timeZone: 'America/Bogota' });
const day = { from: Date.parse('2025-03-04T00:00:00-05:00'), to: Date.parse('2025-03-05T00:00:00-05:00') };
const answer = (rows: unknown[]) => JSON.stringify({ code: 200, error: null, msg: 'ok', data: rows });
const rows = dataset.callsBetween(day).map((call) => call.row);

/** What a reader sees of columns: every leg, and the distinct texts each dictionary holds. */
const contentOf = (columns: CallColumns) => ({ records: recordsOf(columns), tables: Object.values(columns.tables).map((table) => table.values) });

describe('columns built straight from an answer', () => {
  const read = readCdrBody(answer(rows), clock).calls;

  it('equal the columns built from their records', () => {
    expect(read.length).toBe(rows.length);
    expect(contentOf(columnsOf(recordsOf(read)))).toEqual(contentOf(read));
  });

  it('hold the legs in (date, id) order whatever order wolkvox sent them in', () => {
    const shuffled = rows.map((row, i) => ({ row, key: (i * 7919) % rows.length })).sort((a, b) => a.key - b.key).map(({ row }) => row);
    const records = recordsOf(read);
    expect(records.every((call, i) => i === 0 || records[i - 1]!.date < call.date || (records[i - 1]!.date === call.date && records[i - 1]!.id < call.id))).toBe(true);
    expect(contentOf(readCdrBody(answer(shuffled), clock).calls)).toEqual(contentOf(read));
  });

  it('give each window of the answer the same columns as that window asked for alone, without the texts it does not use', () => {
    for (const start of ['10:00', '11:00', '10:00', '22:00']) {
      const from = Date.parse(`2025-03-04T${start}:00-05:00`);
      const hour = { from, to: from + 3_600_000 };
      const alone = readCdrBody(answer(dataset.callsBetween(hour).map((call) => call.row)), clock).calls;
      const gathered = read.slice(read.rowAt(hour.from), read.rowAt(hour.to));
      expect(gathered.length).toBeGreaterThan(0);
      expect(contentOf(gathered)).toEqual(contentOf(alone));
    }
  });

  it('join the runs of several answers that share a window into one', () => {
    const middle = read.rowAt(Date.parse('2025-03-04T12:00:00-05:00'));
    const joined = CallColumns.gather([read, read].map((columns, i) => ({ columns, rows: Uint32Array.from({ length: i === 0 ? middle : read.length - middle }, (_, k) => (i === 0 ? k : middle + k)) })));
    expect(contentOf(joined)).toEqual(contentOf(read));
  });
});
