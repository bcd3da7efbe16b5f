import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { log } from './log.js';

/** Largest GraphQL request body accepted (bytes); larger bodies get 413. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface Route {
  (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> | boolean;
}

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  /** Builds the per-request context; may throw a GraphQLError that becomes the response. */
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Routes tried before GraphQL (health, readiness, GraphiQL); return true when handled. */
  routes?: Route[];
  path?: string;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A plain Node HTTP server in front of Apollo Server: no framework on the hot path, the same shape for
 * the gateway and every subgraph. Malformed JSON gets 400 with BAD_REQUEST and never a stack trace.
 */
export function createGraphQLHttpServer<TContext extends BaseContext>(
  opts: GraphQLHttpOptions<TContext>,
): Server {
  const path = opts.path ?? '/graphql';
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      for (const route of opts.routes ?? []) if (await route(req, res, url)) return;
      if (url.pathname !== path) return sendJson(res, 404, { error: 'not found' });

      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown = undefined;
      if (req.method === 'POST') {
        const text = await readBody(req);
        try {
          body = text.length ? JSON.parse(text) : undefined;
        } catch {
          return sendJson(res, 400, {
            errors: [
              {
                message: '请求体不是合法的 JSON (request body is not valid JSON)',
                extensions: { code: 'BAD_REQUEST' },
              },
            ],
          });
        }
      }
      const httpGraphQLRequest: HTTPGraphQLRequest = {
        method: req.method ?? 'GET',
        headers,
        search: url.search,
        body,
      };
      const result = await opts.server.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: () => opts.context(req),
      });
      for (const [key, value] of result.headers) res.setHeader(key, value);
      res.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        res.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return sendJson(res, 413, {
          errors: [{ message: '请求体过大 (request too large)', extensions: { code: 'BAD_REQUEST' } }],
        });
      }
      log('error', 'unhandled HTTP error', { error: String(error) });
      if (!res.headersSent) {
        sendJson(res, 500, {
          errors: [{ message: '内部错误 (internal error)', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
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
