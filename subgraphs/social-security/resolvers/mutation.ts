import { randomUUID } from 'node:crypto';
import { hubError } from '../../../core/errors.js';
import { confirmWithLedger } from '../../shared/disputes/ledger-client.js';
import { assertIdempotencyKey, assertText } from '../../shared/validation.js';
import { DisputeFindingSchema, type DisputeFinding } from '../entities/index.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

export const Mutation: MutationResolvers = {
  /**
   * Records the finding here, then confirms it with the lead's ledger as the same caller: a refused
   * step leaves nothing; a ledger that does not answer leaves the finding PENDING for a retry under the
   * same key, which confirms it without writing it twice.
   */
  recordDisputeFinding: async (_parent, { input }, context) => {
    const { em, viewer } = context;
    if (!viewer || viewer.agency !== 'hrss') {
      throw hubError('FORBIDDEN', '研判意见须由人社部门工作人员提交 (only HRSS staff give this finding)');
    }
    const content = assertText(input.content, {
      argument: 'input.content',
      label: { zh: '研判意见', en: 'finding' },
      max: 2000,
    });
    const idempotencyKey = assertIdempotencyKey(input.idempotencyKey, 'input.idempotencyKey', 80);
    let finding = await em.findOne(DisputeFindingSchema, { idempotencyKey });
    if (
      finding &&
      (finding.actorSubject !== viewer.subject ||
        finding.content !== content ||
        finding.caseNumber !== input.caseNumber)
    ) {
      throw hubError(
        'IDEMPOTENCY_KEY_REUSED',
        '该幂等键已用于另一条意见 (the key was used for another finding)',
        {
          argument: 'input.idempotencyKey',
        },
      );
    }
    if (finding?.status === 'CONFIRMED') return finding;
    if (!finding) {
      const pending: DisputeFinding = {
        id: randomUUID(),
        caseNumber: input.caseNumber,
        caseId: null,
        actorSubject: viewer.subject,
        actorName: viewer.name,
        content,
        status: 'PENDING',
        ledgerSeq: null,
        idempotencyKey,
        createdAt: new Date(),
        confirmedAt: null,
      };
      await em.insert(DisputeFindingSchema, pending);
      finding = pending;
    }
    let receipt;
    try {
      receipt = await confirmWithLedger(context, {
        caseNumber: input.caseNumber,
        kind: 'FINDING',
        content,
        idempotencyKey,
        expectedVersion: input.expectedVersion ?? null,
      });
    } catch (error) {
      const code = (error as { extensions?: { code?: string } }).extensions?.code;
      // Refused by the ledger: the finding never happened. Unreachable: kept pending for the retry.
      if (code !== 'LEDGER_UNAVAILABLE') await em.nativeDelete(DisputeFindingSchema, { id: finding.id });
      throw error;
    }
    const confirmed = {
      caseId: receipt.caseId,
      ledgerSeq: receipt.seq,
      status: 'CONFIRMED' as const,
      confirmedAt: new Date(),
    };
    await em.nativeUpdate(DisputeFindingSchema, { id: finding.id }, confirmed);
    return { ...finding, ...confirmed };
  },
};
