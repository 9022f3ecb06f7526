import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import type { ApiKeys } from './api-keys.js';
import { httpError } from './routes.js';

/** A document id as the manifest and the GraphQL-over-HTTP persisted-documents proposal write it. */
const DOCUMENT_ID = /^sha256:[0-9a-f]{64}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The documents `npm run codegen` wrote to the manifest: `sha256:<hex of the text>` → the text. */
export type TrustedDocuments = ReadonlyMap<string, string>;

export class TrustedDocumentsError extends Error {}

/**
 * Reads a persisted-documents manifest (the client preset's `persisted-documents.json`). Every entry's
 * key must be the SHA-256 of its text: a manifest that lies about a document would let a client run a
 * text nobody reviewed under a trusted name.
 */
export function loadTrustedDocuments(path: string): TrustedDocuments {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'is not JSON' : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new TrustedDocumentsError(`${reason}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new TrustedDocumentsError('must be a JSON object of "sha256:<hex>": "<document>"');
  const documents = new Map<string, string>();
  for (const [id, text] of Object.entries(parsed)) {
    if (!DOCUMENT_ID.test(id) || typeof text !== 'string') throw new TrustedDocumentsError(`has an entry that is not "sha256:<64 hex digits>": "<document>" (${id.slice(0, 80)})`);
    if (documentIdOf(text) !== id) throw new TrustedDocumentsError(`holds a document whose text does not hash to its id ${id}`);
    documents.set(id, text);
  }
  if (documents.size === 0) throw new TrustedDocumentsError('holds no documents');
  return documents;
}

export const documentIdOf = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/**
 * The id a request names its document by: `documentId` (`sha256:<hex>`, the GraphQL-over-HTTP
 * persisted-documents proposal; POST only, since yoga reads no such GET parameter) or Apollo's
 * `extensions.persistedQuery.sha256Hash` (plain hex, POST or GET). Null when it names none.
 */
function offeredId(params: GraphQLParams & { documentId?: unknown }): string | null {
  if (typeof params.documentId === 'string') return params.documentId;
  const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  if (typeof persisted?.sha256Hash === 'string') return SHA256_HEX.test(persisted.sha256Hash) ? `sha256:${persisted.sha256Hash}` : persisted.sha256Hash;
  return null;
}

const refusal = (code: string, message: string) => httpError(400, code, message);

/**
 * TRUSTED_DOCUMENTS: only the documents of the manifest run, named by their hash, so a leaked key
 * cannot run arbitrary (costly, probing) operations. The keys in TRUSTED_DEVELOPER_KEYS may still send any
 * document (GraphiQL included), as everyone may when TRUSTED_DOCUMENTS is unset. A request that sends
 * both a text and a hash must send the text the hash names, whoever sends it. yoga's persisted-operations
 * plugin does the lookup; this file decides what counts as the same document and what the errors say.
 */
export function useTrustedDocuments(documents: TrustedDocuments, developers: ApiKeys): Plugin[] {
  const sameDocument: Plugin = {
    onParams({ params, setParams }) {
      const id = offeredId(params);
      if (params.query === undefined || id === null) return;
      if (documentIdOf(params.query) !== id) {
        throw refusal('PERSISTED_QUERY_HASH_MISMATCH', `The document's text does not hash to ${id.slice(0, 80)}: send the text the hash was computed from, or the hash alone.`);
      }
      // The text is the trusted one: run it by its id, as if the hash alone had been sent.
      if (documents.has(id)) setParams({ ...params, query: undefined });
    },
  };
  return [
    sameDocument,
    usePersistedOperations({
      getPersistedOperation: (id) => documents.get(id) ?? null,
      extractPersistedOperationId: (params) => offeredId(params),
      allowArbitraryOperations: (request) => developers.required && developers.accepts(request.headers.get('authorization') ?? undefined),
      customErrors: {
        notFound: () => refusal('PERSISTED_QUERY_NOT_FOUND', 'No trusted document has this id: this server runs only the documents of its manifest (TRUSTED_DOCUMENTS). Regenerate the client with `npm run codegen` and deploy the manifest with the server.'),
        persistedQueryOnly: () => refusal('TRUSTED_DOCUMENT_REQUIRED', 'This server runs trusted documents only: send `documentId: "sha256:<hex>"` (or `extensions.persistedQuery.sha256Hash`) of a document in its manifest, not a query text.'),
        keyNotFound: () => refusal('TRUSTED_DOCUMENT_REQUIRED', 'Send the document to run by its id: `documentId: "sha256:<hex>"` or `extensions.persistedQuery: { version: 1, sha256Hash: "<hex>" }`.'),
      },
    }),
  ];
}
