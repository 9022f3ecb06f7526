import { readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { keyDigest } from './key-ring.js';
import type { Principal } from './principal.js';
import { scopeFields, scopeOf } from './scope-fields.js';

/** A policy entry: its principal, found by the SHA-256 of its key (the key itself is never stored). */
export interface PolicyEntry {
  readonly principal: Principal;
  readonly digest: Buffer;
}

/** Why an ACCESS_POLICY file cannot be used: one problem, with the line it is on when it has one. */
export class AccessPolicyError extends Error {}

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** A name shows in logs and is a label in /metrics: short, and nothing a log or label would mangle. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** A field's message: missing, or of the wrong kind. */
const required = (kind: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : `must be ${kind}`) });

const policySchema = z.strictObject(
  {
    principals: z.array(
      z.strictObject({
        name: z.string(required('text')).regex(NAME, 'must be 1 to 63 letters, digits, dots, dashes or underscores, starting with a letter or digit'),
        keySha256: z
          .string(required('text'))
          .transform((hex) => hex.toLowerCase())
          .refine((hex) => SHA256_HEX.test(hex), 'must be the SHA-256 of the key as 64 hex digits (`printf %s "$KEY" | sha256sum`)'),
        ...scopeFields,
      }),
      required('a list of principals'),
    ),
  },
  { error: 'must be a mapping with a `principals` list' },
);

/** The principals of an ACCESS_POLICY file (YAML, or JSON, which YAML reads too). */
export function loadAccessPolicy(path: string): PolicyEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AccessPolicyError(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseAccessPolicy(text);
}

/**
 * Reads a policy: a YAML syntax error, a repeated mapping key, an unknown or missing field, a value of
 * the wrong kind, and a key or name given to two principals each stop it with one message naming
 * the line.
 */
export function parseAccessPolicy(text: string): PolicyEntry[] {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const syntax = document.errors[0];
  if (syntax) throw new AccessPolicyError(`line ${lines.linePos(syntax.pos[0]).line}: ${syntax.message.split('\n')[0]}`);
  const parsed = policySchema.safeParse(document.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const path = unknown === undefined ? issue.path : [...issue.path, unknown];
    const what = unknown === undefined ? `${pathText(issue.path)} ${issue.message}` : `${pathText(path)} is not a policy field (fields: principals; each principal's name, keySha256, campaigns, skills, pii, upstreamRequestsPerDay)`;
    throw new AccessPolicyError(`line ${lineOf(document, lines, path)}: ${what}`);
  }
  const byDigest = new Map<string, number>();
  const byName = new Map<string, number>();
  return parsed.data.principals.map((entry, i) => {
    const sameKey = byDigest.get(entry.keySha256);
    if (sameKey !== undefined) throw repeated(document, lines, i, 'keySha256', `repeats the key of principals[${sameKey}]; a key names one principal`);
    const sameName = byName.get(entry.name);
    if (sameName !== undefined) throw repeated(document, lines, i, 'name', `repeats the name of principals[${sameName}]; names tell principals apart in logs and metrics`);
    byDigest.set(entry.keySha256, i);
    byName.set(entry.name, i);
    const principal: Principal = { kind: 'policy', name: entry.name, metricLabel: entry.name, ...scopeOf(entry) };
    return { principal, digest: Buffer.from(entry.keySha256, 'hex') };
  });
}

/** The hex digest a policy lists for `key` (what `printf %s "$KEY" | sha256sum` prints). */
export const keySha256Of = (key: string): string => keyDigest(key).toString('hex');

function repeated(document: Document, lines: LineCounter, i: number, field: string, why: string): AccessPolicyError {
  const path = ['principals', i, field];
  return new AccessPolicyError(`line ${lineOf(document, lines, path)}: ${pathText(path)} ${why}`);
}

/** The line of the deepest node of `path` that exists (a missing field: the entry that lacks it). */
function lineOf(document: Document, lines: LineCounter, path: readonly PropertyKey[]): number {
  for (let depth = path.length; depth > 0; depth -= 1) {
    const parent = depth > 1 ? document.getIn(path.slice(0, depth - 1), true) : document.contents;
    const key = path[depth - 1];
    // A key's own position: where an unknown or repeated field is written.
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
      const at = (isScalar(pair?.key) ? pair.key.range : undefined)?.[0];
      if (at !== undefined) return lines.linePos(at).line;
    }
    const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

/** `principals[1].keySha256`, as a reader of the file finds it. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`)).join('') || 'the policy';
}
