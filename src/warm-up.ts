import { Kind, parse, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { WindowSummary } from './domain/window-summary.js';
import type { ZoneClock } from './domain/zone-clock.js';
import type { GraphServer } from './server.js';
import { readCdrBody } from './upstream/cdr-response.js';
import { CDR_FIELDS } from './upstream/cdr-schema.js';
import { HOUR_MS } from './domain/time-range.js';

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
  const { parse: parseCached, validate, contextFactory, execute, schema } = graph.yoga.getEnveloped({});
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
      await execute({ schema, document, operationName: operation.name?.value, variableValues: variables, contextValue: await contextFactory() });
      compiled += 1;
    }
  }
  return { operations: compiled, skipped, ms: Math.round(performance.now() - started) };
}

/** One answer of a few rows through the reader, into columns and a summary. */
function warmUpIngest(clock: ZoneClock, now: number): void {
  const wall = clock.iso(now - HOUR_MS).slice(0, 19).replace('T', ' ');
  const row = Object.fromEntries(CDR_FIELDS.map((field) => [field, '']));
  const rows = [0, 1, 2].map((i) => ({ ...row, date: wall, conn_id: `warm-up-${i}`, cost: '0.105', time_seg: '42', time_min: '0.7', type_interaction: 'inbound' }));
  const { calls } = readCdrBody(JSON.stringify({ code: 200, error: null, msg: `${rows.length} records were found`, data: rows }), clock);
  WindowSummary.of(calls.slice(0, calls.length));
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
