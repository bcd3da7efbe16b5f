import { notFound } from '../../../core/errors.js';
import { keysetPage, type Connection } from '../../shared/pagination.js';
import { SiArrearsSchema, SiEmployerAccountSchema, type SiEmployerAccount } from '../entities/index.js';
import type { QueryResolvers } from '../generated/resolvers-types.js';
import { unpaid } from '../loaders.js';
import { assertCanSeePersons } from '../../shared/row-level.js';
import { assertGovernment, failedDeductionEmployers } from './failed-deductions.js';

export type EmployerConnectionParent = Connection<SiEmployerAccount>;

export const Query: QueryResolvers = {
  person: async (_parent, { personId }, { loaders, viewer }) => {
    assertCanSeePersons(viewer);
    const person = await loaders.person.load(personId);
    if (!person) throw notFound(`未找到人员编号为 ${personId} 的参保人员 (no such person)`);
    return person;
  },
  employersInArrears: (_parent, { district, first, after }, { em }) => {
    // Employers owing at least one unpaid arrears: a semi-join, so each page stays one statement.
    const inArrears = em
      .createQueryBuilder(SiArrearsSchema, 'a')
      .select('a.creditCode')
      .where({ debtorKind: 'EMPLOYER', ...unpaid })
      .getKnexQuery();
    const where: Record<string, unknown> = { creditCode: { $in: inArrears } };
    if (district) where.district = district;
    return keysetPage(em, SiEmployerAccountSchema, where, {
      list: 'employersInArrears',
      keys: ['creditCode'],
      first,
      after,
    });
  },
  employersWithFailedDeductions: (_parent, args, { em, viewer }) => {
    assertGovernment(viewer);
    return failedDeductionEmployers(em, args);
  },
};
