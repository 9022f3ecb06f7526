import { GraphQLError } from 'graphql';
import { maskError as maskUnexpected, type Plugin } from 'graphql-yoga';
import { UpstreamError } from '../upstream/errors.js';
import { TooManyGroupsError } from '../domain/report/report-groups.js';
import { requestIdOf } from './request-id.js';

/**
 * What a client sees of an error, decided in one place. Every error carries `extensions.code` and the
 * request id. The code comes from, in order:
 * 1. the error itself (raised on purpose: BAD_USER_INPUT, UNAUTHENTICATED, BAD_REQUEST, the limits, and
 *    yoga's GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED);
 * 2. a wolkvox failure behind it: its UPSTREAM_* code, with its message (which never holds the token);
 * 3. the explicit list of client mistakes that arrive without a code: errors GraphQL raises itself
 *    before anything runs (variables that do not coerce, a literal of the wrong type) and a federation
 *    representation with an unknown `__typename` (@apollo/subgraph throws a plain Error for it);
 * and anything else is the server's fault: masked as INTERNAL_SERVER_ERROR, and logged.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  return error instanceof GraphQLError && codeOf(error) !== 'INTERNAL_SERVER_ERROR' ? error : maskUnexpected(error, message, isDev);
}

/** The code an error is answered with (see maskError). */
function codeOf(error: GraphQLError): string {
  // graphql-jit builds some errors without `extensions`.
  const own = error.extensions?.code;
  if (typeof own === 'string') return own;
  const original = error.originalError;
  if (original instanceof UpstreamError) return original.code;
  // Reports are refused on their estimate before they compute; this is the bound behind it (MAX_REPORT_GROUPS).
  if (original instanceof TooManyGroupsError) return 'BAD_USER_INPUT';
  if (original === undefined || original instanceof GraphQLError || isUnknownEntityType(error)) return 'BAD_USER_INPUT';
  return 'INTERNAL_SERVER_ERROR';
}

function isUnknownEntityType(error: GraphQLError): boolean {
  return error.path?.[0] === '_entities' && error.originalError?.message.startsWith('The _entities resolver') === true;
}

const outcomes = new WeakMap<Request, readonly string[]>();

/** The codes of the errors a request was answered with (for its access-log line). */
export function errorCodesOf(request: Request): readonly string[] {
  return outcomes.get(request) ?? [];
}

/** Puts the code and the request id on every error of a result, and remembers the codes for the log. */
export function useErrorCodes(): Plugin {
  return {
    onResultProcess({ request, result, setResult }) {
      if (Array.isArray(result) || !('errors' in result) || !result.errors?.length) return;
      const requestId = requestIdOf(request);
      const codes: string[] = [];
      const errors = result.errors.map((error) => {
        if (!(error instanceof GraphQLError)) {
          codes.push('INTERNAL_SERVER_ERROR');
          return error;
        }
        const code = codeOf(error);
        codes.push(code);
        const extensions = { ...(error.extensions ?? {}), code, ...(requestId && { requestId }) };
        return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, originalError: error.originalError, extensions });
      });
      outcomes.set(request, codes);
      setResult({ ...result, errors });
    },
  };
}
