// The default of a fresh machine: no DATABASE_URL, so the hub runs a real embedded PostgreSQL in its
// data folder, creates the five agency databases, migrates and seeds them once; a restart keeps the data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseName } from '../../core/database.js';
import { subgraphNames } from '../../core/subgraphs.js';
import { startHub } from '../../gateway/all-in-one.js';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { tokenFor } from '../support/identities.js';
import { freePort } from '../../core/net.js';

const dataDir = mkdtempSync(join(tmpdir(), 'hub-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('embedded PostgreSQL default', () => {
  it('starts with no DATABASE_URL, seeds once, and keeps data across a restart', async () => {
    // Only what a fresh machine would have: no DATABASE_URL, no per-subgraph URLs.
    const env: NodeJS.ProcessEnv = { HUB_DATA_DIR: dataDir, HUB_EMBEDDED_PG_PORT: String(await freePort()) };
    const world = buildWorld('test');

    const first = await startHub({ env, scale: 'test', port: 0, subgraphPort: () => 0 });
    try {
      expect(first.databases.embedded).not.toBeNull();
      expect(Object.values(first.seeded)).toEqual(subgraphNames.map(() => 'seeded'));
      const admin = new pg.Client({ connectionString: first.databases.embedded!.serverUrl });
      await admin.connect();
      const names = (await admin.query('select datname from pg_database')).rows.map(
        (r: { datname: string }) => r.datname,
      );
      await admin.end();
      for (const name of subgraphNames) expect(names).toContain(databaseName(name, env));

      const response = await fetch(`http://127.0.0.1:${first.gatewayPort}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await tokenFor('analyst', {}, env)}`,
        },
        body: JSON.stringify({
          query: `{ enterprises(first: 1) { totalCount } servicePoints { totalCount } }`,
        }),
      });
      const text = await response.text();
      const body = JSON.parse(text) as {
        data: { enterprises: { totalCount: number }; servicePoints: { totalCount: number } };
      };
      expect(body.data, text).toBeTruthy();
      expect(body.data.enterprises.totalCount).toBe(world.tax.enterprises.length);
      expect(body.data.servicePoints.totalCount).toBe(world.servicePoints.points.length);
    } finally {
      await first.stop();
    }

    const second = await startHub({ env, scale: 'test', port: 0, subgraphPort: () => 0 });
    try {
      expect(Object.values(second.seeded)).toEqual(subgraphNames.map(() => 'already-seeded'));
      const client = new pg.Client({ connectionString: second.databases.urls.tax });
      await client.connect();
      const { rows } = await client.query('select count(*)::int as n from enterprise');
      await client.end();
      expect(rows[0].n).toBe(world.tax.enterprises.length);
    } finally {
      await second.stop();
    }
  });
});
