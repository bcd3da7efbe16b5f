// npm run seed -- [--scale test|demo|city] [--reset]
// Migrates and seeds the five agency databases (DATABASE_URL / <PREFIX>_DATABASE_URL, else the embedded
// PostgreSQL). Seeding happens once per database; --reset empties the databases first.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { prepareDatabases } from '../core/database.js';
import { subgraphNames } from '../core/subgraphs.js';
import { loadSubgraphDefinition } from '../subgraphs/index.js';
import { isScale } from '../subgraphs/shared/demo-world/index.js';
import { createSubgraph } from '../subgraphs/shared/factory.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: process.env.HUB_SEED_SCALE ?? 'demo' },
    reset: { type: 'boolean', default: false },
  },
});
const scale = values.scale ?? 'demo';
if (!isScale(scale)) {
  console.error(`--scale must be test, demo or city, not ${scale}`);
  process.exit(2);
}
const databases = await prepareDatabases();
try {
  for (const name of subgraphNames) {
    const url = databases.urls[name];
    if (values.reset) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('drop schema public cascade; create schema public');
      await client.end();
    }
    const started = Date.now();
    const runtime = await createSubgraph(await loadSubgraphDefinition(name), { databaseUrl: url });
    await runtime.migrate();
    const result = await runtime.seed(scale);
    await runtime.stop();
    console.log(`${name.padEnd(18)} ${result.padEnd(15)} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await databases.stop();
}
