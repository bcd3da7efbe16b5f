import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { pensionSchemes } from './insurance.js';

/** A contribution row as it was before a correction (null: there was none). */
export interface ContributionBefore {
  period: string;
  row: { id: string; base: string; amount: string; status: string; paidOn: string | null } | null;
}

/**
 * 缴费记录更正 (a correction of contribution records executing a dispute's agreement): the periods and
 * base the HRSS bureau corrects for one insured person, what the rows were before (so that it can be
 * reverted), and its confirmation in the lead's ledger. Applied to si_contribution only once confirmed.
 */
export const ContributionCorrectionSchema = defineEntity({
  name: 'ContributionCorrection',
  tableName: 'si_contribution_correction',
  properties: {
    id: p.uuid().primary(),
    caseNumber: p.string().length(40).index(),
    caseId: p.uuid().nullable(),
    personId: p.string().length(20).index(),
    scheme: p.enum([...pensionSchemes]),
    employerCreditCode: p.string().length(18).nullable(),
    periods: p.array().$type<string[]>(),
    base: p.decimal().precision(12).scale(2),
    amount: p.decimal().precision(12).scale(2),
    content: p.text(),
    actorSubject: p.string().length(255),
    actorName: p.text(),
    status: p.enum(['PENDING', 'CONFIRMED', 'REVERTED']),
    ledgerSeq: p.integer().nullable(),
    idempotencyKey: p.string().length(80).unique(),
    createdAt: p.datetime(),
    confirmedAt: p.datetime().nullable(),
    before: p.json<ContributionBefore[]>().nullable(),
    revertedAt: p.datetime().nullable(),
    revertedByName: p.text().nullable(),
    revertReason: p.text().nullable(),
  },
});
export type ContributionCorrection = InferEntity<typeof ContributionCorrectionSchema>;
