import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/** A free TCP port on loopback. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

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
