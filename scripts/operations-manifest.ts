// Writes operations/manifest.json ([{ name, sha256 }]) for client teams and prints it.
// `--check` writes nothing and exits 1 when the committed manifest is stale (for CI).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { repoRoot } from '../core/paths.js';
import { loadPersistedOperations, manifestJson, manifestPath } from '../gateway/persisted-operations.js';

const manifest = manifestJson(loadPersistedOperations());
const shown = relative(repoRoot, manifestPath);

if (process.argv.includes('--check')) {
  const committed = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : '';
  if (committed !== manifest) {
    console.error(`${shown} 已过期，请重新生成 (${shown} is stale: run scripts/operations-manifest.ts)`);
    process.exit(1);
  }
  console.log(`${shown} is up to date`);
} else {
  writeFileSync(manifestPath, manifest);
  process.stdout.write(manifest);
  console.error(`wrote ${shown}`);
}
