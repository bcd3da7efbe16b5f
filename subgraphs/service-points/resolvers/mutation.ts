import { badInput, hubError } from '../../../core/errors.js';
import type { Identity } from '../../../core/identity.js';
import { pendingStep, recordConfirmedStep } from '../../shared/disputes/recorded-step.js';
import { assertText } from '../../shared/validation.js';
import { MediationRecordSchema, type MediationRecord } from '../entities/index.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';
import type { ServicePointsContext } from '../loaders.js';

function assertMediator(viewer: Identity | null): Identity {
  if (!viewer || viewer.agency !== 'justice') {
    throw hubError(
      'FORBIDDEN',
      '调解须由司法局人民调解员记录 (only the justice bureau’s mediators record mediation)',
    );
  }
  return viewer;
}

/** A mediation record of one kind, recorded here and confirmed with the lead's ledger. */
function record(
  context: ServicePointsContext,
  mediator: Identity,
  input: { caseNumber: string; content: string; idempotencyKey: string; expectedVersion?: number | null },
  fields: { kind: MediationRecord['kind']; servicePointId: string | null; agreed: boolean | null },
) {
  const content = assertText(input.content, {
    argument: 'input.content',
    label: { zh: '调解内容', en: 'content' },
    max: 2000,
  });
  return recordConfirmedStep<MediationRecord>({
    context,
    entity: MediationRecordSchema,
    row: { ...pendingStep(mediator, input), ...fields, content },
    sameRequest: (earlier) =>
      earlier.actorSubject === mediator.subject &&
      earlier.caseNumber === input.caseNumber &&
      earlier.kind === fields.kind &&
      earlier.content === content,
    step: {
      kind: fields.kind === 'SESSION' ? 'MEDIATION_SESSION' : 'MEDIATION_OUTCOME',
      content,
      expectedVersion: input.expectedVersion ?? null,
      ...(fields.agreed === null ? {} : { agreed: fields.agreed }),
    },
  });
}

export const Mutation: MutationResolvers = {
  recordMediationSession: async (_parent, { input }, context) => {
    const mediator = assertMediator(context.viewer);
    const branch = await context.loaders.servicePoint.load(input.servicePointId);
    if (!branch || branch.kind !== 'FENGQIAO_BRANCH') {
      throw badInput(
        `${input.servicePointId} 不是枫桥式税务分局 (not a Fengqiao-style branch)`,
        'input.servicePointId',
      );
    }
    return record(context, mediator, input, { kind: 'SESSION', servicePointId: branch.id, agreed: null });
  },
  recordMediationOutcome: (_parent, { input }, context) =>
    record(context, assertMediator(context.viewer), input, {
      kind: 'OUTCOME',
      servicePointId: null,
      agreed: input.agreed,
    }),
};
