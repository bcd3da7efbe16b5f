import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, hubError } from '../../core/errors.js';

export const MAX_PAGE_SIZE = 500;

/** Validates `first`: an integer in 1..max, or the default when absent. */
export function pageSize(first: number | null | undefined, fallback = 20, max = MAX_PAGE_SIZE): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw badInput(
      `first 须为 1 到 ${max} 之间的整数，收到 ${size} (first must be between 1 and ${max})`,
      'first',
    );
  }
  return size;
}

type CursorValue = string | number;

/** Opaque cursors carry the list they belong to, so a cursor of one list is refused by another. */
export function encodeCursor(list: string, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify([list, ...values])).toString('base64url');
}

export function decodeCursor(list: string, cursor: string, arity: number): CursorValue[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed[0] === list && parsed.length === arity + 1) {
      const values = parsed.slice(1);
      if (values.every((v) => typeof v === 'string' || typeof v === 'number')) return values as CursorValue[];
    }
  } catch {
    // fall through to the error below
  }
  throw hubError('INVALID_CURSOR', '分页游标无效 (the cursor does not belong to this list)', {
    argument: 'after',
  });
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Resolved only when asked for: graphql-js calls function-valued properties. */
  totalCount: () => Promise<number>;
}

export interface KeysetOptions<T extends object> {
  /** Name of the list, written into its cursors. */
  list: string;
  /** The sort keys, all in one direction; the last one must be unique. */
  keys: (keyof T & string)[];
  direction?: 'asc' | 'desc';
  first?: number | null;
  after?: string | null;
}

/**
 * Keyset (seek) pagination: `WHERE (k1, k2) > (cursor) ORDER BY k1, k2 LIMIT n + 1`. The row comparison
 * lets PostgreSQL seek a (k1, k2) index straight to the cursor, so a deep page costs what the first does:
 * one statement per page, plus one count when `totalCount` is asked for.
 */
export async function keysetPage<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  options: KeysetOptions<T>,
): Promise<Connection<T>> {
  const size = pageSize(options.first);
  const direction = options.direction ?? 'asc';
  const qb = em.createQueryBuilder(entity).where(where);
  if (options.after) {
    const values = decodeCursor(options.list, options.after, options.keys.length);
    const props = qb.mainAlias.metadata!.props;
    const columns = options.keys.map(
      (key) => `${qb.alias}.${props.find((p) => p.name === key)!.fieldNames[0]}`,
    );
    const tuple = (items: string[]) => (items.length === 1 ? items[0] : `(${items.join(', ')})`);
    qb.andWhere(
      `${tuple(columns)} ${direction === 'asc' ? '>' : '<'} ${tuple(values.map(() => '?'))}`,
      values,
    );
  }
  qb.orderBy(Object.fromEntries(options.keys.map((key) => [key, direction])) as never).limit(size + 1);
  const rows: T[] = await qb.getResult();
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({
    node,
    cursor: encodeCursor(
      options.list,
      options.keys.map((key) => node[key] as CursorValue),
    ),
  }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: () => em.count(entity, where),
  };
}
