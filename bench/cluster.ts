import { prepareDatabases, type DatabasePlan } from '../core/database.js';
import { subgraphNames, subgraphs } from '../core/subgraphs.js';
import type { Scale } from '../subgraphs/shared/demo-world/index.js';
import { migrateAndSeedAll } from '../subgraphs/seed-all.js';
import { freePort, startService, type Service } from './processes.js';

/**
 * The hub as production runs it, for benchmarks: the five subgraphs each in its own process on their own
 * databases (`bench_*`, seeded once at the given scale), and gateways started on top of them on demand.
 */
export interface Cluster {
  databases: DatabasePlan;
  subgraphs: Service[];
  /** Environment a gateway process needs to reach the subgraphs and the audit trail. */
  gatewayEnv: NodeJS.ProcessEnv;
  env: NodeJS.ProcessEnv;
  startGateway(name: string, entry: string, extraEnv?: NodeJS.ProcessEnv): Promise<Service>;
  /**
   * GraphQL operations, the HTTP requests that carried them (a batch carries several) and SQL statements
   * the subgraphs have served so far (from their /metrics).
   */
  subgraphCounters(): Promise<{ requests: number; httpRequests: number; sqlStatements: number }>;
  stop(): Promise<void>;
}

export async function startCluster(
  scale: Scale,
  log: (line: string) => void = () => undefined,
): Promise<Cluster> {
  // Benchmark data lives apart from demo data: databases `<BENCH_DB_PREFIX or bench>_<agency>`.
  const env: NodeJS.ProcessEnv = { ...process.env, HUB_DB_PREFIX: process.env.BENCH_DB_PREFIX ?? 'bench' };
  const databases = await prepareDatabases(env);
  const services: Service[] = [];
  // The hub gateway's port is chosen now: the tax subgraph's report builder reads through it.
  const hubGatewayPort = await freePort();
  const gatewayEnv: NodeJS.ProcessEnv = {
    ...env,
    // The hub's gateway as in production: registered operations only (the peers ignore this).
    HUB_MODE: 'production',
    HUB_AUDIT_DATABASE_URL: databases.hubUrl,
    HUB_INTERNAL_PORT: '0',
  };
  try {
    await migrateAndSeedAll(databases.urls, scale, {
      env,
      // After the demo world changes, BENCH_RESEED=1 empties the bench databases and seeds them afresh.
      reset: env.BENCH_RESEED === '1',
      onReport: (r) => log(`seed ${r.subgraph.padEnd(18)} ${r.result} (${r.seconds.toFixed(1)} s)`),
    });
    for (const name of subgraphNames) {
      const { envPrefix } = subgraphs[name];
      const port = await freePort();
      services.push(
        await startService(name, `subgraphs/${name}/main.ts`, port, {
          ...env,
          // The lead's dispute ledger (tax starts first): the others confirm dispute steps with it.
          ...(gatewayEnv.TAX_URL ? { TAX_URL: gatewayEnv.TAX_URL } : {}),
          HUB_GATEWAY_URL: `http://127.0.0.1:${hubGatewayPort}/graphql`,
          [`${envPrefix}_DATABASE_URL`]: databases.urls[name],
          [`${envPrefix}_PORT`]: String(port),
        }),
      );
      gatewayEnv[`${envPrefix}_URL`] = `http://127.0.0.1:${port}/graphql`;
    }
  } catch (error) {
    for (const service of services) await service.stop().catch(() => undefined);
    await databases.stop();
    throw error;
  }
  const subgraphServices = [...services];
  return {
    databases,
    subgraphs: subgraphServices,
    gatewayEnv,
    env,
    startGateway: async (name, entry, extraEnv = {}) => {
      const port = name === 'hub' ? hubGatewayPort : await freePort();
      const service = await startService(name, entry, port, {
        ...gatewayEnv,
        ...extraEnv,
        PORT: String(port),
      });
      services.push(service);
      return service;
    },
    subgraphCounters: async () => {
      const totals = { requests: 0, httpRequests: 0, sqlStatements: 0 };
      const counter = (text: string, name: string) =>
        Number(new RegExp(`^${name}\\{[^}]*\\} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
      for (const service of subgraphServices) {
        const text = await (await fetch(`http://127.0.0.1:${service.port}/metrics`)).text();
        totals.requests += counter(text, 'hub_graphql_requests_total');
        totals.httpRequests += counter(text, 'hub_http_requests_total');
        totals.sqlStatements += counter(text, 'hub_sql_statements_total');
      }
      return totals;
    },
    stop: async () => {
      for (const service of services.reverse()) await service.stop().catch(() => undefined);
      await databases.stop();
    },
  };
}
