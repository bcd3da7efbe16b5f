import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { EntitySchema, MigrationObject } from '@mikro-orm/core';

export interface OrmOptions {
  databaseUrl: string;
  entities: EntitySchema[];
  migrations: MigrationObject[];
  /** Largest number of pooled connections of this subgraph. */
  poolMax?: number;
}

export function ormConfig(opts: OrmOptions): Options {
  return {
    clientUrl: opts.databaseUrl,
    entities: opts.entities,
    extensions: [Migrator],
    // Migrations are listed in code, not globbed from disk: the same list works from sources and builds.
    migrations: {
      migrationsList: opts.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    discovery: { warnWhenNoEntities: true },
    // The seed marker is infrastructure, not an entity: schema diffs must not propose dropping it.
    schemaGenerator: { skipTables: ['hub_seed'] },
    forceUtcTimezone: true,
    pool: { min: 0, max: opts.poolMax ?? 10 },
    debug: false,
    allowGlobalContext: false,
  };
}

/** Counts every SQL statement the ORM sends: the N+1 tests and the benchmark read it. */
export class SqlCounter {
  count = 0;
}

export async function initOrm(opts: OrmOptions): Promise<{ orm: MikroORM; sql: SqlCounter }> {
  const orm = await MikroORM.init(ormConfig(opts));
  const sql = new SqlCounter();
  orm.em
    .getConnection()
    .getKnex()
    .on('query', () => {
      sql.count++;
    });
  return { orm, sql };
}
