// npm run seed -- [--scale test|demo|city] [--reset]
// Migrates and seeds the five agency databases (DATABASE_URL / <PREFIX>_DATABASE_URL, else the embedded
// PostgreSQL). Seeding happens once per database; --reset empties the databases first.
import { parseArgs } from 'node:util';
import { prepareDatabases } from '../core/database.js';
import { isScale } from '../subgraphs/shared/demo-world/index.js';
import { migrateAndSeedAll } from '../subgraphs/seed-all.js';

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
  await migrateAndSeedAll(databases.urls, scale, {
    reset: values.reset,
    onReport: ({ subgraph, result, seconds }) =>
      console.log(`${subgraph.padEnd(18)} ${result.padEnd(15)} ${seconds.toFixed(1)} s`),
  });
} finally {
  await databases.stop();
}
