import pg from 'pg';
import { subgraphNames, type SubgraphName } from '../core/subgraphs.js';
import { loadSubgraphDefinition } from './index.js';
import type { Scale } from './shared/demo-world/index.js';
import { createSubgraph } from './shared/factory.js';

export interface SeedReport {
  subgraph: SubgraphName;
  result: 'seeded' | 'already-seeded';
  seconds: number;
}

/**
 * Migrates and seeds the five agency databases, one after another (`npm run seed`, the benchmark).
 * `reset` empties each database first; otherwise a database already seeded is left as it is.
 */
export async function migrateAndSeedAll(
  urls: Record<SubgraphName, string>,
  scale: Scale,
  options: { reset?: boolean; env?: NodeJS.ProcessEnv; onReport?: (report: SeedReport) => void } = {},
): Promise<SeedReport[]> {
  const reports: SeedReport[] = [];
  for (const name of subgraphNames) {
    const url = urls[name];
    if (options.reset) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('drop schema public cascade; create schema public');
      await client.end();
    }
    const started = Date.now();
    const runtime = await createSubgraph(await loadSubgraphDefinition(name), {
      databaseUrl: url,
      env: options.env,
    });
    await runtime.migrate();
    const result = await runtime.seed(scale);
    await runtime.stop();
    const report = { subgraph: name, result, seconds: (Date.now() - started) / 1000 };
    reports.push(report);
    options.onReport?.(report);
  }
  return reports;
}
