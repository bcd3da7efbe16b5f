import DataLoader from 'dataloader';
import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '../shared/context.js';
import { unpaidArrearsStatuses } from '../shared/enums.js';
import { loaderByKey, loaderOfMany } from '../shared/loaders.js';
import { employerArrearsFactsLoader } from '../shared/health/arrears.js';
import { indicatorGroupLoader } from '../shared/health/loader.js';
import { lastMonths, monthsBefore } from '../shared/health/windows.js';
import {
  BatchDeductionSchema,
  ContributionSchema,
  EmployerBatchDeductionSchema,
  EnrolmentSchema,
  PersonSchema,
  SiArrearsSchema,
  SiEmployerAccountSchema,
  type Contribution,
  type EmployerBatchDeduction,
} from './entities/index.js';

/** Arrears still owed (未缴清): the one rule for lists, totals and employers in arrears. */
export const unpaid = { status: { $in: [...unpaidArrearsStatuses] } };

/** The sum of each employer's unpaid arrears, in one grouped statement for all keys. */
function arrearsTotalByEmployer(em: EntityManager): DataLoader<string, string> {
  return new DataLoader(async (creditCodes) => {
    const rows = await em
      .createQueryBuilder(SiArrearsSchema, 'a')
      .select(['a.creditCode', raw('sum(a.amount) as total')])
      .where({ creditCode: { $in: [...creditCodes] }, debtorKind: 'EMPLOYER', ...unpaid })
      .groupBy('a.creditCode')
      .execute<{ credit_code: string; total: string }[]>('all', false);
    // PostgreSQL returns numeric sums as exact decimal strings with the column's scale.
    const totals = new Map(rows.map((row) => [row.credit_code, String(row.total)]));
    return creditCodes.map((code) => totals.get(code) ?? '0.00');
  });
}

/**
 * The newest `last` contribution periods of each person. A lateral join takes the top rows per person
 * from the (person_id, period) index: one statement per batch, however many persons and periods.
 */
function recentContributions(em: EntityManager, last: number): DataLoader<string, Contribution[]> {
  return new DataLoader(async (personIds) => {
    const rows = await em.execute<Record<string, unknown>[]>(
      `select c.* from unnest(array[?]::varchar[]) as k(person_id)
       cross join lateral (
         select * from si_contribution c where c.person_id = k.person_id
         order by c.period desc, c.scheme asc, c.id asc limit ?
       ) c`,
      [[...personIds], last],
    );
    const groups = new Map<string, Contribution[]>(personIds.map((id) => [id, []]));
    for (const row of rows) {
      const contribution = em.map(ContributionSchema, row);
      groups.get(contribution.personId)?.push(contribution);
    }
    return personIds.map((id) => groups.get(id) ?? []);
  });
}

/**
 * The newest `last` batch deductions of each employer, as `recentContributions` reads a person's
 * periods: one lateral join per batch on the (credit_code, attempted_at) index.
 */
function recentEmployerDeductions(
  em: EntityManager,
  last: number,
): DataLoader<string, EmployerBatchDeduction[]> {
  return new DataLoader(async (creditCodes) => {
    const rows = await em.execute<Record<string, unknown>[]>(
      `select d.* from unnest(array[?]::varchar[]) as k(credit_code)
       cross join lateral (
         select * from si_employer_batch_deduction d where d.credit_code = k.credit_code
         order by d.attempted_at desc, d.id desc limit ?
       ) d`,
      [[...creditCodes], last],
    );
    const groups = new Map<string, EmployerBatchDeduction[]>(creditCodes.map((code) => [code, []]));
    for (const row of rows) {
      const deduction = em.map(EmployerBatchDeductionSchema, row);
      groups.get(deduction.creditCode)?.push(deduction);
    }
    return creditCodes.map((code) => groups.get(code) ?? []);
  });
}

/** Health-check facts: an employer's failed batch deductions in the three months before this one. */
export interface FailedDeductionFacts {
  failed: number;
  latestReason: EmployerBatchDeduction['failureReason'];
}

/** Health-check facts: an employer's active employee-pension enrolments now and twelve months ago. */
export interface HeadcountFacts {
  now: number;
  then: number;
}

/** Months before the current one in which failed employer deductions are counted. */
export const FAILED_DEDUCTION_MONTHS = 3;
/** How far back the insured headcount is compared. */
export const HEADCOUNT_TREND_MONTHS = 12;

