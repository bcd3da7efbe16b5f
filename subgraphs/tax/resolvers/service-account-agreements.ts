import { randomUUID } from 'node:crypto';
import { hubError, notFound } from '../../../core/errors.js';
import { assertCreditCode } from '../../shared/validation.js';
import {
  ComplianceAgreementSchema,
  type ComplianceAgreement as ComplianceAgreementEntity,
} from '../entities/index.js';
import type { ComplianceAgreementResolvers, MutationResolvers } from '../generated/resolvers-types.js';
import { assertAssignedLiaison } from '../service-account/access.js';
import { beijingToday } from '../service-account/calendar.js';
import { issueNumber, reread, writeOnce } from '../service-account/requests.js';
import { idempotencyKey, recordId, term, text } from '../service-account/validation.js';
import {
  agreementExpiredOn,
  agreementStatus,
  agreementTransitions,
  assertTransition,
} from '../service-account/workflows.js';

/**
 * Compliance cooperation agreements (税费遵从合作协议): drafted, signed, activated and ended early by an
 * assigned liaison; an active agreement past its end date reads as expired without anyone recording it.
 */

export const ComplianceAgreement: ComplianceAgreementResolvers = {
  status: (agreement) => agreementStatus(agreement),
  expiredOn: (agreement) => agreementExpiredOn(agreement),
  draftedByName: (agreement) => agreement.drafterName,
};

export const agreementMutations: Pick<
  MutationResolvers,
  'draftComplianceAgreement' | 'transitionComplianceAgreement'
> = {
  draftComplianceAgreement: async (_parent, { input }, { em, loaders, viewer }) => {
    assertCreditCode(input.creditCode);
    const actor = await assertAssignedLiaison(viewer, input.creditCode, loaders);
    const period = term(input.startsOn, input.endsOn, { from: 'input.startsOn', to: 'input.endsOn' }, 5);
    const request = {
      title: text(input.title, 'input.title', '协议名称', 'title', 200),
      commitments: text(input.commitments, 'input.commitments', '合作内容', 'commitments', 5000),
      startsOn: period.from,
      endsOn: period.to,
    };
    const { id } = await writeOnce(
      em,
      {
        creditCode: input.creditCode,
        operation: 'draftComplianceAgreement',
        actor,
        idempotencyKey: idempotencyKey(input.idempotencyKey),
        request,
      },
      async (tx) => {
        const agreement: ComplianceAgreementEntity = {
          id: randomUUID(),
          number: await issueNumber(tx, 'AGREEMENT', beijingToday()),
          creditCode: input.creditCode,
          ...request,
          status: 'DRAFT',
          draftedAt: new Date(),
          drafterName: actor.name,
          signedOn: null,
          activatedOn: null,
          expiredOn: null,
        };
        tx.create(ComplianceAgreementSchema, agreement);
        return agreement.id;
      },
    );
    return reread(em, ComplianceAgreementSchema, id);
  },

  transitionComplianceAgreement: async (_parent, { input }, { em, loaders, viewer }) => {
    const agreementId = recordId(input.agreementId, 'input.agreementId');
    const agreement = await loaders.complianceAgreement.load(agreementId);
    if (!agreement) throw notFound(`查无此遵从协议 ${agreementId} (no such agreement)`);
    const actor = await assertAssignedLiaison(viewer, agreement.creditCode, loaders);
    const { id } = await writeOnce(
      em,
      {
        creditCode: agreement.creditCode,
        operation: 'transitionComplianceAgreement',
        actor,
        idempotencyKey: idempotencyKey(input.idempotencyKey),
        request: { agreementId, to: input.to },
      },
      async (tx) => {
        const current = await reread(tx, ComplianceAgreementSchema, agreementId);
        const today = beijingToday();
        // The status as read today: an active agreement past its end has expired and goes nowhere.
        assertTransition(agreementTransitions, agreementStatus(current, today), input.to, {
          zh: `遵从协议${current.number}`,
          en: `agreement ${current.number}`,
        });
        if (input.to === 'ACTIVE' && current.endsOn < today) {
          throw hubError(
            'INVALID_TRANSITION',
            `协议期限已于 ${current.endsOn} 届满，不能再生效 (the agreement's term ended on ${current.endsOn})`,
            { from: current.status, to: input.to },
          );
        }
        current.status = input.to;
        if (input.to === 'SIGNED') current.signedOn = today;
        if (input.to === 'ACTIVE') current.activatedOn = today;
        if (input.to === 'EXPIRED') current.expiredOn = today;
        return current.id;
      },
    );
    return reread(em, ComplianceAgreementSchema, id);
  },
};
