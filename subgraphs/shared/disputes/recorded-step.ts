import { randomUUID } from 'node:crypto';
import { LockMode, p, type EntityName, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hubError } from '../../../core/errors.js';
import type { Identity } from '../../../core/identity.js';
import { assertIdempotencyKey } from '../validation.js';
import type { SubgraphContext } from '../context.js';
import { confirmWithLedger, type LedgerStep } from './ledger-client.js';

/** The columns every dispute step recorded outside the lead's subgraph has. */
export interface RecordedStepRow {
  id: string;
  caseNumber: string;
  /** The case's id in the ledger, once confirmed. */
  caseId?: string | null;
  actorSubject: string;
  /** PENDING until the ledger has the step, then CONFIRMED (a subgraph may add later states of its own). */
  status: 'PENDING' | 'CONFIRMED' | (string & {});
  ledgerSeq?: number | null;
  idempotencyKey: string;
  confirmedAt?: Date | null;
}

/** Longest idempotency key of a step recorded outside the lead's subgraph. */
export const RECORDED_STEP_KEY_MAX_LENGTH = 80;

/** The columns of RecordedStepRow (fresh builders), for the entity of each kind of recorded step. */
export const recordedStepProperties = () => ({
  caseNumber: p.string().length(40).index(),
  caseId: p.uuid().nullable().index(),
  actorSubject: p.string().length(255),
  actorName: p.text(),
  status: p.enum(['PENDING', 'CONFIRMED']),
  ledgerSeq: p.integer().nullable(),
  idempotencyKey: p.string().length(RECORDED_STEP_KEY_MAX_LENGTH).unique(),
  createdAt: p.datetime(),
  confirmedAt: p.datetime().nullable(),
});

/** The RecordedStepRow fields of a new step, PENDING until the ledger has it. */
export function pendingStep(actor: Identity, input: { caseNumber: string; idempotencyKey: string }) {
  return {
    id: randomUUID(),
    caseNumber: input.caseNumber,
    caseId: null,
    actorSubject: actor.subject,
    actorName: actor.name,
    status: 'PENDING' as const,
    ledgerSeq: null,
    idempotencyKey: assertIdempotencyKey(
      input.idempotencyKey,
      'input.idempotencyKey',
      RECORDED_STEP_KEY_MAX_LENGTH,
    ),
    createdAt: new Date(),
    confirmedAt: null,
  };
}

/**
 * Records a dispute step in this subgraph, then confirms it with the lead's ledger as the same caller:
 * the one way every department's subgraph records its steps.
 * - A repeat under a confirmed key returns the recorded step and writes nothing.
 * - The ledger refuses (INVALID_TRANSITION, CONFLICT, CASE_CLOSED, FORBIDDEN): the row is deleted and the
 *   refusal returned, so nothing here contradicts the ledger.
 * - The ledger does not answer (LEDGER_UNAVAILABLE): the row stays PENDING; a retry under the same key
 *   confirms it (the ledger applies a key once).
 */
export async function recordConfirmedStep<T extends RecordedStepRow>(options: {
  context: Pick<SubgraphContext<unknown>, 'em' | 'ledger'>;
  entity: EntityName<T>;
  /** The row to write when the key is new (status PENDING). */
  row: T;
  /** Whether a row already under this key is this very request again. */
  sameRequest: (existing: T) => boolean;
  step: Omit<LedgerStep, 'caseNumber' | 'idempotencyKey'>;
  /**
   * What the step changes in this subgraph's records once the ledger has it, in the same transaction as
   * marking the row CONFIRMED (a contribution correction); returns fields to store on the row.
   */
  onConfirmed?: (em: EntityManager, row: T) => Promise<Partial<T>>;
}): Promise<T> {
  const { context, entity, row } = options;
  const em = context.em as EntityManager;
  const byKey = { idempotencyKey: row.idempotencyKey } as FilterQuery<T>;
  let recorded = (await em.findOne(entity, byKey)) as T | null;
  if (!recorded) {
    // Two submissions of one key at once: the unique key lets one row in; both go on with that row.
    await em.createQueryBuilder(entity).insert(row).onConflict('idempotencyKey').ignore().execute('run');
    recorded = (await em.findOne(entity, byKey, { refresh: true })) as T | null;
    if (!recorded) throw new Error(`recorded step ${row.idempotencyKey} vanished`);
  }
  if (!options.sameRequest(recorded)) {
    throw hubError(
      'IDEMPOTENCY_KEY_REUSED',
      '该幂等键已用于另一办理步骤 (the key was used for another step)',
      {
        argument: 'input.idempotencyKey',
      },
    );
  }
  // Confirmed already (or confirmed and later reverted): a repeat changes nothing.
  if (recorded.status !== 'PENDING') return recorded;
  const id = { id: recorded.id } as FilterQuery<T>;
  let receipt;
  try {
    receipt = await confirmWithLedger(context, {
      ...options.step,
      caseNumber: recorded.caseNumber,
      idempotencyKey: recorded.idempotencyKey,
    });
  } catch (error) {
    const code = (error as { extensions?: { code?: string } }).extensions?.code;
    if (code !== 'LEDGER_UNAVAILABLE') await em.nativeDelete(entity, id);
    throw error;
  }
  return em.transactional(async (tx) => {
    // Under the row's lock: of two submissions of one key, only the first applies the step's effects.
    const current = (await tx.findOne(entity, id, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
    })) as T | null;
    if (!current) throw new Error(`recorded step ${row.idempotencyKey} vanished`);
    if (current.status !== 'PENDING') return current;
    const effects = options.onConfirmed ? await options.onConfirmed(tx, current) : {};
    const confirmed = {
      ...effects,
      caseId: receipt.caseId,
      ledgerSeq: receipt.seq,
      status: 'CONFIRMED' as const,
      confirmedAt: new Date(),
    };
    await tx.nativeUpdate(entity, id, confirmed as never);
    return { ...current, ...confirmed };
  });
}
