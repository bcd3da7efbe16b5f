import { hubError } from '../../../core/errors.js';
import { pendingStep, recordConfirmedStep } from '../../shared/disputes/recorded-step.js';
import { assertText } from '../../shared/validation.js';
import { JudicialConfirmationSchema, type JudicialConfirmation } from '../entities/index.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';

export const Mutation: MutationResolvers = {
  // Recorded here, where the court keeps its rulings, and confirmed with the lead's ledger.
  confirmMediationAgreement: async (_parent, { input }, context) => {
    const judge = context.viewer;
    if (!judge || judge.agency !== 'court' || !judge.roles.includes('judge')) {
      throw hubError('FORBIDDEN', '司法确认须由法官作出 (only a judge confirms an agreement)');
    }
    const content = assertText(input.content, {
      argument: 'input.content',
      label: { zh: '裁定要点', en: 'content' },
      max: 2000,
    });
    const rulingNumber = assertText(input.rulingNumber, {
      argument: 'input.rulingNumber',
      label: { zh: '裁定书文号', en: 'ruling number' },
      max: 60,
    });
    return recordConfirmedStep<JudicialConfirmation>({
      context,
      entity: JudicialConfirmationSchema,
      row: { ...pendingStep(judge, input), rulingNumber, content },
      sameRequest: (earlier) =>
        earlier.actorSubject === judge.subject &&
        earlier.caseNumber === input.caseNumber &&
        earlier.rulingNumber === rulingNumber &&
        earlier.content === content,
      step: {
        kind: 'JUDICIAL_CONFIRMATION',
        content: `${rulingNumber}：${content}`,
        expectedVersion: input.expectedVersion ?? null,
      },
    });
  },
};
