import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { afterAll } from 'vitest';
import { ZoneClock } from '../../src/domain/zone-clock.js';
import { createLogger } from '../../src/logger.js';
import { createGraphServer, type GraphServer } from '../../src/server.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { clientFor, simulator } from './simulator.js';

export type Result<T> = ExecutionResult<T> & { errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };

export interface TestGraph {
  readonly sim: WolkvoxSimulator;
  readonly server: GraphServer;
  /** Runs a typed operation through the real yoga server (in-process fetch). */
  execute<T, V>(document: TypedDocumentNode<T, V>, variables: V): Promise<Result<T>>;
  /** Posts raw GraphQL text, for documents no client would send. */
  post(body: unknown): Promise<{ status: number; text: string; json: Result<Record<string, unknown>> }>;
}

/** The real server over the real client and simulator, as `npm start` wires them. */
export async function graph(options: { sim?: WolkvoxSimulator; token?: string; now?: number; timeZone?: string } = {}): Promise<TestGraph> {
  const sim = options.sim ?? (await simulator({ dataset: { timeZone: options.timeZone ?? 'America/Bogota' } }));
  const source = clientFor(sim, options.token === undefined ? {} : { token: options.token });
  const server = createGraphServer({
    source,
    clock: new ZoneClock(sim.dataset.options.timeZone),
    logger: createLogger('silent'),
    now: () => options.now ?? Date.parse('2025-03-10T12:00:00-05:00'),
  });
  afterAll(() => server.yoga.dispose());
  const post = async (body: unknown) => {
    const response = await server.yoga.fetch('http://graph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text) as Result<Record<string, unknown>> };
  };
  return {
    sim,
    server,
    post,
    execute: async <T, V>(document: TypedDocumentNode<T, V>, variables: V) => (await post({ query: print(document), variables })).json as Result<T>,
  };
}

/** A local day in Bogotá as a DateRange. */
export const bogotaDay = (date: string) => ({ from: `${date}T00:00:00-05:00`, to: nextDay(date) });

function nextDay(date: string): string {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return `${next}T00:00:00-05:00`;
}
