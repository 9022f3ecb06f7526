import { Kind, parse, print, type DocumentNode, type execute as executeOperation, type GraphQLSchema, type OperationDefinitionNode, type validate as validateDocument } from 'graphql';
import { WindowSummary } from './domain/summary/window-summary.js';
import type { ZoneClock } from './domain/time/zone-clock.js';
import type { GraphServer } from './server.js';
import { readCdrBody } from './upstream/cdr-response.js';
import { CDR_FIELDS } from './upstream/cdr-schema.js';
import { HOUR_MS } from './domain/time/time-range.js';

export interface WarmUpOptions {
  readonly graph: GraphServer;
  readonly clock: ZoneClock;
  readonly now: number;
  /** The operations clients are known to send, as documents or as the exact text they send. */
  readonly operations: readonly (DocumentNode | string)[];
}

export interface WarmUpReport {
  /** Operations compiled and run once. */
  readonly operations: number;
  /** Operations left to their first user: they need variables other than ranges (ids), which would ask wolkvox. */
  readonly skipped: readonly string[];
  readonly ms: number;
}


/**
 * The work a fresh process would otherwise leave to its first users, done before it listens: the row
 * reader (zod compiles its validators on first use), the columnar store and its summaries, yoga's
 * request path, and each known operation parsed, validated and compiled by graphql-jit, for the very
 * text clients send (yoga caches documents by text, graphql-jit compiles per document). Bounded and
 * free of upstream requests: each operation runs once over an hour that has not started yet, which the
 * engine answers without asking wolkvox.
 */
export async function warmUp({ graph, clock, now, operations }: WarmUpOptions): Promise<WarmUpReport> {
  const started = performance.now();
  warmUpIngest(clock, now);
  await graph.yoga.fetch('http://warm-up/healthz');
  const future = clock.startOf('hour', now) + 2 * HOUR_MS;
  const range = { from: clock.iso(future), to: clock.iso(future + HOUR_MS) };
  const enveloped = graph.yoga.getEnveloped({});
  // envelop types these with `any` (it does not depend on graphql); they are graphql's own.
  const parseCached: typeof parse = enveloped.parse;
  const validate: typeof validateDocument = enveloped.validate;
  const execute: typeof executeOperation = enveloped.execute;
  const schema = enveloped.schema as GraphQLSchema;
  const skipped: string[] = [];
  let compiled = 0;
  for (const source of operations) {
    const text = typeof source === 'string' ? source : print(source);
    for (const operation of (typeof source === 'string' ? parse(source) : source).definitions.filter(isOperation)) {
      const name = operation.name?.value ?? '(anonymous)';
      const variables = rangeVariables(operation, range);
      if (!variables) {
        skipped.push(name);
        continue;
      }
      const document = parseCached(text);
      if (validate(schema, document).length > 0) throw new Error(`warm-up: operation ${name} does not fit the schema`);
      await execute({ schema, document, operationName: operation.name?.value, variableValues: variables, contextValue: await enveloped.contextFactory() });
      compiled += 1;
    }
  }
  return { operations: compiled, skipped, ms: Math.round(performance.now() - started) };
}

/**
 * Legs read at start-up: enough for V8 to optimize the reader, the columns and the summaries (a loop
 * runs unoptimized for its first thousands of turns), so that the first user's answer is not read by
 * code still being compiled. It costs the start-up what it saves that answer: about 150 ms here, most
 * of it that very unoptimized code.
 */
const WARM_UP_LEGS = 4_000;

/** A synthetic answer of an hour that has passed, read as wolkvox's would be: into columns, hour-long windows, summaries and a roll-up. */
function warmUpIngest(clock: ZoneClock, now: number): void {
  const hour = clock.startOf('hour', now) - HOUR_MS;
  const blank = Object.fromEntries(CDR_FIELDS.map((field) => [field, '']));
  // The local hour's `YYYY-MM-DD HH:`; minutes and seconds are those elapsed since it began.
  const hourText = clock.iso(hour).slice(0, 14).replace('T', ' ');
  const two = (n: number) => String(n).padStart(2, '0');
  const rows = Array.from({ length: WARM_UP_LEGS }, (_, i) => ({
    ...blank,
    date: `${hourText}${two(Math.floor((i * 60) / WARM_UP_LEGS))}:${two(Math.floor((i * 3600) / WARM_UP_LEGS) % 60)}`,
    conn_id: `warm-up-${i}`,
    agent_id: String(1000 + (i % 40)),
    agent_name: `Agent ${i % 40}`,
    campaign_id: String(3000 + (i % 7)),
    skill_id: String(i % 5),
    cost: `0.${String(i % 1000).padStart(3, '0')}5`,
    time_seg: String(i % 600),
    time_min: String((i % 600) / 60),
    type_interaction: i % 3 === 0 ? 'inbound' : 'outbound',
    hang_up: i % 2 === 0 ? 'agent' : 'customer',
    cod_act: String(i % 12),
  }));
  const { calls } = readCdrBody(JSON.stringify({ code: 200, error: null, msg: `${rows.length} records were found`, data: rows }), clock);
  const quarter = HOUR_MS / 4;
  const parts = [0, 1, 2, 3].map((q) => WindowSummary.of(calls.slice(calls.rowAt(hour + q * quarter), calls.rowAt(hour + (q + 1) * quarter))));
  WindowSummary.merged(parts).by('CAMPAIGN');
}

function isOperation(definition: DocumentNode['definitions'][number]): definition is OperationDefinitionNode {
  return definition.kind === Kind.OPERATION_DEFINITION;
}

/** Values for the operation's variables when every required one is a DateRange; null otherwise. */
function rangeVariables(operation: OperationDefinitionNode, range: { from: string; to: string }): Record<string, unknown> | null {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const type = definition.type;
    const isRange = (type.kind === Kind.NON_NULL_TYPE ? type.type : type).kind === Kind.NAMED_TYPE && print(type).replace('!', '') === 'DateRange';
    if (isRange) variables[definition.variable.name.value] = range;
    else if (type.kind === Kind.NON_NULL_TYPE && !definition.defaultValue) return null;
  }
  return variables;
}
