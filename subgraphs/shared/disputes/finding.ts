import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { hubError } from '../../../core/errors.js';
import { agencyNames, type Agency } from '../../../core/identity.js';
import type { SubgraphContext } from '../context.js';
import { assertText } from '../validation.js';
import { pendingStep, recordConfirmedStep, recordedStepProperties } from './recorded-step.js';

/**
 * 研判意见 (a reviewing department's finding in a joint dispute case: HRSS in social-security, the medical
 * insurance bureau in medical-insurance), recorded with the data it rests on, then confirmed with the
 * lead's ledger (tax). PENDING: written, not yet in the ledger (the ledger did not answer); a retry under
 * the same key confirms it. A step the ledger refuses is deleted, so nothing contradicts the ledger.
 */
export const DisputeFindingSchema = defineEntity({
  name: 'DisputeFinding',
  tableName: 'dispute_finding',
  properties: {
    id: p.uuid().primary(),
    ...recordedStepProperties(),
    content: p.text(),
  },
});
export type DisputeFinding = InferEntity<typeof DisputeFindingSchema>;

/**
 * The finding mutation of a reviewing department's subgraph: staff of `agency` only, recorded in that
 * subgraph and confirmed with the lead's ledger.
 */
export function recordFinding(
  context: Pick<SubgraphContext<unknown>, 'em' | 'ledger' | 'viewer'>,
  agency: Agency,
  input: { caseNumber: string; content: string; idempotencyKey: string; expectedVersion?: number | null },
): Promise<DisputeFinding> {
  const { viewer } = context;
  if (!viewer || viewer.agency !== agency) {
    throw hubError(
      'FORBIDDEN',
      `研判意见须由${agencyNames[agency]}工作人员提交 (only this department's staff give this finding)`,
    );
  }
  const content = assertText(input.content, {
    argument: 'input.content',
    label: { zh: '研判意见', en: 'finding' },
    max: 2000,
  });
  return recordConfirmedStep<DisputeFinding>({
    context,
    entity: DisputeFindingSchema,
    row: { ...pendingStep(viewer, input), content },
    sameRequest: (earlier) =>
      earlier.actorSubject === viewer.subject &&
      earlier.content === content &&
      earlier.caseNumber === input.caseNumber,
    step: { kind: 'FINDING', content, expectedVersion: input.expectedVersion ?? null },
  });
}
