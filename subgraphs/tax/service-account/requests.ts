import { createHash } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException, type EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hubError, notFound } from '../../../core/errors.js';
import type { Identity } from '../../../core/identity.js';
import { ServiceAccountSchema, ServiceRequestSchema, type ServiceAccount } from '../entities/index.js';
import { canonicalJson } from '../health/report.js';

/**
 * Every write of the service account goes through `writeOnce`: in one transaction it locks the account's
 * row (so the writes of one enterprise — a second form submission, two liaisons moving the same ruling —
 * happen one after another and each sees the other's result), looks up the idempotency key, and only if
 * it is new runs the write and logs the key with the record it wrote. A repeat of the same request
 * returns that record and writes nothing; the same key for a different request is IDEMPOTENCY_KEY_REUSED.
 */

export interface WriteRequest {
  creditCode: string;
  /** The mutation, e.g. `submitBasicInfoForm`. */
  operation: string;
  actor: Identity;
  idempotencyKey: string;
  /** What makes two requests the same: the input without its key. */
  request: unknown;
}

export interface WriteResult {
  /** The record written (or, for a repeat, written the first time). */
  id: string;
  repeated: boolean;
}

const keyReused = () =>
  hubError(
    'IDEMPOTENCY_KEY_REUSED',
    '该幂等键已用于另一请求，请为新请求生成新的幂等键 (the idempotency key was used for a different request: use a new key)',
    { argument: 'input.idempotencyKey' },
  );

const hashOf = (request: WriteRequest) =>
  createHash('sha256')
    .update(
      canonicalJson({
        operation: request.operation,
        creditCode: request.creditCode,
        request: request.request,
      }),
    )
    .digest('hex');

async function earlier(em: EntityManager, request: WriteRequest, hash: string): Promise<WriteResult | null> {
  const row = await em.findOne(
    ServiceRequestSchema,
    { idempotencyKey: request.idempotencyKey },
    { refresh: true },
  );
  if (!row) return null;
  if (
    row.operation !== request.operation ||
    row.actorSubject !== request.actor.subject ||
    row.requestHash !== hash
  ) {
    throw keyReused();
  }
  return { id: row.resultId, repeated: true };
}

export async function writeOnce(
  em: EntityManager,
  request: WriteRequest,
  write: (tx: EntityManager, account: ServiceAccount) => Promise<string>,
): Promise<WriteResult> {
  const hash = hashOf(request);
  try {
    return await em.transactional(async (tx) => {
      const account = await tx.findOne(
        ServiceAccountSchema,
        { creditCode: request.creditCode },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      if (!account) throw notFound(`该企业没有一户一册服务账户 ${request.creditCode} (no service account)`);
      // Under the account's lock: a repeat, even one racing this request, is seen here.
      const repeat = await earlier(tx, request, hash);
      if (repeat) return repeat;
      const id = await write(tx, account);
      tx.create(ServiceRequestSchema, {
        idempotencyKey: request.idempotencyKey,
        operation: request.operation,
        actorSubject: request.actor.subject,
        requestHash: hash,
        resultId: id,
        at: new Date(),
      });
      await tx.flush();
      return { id, repeated: false };
    });
  } catch (error) {
    // The same key sent at once for two enterprises' accounts: the key's primary key let one in.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const winner = await earlier(em.fork() as EntityManager, request, hash);
    if (!winner) throw error;
    return winner;
  }
}

/**
 * The record a write returned, read afresh: the request's identity map may hold the row as it was before
 * the write (loaded to check access), so the answer is read from the database.
 */
export const reread = <T extends { id: string }>(em: EntityManager, entity: EntityName<T>, id: string) =>
  em.findOneOrFail(entity, { id } as never, { refresh: true }) as Promise<T>;

/**
 * The next number of a series in a year (巴税裁〔2026〕0001号 …): an upsert on the series' counter row,
 * locked until the transaction ends, so concurrent writers number one after another.
 */
export async function nextNumber(tx: EntityManager, series: string, year: number): Promise<number> {
  const rows = await tx.getConnection().execute<{ last: number }[]>(
    `insert into service_number_counter (series, last) values (?, 1)
         on conflict (series) do update set last = service_number_counter.last + 1 returning last`,
    [`${series}:${year}`],
    'all',
    tx.getTransactionContext(),
  );
  return rows[0]!.last;
}

/** The numbering of each series: prefix and digits. */
export const numberSeries = {
  RULING: { prefix: '巴税裁', digits: 4 },
  AGREEMENT: { prefix: '巴税遵协', digits: 3 },
  MAJOR_APPEAL: { prefix: '巴税大企诉', digits: 3 },
  GROUP_WIDE: { prefix: '巴税统办', digits: 3 },
  CROSS_REGION: { prefix: '巴税通办', digits: 3 },
  ACCOUNT: { prefix: '巴税企册', digits: 3 },
} as const;
export type NumberSeries = keyof typeof numberSeries;

/** 巴税裁〔2026〕0007号 */
export function formatNumber(series: NumberSeries, year: number, n: number): string {
  const { prefix, digits } = numberSeries[series];
  return `${prefix}〔${year}〕${String(n).padStart(digits, '0')}号`;
}

/** The next formatted number of a series, in the current Beijing year. */
export async function issueNumber(tx: EntityManager, series: NumberSeries, today: string): Promise<string> {
  const year = Number(today.slice(0, 4));
  return formatNumber(series, year, await nextNumber(tx, series, year));
}
