import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const findingStatuses = ['PENDING', 'CONFIRMED'] as const;

/**
 * 人社部门研判意见 (the HRSS bureau's finding in a joint dispute case), recorded here with the data it
 * rests on, then confirmed with the lead's ledger (tax). PENDING: written here, not yet in the ledger
 * (the ledger did not answer); a retry under the same key confirms it. A step the ledger refuses is
 * deleted, so nothing here contradicts the ledger.
 */
export const DisputeFindingSchema = defineEntity({
  name: 'DisputeFinding',
  tableName: 'dispute_finding',
  properties: {
    id: p.uuid().primary(),
    caseNumber: p.string().length(40).index(),
    /** The case's id in the ledger, once confirmed. */
    caseId: p.uuid().nullable().index(),
    actorSubject: p.string().length(255),
    actorName: p.text(),
    content: p.text(),
    status: p.enum([...findingStatuses]),
    ledgerSeq: p.integer().nullable(),
    idempotencyKey: p.string().length(80).unique(),
    createdAt: p.datetime(),
    confirmedAt: p.datetime().nullable(),
  },
});
export type DisputeFinding = InferEntity<typeof DisputeFindingSchema>;
