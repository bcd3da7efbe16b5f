import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HealthCheckReportView } from '../../core/health-check.js';
import type { Route } from '../../core/http.js';
import { byHash, registeredOperation } from '../../core/operations.js';
import { renderHealthCheckReport, renderReportErrorPage, reportStyles } from './health-check-html.js';

/**
 * `GET /reports/health-check/<id>`: the printable page of a health-check report, under the caller's own
 * token. The page is read through the gateway's own GraphQL endpoint (the registered operation
 * HealthCheckReportPage), so identity, the report's access rule (its liaisons and the enterprise itself)
 * and the audit record apply to every fetch exactly as to a GraphQL query.
 */

const OPERATION = registeredOperation('HealthCheckReportPage');
const PATH = /^\/reports\/health-check\/([0-9a-fA-F-]{36})$/;

/** The page's one stylesheet, allowed by its hash: nothing else is fetched, nothing runs. */
const STYLE_HASH = createHash('sha256').update(reportStyles).digest('base64');
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; frame-ancestors 'none'`,
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

type Answer = {
  data?: {
    healthCheckReport?: Omit<HealthCheckReportView, 'enterprise'> & {
      creditCode: string;
      enterpriseName: string;
      enterpriseDistrict: string;
      enterpriseIndustry: string;
    };
  } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
};

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { ...PAGE_HEADERS, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export const healthCheckReportRoute: Route = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
  const match = PATH.exec(url.pathname);
  if (!match || req.method !== 'GET') return false;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (req.headers.authorization) headers.authorization = req.headers.authorization;
  // The same server, over loopback: the fetch is one audited GraphQL operation of the caller.
  const self = `http://127.0.0.1:${req.socket.localPort}/graphql`;
  let answer: Answer;
  try {
    const response = await fetch(self, {
      method: 'POST',
      headers,
      body: byHash(OPERATION, { id: match[1] }),
      signal: AbortSignal.timeout(30_000),
    });
    answer = (await response.json()) as Answer;
  } catch {
    send(
      res,
      503,
      renderReportErrorPage(503, 'SUBGRAPH_UNAVAILABLE', '报告暂时无法读取，请稍后重试 (try again later)'),
    );
    return true;
  }
  const report = answer.data?.healthCheckReport;
  if (!report) {
    const error = answer.errors?.[0];
    const code = error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    const status = STATUS[code] ?? 500;
    send(
      res,
      status,
      renderReportErrorPage(status, code, error?.message ?? '报告无法读取 (the report cannot be read)'),
    );
    return true;
  }
  const { creditCode, enterpriseName, enterpriseDistrict, enterpriseIndustry, ...rest } = report;
  send(
    res,
    200,
    renderHealthCheckReport({
      ...rest,
      enterprise: {
        creditCode,
        name: enterpriseName,
        district: enterpriseDistrict,
        industry: enterpriseIndustry,
      },
    }),
  );
  return true;
};
