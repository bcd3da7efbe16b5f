import type { IncomingMessage, Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { formatError } from '../core/format-error.js';
import {
  closeServer,
  createGraphQLHttpServer,
  errorResponse,
  healthRoute,
  listen,
  sendJson,
  type PlainResponse,
  type Route,
} from '../core/http.js';
import { log } from '../core/log.js';
import { composedSubgraphs, isComposedSubgraphName, subgraphUrl } from '../core/subgraphs.js';
import { hubError } from '../core/errors.js';
import { createAssertionSigner, createServiceVerifier, createUserTokenVerifier } from '../core/tokens.js';
import { createAuditStore, type AuditStore } from './audit/store.js';
import { createAuditRecorder } from './audit-recorder.js';
import { createGatewayContext, type GatewayContext } from './context.js';
import { AgencyDataSource } from './datasource.js';
import { withoutSecurityPurpose } from './supergraph.js';
import { EnforcingGateway } from './enforcing-gateway.js';
import { createPurposeChecker } from './purpose.js';
import { checkOperationLimits, checkTokenLimit, limitsFromEnv } from './limits.js';
import { loadPersistedOperations } from './persisted-operations.js';
import { graphiqlRoute } from './graphiql.js';
import { healthCheckReportRoute } from './reports/route.js';
import { buildPolicyIndex } from './policy.js';

// @apollo/gateway otherwise sends usage telemetry to Apollo's servers and probes cloud metadata
// endpoints (GCP, AWS, Azure) when it is constructed. A government intranet hub contacts nothing but its
// own subgraphs, so this is switched off before any gateway exists, whatever the environment says.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Subgraph URLs by subgraph name; default: `<PREFIX>_URL`, else the URL in the supergraph. */
  subgraphUrls?: Record<string, string>;
  /** Request timeout (ms) to every subgraph; default `<PREFIX>_TIMEOUT_MS`, else `HUB_SUBGRAPH_TIMEOUT_MS`, else 10 s. */
  timeoutMs?: number;
  /**
   * The audit trail's database. `false` turns auditing off, which only the benchmark does to measure
   * what auditing costs; a served hub always audits.
   */
  audit: { databaseUrl: string } | false;
  env?: NodeJS.ProcessEnv;
}

export interface GatewayRuntime {
  apollo: ApolloServer<GatewayContext>;
  http: Server;
  /** The URL each subgraph is reached at. */
  subgraphUrls: Map<string, string>;
  auditStore: AuditStore | null;
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
              agency: isComposedSubgraphName(name) ? composedSubgraphs[name].agency : name,
            })),
          }
        : {}),
    });
    return true;
  };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** GraphiQL's schema query: only __schema / __type / __typename at the root. */
function isIntrospectionOnly(operation: OperationDefinitionNode | undefined): boolean {
  return Boolean(
    operation?.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__')),
  );
}

