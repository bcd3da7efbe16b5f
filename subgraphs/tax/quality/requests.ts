import { createHash } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hubError } from '../../../core/errors.js';
import { canonicalJson } from '../health/report.js';

/**
 * Once per idempotency key, for the quality monitoring and the live Q&A (each with its own key table of
 * this shape). In one transaction: first `lock` takes the row lock that serialises writes to the same
 * record (a task, a studio), then the key is looked up — so a repeat racing the first request waits for it
 * and is seen — and only a new key runs `write`, whose JSON result is logged with the key. A repeat returns
 * that result and writes nothing; the same key for another request is IDEMPOTENCY_KEY_REUSED. Two requests
 * with the same new key at once: the key's primary key lets one in, the other returns the winner's result.
 */

export interface KeyRow {
  idempotencyKey: string;
  operation: string;
  actorSubject: string;
  requestHash: string;
  result: unknown;
  at: Date;
}

export interface KeyedRequest {
  /** The mutation, e.g. `recordQualityValues`. */
  operation: string;
  actorSubject: string;
  idempotencyKey: string;
  /** What makes two requests the same: the input without its key. */
  request: unknown;
}

export const keyReused = () =>
  hubError(
    'IDEMPOTENCY_KEY_REUSED',
    '该幂等键已用于另一请求，请为新请求生成新的幂等键 (the idempotency key was used for a different request: use a new key)',
    { argument: 'input.idempotencyKey' },
  );

const hashOf = (request: KeyedRequest) =>
  createHash('sha256')
    .update(canonicalJson({ operation: request.operation, request: request.request }))
    .digest('hex');

async function earlier<R>(
  em: EntityManager,
  keys: EntityName<KeyRow>,
  request: KeyedRequest,
  hash: string,
): Promise<R | null> {
  const row = await em.findOne(keys, { idempotencyKey: request.idempotencyKey }, { refresh: true });
  if (!row) return null;
  if (
    row.operation !== request.operation ||
    row.actorSubject !== request.actorSubject ||
    row.requestHash !== hash
  )
    throw keyReused();
  return row.result as R;
}

export async function writeOnce<R>(
  em: EntityManager,
  keys: EntityName<KeyRow>,
  request: KeyedRequest,
  write: (tx: EntityManager) => Promise<R>,
  lock: (tx: EntityManager) => Promise<void> = async () => undefined,
): Promise<{ result: R; repeated: boolean }> {
  const hash = hashOf(request);
  try {
    return await em.transactional(async (tx) => {
      await lock(tx);
      const repeat = await earlier<R>(tx, keys, request, hash);
      if (repeat !== null) return { result: repeat, repeated: true };
      const result = await write(tx);
      tx.create(keys, {
        idempotencyKey: request.idempotencyKey,
        operation: request.operation,
        actorSubject: request.actorSubject,
        requestHash: hash,
        result,
        at: new Date(),
      });
      await tx.flush();
      return { result, repeated: false };
    });
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const winner = await earlier<R>(em.fork() as EntityManager, keys, request, hash);
    if (winner === null) throw error;
    return { result: winner, repeated: true };
  }
}
