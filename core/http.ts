import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { log } from './log.js';

/** Largest GraphQL request body accepted by default (bytes); larger bodies get 413. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface Route {
  (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> | boolean;
}

/** A response the hub composes itself (refusals before or instead of GraphQL execution). */
export interface PlainResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** One GraphQL exchange as the HTTP layer saw it, handed to `finalize` before anything is sent. */
export interface Exchange {
  req: IncomingMessage;
  /** The parsed JSON body (or the GET query parameters), after `preflight` rewrote it. */
  request: unknown;
  status: number;
  /** The complete response body (JSON). */
  body: string;
  startedAt: number;
}

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  /**
   * Builds one operation's context; may throw a GraphQLError that becomes the response. `request` is that
   * operation's parsed body; `batch` is one object per HTTP request, shared by the operations of a batch
   * (what they may share, such as DataLoaders, hangs off it).
   */
  context: (req: IncomingMessage, request: unknown, batch: object) => Promise<TContext>;
  /**
   * Accept a JSON array of operations in one POST (the gateway sends the subgraph requests of concurrent
   * operations this way): they run concurrently and are answered with an array in the same order.
   */
  batch?: { maxOperations: number };
  /** Routes tried before GraphQL (health, readiness, GraphiQL); return true when handled. */
  routes?: Route[];
  path?: string;
  maxBodyBytes?: number;
  /** Runs on the parsed request before Apollo sees it: may refuse it or hand back a rewritten request. */
  preflight?: (
    req: IncomingMessage,
    request: unknown,
  ) => Promise<{ refuse: PlainResponse } | { request: unknown }>;
  /** Longest time an operation may run; past it the client gets 504 EXECUTION_TIMEOUT. */
  timeoutMs?: number;
  /**
   * Sees every GraphQL exchange (served or refused) before it is sent and may replace it: the gateway
   * writes the audit record here, and answers only once that record is durable.
   */
  finalize?: (exchange: Exchange) => Promise<PlainResponse | undefined>;
}

export function jsonResponse(status: number, body: unknown): PlainResponse {
  return { status, body: JSON.stringify(body) };
}

export const errorResponse = (
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
) => jsonResponse(status, { errors: [{ message, extensions: { code, ...extensions } }] });

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, jsonResponse(status, body));
}

function send(res: ServerResponse, response: PlainResponse): void {
  res.writeHead(response.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(response.body),
    // Answers carry personal and case data: no browser or proxy may keep a copy.
    'cache-control': 'no-store',
    ...response.headers,
  });
  res.end(response.body);
}

class BodyTooLarge extends Error {}
class TimedOut extends Error {}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** GET parameters back into a query string; objects (variables, extensions) travel as JSON. */
function toSearch(request: unknown): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries((request ?? {}) as Record<string, unknown>)) {
    if (value !== undefined) params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return '?' + params.toString();
}

function withTimeout<T>(promise: Promise<T>, ms: number | undefined): Promise<T> {
  if (!ms) return promise;
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimedOut()), ms))),
  ]).finally(() => clearTimeout(timer));
}

/**
 * A plain Node HTTP server in front of Apollo Server: no framework on the hot path, the same shape for
 * the gateway and every subgraph. Malformed JSON gets 400 BAD_REQUEST and never a stack trace.
 */
