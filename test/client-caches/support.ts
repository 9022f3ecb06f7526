import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { format } from 'node:util';
import { parse, type DocumentNode } from 'graphql';
import { afterEach, beforeEach, vi } from 'vitest';
import { closeAfterFile } from '../support/cleanup.js';
import { bogotaDay, graph } from '../support/graph.js';

/** The real server on a loopback port, counting the HTTP requests that reach it. */
export async function countedServer(): Promise<{ url: string; requests: () => number }> {
  const { server } = await graph();
  let requests = 0;
  const http = createServer((req, res) => {
    requests += 1;
    server.handle(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closeAfterFile(async () => {
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`, requests: () => requests };
}

/** Everything a client library prints through console.warn or console.error while a test runs. */
export function capturedWarnings(): string[] {
  const printed: string[] = [];
  beforeEach(() => {
    printed.length = 0;
    for (const method of ['warn', 'error'] as const) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(format(...args)));
  });
  afterEach(() => void vi.restoreAllMocks());
  return printed;
}

export const day = bogotaDay('2025-03-04');

interface Pair {
  readonly name: string;
  readonly variables: Record<string, unknown>;
  /** Two operations over the same owner and arguments, selecting different fields of it. */
  readonly documents: readonly [DocumentNode, DocumentNode];
}

/** What the issue found broken: the same owner's stats, calls and report asked for twice with different selections. */
export const PAIRS: readonly Pair[] = [
  {
    name: 'Agent.stats',
    variables: { id: '1001', range: day },
    documents: [
      parse('query AgentCost($id: ID!, $range: DateRange!) { agent(id: $id) { id name stats(range: $range) { calls totalCost callsByType { type calls } } } }'),
      parse(`query AgentTime($id: ID!, $range: DateRange!) { agent(id: $id) { id
        stats(range: $range) { calls totalDurationSeconds averageDurationSeconds callsByType { calls } callsByHangUp { hangUp calls } }
        inbound: stats(range: $range, filter: {types: [INBOUND]}) { calls totalCost } } }`),
    ],
  },
  {
    name: 'Query.calls',
    variables: { range: day },
    documents: [
      parse('query CallTotals($range: DateRange!) { calls(range: $range, first: 5) { totalCount stats { calls totalCost } } }'),
      parse(`query CallPage($range: DateRange!) { calls(range: $range, first: 5) {
        edges { cursor node { id cost agent { id } } } pageInfo { hasNextPage endCursor } stats { averageCost } unreadableRows { count } } }`),
    ],
  },
  {
    name: 'Query.callReport',
    variables: { range: day },
    documents: [
      parse('query ReportCounts($range: DateRange!) { callReport(range: $range, groupBy: [AGENT]) { total { calls } groups { agent { id } stats { calls } } } }'),
      parse(`query ReportCosts($range: DateRange!) { callReport(range: $range, groupBy: [AGENT]) {
        total { totalCost callsByType { type calls } } groups { agent { id name } stats { totalCost } } unreadableRows { count rows { reason } } } }`),
    ],
  },
];
