import { describe, expect, it } from 'vitest';
import { instantOfCallId } from '../../src/domain/model/call-id.js';
import { ZoneClock } from '../../src/domain/time/zone-clock.js';
import { readCdrBody } from '../../src/upstream/cdr-response.js';
import { UpstreamBadDataError } from '../../src/upstream/errors.js';
import { recordsOf } from '../support/records.js';

const clock = new ZoneClock('America/Bogota');

const row = (overrides: Record<string, unknown> = {}) => ({
  agent_name: 'Ana Gómez',
  date: '2025-03-04 10:22:11',
  destiny: 'Colombia Móvil',
  telephone: '573001234567',
  cost: '152.075',
  time_seg: '185',
  time_min: '3.1',
  cod_act: '400',
  cod_act_2: '-',
  description_cod_act: 'Venta realizada',
  description_cod_act_2: '',
  type_interaction: 'outbound_ma',
  customer_id: '1020304050',
  hang_up: 'customer',
  campaign_id: '3001',
  conn_id: '987654',
  skill_id: '',
  skill_name: '',
  agent_id: '1001',
  comment: '',
  ...overrides,
});

const body = (data: unknown, code: unknown = 200) => JSON.stringify({ code, error: null, msg: 'records were found', data });

describe('normalizing a cdr_1 row', () => {
  it('turns every field into the CallRecord shape, with exact decimals and the local date as an instant', () => {
    const { calls, rejected } = readCdrBody(body([row()]), clock);
    const records = recordsOf(calls);
    expect(rejected).toEqual([]);
    const [call] = records;
    expect(call).toMatchObject({
      connId: '987654',
      date: Date.parse('2025-03-04T10:22:11-05:00'),
      destiny: 'Colombia Móvil',
      telephone: '573001234567',
      durationSeconds: 185,
      codAct: '400',
      codAct2: null,
      descriptionCodAct: 'Venta realizada',
      descriptionCodAct2: null,
      type: 'OUTBOUND',
      typeRaw: 'outbound_ma',
      customerId: '1020304050',
      hangUp: 'customer',
      comment: null,
      agentId: '1001',
      agentName: 'Ana Gómez',
      campaignId: '3001',
      skillId: null,
      skillName: null,
    });
    expect(call?.cost).toBe('152.075');
    expect(call?.billedMinutes).toBe('3.1');
    expect(instantOfCallId(call!.id)).toBe(Date.parse('2025-03-04T10:22:11-05:00'));
  });

  it('maps each interaction type and keeps the raw text', () => {
    const types = ['inbound', 'outbound', 'outbound_ma', 'outbound_preview', 'internal', 'INBOUND ', 'callback'];
    const records = recordsOf(readCdrBody(body(types.map((type_interaction, i) => row({ type_interaction, conn_id: String(i) }))), clock).calls);
    expect(records.map((r) => [r.typeRaw, r.type])).toEqual([
      ['inbound', 'INBOUND'],
      ['outbound', 'OUTBOUND'],
      ['outbound_ma', 'OUTBOUND'],
      ['outbound_preview', 'OUTBOUND'],
      ['internal', 'INTERNAL'],
      ['INBOUND', 'INBOUND'],
      ['callback', 'OTHER'],
    ]);
  });

  it('reads the day-first 12-hour export date shape too', () => {
    const { calls } = readCdrBody(
      body([row({ date: '04/03/2025 10:22:11 p. m.' }), row({ date: '04/03/2025 12:05:00 a. m.' })]),
      clock,
    );
    // Legs come out in date order, whatever the order of the response.
    expect(recordsOf(calls).map((r) => new Date(r.date).toISOString())).toEqual(['2025-03-04T05:05:00.000Z', '2025-03-05T03:22:11.000Z']);
  });

  it('accepts a string code, a single-object data, numbers for text, and missing fields as empty', () => {
    const single = { ...row({ time_seg: 42, cost: 0.5 }) } as Record<string, unknown>;
    delete single.comment;
    const { calls, rejected } = readCdrBody(body(single, '200'), clock);
    const records = recordsOf(calls);
    expect(rejected).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ durationSeconds: 42, comment: null });
    expect(records[0]?.cost).toBe('0.5');
  });

  it('treats missing cost and duration as zero, and missing billed minutes as unknown', () => {
    const records = recordsOf(readCdrBody(body([row({ cost: '', time_seg: '-', time_min: '' })]), clock).calls);
    expect(records[0]?.cost).toBe('0');
    expect(records[0]?.durationSeconds).toBe(0);
    expect(records[0]?.billedMinutes).toBeNull();
  });

  it('keeps every leg that shares a conn_id, each with its own id', () => {
    const legs = [row({ agent_id: '1001' }), row({ agent_id: '1002', date: '2025-03-04 10:25:20' }), row({ agent_id: '1003' })];
    const records = recordsOf(readCdrBody(body(legs), clock).calls);
    expect(records).toHaveLength(3);
    expect(new Set(records.map((r) => r.id)).size).toBe(3);
  });

  it('gives identical rows distinct ids, and the same ids again whatever the order of the response', () => {
    const rows = [row(), row(), row({ conn_id: '1' }), row()];
    const first = recordsOf(readCdrBody(body(rows), clock).calls).map((r) => r.id);
    const again = recordsOf(readCdrBody(body([...rows].reverse()), clock).calls).map((r) => r.id);
    expect(new Set(first).size).toBe(4);
    expect(new Set(again)).toEqual(new Set(first));
  });

  it('gives legs that share an instant and a conn_id the ids it gave them when it built a CallRecord per leg', () => {
    const legs = [row({ cost: '152.0750' }), row({ cost: '152.0750', agent_id: '1002' }), row({ cost: '152.0750' }), row({ cost: '152.0750', conn_id: '1' }), row({ cost: '152.0750', date: '2025-03-04 10:22:10' })];
    const ids = recordsOf(readCdrBody(body(legs), clock).calls).map((r) => r.id);
    // Derived by that reader from these very rows: a client holding one finds the same leg by it.
    expect(new Set(ids)).toEqual(
      new Set(['1741101731.987654.YIMbZoF4vBgr', '1741101731.987654._-XPYeNKI3FU', '1741101731.987654.YIMbZoF4vBgr.1', '1741101731.1', '1741101730.987654']),
    );
  });

  it('orders legs of one second by id the same whether wolkvox sent them in date order or not', () => {
    const legs = [
      row({ date: '2025-03-04 10:22:10' }), row({ conn_id: '9', cost: '0.0000001' }), row({ conn_id: '10' }), row(), row({ agent_id: '1002', time_min: '1.12345678' }), row(),
      row({ conn_id: '1' }), row({ date: '2025-03-04 10:22:12' }),
    ];
    const inOrder = recordsOf(readCdrBody(body(legs), clock).calls);
    const reversed = recordsOf(readCdrBody(body([...legs].reverse()), clock).calls);
    expect(inOrder).toEqual(reversed);
    expect(inOrder.map((r) => r.id)).toEqual([...inOrder.map((r) => r.id)].sort((a, b) => Number(a.split('.')[0]) - Number(b.split('.')[0]) || (a < b ? -1 : a > b ? 1 : 0)));
    expect(inOrder.find((r) => r.connId === '9')?.cost).toBe('0.0000001');
    expect(inOrder.find((r) => r.agentId === '1002')?.billedMinutes).toBe('1.12345678');
  });

  it('rejects an unreadable row with the reason and keeps the rest of the window', () => {
    const rows = [row(), row({ date: 'yesterday', cost: 'N/A' }), row({ time_seg: '-5' }), row({ date: '2025-02-30 10:00:00' }), 'not a row'];
    const { calls, rejected, rowCount } = readCdrBody(body(rows), clock);
    expect(rowCount).toBe(5);
    expect(calls.length).toBe(1);
    expect(rejected.map((r) => r.index)).toEqual([1, 2, 3, 4]);
    expect(rejected[0]?.reason).toMatch(/date: not a date in a known format: "yesterday".*cost: not a decimal number: "N\/A"/);
    expect(rejected[1]?.reason).toMatch(/time_seg: not a whole number of seconds/);
    expect(rejected[3]?.row).toBe('not a row');
  });

  it('reads an empty data list or a null data as no rows', () => {
    expect(readCdrBody(body([]), clock).rowCount).toBe(0);
    expect(readCdrBody(body(null), clock).rowCount).toBe(0);
  });

  it('refuses a body that is not JSON or not the envelope with UPSTREAM_BAD_DATA', () => {
    expect(() => readCdrBody('{"code":200,"data":[{"agent', clock)).toThrow(UpstreamBadDataError);
    expect(() => readCdrBody('"hello"', clock)).toThrow(UpstreamBadDataError);
    expect(() => readCdrBody(JSON.stringify({ code: 200, data: 'rows' }), clock)).toThrow(
      expect.objectContaining({ code: 'UPSTREAM_BAD_DATA' }),
    );
  });
});
