import type { Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { formatError } from '../core/format-error.js';
import {
  closeServer,
  createGraphQLHttpServer,
  healthRoute,
  listen,
  sendJson,
  type Route,
} from '../core/http.js';
import { isSubgraphName, subgraphs, subgraphUrl } from '../core/subgraphs.js';
import { hubError } from '../core/errors.js';
import { createAssertionSigner, createUserTokenVerifier } from '../core/tokens.js';
import { createGatewayContext, type GatewayContext } from './context.js';
import { AgencyDataSource } from './datasource.js';
import { EnforcingGateway } from './enforcing-gateway.js';
import { graphiqlRoute } from './graphiql.js';
import { buildPolicyIndex } from './policy.js';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Subgraph URLs by subgraph name; default: `<PREFIX>_URL`, else the URL in the supergraph. */
  subgraphUrls?: Record<string, string>;
  /** Request timeout (ms) to every subgraph; default `<PREFIX>_TIMEOUT_MS`, else `HUB_SUBGRAPH_TIMEOUT_MS`, else 10 s. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface GatewayRuntime {
  apollo: ApolloServer<GatewayContext>;
  http: Server;
  /** The URL each subgraph is reached at. */
  subgraphUrls: Map<string, string>;
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

export const exampleQuery = (
  creditCode: string,
) => `# 一户企业的跨部门全景 (one enterprise as every agency sees it)
query EnterpriseAcrossAgencies($creditCode: ID! = "${creditCode}") {
  enterprise(creditCode: $creditCode) {
    creditCode name district industry creditRating isLargeEnterprise taxOffice
    socialInsurance { accountNumber insuredCount arrearsTotal }
    medicalInsurance { accountNumber insuredCount arrearsTotal }
    courtCases { caseNumber type cause status filedOn }
    serviceRecords { service mode summary servedAt servicePoint { name } }
  }
}
`;

/** `GET /ready`: 200 when every subgraph's /health answers, else 503 naming the ones that do not. */
function readinessRoute(urls: Map<string, string>): Route {
  return async (req, res, url) => {
    if (url.pathname !== '/ready' || req.method !== 'GET') return false;
    const checks = await Promise.all(
      [...urls].map(async ([name, subgraphUrl]) => {
        const health = new URL('/health', subgraphUrl);
        try {
          const response = await fetch(health, { signal: AbortSignal.timeout(2_000) });
          return { name, up: response.ok };
        } catch {
          return { name, up: false };
        }
      }),
    );
    const down = checks.filter((c) => !c.up).map((c) => c.name);
    sendJson(res, down.length ? 503 : 200, {
      status: down.length ? 'unavailable' : 'ready',
      subgraphs: Object.fromEntries(checks.map((c) => [c.name, c.up ? 'up' : 'down'])),
      ...(down.length
        ? {
            unavailable: down.map((name) => ({
              subgraph: name,
              agency: isSubgraphName(name) ? subgraphs[name].agency : name,
            })),
          }
        : {}),
    });
    return true;
  };
}

/**
 * @apollo/gateway refuses a supergraph whose @link marks @authenticated / @policy as `for: SECURITY`,
 * because it cannot enforce them. The hub enforces them itself (EnforcingGateway, from the original SDL),
 * so the planner gets the same supergraph without that marker.
 */
function withoutSecurityPurpose(supergraphSdl: string): string {
  return supergraphSdl.replace(/(@link\(url: "[^"]+")\s*,\s*for:\s*SECURITY\)/g, '$1)');
}

/** The hub's gateway: @apollo/gateway over a supergraph file, served by the same plain HTTP layer as the subgraphs. */
export async function createGateway(options: GatewayOptions): Promise<GatewayRuntime> {
  const env = options.env ?? process.env;
  const defaultTimeoutMs = options.timeoutMs ?? Number(env.HUB_SUBGRAPH_TIMEOUT_MS ?? 10_000);
  // A slow agency gets its own limit (e.g. COURTS_TIMEOUT_MS) without slowing the others' answers.
  const timeoutFor = (name: string) => {
    const own = isSubgraphName(name) ? env[`${subgraphs[name].envPrefix}_TIMEOUT_MS`] : undefined;
    return own ? Number(own) : defaultTimeoutMs;
  };
  const urls = new Map<string, string>();
  const verifyUserToken = await createUserTokenVerifier(env);
  const signAssertion = await createAssertionSigner(env);
  const gateway = new ApolloGateway({
    supergraphSdl: withoutSecurityPurpose(options.supergraphSdl),
    buildService: ({ name, url }) => {
      const resolved =
        options.subgraphUrls?.[name] ??
        (isSubgraphName(name) && env[`${subgraphs[name].envPrefix}_URL`] ? subgraphUrl(name, env) : url);
      if (!resolved) throw new Error(`no URL for subgraph ${name}`);
      urls.set(name, resolved);
      return new AgencyDataSource(name, resolved, timeoutFor(name), signAssertion);
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: new EnforcingGateway(gateway, buildPolicyIndex(options.supergraphSdl)),
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  const http = createGraphQLHttpServer({
    server: apollo,
    context: (req) =>
      createGatewayContext(req, verifyUserToken, (reason) =>
        hubError('UNAUTHENTICATED', `身份令牌无效：${reason} (invalid token)`, { http: { status: 401 } }),
      ),
    routes: [healthRoute, readinessRoute(urls), graphiqlRoute(exampleQuery(''))],
  });
  return {
    apollo,
    http,
    subgraphUrls: urls,
    listen: (port, host) => listen(http, port, host),
    stop: async () => {
      await closeServer(http);
      await apollo.stop();
    },
  };
}
