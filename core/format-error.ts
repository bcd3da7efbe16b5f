import type { GraphQLFormattedError } from 'graphql';
import { errorCodes } from './errors.js';
import { log } from './log.js';

/** Codes Apollo Server itself returns for malformed requests; their messages are safe to show. */
const APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Extensions a client may see; anything else (stack traces, service URLs) is dropped. */
const SAFE_EXTENSIONS = new Set(['code', 'argument', 'agency', 'field', 'limit', 'actual', 'http']);

/**
 * Every error leaves the hub with a stable `extensions.code` and no stack trace. Unexpected errors
 * are logged in full and answered with a generic INTERNAL_SERVER_ERROR.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const known = typeof code === 'string' && (code in errorCodes || APOLLO_CODES.has(code));
  if (!known || code === 'INTERNAL_SERVER_ERROR') {
    log('error', 'unexpected error in resolver', {
      error: String(error),
      stack: (error as Error)?.stack,
      path: formatted.path,
    });
    return {
      message: '内部错误，请稍后重试 (internal error)',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  const extensions = Object.fromEntries(
    Object.entries(formatted.extensions ?? {}).filter(([key]) => SAFE_EXTENSIONS.has(key)),
  );
  return { ...formatted, extensions };
}
