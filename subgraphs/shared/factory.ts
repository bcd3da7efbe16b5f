import type { IncomingMessage, Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { parse } from 'graphql';
import { readSubgraphSdl } from '../../core/composition.js';
import { hubError } from '../../core/errors.js';
import {
  ASSERTION_EXTENSION,
  ASSERTION_HEADER,
  GATEWAY_ASSERTION_EXTENSION,
  LEDGER_ASSERTION_EXTENSION,
  createAssertionVerifier,
  type Assertion,
} from '../../core/tokens.js';
import { closeServer, createGraphQLHttpServer, healthRoute, listen, metricsRoute } from '../../core/http.js';
import {
  hubGatewayUrl,
  subgraphUrl,
  type ComposedSubgraphName,
  type SubgraphName,
} from '../../core/subgraphs.js';
import type { Scale, World } from './demo-world/index.js';
import type { SubgraphContext } from './context.js';
import { formatError } from '../../core/format-error.js';
import { log } from '../../core/log.js';
import { initOrm, type SqlCounter } from './orm.js';
import { DateScalar, DateTimeScalar, DecimalScalar } from './scalars.js';
import { seedOnce, type SeedTarget } from './seeding.js';

/**
 * What one agency's subgraph is made of; `createSubgraph` turns it into a running service. `TName` is
 * an agency's name unless stated: only the hub's own subgraph (gateway/hub-subgraph/) states 'hub'.
 */
export interface SubgraphDefinition<TLoaders, TName extends ComposedSubgraphName = SubgraphName> {
  name: TName;
  entities: EntitySchema[];
  migrations: MigrationObject[];
  /** Resolvers, typed by the subgraph's generated resolver types. */
  resolvers: object;
  createLoaders: (em: EntityManager) => TLoaders;
  /** Writes this agency's slice of the demo world. */
  seed: (target: SeedTarget, world: World) => Promise<void>;
  /** Work the subgraph does on its own schedule (the weekly analysis of appeals), started by `startJobs`. */
  jobs?: ScheduledJob[];
}

/**
 * A recurring job. It runs in every replica, so it must be idempotent: the weekly analysis generates a
 * period's report only if none exists, and a unique index settles two replicas racing.
 */
export interface ScheduledJob {
  name: string;
  everyMs: number;
  run(em: EntityManager, now: Date): Promise<unknown>;
}

export interface SubgraphRuntime<TLoaders, TName extends ComposedSubgraphName = SubgraphName> {
  name: TName;
  orm: MikroORM;
  apollo: ApolloServer<SubgraphContext<TLoaders>>;
  http: Server;
  /** SQL statements sent since start (for the N+1 tests and the benchmark). */
  sql: SqlCounter;
  /**
   * A request context for a caller the gateway has verified (tests pass one directly). Operations of one
   * batched request may pass the same `data` (forked EntityManager and DataLoaders) to share their loads.
   */
  createContext(
    assertion: Assertion,
    data?: SubgraphData<TLoaders>,
    onward?: OnwardAssertions,
  ): SubgraphContext<TLoaders>;
  migrate(): Promise<void>;
  seed(scale: Scale): Promise<'seeded' | 'already-seeded'>;
  listen(port: number, host?: string): Promise<number>;
  /** Starts the definition's scheduled jobs (production and `npm start`; tests leave them off). */
  startJobs(): void;
  stop(): Promise<void>;
}

/** Onward assertions the gateway signed for this operation's caller (see core/tokens.ts). */
export interface OnwardAssertions {
  /** For the lead's dispute ledger (audience tax). */
  ledger?: string | undefined;
  /** For the gateway itself (audience gateway): reads through the graph on the caller's behalf. */
  gateway?: string | undefined;
}

/** What the read-only operations of one batched request share: one EntityManager fork and its loaders. */
export type SubgraphData<TLoaders> = Pick<SubgraphContext<TLoaders>, 'em' | 'loaders'>;

/** Largest batch of operations the gateway may send in one subgraph request. */
const MAX_BATCH_OPERATIONS = 100;

const extensionsOf = (request: unknown) =>
  (request as { extensions?: Record<string, unknown> } | null)?.extensions;

/** The assertion of one operation: in its extensions when batched, else in the request header. */
function assertionToken(req: IncomingMessage, request: unknown): string | undefined {
  const fromBody = extensionsOf(request)?.[ASSERTION_EXTENSION];
  if (typeof fromBody === 'string') return fromBody;
  const header = req.headers[ASSERTION_HEADER];
  return typeof header === 'string' ? header : undefined;
}

/**
 * A query (not a mutation) may share its batch's EntityManager and loaders: loaders load rows whatever
 * the viewer (they are built from the EntityManager alone, see `createLoaders`), resolvers decide what
 * each viewer sees, and reads never change managed entities. A mutation always gets its own.
 */
const isQueryDocument = (request: unknown): boolean => {
  const query = (request as { query?: unknown } | null)?.query;
  return typeof query === 'string' && /^\s*(query\b|\{)/.test(query);
};

const sharedScalars = { Date: DateScalar, DateTime: DateTimeScalar, Decimal: DecimalScalar };

/**
 * The one subgraph factory: ORM with migrations, schema from schema/<name>.graphql, per-request
 * context (forked EntityManager + fresh DataLoaders), uniform errors, health endpoint, HTTP server.
 * Nothing listens until `listen` is called, so tests build servers in process.
 */
export async function createSubgraph<TLoaders, TName extends ComposedSubgraphName = SubgraphName>(
  def: SubgraphDefinition<TLoaders, TName>,
  options: {
    databaseUrl: string;
    env?: NodeJS.ProcessEnv;
    /** Where the lead's dispute ledger (the tax subgraph) answers; default TAX_URL or its default port. */
    ledgerUrl?: () => string;
    /** Where the hub's gateway answers, for reads through the graph (health-check reports); default HUB_GATEWAY_URL. */
    gatewayUrl?: () => string;
  },
): Promise<SubgraphRuntime<TLoaders, TName>> {
  const { orm, sql } = await initOrm({
    databaseUrl: options.databaseUrl,
    entities: def.entities,
    migrations: def.migrations,
  });
  const typeDefs = parse(readSubgraphSdl(def.name));
  const scalars = Object.fromEntries(
    Object.entries(sharedScalars).filter(([name]) =>
      typeDefs.definitions.some((d) => d.kind === 'ScalarTypeDefinition' && d.name.value === name),
    ),
  );
  const schema = buildSubgraphSchema({
    typeDefs,
    resolvers: { ...scalars, ...def.resolvers } as GraphQLResolverMap<unknown>,
  });
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // No inline (ftv1) traces: nothing here reports them, and building them costs every request. No
    // cache-control hints either: nothing caches subgraph answers, and the plugin's per-field hook makes
    // Apollo Server wrap every resolver. Nothing is reported to Apollo's servers, even with APOLLO_KEY
    // set: the hub runs on a closed network.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
    ],
  });
  await apollo.start();

  const createData = (): SubgraphData<TLoaders> => {
    const em = orm.em.fork() as EntityManager;
    return { em, loaders: def.createLoaders(em) };
  };
  const ledgerUrl = options.ledgerUrl ?? (() => subgraphUrl('tax', options.env));
  const gatewayUrl = options.gatewayUrl ?? (() => hubGatewayUrl(options.env));
  const createContext = (
    assertion: Assertion,
    data: SubgraphData<TLoaders> = createData(),
    onward: OnwardAssertions = {},
  ): SubgraphContext<TLoaders> => ({
    ...data,
    viewer: assertion.identity,
    purpose: assertion.purpose,
    via: assertion.via ?? null,
    ledger: onward.ledger ? { url: ledgerUrl(), assertion: onward.ledger } : null,
    gateway: onward.gateway ? { url: gatewayUrl(), assertion: onward.gateway } : null,
  });
  const batchData = new WeakMap<object, SubgraphData<TLoaders>>();
  // Only the gateway's signed assertion, made for this subgraph, opens it: a direct call to the port
  // gets 401 and nothing but /health.
  const verifyAssertion = await createAssertionVerifier(def.name, options.env);
  const requests = { count: 0, http: 0 };
  const seenBatches = new WeakSet<object>();
  const http = createGraphQLHttpServer({
    server: apollo,
    batch: { maxOperations: MAX_BATCH_OPERATIONS },
    context: async (req, request, batch) => {
      const token = assertionToken(req, request);
      if (token === undefined) {
        throw hubError(
          'UNAUTHENTICATED',
          '仅接受经网关转发并签名的请求 (only signed requests from the gateway are served)',
          {
            http: { status: 401 },
          },
        );
      }
      const assertion = await verifyAssertion(token);
      let data: SubgraphData<TLoaders> | undefined;
      if (isQueryDocument(request)) {
        data = batchData.get(batch);
        if (!data) batchData.set(batch, (data = createData()));
      }
      requests.count++;
      if (!seenBatches.has(batch)) {
        seenBatches.add(batch);
        requests.http++;
      }
      const extensions = extensionsOf(request);
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
      return createContext(assertion, data, {
        ledger: text(extensions?.[LEDGER_ASSERTION_EXTENSION]),
        gateway: text(extensions?.[GATEWAY_ASSERTION_EXTENSION]),
      });
    },
    routes: [
      healthRoute,
      metricsRoute(def.name, () => ({
        requests: requests.count,
        httpRequests: requests.http,
        sqlStatements: sql.count,
      })),
    ],
  });

  let stopping: Promise<void> | undefined;
  const timers: NodeJS.Timeout[] = [];
  const runJob = (job: ScheduledJob) =>
    job
      .run(orm.em.fork() as EntityManager, new Date())
      .catch((error: unknown) =>
        log('error', 'scheduled job failed', { subgraph: def.name, job: job.name, error: String(error) }),
      );
  return {
    name: def.name,
    orm,
    apollo,
    http,
    sql,
    createContext,
    migrate: async () => {
      await orm.getMigrator().up();
    },
    seed: (scale) =>
      seedOnce(options.databaseUrl, orm.getMetadata(), scale, async (target) => {
        // Loaded only when seeding: production start-up never builds the demo world.
        const { buildWorld } = await import('./demo-world/index.js');
        await def.seed(target, buildWorld(scale));
      }),
    listen: (port, host) => listen(http, port, host),
    startJobs: () => {
      if (timers.length) return;
      for (const job of def.jobs ?? []) {
        // Once soon after start-up (a report due while the service was down is caught up), then on schedule.
        timers.push(setTimeout(() => void runJob(job), 5_000).unref());
        timers.push(setInterval(() => void runJob(job), job.everyMs).unref());
      }
    },
    // Idempotent: a test may stop one subgraph early and the hub stop it again at the end.
    stop: () =>
      (stopping ??= (async () => {
        for (const timer of timers) clearInterval(timer);
        await closeServer(http);
        await apollo.stop();
        await orm.close();
      })()),
  };
}
