import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseWireDate } from '../src/upstream/wire-dates.js';
import { CDR_REPORT, MAX_ROWS_PER_RESPONSE, MAX_SPAN_DAYS, REPORT_PATH } from '../src/upstream/wolkvox-protocol.js';
import { CdrDataset, type DatasetOptions, type SimulatedRow } from './dataset.js';
import { FaultInjector, type FaultKind, type FaultOptions } from './faults.js';

/** wolkvox's error messages as public clients and its documentation show them; the two marked "assumed" were never seen literally. */
export const MESSAGES = {
  noToken: 'PLEASE ENTER THE WOLKVOX-TOKEN',
  badToken: 'PLEASE VALIDATE TOKEN',
  quota: 'TOKEN LIMIT EXCEEDED',
  simultaneous: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)',
  maintenance: 'THE SERVER IS IN MAINTENANCE, PLEASE TRY AGAIN LATER', // assumed
  unknownApi: 'THE API YOU WANT TO CONSULT DOES NOT EXIST',
  missingParameters: 'SOME PARAMETERS ARE REQUIRED',
  rangeTooLong: 'THE DATE RANGE CANNOT EXCEED 31 DAYS', // assumed
  empty: 'Validate dates entered',
} as const;

export interface SimulatorOptions {
  readonly port?: number;
  readonly host?: string;
  /** Tokens the simulated operation accepts. */
  readonly tokens: readonly string[];
  readonly dataset: DatasetOptions;
  /** Requests a token may have in flight; one more is refused with the simultaneous-use 403 and counted. */
  readonly maxConcurrentPerToken?: number;
  /** Rows one answer holds at most (default: wolkvox's cap). */
  readonly rowCap?: number;
  /** The longest range one request may ask for (default: wolkvox's limit). */
  readonly maxSpanDays?: number;
  /** Requests per token per simulator lifetime; null for no limit. */
  readonly dailyQuota?: number | null;
  readonly faults?: FaultOptions;
  /** Told of every answer as it is sent: how long wolkvox took to serve it (benchmarks compare against it). */
  readonly onServed?: (served: ServedRequest) => void;
}

export interface ServedRequest {
  readonly url: string;
  readonly status: number;
  /** From the request's arrival to its answer's last byte handed to the socket. */
  readonly ms: number;
  readonly at: number;
}

interface SimulatorCounters {
  requests: number;
  byStatus: Record<number, number>;
  rowsServed: number;
  /** Requests refused because the same token already had the maximum in flight. */
  concurrentViolations: number;
  peakInFlight: number;
  faultsInjected: number;
}

interface ReceivedRequest {
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  /** The client's port: one value across requests means one reused connection. */
  readonly remotePort: number | undefined;
}

const LOG_SIZE = 1000;

export interface WolkvoxSimulator {
  readonly url: string;
  readonly port: number;
  readonly dataset: CdrDataset;
  readonly faults: FaultInjector;
  readonly counters: SimulatorCounters;
  /** The most recent requests, oldest first. */
  readonly received: ReceivedRequest[];
  quotaUsed(token: string): number;
  resetCounters(): void;
  close(): Promise<void>;
}

