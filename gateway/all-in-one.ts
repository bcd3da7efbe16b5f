import { prepareDatabases, type DatabasePlan } from '../core/database.js';
import { log } from '../core/log.js';
import {
  hubSubgraph as hubSubgraphInfo,
  subgraphNames,
  subgraphs,
  type ComposedSubgraphName,
  type SubgraphName,
} from '../core/subgraphs.js';
import { loadSubgraphDefinition } from '../subgraphs/index.js';
import type { Scale } from '../subgraphs/shared/demo-world/index.js';
import { createSubgraph, type SubgraphRuntime } from '../subgraphs/shared/factory.js';
import { ensureAuditSchema } from './audit/schema.js';
import { createHubSubgraph } from './hub-subgraph/server.js';
import type { HubLoaders } from './hub-subgraph/loaders.js';
import { createGateway, type GatewayRuntime } from './server.js';
import { loadSupergraph } from './supergraph.js';

export interface Hub {
  databases: DatabasePlan;
  subgraphs: Record<SubgraphName, SubgraphRuntime<unknown>>;
  /** The hub's own subgraph (the audit trail for auditors, the viewer), on the hub's database. */
  hubSubgraph: SubgraphRuntime<HubLoaders, 'hub'>;
  gateway: GatewayRuntime;
  gatewayPort: number;
  seeded: Record<SubgraphName, 'seeded' | 'already-seeded'>;
  stop(): Promise<void>;
}

export interface HubOptions {
  env?: NodeJS.ProcessEnv;
  /** Demo-data scale seeded on first start; default `HUB_SEED_SCALE` or 'demo'. */
  scale?: Scale;
  /** Gateway port; 0 picks a free one. Default `PORT` or 4000. */
  port?: number;
  /** Subgraph ports; 0 picks free ones. Default their own `<PREFIX>_PORT` or 4001–4006 (the hub's 4006). */
  subgraphPort?: (name: ComposedSubgraphName) => number;
  host?: string;
}

/**
 * The whole hub in one process, for `npm start` on a machine with nothing but Node: the databases
 * (embedded PostgreSQL unless DATABASE_URL is set), the five subgraphs on their own ports and databases,
 * migrated and seeded once, the hub's own subgraph on the hub's database, and the gateway over real HTTP.
 * Production runs the same pieces as separate processes (subgraphs/<name>/main.ts, gateway/main.ts, which
 * also runs the hub's subgraph).
 */
export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const env = options.env ?? process.env;
  const scale = options.scale ?? (env.HUB_SEED_SCALE as Scale | undefined) ?? 'demo';
  // Loopback unless HUB_HOST says otherwise: the all-in-one hub is for one machine.
  const host = options.host ?? env.HUB_HOST ?? '127.0.0.1';
  const databases = await prepareDatabases(env);
  const runtimes = {} as Record<SubgraphName, SubgraphRuntime<unknown>>;
  let hubRuntime: SubgraphRuntime<HubLoaders, 'hub'> | undefined;
  const seeded = {} as Hub['seeded'];
  const urls: Record<string, string> = {};
  try {
    // One subgraph at a time: seeding is CPU-bound and a 2-core machine gains nothing from overlap.
    for (const name of subgraphNames) {
      const runtime = await createSubgraph(await loadSubgraphDefinition(name), {
        databaseUrl: databases.urls[name],
        env,
        // Tax (the lead's dispute ledger) starts first; the others confirm dispute steps with it.
        ledgerUrl: () => urls.tax!,
        // The gateway starts last; tax's report builder reads the other agencies through it.
        gatewayUrl: () => urls.gateway!,
      });
      runtimes[name] = runtime;
      await runtime.migrate();
      seeded[name] = await runtime.seed(scale);
      const port = await runtime.listen(
        options.subgraphPort?.(name) ??
          Number(env[`${subgraphs[name].envPrefix}_PORT`] ?? subgraphs[name].defaultPort),
        host,
      );
      urls[name] = `http://${host}:${port}/graphql`;
      // Scheduled work (the weekly analysis of appeals) unless HUB_JOBS=off, as tests set it.
      if (env.HUB_JOBS !== 'off') runtime.startJobs();
      log('info', 'subgraph ready', { subgraph: name, url: urls[name], seed: seeded[name] });
    }
    // The hub's own subgraph reads the audit trail: its tables must exist first (the gateway's audit store
    // runs the same idempotent set-up again). No migrations, no demo data.
    await ensureAuditSchema(databases.hubUrl);
    hubRuntime = await createHubSubgraph({ databaseUrl: databases.hubUrl, env });
    const hubPort = await hubRuntime.listen(
      options.subgraphPort?.('hub') ??
        Number(env[`${hubSubgraphInfo.envPrefix}_PORT`] ?? hubSubgraphInfo.defaultPort),
      host,
    );
    urls.hub = `http://${host}:${hubPort}/graphql`;
    log('info', 'subgraph ready', { subgraph: 'hub', url: urls.hub });
    const hubSubgraph = hubRuntime;
    const gateway = await createGateway({
      supergraphSdl: await loadSupergraph(env),
      subgraphUrls: urls,
      audit: { databaseUrl: databases.hubUrl },
      env,
    });
    const gatewayPort = await gateway.listen(options.port ?? Number(env.PORT ?? 4000), host);
    urls.gateway = `http://${host}:${gatewayPort}/graphql`;
    return {
      databases,
      subgraphs: runtimes,
      hubSubgraph,
      gateway,
      gatewayPort,
      seeded,
      stop: async () => {
        await gateway.stop();
        await hubSubgraph.stop();
        for (const runtime of Object.values(runtimes)) await runtime.stop();
        await databases.stop();
      },
    };
  } catch (error) {
    await hubRuntime?.stop().catch(() => undefined);
    for (const runtime of Object.values(runtimes)) await runtime.stop().catch(() => undefined);
    await databases.stop().catch(() => undefined);
    throw error;
  }
}