/** The hub's gateway: @apollo/gateway over a supergraph file, served by the same plain HTTP layer as the subgraphs. */
export async function createGateway(options: GatewayOptions): Promise<GatewayRuntime> {
  const env = options.env ?? process.env;
  const defaultTimeoutMs = options.timeoutMs ?? Number(env.HUB_SUBGRAPH_TIMEOUT_MS ?? 10_000);
  // A slow agency gets its own limit (e.g. COURTS_TIMEOUT_MS) without slowing the others' answers.
  const timeoutFor = (name: string) => {
    const own = isComposedSubgraphName(name)
      ? env[`${composedSubgraphs[name].envPrefix}_TIMEOUT_MS`]
      : undefined;
    return own ? Number(own) : defaultTimeoutMs;
  };
  // Batches of reads on their way to one subgraph at once (gateway/subgraph-client.ts); 0: no limit.
  const batchesInFlight = env.HUB_SUBGRAPH_BATCHES_IN_FLIGHT
    ? Number(env.HUB_SUBGRAPH_BATCHES_IN_FLIGHT)
    : undefined;
  const urls = new Map<string, string>();
  const dataSources: AgencyDataSource[] = [];
  const verifyUserToken = await createUserTokenVerifier(env);
  const signAssertion = await createAssertionSigner(env);
  const verifyServiceAssertion = await createServiceVerifier(env);
  const gateway = new ApolloGateway({
    supergraphSdl: withoutSecurityPurpose(options.supergraphSdl),
    buildService: ({ name, url }) => {
      const resolved =
        options.subgraphUrls?.[name] ??
        (isComposedSubgraphName(name) && env[`${composedSubgraphs[name].envPrefix}_URL`]
          ? subgraphUrl(name, env)
          : url);
      if (!resolved) throw new Error(`no URL for subgraph ${name}`);
      urls.set(name, resolved);
      const client = { timeoutMs: timeoutFor(name), maxInFlight: batchesInFlight };
      const dataSource = new AgencyDataSource(name, resolved, client, signAssertion);
      dataSources.push(dataSource);
      return dataSource;
    },
  });
  const limits = limitsFromEnv(env);
  // Production mode: no introspection, no field suggestions, no GraphiQL, registered operations only
  // (an auditor may still run ad-hoc queries).
  const production = env.HUB_MODE === 'production';
  const persisted = production ? loadPersistedOperations(env.HUB_OPERATIONS_DIR) : null;
  const auditStore = options.audit
    ? await createAuditStore({ databaseUrl: options.audit.databaseUrl, env })
    : null;
  if (!auditStore) log('warn', 'auditing is OFF: operations are not recorded (benchmark comparison only)');
  // Records past the retention (at least 180 days) are pruned once a day, never sooner.
  const pruneOld = () =>
    auditStore
      ?.prune()
      .catch((error: unknown) => log('error', 'audit prune failed', { error: String(error) }));
  const pruneTimer = auditStore ? setInterval(pruneOld, 24 * 3600 * 1000).unref() : undefined;

  const apollo = new ApolloServer<GatewayContext>({
    gateway: new EnforcingGateway(
      gateway,
      buildPolicyIndex(options.supergraphSdl),
      createPurposeChecker((subgraph) => urls.get(subgraph), signAssertion),
    ),
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Answers carry personal data and are never cached by HTTP intermediaries: no cache-control hints.
      ApolloServerPluginCacheControlDisabled(),
      // Never report usage or schemas to Apollo's servers, even if APOLLO_KEY is set in the environment.
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      {
        // Depth, aliases, directives and cost, measured on the resolved operation before it is planned.
        async requestDidStart() {
          return {
            async didResolveOperation({ schema, document, request, operation }) {
              if (!production && isIntrospectionOnly(operation)) return; // GraphiQL's schema query
              const [first] = checkOperationLimits(
                schema,
                document,
                request.operationName,
                limits,
                request.variables,
              );
              if (first)
                throw new GraphQLError(first.message, {
                  extensions: { ...first.extensions, http: { status: 400 } },
                });
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  const contexts = new WeakMap<IncomingMessage, Promise<GatewayContext>>();
  const contextFor = (req: IncomingMessage) => {
    let context = contexts.get(req);
    if (!context) {
      context = createGatewayContext(
        req,
        verifyUserToken,
        (reason) =>
          hubError('UNAUTHENTICATED', `身份令牌无效：${reason} (invalid token)`, { http: { status: 401 } }),
        verifyServiceAssertion,
      );
      contexts.set(req, context);
    }
    return context;
  };
  const settled = new WeakMap<IncomingMessage, GatewayContext>();
  const recordAudit = auditStore
    ? createAuditRecorder({
        store: auditStore,
        contextOf: (exchange) => settled.get(exchange.req),
      })
    : undefined;

  const http = createGraphQLHttpServer({
    server: apollo,
    context: async (req) => {
      const context = await contextFor(req);
      settled.set(req, context);
      return context;
    },
    maxBodyBytes: limits.maxBodyBytes,
    timeoutMs: limits.maxExecutionMs,
    preflight: async (req, request) => {
      if (!request || typeof request !== 'object' || Array.isArray(request)) return { request };
      let body = request as { query?: unknown; extensions?: unknown; documentId?: unknown };
      if (persisted) {
        const resolved = await resolvePersisted(body, req);
        if ('refuse' in resolved) return resolved;
        body = resolved.request;
      }
      if (typeof body.query === 'string') {
        const tooLong = checkTokenLimit(body.query, limits);
        if (tooLong)
          return {
            refuse: errorResponse(400, 'MAX_TOKENS_EXCEEDED', tooLong.message, { ...tooLong.extensions }),
          };
      }
      return { request: body };
    },
    finalize: recordAudit,
    routes: [
      healthRoute,
      readinessRoute(urls),
      healthCheckReportRoute,
      ...(production ? [] : [graphiqlRoute(exampleQuery(''))]),
    ],
  });

  /** Production mode: a registered operation by its hash, or an auditor's ad-hoc query; nothing else. */
  async function resolvePersisted(
    body: { query?: unknown; extensions?: unknown; documentId?: unknown },
    req: IncomingMessage,
  ): Promise<{ refuse: PlainResponse } | { request: typeof body }> {
    // A GET carries extensions as a JSON string.
    const rawExtensions = typeof body.extensions === 'string' ? safeParse(body.extensions) : body.extensions;
    const extensions = (rawExtensions ?? {}) as { persistedQuery?: { sha256Hash?: unknown } };
    const hash = extensions.persistedQuery?.sha256Hash ?? body.documentId;
    if (typeof hash === 'string') {
      const operation = persisted!.byHash(hash);
      if (!operation) {
        return {
          refuse: errorResponse(
            400,
            'PERSISTED_QUERY_NOT_FOUND',
            `未登记的操作 ${hash} (no registered operation has this hash)`,
          ),
        };
      }
      const { persistedQuery: _dropped, ...rest } = extensions;
      return { request: { ...body, query: operation.document, extensions: rest, documentId: undefined } };
    }
    let identity: GatewayContext['identity'] = null;
    try {
      identity = (await contextFor(req)).identity;
    } catch {
      identity = null;
    }
    if (typeof body.query === 'string' && identity?.roles.includes('auditor')) return { request: body };
    return {
      refuse: errorResponse(
        400,
        'PERSISTED_OPERATION_REQUIRED',
        '生产模式仅运行已登记的操作（审计人员除外）(production mode runs registered operations only, except for auditors)',
      ),
    };
  }

  return {
    apollo,
    http,
    subgraphUrls: urls,
    auditStore,
    listen: (port, host) => listen(http, port, host),
    stop: async () => {
      clearInterval(pruneTimer);
      await closeServer(http);
      await apollo.stop();
      for (const dataSource of dataSources) dataSource.close();
      await auditStore?.close();
    },
  };
}
