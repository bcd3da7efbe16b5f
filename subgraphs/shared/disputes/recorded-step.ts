import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hubError } from '../../../core/errors.js';
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
  if (recorded && !options.sameRequest(recorded)) {
    throw hubError(
      'IDEMPOTENCY_KEY_REUSED',
      '该幂等键已用于另一办理步骤 (the key was used for another step)',
      {
        argument: 'input.idempotencyKey',
      },
    );
  }
  if (recorded?.status === 'CONFIRMED') return recorded;
  if (!recorded) {
    await em.insert(entity, row);
    recorded = row;
  }
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
  const current = recorded;
  return em.transactional(async (tx) => {
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
