import pg from 'pg';
import { subgraphNames, subgraphs } from '../../core/subgraphs.js';
import { startHub, type Hub } from '../../gateway/all-in-one.js';
import { createTestDatabase } from './databases.js';
import { tokenFor } from './identities.js';

export interface TestHub {
  hub: Hub;
  url: string;
  /** The audit trail's database. */
  auditDatabaseUrl: string;
  /** A connection to the audit trail's database, opened on first use and closed by `dispose`. */
  auditDb(): Promise<pg.Client>;
  /**
   * POSTs a GraphQL operation to the gateway over HTTP, with an auditor's token unless told otherwise
   * (`token: null` sends none).
   */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string | null; purpose?: string },
  ): Promise<{ status: number; body: GraphQLResponse<T>; text: string }>;
  dispose(): Promise<void>;
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * The whole hub as `npm start` builds it (startHub), on five fresh databases of the test server, seeded
 * with the 'test' world, every subgraph and the gateway on its own free port over real HTTP.
 */
export async function startTestHub(overrides: NodeJS.ProcessEnv = {}): Promise<TestHub> {
  const databases = await Promise.all(subgraphNames.map((name) => createTestDatabase(name)));
  const audit = await createTestDatabase('hub');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HUB_LOG: 'silent',
    // No scheduled jobs: a test generates what it checks itself.
    HUB_JOBS: 'off',
    HUB_AUDIT_DATABASE_URL: audit.url,
    ...overrides,
  };
  subgraphNames.forEach((name, i) => (env[`${subgraphs[name].envPrefix}_DATABASE_URL`] = databases[i]!.url));
  const hub = await startHub({ env, scale: 'test', port: 0, subgraphPort: () => 0 });
  const url = `http://127.0.0.1:${hub.gatewayPort}/graphql`;
  const auditorToken = await tokenFor('auditor');
  let auditClient: Promise<pg.Client> | undefined;
  return {
    hub,
    url,
    auditDatabaseUrl: audit.url,
    auditDb: () =>
      (auditClient ??= (async () => {
        const client = new pg.Client({ connectionString: audit.url });
        await client.connect();
        return client;
      })()),
    query: async (query, variables = {}, options = {}) => {
      const token = options.token === undefined ? auditorToken : options.token;
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(options.purpose ? { 'x-hub-purpose': encodeURIComponent(options.purpose) } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text), text };
    },
    dispose: async () => {
      await (await auditClient)?.end();
      await hub.stop();
      for (const db of [...databases, audit]) await db.drop();
    },
  };
}
