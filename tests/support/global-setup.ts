import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../core/net.js';

/**
 * One PostgreSQL server for the whole run: the one in DATABASE_URL when set (CI and developer
 * machines), otherwise a real embedded PostgreSQL in a temporary folder (a fresh machine).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) {
    project.provide('databaseServerUrl', process.env.DATABASE_URL);
    return async () => undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'hub-test-pg-'));
  process.env.HUB_DATA_DIR = dir;
  process.env.HUB_EMBEDDED_PG_PORT = String(await freePort());
  const { startEmbeddedPostgres } = await import('../../core/database.js');
  const embedded = await startEmbeddedPostgres();
  project.provide('databaseServerUrl', embedded.serverUrl);
  return async () => {
    await embedded.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
  }
}
