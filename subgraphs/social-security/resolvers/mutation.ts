import { randomUUID } from 'node:crypto';
import { hubError } from '../../../core/errors.js';
import { recordConfirmedStep } from '../../shared/disputes/recorded-step.js';
import { assertIdempotencyKey, assertText } from '../../shared/validation.js';
import { DisputeFindingSchema, type DisputeFinding } from '../entities/index.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

export const Mutation: MutationResolvers = {
  // Recorded here with the data it rests on, and confirmed with the lead's ledger (recordConfirmedStep).
  recordDisputeFinding: async (_parent, { input }, context) => {
    const { viewer } = context;
    if (!viewer || viewer.agency !== 'hrss') {
      throw hubError('FORBIDDEN', '研判意见须由人社部门工作人员提交 (only HRSS staff give this finding)');
    }
    const content = assertText(input.content, {
      argument: 'input.content',
      label: { zh: '研判意见', en: 'finding' },
      max: 2000,
    });
    return recordConfirmedStep<DisputeFinding>({
      context,
      entity: DisputeFindingSchema,
      row: {
        id: randomUUID(),
        caseNumber: input.caseNumber,
        caseId: null,
        actorSubject: viewer.subject,
        actorName: viewer.name,
        content,
        status: 'PENDING',
        ledgerSeq: null,
        idempotencyKey: assertIdempotencyKey(input.idempotencyKey, 'input.idempotencyKey', 80),
        createdAt: new Date(),
        confirmedAt: null,
      },
      sameRequest: (earlier) =>
        earlier.actorSubject === viewer.subject &&
        earlier.content === content &&
        earlier.caseNumber === input.caseNumber,
      step: { kind: 'FINDING', content, expectedVersion: input.expectedVersion ?? null },
    });
  },
};
