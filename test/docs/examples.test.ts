import type { Token, Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { setDefaultCountry } from '../../src/domain/model/phone-country.js';
import { blocksOf, docFiles, readRepoFile } from '../support/docs.js';
import { graph, type TestGraph } from '../support/graph.js';
import { tempDataDir } from '../support/mirror.js';
import { simulator } from '../support/simulator.js';

/**
 * Every GraphQL example of README.md and docs/ runs against the real server over the real simulator,
 * configured as `npm start` serves it without a token, and answers exactly what the documentation shows.
 *
 * In the markdown, an HTML comment before each ```graphql block says how it runs:
 * - `<!-- example -->`: on the real clock, as `npm start` answers it (its ranges lie in the past);
 * - `<!-- example now="<ISO-8601 instant>" -->`: with the server's and the simulator's clock at that instant;
 * - `<!-- example not run: <why> -->`: not run, for the reason given (e.g. it depends on the day it runs).
 * A ```json block follows each example that runs: its answer. An array item written `…` stands for one
 * or more items left out; everything else is compared as it is, values and key order.
 */

const ELIDED = '…';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Example {
  readonly where: string;
  readonly query: string;
  readonly answer: string;
  /** The instant the server and simulator take for now, or undefined for the real clock. */
  readonly now: string | undefined;
}

interface Marked {
  readonly where: string;
  readonly marker: string;
  readonly graphql: boolean;
}

const MARKER = /^<!-- example(?: now="([^"]+)"| not run: (\S.*?))? -->\s*$/;

/** Each doc's examples, and every place a ```graphql block or an example marker occurs, with what came before it. */
function examplesOf(doc: string): { examples: Example[]; notRun: string[]; marked: Marked[]; graphqlBlocks: number } {
  const examples: Example[] = [];
  const notRun: string[] = [];
  const marked: Marked[] = [];
  let graphqlBlocks = 0;
  let offset = 0;
  const source = readRepoFile(doc);
  const blocks: { token: Token; where: string }[] = [];
  for (const token of blocksOf(doc)) {
    const line = source.slice(0, offset).split('\n').length + (/^\n*/.exec(token.raw)?.[0].length ?? 0);
    offset += token.raw.length;
    if (token.type !== 'space') blocks.push({ token, where: `${doc}:${line}` });
  }
  blocks.forEach(({ token, where }, i) => {
    const next = blocks[i + 1]?.token;
    if (isCode(token, 'graphql')) graphqlBlocks += 1;
    if (token.type !== 'html' || !token.raw.startsWith('<!-- example')) return;
    const graphql = next !== undefined && isCode(next, 'graphql');
    marked.push({ where, marker: token.raw.trim(), graphql });
    const [, now, reason] = MARKER.exec(token.raw) ?? [];
    if (reason !== undefined) return void notRun.push(`${where}: ${reason}`);
    const answer = blocks[i + 2]?.token;
    if (graphql && answer !== undefined && isCode(answer, 'json')) examples.push({ where, query: next.text, answer: answer.text, now });
  });
  return { examples, notRun, marked, graphqlBlocks };
}

const isCode = (token: Token, lang: string): token is Tokens.Code => token.type === 'code' && token.lang === lang;

const docs = docFiles().map((doc) => ({ doc, ...examplesOf(doc) }));

/** The documented answer as data: `…` items become a marker string so that the text parses as JSON. */
function documentedAnswer(text: string): Json {
  let inString = false;
  let json = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (char === '"' && text[i - 1] !== '\\') inString = !inString;
    json += !inString && char === ELIDED ? JSON.stringify(ELIDED) : char;
  }
  return JSON.parse(json) as Json;
}

const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `actual` with each run of array items the documentation elides replaced by one `…`; undefined when the two cannot be aligned. */
function trimmedLike(documented: Json, actual: Json): Json | undefined {
  if (Array.isArray(documented)) return Array.isArray(actual) ? aligned(documented, 0, actual, 0) : undefined;
  if (isObject(documented)) {
    if (!isObject(actual) || JSON.stringify(Object.keys(documented)) !== JSON.stringify(Object.keys(actual))) return undefined;
    const trimmed: Record<string, Json> = {};
    for (const [key, value] of Object.entries(documented)) {
      const item = trimmedLike(value, actual[key]!);
      if (item === undefined) return undefined;
      trimmed[key] = item;
    }
    return trimmed;
  }
  return Object.is(documented, actual) ? actual : undefined;
}

