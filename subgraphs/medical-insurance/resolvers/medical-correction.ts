import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, hubError, notFound } from '../../../core/errors.js';
import { pendingStep, recordConfirmedStep } from '../../shared/disputes/recorded-step.js';
import { assertText } from '../../shared/validation.js';
import {
  MedicalCorrectionSchema,
  YearlyPaymentSchema,
  type MedicalCorrection as CorrectionEntity,
} from '../entities/index.js';
import type { MedicalCorrectionResolvers, MutationResolvers } from '../generated/resolvers-types.js';

const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;

/** Sets the year's payment to the agreed amount and returns the row as it was (null: there was none). */
async function applyCorrection(em: EntityManager, correction: CorrectionEntity) {
  const where = { personId: correction.personId, year: correction.year, scheme: correction.scheme };
  const row = await em.findOne(YearlyPaymentSchema, where);
  const paidOn = new Date().toISOString().slice(0, 10);
  if (!row) {
    await em.insert(YearlyPaymentSchema, {
      id: randomUUID(),
      ...where,
      amountDue: correction.amountPaid,
      amountPaid: correction.amountPaid,
      status: 'PAID',
      paidOn,
    });
    return null;
  }
  const paid = Number(correction.amountPaid) >= Number(row.amountDue);
  await em.nativeUpdate(
    YearlyPaymentSchema,
    { id: row.id },
    {
      amountPaid: correction.amountPaid,
      status: paid ? 'PAID' : 'PARTIAL',
      paidOn,
    },
  );
  return {
    id: row.id,
    amountDue: String(row.amountDue),
    amountPaid: String(row.amountPaid),
    status: row.status,
    paidOn: row.paidOn ?? null,
  };
}

export const correctionMutations: Pick<MutationResolvers, 'recordMedicalCorrection'> = {
  recordMedicalCorrection: async (_parent, { input }, context) => {
    const officer = context.viewer;
    if (!officer || officer.agency !== 'medical-insurance') {
      throw hubError(
        'FORBIDDEN',
        '医保记录须由医保部门更正 (only the medical insurance bureau corrects its records)',
      );
    }
    if (!Number.isInteger(input.year) || input.year < 1990 || input.year > 2100) {
      throw badInput('年度不合法 (the year is out of range)', 'input.year');
    }
    if (!AMOUNT.test(input.amountPaid))
      throw badInput('金额须为非负金额 (a non-negative amount)', 'input.amountPaid');
    // Medical insurance knows a person by enrolment: it corrects only the records of one it insures.
    const enrolments = await context.loaders.personEnrolments.load(input.personId);
    if (!enrolments.length) throw notFound(`${input.personId} 未参加医保 (no medical-insurance enrolment)`);
    const content = assertText(input.content, {
      argument: 'input.content',
      label: { zh: '更正说明', en: 'content' },
      max: 2000,
    });
    return recordConfirmedStep<CorrectionEntity>({
      context,
      entity: MedicalCorrectionSchema,
      row: {
        ...pendingStep(officer, input),
        personId: input.personId,
        year: input.year,
        scheme: input.scheme,
        amountPaid: input.amountPaid,
        content,
        before: null,
      },
      sameRequest: (earlier) =>
        earlier.actorSubject === officer.subject &&
        earlier.caseNumber === input.caseNumber &&
        earlier.personId === input.personId &&
        earlier.year === input.year &&
        earlier.content === content,
      step: {
        kind: 'MEDICAL_CORRECTION',
        content: `${input.personId} ${input.year} 年 ${input.scheme}：${content}`,
        expectedVersion: input.expectedVersion ?? null,
      },
      onConfirmed: async (em, row) => ({ before: await applyCorrection(em, row) }),
    });
  },
};

export const MedicalCorrection: MedicalCorrectionResolvers = {
  // A reference to the case in the lead's ledger; the tax subgraph resolves it for those taking part.
  dispute: (correction) => (correction.caseId ? { id: correction.caseId } : null),
};