/** One grouped statement per indicator group and batch of employers: nothing runs per employer. */
function healthLoaders(em: EntityManager) {
  return {
    arrears: employerArrearsFactsLoader(em, 'si_arrears'),
    failedDeductions: indicatorGroupLoader<FailedDeductionFacts>(
      async (creditCodes, now) => {
        const window = monthsBefore(now, FAILED_DEDUCTION_MONTHS);
        const rows = await em.execute<
          { credit_code: string; failed: number; latest_reason: FailedDeductionFacts['latestReason'] }[]
        >(
          `select credit_code, count(*)::int as failed,
                  (array_agg(failure_reason order by attempted_at desc, id desc))[1] as latest_reason
             from si_employer_batch_deduction
            where credit_code in (?) and result = 'FAILED' and attempted_at >= ? and attempted_at < ?
            group by credit_code`,
          [creditCodes, window.from, window.until],
        );
        return new Map(rows.map((r) => [r.credit_code, { failed: r.failed, latestReason: r.latest_reason }]));
      },
      { failed: 0, latestReason: null },
    ),
    headcount: indicatorGroupLoader<HeadcountFacts>(
      async (creditCodes, now) => {
        // The enrolment keeps no date of a suspension, so a suspended one counts as in force a year ago
        // (when it had started and not ended) and not now.
        const { fromDate } = lastMonths(now, HEADCOUNT_TREND_MONTHS);
        const rows = await em.execute<{ credit_code: string; insured_now: number; insured_then: number }[]>(
          `select employer_credit_code as credit_code,
                  count(*) filter (where status = 'ACTIVE')::int as insured_now,
                  count(*) filter (where started_on <= ?::date
                                     and (ended_on is null or ended_on > ?::date))::int as insured_then
             from si_enrolment
            where scheme = 'EMPLOYEE_PENSION' and employer_credit_code in (?)
            group by employer_credit_code`,
          [fromDate, fromDate, creditCodes],
        );
        return new Map(rows.map((r) => [r.credit_code, { now: r.insured_now, then: r.insured_then }]));
      },
      { now: 0, then: 0 },
    ),
  };
}

/** The social-security subgraph's DataLoaders, built fresh for every request. */
export function createSocialSecurityLoaders(em: EntityManager) {
  // One loader per distinct `last` asked for in the request, so each batch shares one limit.
  const contributionsByLast = new Map<number, DataLoader<string, Contribution[]>>();
  const employerDeductionsByLast = new Map<number, DataLoader<string, EmployerBatchDeduction[]>>();
  return {
    person: loaderByKey(em, PersonSchema, 'personId'),
    employerAccount: loaderByKey(em, SiEmployerAccountSchema, 'creditCode'),
    enrolmentsByPerson: loaderOfMany(em, EnrolmentSchema, 'personId', {
      orderBy: { startedOn: 'desc', scheme: 'asc', id: 'asc' },
    }),
    contributionsByPerson(last: number): DataLoader<string, Contribution[]> {
      let loader = contributionsByLast.get(last);
      if (!loader) {
        loader = recentContributions(em, last);
        contributionsByLast.set(last, loader);
      }
      return loader;
    },
    arrearsByPerson: loaderOfMany(em, SiArrearsSchema, 'personId', {
      where: { debtorKind: 'PERSON', ...unpaid },
      orderBy: { periodFrom: 'desc', id: 'asc' },
    }),
    arrearsByEmployer: loaderOfMany(em, SiArrearsSchema, 'creditCode', {
      where: { debtorKind: 'EMPLOYER', ...unpaid },
      orderBy: { periodFrom: 'desc', id: 'asc' },
    }),
    arrearsTotalByEmployer: arrearsTotalByEmployer(em),
    batchDeductionsByPerson: loaderOfMany(em, BatchDeductionSchema, 'personId', {
      orderBy: { attemptedAt: 'desc', id: 'asc' },
    }),
    employerDeductions(last: number): DataLoader<string, EmployerBatchDeduction[]> {
      let loader = employerDeductionsByLast.get(last);
      if (!loader) {
        loader = recentEmployerDeductions(em, last);
        employerDeductionsByLast.set(last, loader);
      }
      return loader;
    },
    health: healthLoaders(em),
  };
}

export type SocialSecurityLoaders = ReturnType<typeof createSocialSecurityLoaders>;
export type SocialSecurityContext = SubgraphContext<SocialSecurityLoaders>;