function aligned(documented: Json[], i: number, actual: Json[], j: number): Json[] | undefined {
  if (i === documented.length) return j === actual.length ? [] : undefined;
  if (documented[i] === ELIDED) {
    for (let k = j + 1; k <= actual.length; k += 1) {
      const rest = aligned(documented, i + 1, actual, k);
      if (rest) return [ELIDED, ...rest];
    }
    return undefined;
  }
  if (j === actual.length) return undefined;
  const item = trimmedLike(documented[i]!, actual[j]!);
  const rest = item === undefined ? undefined : aligned(documented, i + 1, actual, j + 1);
  return rest && [item!, ...rest];
}

// `npm start` without WOLKVOX_TOKEN: the simulator's seed and volume, the zone, the windows and the default country it serves with.
const served = loadConfig({});

const graphs = new Map<string, Promise<TestGraph>>();

/** One server per clock, started when an example first needs it and closed after the file. */
function servedAt(now: string | undefined): Promise<TestGraph> {
  const key = now ?? 'the real clock';
  let started = graphs.get(key);
  if (started === undefined) {
    started = startServer(now);
    graphs.set(key, started);
  }
  return started;
}

async function startServer(now: string | undefined): Promise<TestGraph> {
  if (served.upstream.mode !== 'simulator') throw new Error('an empty environment should mean simulator mode');
  const instant = now === undefined ? undefined : Date.parse(now);
  if (Number.isNaN(instant)) throw new Error(`example marker: now="${now}" is not an instant`);
  const clock = instant === undefined ? Date.now : () => instant;
  setDefaultCountry(served.defaultCountry);
  const { seed, callsPerDay, nightShift } = served.upstream;
  const sim = await simulator({ dataset: { seed, callsPerDay, nightShift, timeZone: served.timeZone, now: clock } });
  const { size, maxRequestSpanMs, refreshMs, settleMs, cacheMaxRows, cacheMaxBytes } = served.windows;
  return graph({ sim, now: clock, windowSize: size, engine: { maxRequestSpanMs, refreshMs, settleMs, cacheMaxRows, cacheMaxBytes }, dataDir: tempDataDir(), history: served.history });
}

describe('the examples of the documentation', () => {
  it('mark every GraphQL block as an example that runs, with its answer, or say why it does not run', () => {
    for (const { doc, examples, notRun, marked, graphqlBlocks } of docs) {
      for (const { where, marker, graphql } of marked) {
        expect(MARKER.test(marker), `${where}: ${marker} is not one of the example markers`).toBe(true);
        expect(graphql, `${where}: ${marker} is not followed by a graphql block`).toBe(true);
      }
      expect(marked.length, `${doc}: every graphql block has a marker before it`).toBe(graphqlBlocks);
      expect(readRepoFile(doc).split('```graphql').length - 1, `${doc}: graphql blocks inside lists or quotes are not checked`).toBe(graphqlBlocks);
      expect(examples.length + notRun.length, `${doc}: an example that runs has a json block after its graphql block`).toBe(marked.length);
    }
  });

  it('are there to run: the README has its first queries, the analytics guide its own', () => {
    const count = (name: string) => docs.find(({ doc }) => doc === name)?.examples.length ?? 0;
    expect(count('README.md')).toBeGreaterThanOrEqual(3);
    expect(count('docs/analytics.md')).toBeGreaterThanOrEqual(6);
  });

  for (const { where, query, answer, now } of docs.flatMap(({ examples }) => examples)) {
    it(`${where} answers as documented`, { timeout: 120_000 }, async () => {
      const server = await servedAt(now);
      // As `npm start` is a little after it started: its history mirrored (only where an example shows it, for speed).
      if (/\bhistory\b/.test(query)) await server.service.mirror?.backfill();
      const { extensions: _cost, ...response } = (await server.post({ query })).json;
      const actual = response as Json;
      const documented = documentedAnswer(answer);
      const trimmed = trimmedLike(documented, actual) ?? actual;
      expect(trimmed).toEqual(documented);
      expect(JSON.stringify(trimmed)).toBe(JSON.stringify(documented));
    });
  }
});
