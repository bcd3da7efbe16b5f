import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, hubError, notFound } from '../../../core/errors.js';
import type { Identity } from '../../../core/identity.js';
import { pendingStep, recordConfirmedStep } from '../../shared/disputes/recorded-step.js';
import { assertText } from '../../shared/validation.js';
import {
  ContributionCorrectionSchema,
  ContributionSchema,
  type ContributionBefore,
  type ContributionCorrection as CorrectionEntity,
} from '../entities/index.js';
import type { ContributionCorrectionResolvers, MutationResolvers } from '../generated/resolvers-types.js';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;

function assertHrss(viewer: Identity | null): Identity {
  if (!viewer || viewer.agency !== 'hrss') {
    throw hubError(
      'FORBIDDEN',
      '缴费记录须由人社部门更正 (only the HRSS bureau corrects contribution records)',
    );
  }
  return viewer;
}

/** Writes the corrected periods (paid, at the agreed base) and returns what each row was before. */
async function applyCorrection(
  em: EntityManager,
  correction: CorrectionEntity,
): Promise<ContributionBefore[]> {
  const existing = await em.find(ContributionSchema, {
    personId: correction.personId,
    scheme: correction.scheme,
    period: { $in: correction.periods },
  });
  const byPeriod = new Map(existing.map((row) => [row.period, row]));
  const today = new Date().toISOString().slice(0, 10);
  const before: ContributionBefore[] = [];
  for (const period of correction.periods) {
    const row = byPeriod.get(period);
    before.push({
      period,
      row: row
        ? {
            id: row.id,
            base: String(row.base),
            amount: String(row.amount),
            status: row.status,
            paidOn: row.paidOn ?? null,
          }
        : null,
    });
    const corrected = {
      base: correction.base,
      amount: correction.amount,
      status: 'PAID' as const,
      paidOn: today,
    };
    if (row) await em.nativeUpdate(ContributionSchema, { id: row.id }, corrected);
    else {
      await em.insert(ContributionSchema, {
        id: randomUUID(),
        personId: correction.personId,
        period,
        scheme: correction.scheme,
        employerCreditCode: correction.employerCreditCode ?? null,
        ...corrected,
      });
    }
  }
  return before;
}

export const correctionMutations: Pick<
  MutationResolvers,
  'correctContributions' | 'revertContributionCorrection'
> = {
  correctContributions: async (_parent, { input }, context) => {
    const officer = assertHrss(context.viewer);
    const periods = [...new Set(input.periods)].sort();
    if (periods.length < 1 || periods.length > 60 || !periods.every((p) => PERIOD.test(p))) {
      throw badInput('期间须为 1–60 个 YYYY-MM (1 to 60 periods, each YYYY-MM)', 'input.periods');
    }
    for (const [argument, value] of [
      ['input.base', input.base],
      ['input.amount', input.amount],
    ] as const) {
      if (!AMOUNT.test(value)) throw badInput(`${argument} 须为非负金额 (a non-negative amount)`, argument);
    }
    const person = await context.loaders.person.load(input.personId);
    if (!person) throw notFound(`查无此参保人 ${input.personId} (no such insured person)`);
    const content = assertText(input.content, {
      argument: 'input.content',
      label: { zh: '更正说明', en: 'content' },
      max: 2000,
    });
    return recordConfirmedStep<CorrectionEntity>({
      context,
      entity: ContributionCorrectionSchema,
      row: {
        ...pendingStep(officer, input),
        personId: input.personId,
        scheme: input.scheme,
        employerCreditCode: null,
        periods,
        base: input.base,
        amount: input.amount,
        content,
        before: null,
        revertedAt: null,
        revertedByName: null,
        revertReason: null,
      },
      sameRequest: (earlier) =>
        earlier.actorSubject === officer.subject &&
        earlier.caseNumber === input.caseNumber &&
        earlier.personId === input.personId &&
        earlier.periods.join() === periods.join() &&
        earlier.content === content,
      step: {
        kind: 'CONTRIBUTION_CORRECTION',
        content: `${person.name} ${input.scheme} ${periods[0]}–${periods.at(-1)}（${periods.length} 期）：${content}`,
        expectedVersion: input.expectedVersion ?? null,
      },
      // Only once the ledger has the step do the records change, together with marking it confirmed.
      onConfirmed: async (em, row) => ({ before: await applyCorrection(em, row) }),
    });
  },

  revertContributionCorrection: async (_parent, { input }, context) => {
    const officer = assertHrss(context.viewer);
    const reason = assertText(input.reason, {
      argument: 'input.reason',
      label: { zh: '撤销原因', en: 'reason' },
      max: 500,
    });
    const em = context.em as EntityManager;
    return em.transactional(async (tx) => {
      const correction = await tx.findOne(
        ContributionCorrectionSchema,
        { id: input.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!correction) throw notFound(`查无此更正 ${input.id} (no such correction)`);
      if (correction.status === 'REVERTED') return correction;
      if (correction.status !== 'CONFIRMED') {
        throw hubError('INVALID_TRANSITION', '更正尚未生效，无需撤销 (the correction is not applied yet)');
      }
      for (const { period, row } of correction.before ?? []) {
        const where = { personId: correction.personId, scheme: correction.scheme, period };
        if (row) {
          await tx.nativeUpdate(
            ContributionSchema,
            { id: row.id },
            {
              base: row.base,
              amount: row.amount,
              status: row.status as 'PAID' | 'PARTIAL' | 'UNPAID',
              paidOn: row.paidOn,
            },
          );
        } else await tx.nativeDelete(ContributionSchema, where);
      }
      correction.status = 'REVERTED';
      correction.revertedAt = new Date();
      correction.revertedByName = officer.name;
      correction.revertReason = reason;
      await tx.flush();
      return correction;
    });
  },
};

export const ContributionCorrection: ContributionCorrectionResolvers = {
  // A reference to the case in the lead's ledger; the tax subgraph resolves it for those taking part.
  dispute: (correction) => (correction.caseId ? { id: correction.caseId } : null),
};