/** Starts a wolkvox-compatible `cdr_1` server on loopback. */
export async function startSimulator(options: SimulatorOptions): Promise<WolkvoxSimulator> {
  const dataset = new CdrDataset(options.dataset);
  const faults = new FaultInjector(options.faults);
  const maxConcurrent = options.maxConcurrentPerToken ?? 1;
  const rowCap = options.rowCap ?? MAX_ROWS_PER_RESPONSE;
  const maxSpanMs = (options.maxSpanDays ?? MAX_SPAN_DAYS) * 24 * 3600_000;
  const tokens = new Set(options.tokens);
  const inFlight = new Map<string, number>();
  const quota = new Map<string, number>();
  const received: ReceivedRequest[] = [];
  const counters = emptyCounters();
  let totalInFlight = 0;

  const send = (res: ServerResponse, status: number, body: string) => {
    counters.byStatus[status] = (counters.byStatus[status] ?? 0) + 1;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(body);
  };
  const fail = (res: ServerResponse, status: number, msg: string) =>
    send(res, status, JSON.stringify({ code: status, error: msg, msg, data: null }));

  async function serveReport(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (url.searchParams.get('api') !== CDR_REPORT) return fail(res, 400, MESSAGES.unknownApi);
    const dateIni = url.searchParams.get('date_ini') ?? '';
    const dateEnd = url.searchParams.get('date_end') ?? '';
    const first = parseWireDate(dateIni);
    const last = parseWireDate(dateEnd);
    if (!first || !last) return fail(res, 400, MESSAGES.missingParameters);
    if (dataset.clock.toInstant(last) - dataset.clock.toInstant(first) > maxSpanMs) return fail(res, 400, MESSAGES.rangeTooLong);

    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const fault = faults.draw();
    if (fault) counters.faultsInjected += 1;
    if (fault && (await injectFault(fault, req, res))) return;

    const calls = dataset.callsBetweenWallClock(dateIni, dateEnd).slice(0, rowCap);
    if (calls.length === 0) return fail(res, 404, MESSAGES.empty);
    const corrupt = fault === 'malformed-rows';
    const data = calls.map((call) => (corrupt && faults.shouldCorruptRow() ? corruptRow(call.row) : call.row));
    counters.rowsServed += data.length;
    send(res, 200, JSON.stringify({ code: 200, error: null, msg: `${data.length} records were found`, data }));
  }

  /** Serves the fault; false when the request should go on to a normal (possibly corrupted) answer. */
  async function injectFault(fault: FaultKind, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    switch (fault) {
      case 'server-error':
        send(res, 500, JSON.stringify({ code: 500, error: 'Internal Server Error', msg: 'Internal Server Error' }));
        return true;
      case 'maintenance':
        fail(res, 403, MESSAGES.maintenance);
        return true;
      case 'simultaneous':
        fail(res, 403, MESSAGES.simultaneous);
        return true;
      case 'quota':
        fail(res, 403, MESSAGES.quota);
        return true;
      case 'hang':
        await new Promise<void>((resolve) => req.socket.once('close', () => resolve()));
        return true;
      case 'reset':
        req.socket.destroy();
        return true;
      case 'malformed-json':
        counters.byStatus[200] = (counters.byStatus[200] ?? 0) + 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":200,"error":null,"msg":"1 records were found","data":[{"agent_name":"Ana');
        return true;
      case 'malformed-rows':
        return false;
    }
  }

  const server = createServer((req, res) => {
    counters.requests += 1;
    if (options.onServed) {
      const arrived = performance.now();
      res.once('finish', () => options.onServed?.({ url: req.url ?? '', status: res.statusCode, ms: performance.now() - arrived, at: Date.now() }));
    }
    const url = new URL(req.url ?? '/', 'http://simulator');
    received.push({ url: req.url ?? '', headers: req.headers, remotePort: req.socket.remotePort });
    if (received.length > LOG_SIZE) received.shift();
    if (url.pathname !== REPORT_PATH) return fail(res, 404, 'Not Found');

    const token = req.headers['wolkvox-token'];
    if (typeof token !== 'string' || token === '') return fail(res, 401, MESSAGES.noToken);
    if (!tokens.has(token)) return fail(res, 403, MESSAGES.badToken);
    const busy = inFlight.get(token) ?? 0;
    if (busy >= maxConcurrent) {
      counters.concurrentViolations += 1;
      return fail(res, 403, MESSAGES.simultaneous);
    }
    const used = quota.get(token) ?? 0;
    if (options.dailyQuota != null && used >= options.dailyQuota) return fail(res, 403, MESSAGES.quota);
    quota.set(token, used + 1);

    inFlight.set(token, busy + 1);
    totalInFlight += 1;
    counters.peakInFlight = Math.max(counters.peakInFlight, totalInFlight);
    res.once('close', () => {
      inFlight.set(token, (inFlight.get(token) ?? 1) - 1);
      totalInFlight -= 1;
    });
    serveReport(req, res, url).catch(() => {
      if (!res.headersSent) fail(res, 500, 'Internal Server Error');
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    dataset,
    faults,
    counters,
    received,
    quotaUsed: (token) => quota.get(token) ?? 0,
    resetCounters: () => {
      Object.assign(counters, emptyCounters());
      received.length = 0;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function emptyCounters(): SimulatorCounters {
  return { requests: 0, byStatus: {}, rowsServed: 0, concurrentViolations: 0, peakInFlight: 0, faultsInjected: 0 };
}

function corruptRow(row: SimulatedRow): SimulatedRow {
  return { ...row, date: 'ayer por la tarde', cost: 'N/A' };
}