export function createGraphQLHttpServer<TContext extends BaseContext>(
  opts: GraphQLHttpOptions<TContext>,
): Server {
  const path = opts.path ?? '/graphql';
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  /** Runs one GraphQL exchange to a complete response (status and JSON body). */
  async function exchange(
    req: IncomingMessage,
    url: URL,
  ): Promise<{ request: unknown; response: PlainResponse }> {
    let request: unknown = undefined;
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, maxBodyBytes);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        const message = `请求体超过 ${maxBodyBytes} 字节 (request body exceeds ${maxBodyBytes} bytes)`;
        return { request, response: errorResponse(413, 'BODY_TOO_LARGE', message, { limit: maxBodyBytes }) };
      }
      try {
        request = text.length ? JSON.parse(text) : undefined;
      } catch {
        return {
          request,
          response: errorResponse(
            400,
            'BAD_REQUEST',
            '请求体不是合法的 JSON (request body is not valid JSON)',
          ),
        };
      }
    } else {
      request = Object.fromEntries(url.searchParams);
    }
    const batch = {};
    if (!opts.batch || !Array.isArray(request)) {
      return executeOne(req, url, request, batch);
    }
    const operations = request as unknown[];
    const { maxOperations } = opts.batch;
    if (operations.length === 0 || operations.length > maxOperations) {
      const message = `一次批量须含 1 至 ${maxOperations} 个操作 (a batch holds 1 to ${maxOperations} operations, not ${operations.length})`;
      return {
        request,
        response: errorResponse(400, 'BATCH_TOO_LARGE', message, { limit: maxOperations }),
      };
    }
    const answers = await Promise.all(operations.map((op) => executeOne(req, url, op, batch)));
    const body = `[${answers.map((a) => a.response.body).join(',')}]`;
    return { request, response: { status: 200, body } };
  }

  /** Runs one operation (a whole request, or one element of a batch) to its status and JSON body. */
  async function executeOne(
    req: IncomingMessage,
    url: URL,
    request: unknown,
    batch: object,
  ): Promise<{ request: unknown; response: PlainResponse }> {
    if (opts.preflight) {
      const verdict = await opts.preflight(req, request);
      if ('refuse' in verdict) return { request, response: verdict.refuse };
      request = verdict.request;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: req.method ?? 'GET',
      headers,
      // A GET's parameters may have been rewritten by preflight (a registered operation's text).
      search: req.method === 'POST' ? url.search : toSearch(request),
      body: req.method === 'POST' ? request : undefined,
    };
    try {
      const result = await withTimeout(
        opts.server.executeHTTPGraphQLRequest({
          httpGraphQLRequest,
          context: () => opts.context(req, request, batch),
        }),
        opts.timeoutMs,
      );
      let body: string;
      if (result.body.kind === 'complete') body = result.body.string;
      else {
        body = '';
        for await (const chunk of result.body.asyncIterator) body += chunk;
      }
      return {
        request,
        response: { status: result.status ?? 200, body, headers: Object.fromEntries(result.headers) },
      };
    } catch (error) {
      if (!(error instanceof TimedOut)) throw error;
      const message = `执行超过 ${opts.timeoutMs} 毫秒 (the operation took longer than ${opts.timeoutMs} ms)`;
      return {
        request,
        response: errorResponse(504, 'EXECUTION_TIMEOUT', message, { limit: opts.timeoutMs }),
      };
    }
  }

  const server = createServer(async (req, res) => {
    const startedAt = Date.now();
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      for (const route of opts.routes ?? []) if (await route(req, res, url)) return;
      if (url.pathname !== path) return sendJson(res, 404, { error: 'not found' });
      const { request, response } = await exchange(req, url);
      const replaced = opts.finalize
        ? await opts.finalize({ req, request, startedAt, ...response })
        : undefined;
      send(res, replaced ?? response);
    } catch (error) {
      log('error', 'unhandled HTTP error', { error: String(error) });
      if (!res.headersSent) {
        send(res, errorResponse(500, 'INTERNAL_SERVER_ERROR', '内部错误 (internal error)'));
      } else res.end();
    }
  });
  // Keep-alive from the gateway must outlive its idle sockets, or requests race a closing socket.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

export function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting connections, lets in-flight requests finish, then closes idle keep-alive sockets. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections();
    // Connections still busy after a grace period are cut so shutdown always completes.
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  });
}

/** `GET /health`: the process is up. */
export const healthRoute: Route = (req, res, url) => {
  if (url.pathname !== '/health' || req.method !== 'GET') return false;
  sendJson(res, 200, { status: 'ok' });
  return true;
};

/**
 * `GET /metrics`: counters in the Prometheus text format, for the benchmark (subgraph requests and SQL
 * statements per operation) and for monitoring. Counts only: nothing about who asked for what.
 */
export function metricsRoute(
  service: string,
  read: () => { requests: number; httpRequests: number; sqlStatements: number },
): Route {
  return (req, res, url) => {
    if (url.pathname !== '/metrics' || req.method !== 'GET') return false;
    const { requests, httpRequests, sqlStatements } = read();
    const label = `{service="${service}"}`;
    const body =
      `# HELP hub_graphql_requests_total GraphQL operations served (after the identity check).\n` +
      `# TYPE hub_graphql_requests_total counter\nhub_graphql_requests_total${label} ${requests}\n` +
      `# HELP hub_http_requests_total HTTP requests that carried them (a batch carries several).\n` +
      `# TYPE hub_http_requests_total counter\nhub_http_requests_total${label} ${httpRequests}\n` +
      `# HELP hub_sql_statements_total SQL statements sent to the database.\n` +
      `# TYPE hub_sql_statements_total counter\nhub_sql_statements_total${label} ${sqlStatements}\n`;
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(body);
    return true;
  };
}
