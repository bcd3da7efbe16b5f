import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '../shared/context.js';
import { loaderByKey } from '../shared/loaders.js';
import { indicatorGroupLoader } from '../shared/health/loader.js';
import { lastMonths } from '../shared/health/windows.js';
import { ServicePointSchema, ServiceRecordSchema, type ServiceRecord } from './entities/index.js';

/** Records returned per enterprise or person (the SDL promises at most 50, newest first). */
export const SERVICE_RECORDS_PER_KEY = 50;

/**
 * The newest records of many enterprises (or persons) in ONE statement: `row_number()` per key keeps
 * the per-key limit inside SQL, so a page of N parents costs one query, not N.
 */
function newestRecordsLoader(
  em: EntityManager,
  column: 'credit_code' | 'person_id',
  key: 'creditCode' | 'personId',
): DataLoader<string, ServiceRecord[]> {
  return new DataLoader(async (keys) => {
    const rows: Record<string, unknown>[] = await em.getConnection().execute(
      `select r.id, r.service_point_id, r.credit_code, r.person_id, r.service, r.mode, r.summary, r.served_at
         from (select sr.*, row_number() over (partition by sr.${column} order by sr.served_at desc, sr.id desc) as rn
                 from service_record sr
                where sr.${column} in (?)) r
        where r.rn <= ?
        order by r.${column}, r.served_at desc, r.id desc`,
      [keys, SERVICE_RECORDS_PER_KEY],
    );
    const groups = new Map<string, ServiceRecord[]>(keys.map((k) => [k, []]));
    for (const row of rows) {
      const record = em.map(ServiceRecordSchema, row);
      groups.get(String(record[key]))?.push(record);
    }
    return keys.map((k) => groups.get(k) ?? []);
  });
}

/** Modes in which a point did the work for the enterprise rather than the enterprise itself. */
export const assistedModes: ServiceRecord['mode'][] = ['ASSISTED', 'BEYOND_EXPECTATION'];
/** How far back assisted services are counted. */
export const ASSISTED_SERVICE_MONTHS = 12;

/** Health-check facts: an enterprise's assisted services in the window. */
export interface ServiceFacts {
  assisted: number;
}

/**
 * The assisted services of a batch of enterprises in one grouped statement on the (credit_code,
 * served_at) index; enterprises no point has ever served get no row (no record of them).
 */
function serviceFactsLoader(em: EntityManager) {
  return indicatorGroupLoader<ServiceFacts | null>(async (creditCodes, now) => {
    const { from } = lastMonths(now, ASSISTED_SERVICE_MONTHS);
    const rows: { credit_code: string; assisted: number }[] = await em.getConnection().execute(
      `select credit_code,
              count(*) filter (where mode in (?) and served_at >= ?)::int as assisted
         from service_record
        where credit_code in (?)
        group by credit_code`,
      [assistedModes, from, creditCodes],
    );
    return new Map(rows.map((r) => [r.credit_code, { assisted: r.assisted }]));
  }, null);
}

/** The service-points subgraph's DataLoaders, built fresh for every request. */
export function createServicePointsLoaders(em: EntityManager) {
  return {
    servicePoint: loaderByKey(em, ServicePointSchema, 'id'),
    enterpriseServiceRecords: newestRecordsLoader(em, 'credit_code', 'creditCode'),
    personServiceRecords: newestRecordsLoader(em, 'person_id', 'personId'),
    health: { services: serviceFactsLoader(em) },
  };
}

export type ServicePointsLoaders = ReturnType<typeof createServicePointsLoaders>;
export type ServicePointsContext = SubgraphContext<ServicePointsLoaders>;
