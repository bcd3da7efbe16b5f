import { configuredDatabaseUrl, ensureDatabase } from '../../core/database.js';
import { log } from '../../core/log.js';
import { subgraphs } from '../../core/subgraphs.js';
import { createSubgraph, type SubgraphDefinition } from './factory.js';

/**
 * Runs one subgraph as production does: its own process, its own database (from `<PREFIX>_DATABASE_URL`
 * or `DATABASE_URL`), migrations at start-up, demo data only when `HUB_SEED_SCALE` asks for it.
 */
export async function runSubgraphMain<T>(def: SubgraphDefinition<T>): Promise<void> {
  const info = subgraphs[def.name];
  const databaseUrl = configuredDatabaseUrl(def.name);
  if (!databaseUrl) {
    console.error(
      `缺少数据库配置 (missing configuration): set ${info.envPrefix}_DATABASE_URL or DATABASE_URL for the ${def.name} subgraph`,
    );
    process.exit(2);
  }
  await ensureDatabase(databaseUrl);
  const runtime = await createSubgraph(def, { databaseUrl });
  await runtime.migrate();
  const scale = process.env.HUB_SEED_SCALE;
  if (scale) {
    const { isScale } = await import('./demo-world/index.js');
    if (!isScale(scale)) throw new Error(`HUB_SEED_SCALE must be test, demo or city, not ${scale}`);
    log('info', 'seed', { subgraph: def.name, result: await runtime.seed(scale) });
  }
  const port = await runtime.listen(Number(process.env[`${info.envPrefix}_PORT`] ?? info.defaultPort));
  if (process.env.HUB_JOBS !== 'off') runtime.startJobs();
  log('info', 'subgraph listening', { subgraph: def.name, url: `http://127.0.0.1:${port}/graphql` });
  const shutdown = async (signal: string) => {
    log('info', 'shutting down', { subgraph: def.name, signal });
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
