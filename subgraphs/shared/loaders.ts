import DataLoader from 'dataloader';
import type { EntityManager, EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';

/**
 * Batched loaders: every key asked for during one tick of one request becomes one
 * `WHERE key IN (...)` statement, whatever the page size (no N+1). Results keep the keys' order.
 */

/** One row per key (entity references, accounts keyed by credit code), null where none exists. */
export function loaderByKey<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  key: keyof T & string,
): DataLoader<string, T | null> {
  return new DataLoader(async (keys) => {
    const rows = await em.find(entity, { [key]: { $in: keys } } as FilterQuery<T>);
    const byKey = new Map(rows.map((row) => [String(row[key]), row]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** All rows per key (a person's enrolments, an enterprise's cases), in the given order. */
export function loaderOfMany<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  key: keyof T & string,
  options: { where?: FilterQuery<T>; orderBy?: QueryOrderMap<T> } = {},
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const filter = { ...(options.where as object), [key]: { $in: keys } } as FilterQuery<T>;
    const rows = await em.find(entity, filter, options.orderBy ? { orderBy: options.orderBy as never } : {});
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(String(row[key]))?.push(row);
    return keys.map((k) => groups.get(k) ?? []);
  });
}
