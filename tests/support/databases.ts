import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseOnServer } from '../../core/database.js';
import type { Role } from '../../core/identity.js';
import type { SubgraphName } from '../../core/subgraphs.js';
import type { Assertion } from '../../core/tokens.js';
import { testIdentity } from './identities.js';
import { loadSubgraphDefinition } from '../../subgraphs/index.js';
import { createSubgraph, type SubgraphRuntime } from '../../subgraphs/shared/factory.js';

/** A throwaway database on the test server, with a random name so runs never collide. */
export async function createTestDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const server = inject('databaseServerUrl');
  const name = `hub_test_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseOnServer(server, 'postgres') });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: databaseOnServer(server, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: databaseOnServer(server, 'postgres') });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface TestSubgraph<T = unknown> {
  runtime: SubgraphRuntime<T>;
  databaseUrl: string;
  /** Stops the subgraph and drops its database. */
  dispose(): Promise<void>;
}

/** One subgraph on its own fresh database, migrated and seeded with the 'test' world; not listening. */
export async function startTestSubgraph(name: SubgraphName): Promise<TestSubgraph> {
  const db = await createTestDatabase(name);
  let runtime: SubgraphRuntime<unknown> | undefined;
  try {
    runtime = await createSubgraph(await loadSubgraphDefinition(name), { databaseUrl: db.url });
    await runtime.migrate();
    await runtime.seed('test');
  } catch (error) {
    // A failed start must not leave its database behind.
    await runtime?.stop().catch(() => undefined);
    await db.drop();
    throw error;
  }
  const started = runtime;
  return {
    runtime: started,
    databaseUrl: db.url,
    dispose: async () => {
      await started.stop();
      await db.drop();
    },
  };
}

/**
 * Runs an operation in process, as the gateway would send it (by default for an auditor, who may read
 * everything), and returns the single result.
 */
export async function execute<T = Record<string, unknown>>(
  runtime: SubgraphRuntime<unknown>,
  query: string,
  variables: Record<string, unknown> = {},
  assertion: Assertion = { identity: testIdentity('auditor'), purpose: null },
): Promise<{ data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const response = await runtime.apollo.executeOperation(
    { query, variables },
    { contextValue: runtime.createContext(assertion) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as never;
}

export type ExecuteResult<T> = Awaited<ReturnType<typeof execute<T>>>;

/** Runs an operation in process as a persona (no purpose). */
export const executeAs = <T = Record<string, unknown>>(
  runtime: SubgraphRuntime<unknown>,
  role: Role,
  query: string,
  variables: Record<string, unknown> = {},
) => execute<T>(runtime, query, variables, { identity: testIdentity(role), purpose: null });

/** The first error's code, or 'OK'. */
export const errorCode = (result: ExecuteResult<unknown>) => result.errors?.[0]?.extensions?.code ?? 'OK';

/** The data of a result that must have succeeded. */
export function dataOf<T>(result: ExecuteResult<T>): T {
  if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.data!;
}
