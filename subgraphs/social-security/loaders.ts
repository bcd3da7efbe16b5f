import DataLoader from 'dataloader';
import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '../shared/context.js';
import { unpaidArrearsStatuses } from '../shared/enums.js';
import { loaderByKey, loaderOfMany } from '../shared/loaders.js';
import {
  BatchDeductionSchema,
  ContributionSchema,
  EnrolmentSchema,
  PersonSchema,
  SiArrearsSchema,
  SiEmployerAccountSchema,
  type Contribution,
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

/** The social-security subgraph's DataLoaders, built fresh for every request. */
export function createSocialSecurityLoaders(em: EntityManager) {
  // One loader per distinct `last` asked for in the request, so each batch shares one limit.
  const contributionsByLast = new Map<number, DataLoader<string, Contribution[]>>();
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
  };
}

export type SocialSecurityLoaders = ReturnType<typeof createSocialSecurityLoaders>;
export type SocialSecurityContext = SubgraphContext<SocialSecurityLoaders>;
