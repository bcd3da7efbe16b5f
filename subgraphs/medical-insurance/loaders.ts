import DataLoader from 'dataloader';
import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '../shared/context.js';
import { unpaidArrearsStatuses } from '../shared/enums.js';
import { loaderByKey, loaderOfMany } from '../shared/loaders.js';
import { employerArrearsFactsLoader } from '../shared/health/arrears.js';
import {
  MiArrearsSchema,
  MiEmployerAccountSchema,
  MiEnrolmentSchema,
  YearlyPaymentSchema,
} from './entities/index.js';

/**
 * Outstanding arrears per employer, summed by PostgreSQL in one grouped statement per batch; employers
 * with nothing owed get '0.00'. The sum stays numeric(…, 2), so the amounts never pass through floats.
 */
function arrearsTotalLoader(em: EntityManager): DataLoader<string, string> {
  return new DataLoader(async (creditCodes) => {
    const rows = await em
      .createQueryBuilder(MiArrearsSchema, 'a')
      .select(['a.creditCode', raw('sum(a.amount)::text as total')])
      .where({
        debtorKind: 'EMPLOYER',
        creditCode: { $in: [...creditCodes] },
        status: { $in: [...unpaidArrearsStatuses] },
      })
      .groupBy('a.creditCode')
      .execute<{ creditCode: string; total: string }[]>('all');
    const totals = new Map(rows.map((row) => [row.creditCode, row.total]));
    return creditCodes.map((code) => totals.get(code) ?? '0.00');
  });
}

/** The medical-insurance subgraph's DataLoaders, built fresh for every request. */
export function createMedicalInsuranceLoaders(em: EntityManager) {
  return {
    employerAccount: loaderByKey(em, MiEmployerAccountSchema, 'creditCode'),
    employerArrears: loaderOfMany(em, MiArrearsSchema, 'creditCode', {
      where: { debtorKind: 'EMPLOYER', status: { $in: [...unpaidArrearsStatuses] } },
      orderBy: { periodFrom: 'asc', id: 'asc' },
    }),
    employerArrearsTotal: arrearsTotalLoader(em),
    personEnrolments: loaderOfMany(em, MiEnrolmentSchema, 'personId', {
      orderBy: { startedOn: 'asc', id: 'asc' },
    }),
    personYearlyPayments: loaderOfMany(em, YearlyPaymentSchema, 'personId', {
      orderBy: { year: 'desc', scheme: 'asc', id: 'asc' },
    }),
    personArrears: loaderOfMany(em, MiArrearsSchema, 'personId', {
      where: { debtorKind: 'PERSON', status: { $in: [...unpaidArrearsStatuses] } },
      orderBy: { periodFrom: 'asc', id: 'asc' },
    }),
    health: { arrears: employerArrearsFactsLoader(em, 'mi_arrears') },
  };
}

export type MedicalInsuranceLoaders = ReturnType<typeof createMedicalInsuranceLoaders>;
export type MedicalInsuranceContext = SubgraphContext<MedicalInsuranceLoaders>;
