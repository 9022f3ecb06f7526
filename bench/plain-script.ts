import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import type { TimeRange } from '../src/domain/time/time-range.js';
import type { ZoneClock } from '../src/domain/time/zone-clock.js';
import { parseRowDate, wireWindow } from '../src/upstream/wire-dates.js';
import { CDR_REPORT, MAX_ROWS_PER_RESPONSE, REPORT_PATH } from '../src/upstream/wolkvox-protocol.js';
import { exactSum } from '../test/support/oracle.js';
import type { CampaignDayAnswer, DashboardAnswer, Totals } from './peer-answers.js';

/** The fields of a `cdr_1` row the questions need. */
interface Row {
  readonly date: string;
  readonly cost: string;
  readonly agent_id: string;
  readonly campaign_id: string;
  readonly conn_id: string;
}

const MAX_ATTEMPTS = 10;
const FIRST_PAUSE_MS = 250;
const LONGEST_PAUSE_MS = 4_000;

/**
 * What a careful user would write instead of this graph: one GET per question range (halved while an
 * answer reaches the row cap), exact sums with BigInt, and a 403 "simultaneous" retried after a pause
 * that doubles, with jitter. No cache, no coordination between copies of the script.
 */
export class PlainScript {
  constructor(
    private readonly origin: string,
    private readonly token: string,
    private readonly clock: ZoneClock,
  ) {}

  async dashboard(range: TimeRange): Promise<DashboardAnswer> {
    const rows = await this.rows(range);
    const latest = rows
      .map((row) => ({ at: this.instant(row), connId: row.conn_id, cost: exactSum([row.cost || '0']) }))
      .sort((a, b) => a.at - b.at || (a.connId < b.connId ? -1 : 1))
      .slice(-50);
    return { total: totals(rows), byAgent: grouped(rows, (row) => row.agent_id || null), byCampaign: grouped(rows, (row) => row.campaign_id || null), latest };
  }

  async campaignDays(range: TimeRange): Promise<CampaignDayAnswer> {
    const rows = await this.rows(range);
    return { total: totals(rows), groups: grouped(rows, (row) => `${this.clock.startOf('day', this.instant(row))}|${row.campaign_id || null}`) };
  }

  private instant(row: Row): number {
    return this.clock.toInstant(parseRowDate(row.date)!);
  }

  private async rows(range: TimeRange): Promise<Row[]> {
    const rows = await this.get(range);
    if (rows.length < MAX_ROWS_PER_RESPONSE) return rows;
    const middle = Math.floor((range.from + range.to) / 2000) * 1000;
    return [...(await this.rows({ from: range.from, to: middle })), ...(await this.rows({ from: middle, to: range.to }))];
  }

  private async get(range: TimeRange): Promise<Row[]> {
    const { dateIni, dateEnd } = wireWindow(range, this.clock);
    for (let attempt = 1; ; attempt += 1) {
      const response = await request(`${this.origin}${REPORT_PATH}?api=${CDR_REPORT}&date_ini=${dateIni}&date_end=${dateEnd}`, { headers: { 'wolkvox-token': this.token } });
      const body = await response.body.text();
      if (response.statusCode === 200) return (JSON.parse(body) as { data: Row[] }).data;
      if (response.statusCode === 404) return [];
      if (response.statusCode !== 403 || !/simultaneous/i.test(body) || attempt === MAX_ATTEMPTS) throw new Error(`wolkvox answered ${response.statusCode}: ${body.slice(0, 200)}`);
      await sleep(Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (attempt - 1)) * (0.5 + Math.random()));
    }
  }
}

function totals(rows: readonly Row[]): Totals {
  return { calls: rows.length, totalCost: exactSum(rows.map((row) => row.cost || '0')) };
}

function grouped(rows: readonly Row[], keyOf: (row: Row) => string | null): [string, Totals][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = String(keyOf(row));
    const members = groups.get(key);
    if (members) members.push(row);
    else groups.set(key, [row]);
  }
  return [...groups].map(([key, members]): [string, Totals] => [key, totals(members)]).sort(([a], [b]) => (a < b ? -1 : 1));
}
