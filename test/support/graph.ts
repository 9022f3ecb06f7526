import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import { afterAll } from 'vitest';
import { ZoneClock } from '../../src/domain/zone-clock.js';
import { sharedFeed } from '../../src/feed/call-feed.js';
import { FreshnessPolicy } from '../../src/feed/freshness.js';
import { WindowEngine, type CallSource, type WindowEngineOptions } from '../../src/feed/window-engine.js';
import { WindowStore } from '../../src/feed/window-store.js';
import type { WindowSize } from '../../src/feed/windows.js';
import { createLogger } from '../../src/logger.js';
import { createGraphServer, type GraphServer } from '../../src/server.js';
import type { WolkvoxSimulator } from '../../simulator/server.js';
import { clientFor, simulator } from './simulator.js';

export type Result<T> = ExecutionResult<T> & { errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };

export interface TestGraph {
  readonly sim: WolkvoxSimulator;
  readonly server: GraphServer;
  readonly engine: WindowEngine;
  /** Runs a typed operation through the real yoga server (in-process fetch). */
  execute<T, V>(document: TypedDocumentNode<T, V>, variables: V): Promise<Result<T>>;
  /** Posts raw GraphQL text, for documents no client would send. */
  post(body: unknown): Promise<{ status: number; text: string; json: Result<Record<string, unknown>> }>;
}

export interface GraphOptions {
  readonly sim?: WolkvoxSimulator;
  /** Replaces the client over `sim`, e.g. a source that fails on purpose. */
  readonly source?: CallSource;
  readonly token?: string;
  /** The server's and the engine's clock. */
  readonly now?: () => number;
  readonly timeZone?: string;
  readonly windowSize?: WindowSize;
  readonly engine?: Partial<Pick<WindowEngineOptions, 'maxRequestSpanMs'>> & { refreshMs?: number; settleMs?: number; cacheMaxRows?: number };
}

/** "Now" for graph tests unless told otherwise: well after the data the tests ask for. */
export const TEST_NOW = Date.parse('2025-03-10T12:00:00-05:00');

/** The real server over the real engine, client and simulator, wired as main.ts wires them. */
export async function graph(options: GraphOptions = {}): Promise<TestGraph> {
  const sim = options.sim ?? (await simulator({ dataset: { timeZone: options.timeZone ?? 'America/Bogota' } }));
  const source = options.source ?? clientFor(sim, options.token === undefined ? {} : { token: options.token });
  const now = options.now ?? (() => TEST_NOW);
  const clock = new ZoneClock(sim.dataset.options.timeZone);
  const windowSize = options.windowSize ?? 'hour';
  const engine = new WindowEngine({
    source,
    store: new WindowStore(options.engine?.cacheMaxRows ?? 1_000_000),
    freshness: new FreshnessPolicy({ refreshMs: options.engine?.refreshMs ?? 300_000, settleMs: options.engine?.settleMs ?? 7_200_000 }),
    maxRequestSpanMs: options.engine?.maxRequestSpanMs ?? 7 * 86_400_000,
    now,
  });
  const server = createGraphServer({ feed: sharedFeed(engine, clock, windowSize), logger: createLogger('silent'), now });
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
    engine,
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
