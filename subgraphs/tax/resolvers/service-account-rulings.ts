import { randomUUID } from 'node:crypto';
import { badInput, notFound } from '../../../core/errors.js';
import { assertCreditCode } from '../../shared/validation.js';
import { AdvanceRulingSchema, type AdvanceRuling as AdvanceRulingEntity } from '../entities/index.js';
import type {
  AdvanceRulingResolvers,
  MutationResolvers,
  TransitionAdvanceRulingInput,
} from '../generated/resolvers-types.js';
import { assertAssignedLiaison, assertServiceReader } from '../service-account/access.js';
import { beijingToday } from '../service-account/calendar.js';
import { issueNumber, reread, writeOnce } from '../service-account/requests.js';
import { idempotencyKey, recordId, term, text } from '../service-account/validation.js';
import { assertTransition, rulingInForce, rulingTransitions } from '../service-account/workflows.js';

/**
 * Advance rulings (事先裁定): requested by the enterprise contact or a liaison, then moved on by an assigned
 * liaison — under review, then issued with the ruling and its validity, or declined with a reason.
 */

export const AdvanceRuling: AdvanceRulingResolvers = {
  requestedByName: (ruling) => ruling.requesterName,
  inForce: (ruling) => rulingInForce(ruling),
};

/** What a move needs: the ruling and its validity to issue, a reason to decline, nothing else otherwise. */
function moveDetails(input: TransitionAdvanceRulingInput) {
  const issuing = input.to === 'ISSUED';
  const declining = input.to === 'DECLINED';
  const given = (value: unknown) => value != null && value !== '';
  for (const [argument, value, allowed] of [
    ['input.rulingText', input.rulingText, issuing],
    ['input.validFrom', input.validFrom, issuing],
    ['input.validUntil', input.validUntil, issuing],
    ['input.reason', input.reason, declining],
  ] as const) {
    if (given(value) && !allowed) {
      throw badInput(`${argument} 不适用于转为 ${input.to} (not used when moving to ${input.to})`, argument);
    }
  }
  if (issuing) {
    if (!input.validFrom) throw badInput('出具裁定须注明有效期起 (validFrom is required)', 'input.validFrom');
    if (!input.validUntil)
      throw badInput('出具裁定须注明有效期止 (validUntil is required)', 'input.validUntil');
    const validity = term(
      input.validFrom,
      input.validUntil,
      { from: 'input.validFrom', to: 'input.validUntil' },
      5,
    );
    return {
      rulingText: text(input.rulingText ?? '', 'input.rulingText', '裁定意见', 'ruling', 5000),
      validFrom: validity.from,
      validUntil: validity.to,
    };
  }
  if (declining)
    return { reason: text(input.reason ?? '', 'input.reason', '不予裁定的理由', 'reason', 1000) };
  return {};
}

export const rulingMutations: Pick<MutationResolvers, 'requestAdvanceRuling' | 'transitionAdvanceRuling'> = {
  requestAdvanceRuling: async (_parent, { input }, { em, loaders, viewer }) => {
    assertCreditCode(input.creditCode);
    await assertServiceReader(viewer, input.creditCode, loaders);
    const actor = viewer!;
    const request = {
      topic: text(input.topic, 'input.topic', '裁定事项', 'topic', 200),
      category: input.category,
      question: text(input.question, 'input.question', '事项描述', 'question', 5000),
    };
    const { id } = await writeOnce(
      em,
      {
        creditCode: input.creditCode,
        operation: 'requestAdvanceRuling',
        actor,
        idempotencyKey: idempotencyKey(input.idempotencyKey),
        request,
      },
      async (tx) => {
        const ruling: AdvanceRulingEntity = {
          id: randomUUID(),
          number: await issueNumber(tx, 'RULING', beijingToday()),
          creditCode: input.creditCode,
          ...request,
          status: 'REQUESTED',
          requestedAt: new Date(),
          requesterSubject: actor.subject,
          requesterName: actor.name,
          reviewStartedAt: null,
          reviewerSubject: null,
          reviewerName: null,
          rulingText: null,
          validFrom: null,
          validUntil: null,
          issuedAt: null,
          declineReason: null,
          declinedAt: null,
        };
        tx.create(AdvanceRulingSchema, ruling);
        return ruling.id;
      },
    );
    return reread(em, AdvanceRulingSchema, id);
  },

  transitionAdvanceRuling: async (_parent, { input }, { em, loaders, viewer }) => {
    const rulingId = recordId(input.rulingId, 'input.rulingId');
    const ruling = await loaders.advanceRuling.load(rulingId);
    if (!ruling) throw notFound(`查无此事先裁定 ${rulingId} (no such advance ruling)`);
    const actor = await assertAssignedLiaison(viewer, ruling.creditCode, loaders);
    const details = moveDetails(input);
    const { id } = await writeOnce(
      em,
      {
        creditCode: ruling.creditCode,
        operation: 'transitionAdvanceRuling',
        actor,
        idempotencyKey: idempotencyKey(input.idempotencyKey),
        request: { rulingId, to: input.to, ...details },
      },
      async (tx) => {
        const current = await reread(tx, AdvanceRulingSchema, rulingId);
        assertTransition(rulingTransitions, current.status, input.to, {
          zh: `事先裁定${current.number}`,
          en: `advance ruling ${current.number}`,
        });
        const now = new Date();
        current.status = input.to;
        if (input.to === 'UNDER_REVIEW') {
          current.reviewStartedAt = now;
          current.reviewerSubject = actor.subject;
          current.reviewerName = actor.name;
        } else if (input.to === 'ISSUED' && 'rulingText' in details) {
          current.rulingText = details.rulingText;
          current.validFrom = details.validFrom;
          current.validUntil = details.validUntil;
          current.issuedAt = now;
        } else if (input.to === 'DECLINED' && 'reason' in details) {
          current.declineReason = details.reason ?? null;
          current.declinedAt = now;
        }
        return current.id;
      },
    );
    return reread(em, AdvanceRulingSchema, id);
  },
};
