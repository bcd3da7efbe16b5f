import pg from 'pg';
import type { EntityMetadata, MetadataStorage } from '@mikro-orm/core';

const CHUNK_ROWS = 5_000;

/** Converts a JS value to the text form PostgreSQL casts back to the column type. */
function toText(value: unknown, json: boolean): string | null {
  if (value === null || value === undefined) return null;
  if (json) return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return '{' + value.map((v) => JSON.stringify(String(v))).join(',') + '}';
  return String(value);
}

/**
 * Bulk insert through `unnest`: one parameter per column and 5,000 rows per statement, so seeding
 * city scale (hundreds of thousands of rows) takes seconds, not one round trip per row.
 */
export async function bulkInsert<T extends object>(
  client: pg.ClientBase,
  meta: EntityMetadata<T>,
  rows: readonly T[],
): Promise<void> {
  const props = meta.props.filter((p) => p.persist !== false && p.fieldNames?.length === 1);
  const columns = props.map((p) => `"${p.fieldNames[0]}"`);
  const casts = props.map((p, i) => `c${i}::${p.columnTypes[0]}`);
  const sql =
    `insert into "${meta.tableName}" (${columns.join(', ')}) ` +
    `select ${casts.join(', ')} from unnest(${props.map((_, i) => `$${i + 1}::text[]`).join(', ')}) ` +
    `as u(${props.map((_, i) => `c${i}`).join(', ')})`;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    const params = props.map((p) => {
      const json = /^jsonb?$/.test(p.columnTypes[0] ?? '');
      return chunk.map((row) => toText((row as Record<string, unknown>)[p.name], json));
    });
    await client.query(sql, params);
  }
}

export interface SeedTarget {
  client: pg.ClientBase;
  insert<T extends object>(entityName: string, rows: readonly T[]): Promise<void>;
  /** Runs one SQL statement in the seed's transaction (e.g. to move a sequence past the seeded rows). */
  execute(sql: string, params?: readonly unknown[]): Promise<void>;
}

/**
 * Seeds once: the rows and the marker are written in one transaction, so an interrupted seed leaves
 * nothing behind and a restart neither seeds twice nor keeps half a seed.
 */
export async function seedOnce(
  databaseUrl: string,
  metadata: MetadataStorage,
  scale: string,
  write: (target: SeedTarget) => Promise<void>,
): Promise<'seeded' | 'already-seeded'> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      'create table if not exists hub_seed (scale text primary key, seeded_at timestamptz not null)',
    );
    await client.query('begin');
    // Two processes starting together: the second waits here, then sees the marker.
    await client.query('lock table hub_seed in exclusive mode');
    const done = await client.query('select scale from hub_seed limit 1');
    if (done.rowCount) {
      await client.query('rollback');
      return 'already-seeded';
    }
    await write({
      client,
      insert: (entityName, rows) => bulkInsert(client, metadata.get(entityName), rows),
      execute: async (sql, params = []) => {
        await client.query(sql, [...params]);
      },
    });
    await client.query('insert into hub_seed (scale, seeded_at) values ($1, now())', [scale]);
    await client.query('commit');
    return 'seeded';
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
