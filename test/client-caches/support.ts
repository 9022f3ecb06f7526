import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { format } from 'node:util';
import { parse, type DocumentNode } from 'graphql';
import { afterEach, beforeEach, vi } from 'vitest';
import { closeAfterFile } from '../support/cleanup.js';
import { graph } from '../support/graph.js';
import selections from '../../examples/client-project/selections.json' with { type: 'json' };

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

interface Pair {
  readonly name: string;
  readonly variables: Record<string, unknown>;
  /** Two operations over the same owner and arguments, selecting different fields of it. */
  readonly documents: readonly [DocumentNode, DocumentNode];
}

/**
 * What the issue found broken: the same owner's stats, calls and report asked for twice with different
 * selections. The example client project runs the same ones from its own install of the package.
 */
export const PAIRS: readonly Pair[] = selections.map(({ name, variables, queries }) => ({ name, variables, documents: [parse(queries[0]!), parse(queries[1]!)] }));
