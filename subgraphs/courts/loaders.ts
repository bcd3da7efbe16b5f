import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '../shared/context.js';
import { loaderByKey } from '../shared/loaders.js';
import { indicatorGroupLoader } from '../shared/health/loader.js';
import { lastMonths } from '../shared/health/windows.js';
import {
  CasePartySchema,
  CourtCaseSchema,
  courtCaseStatuses,
  partyRoles,
  type CaseParty,
  type CourtCase,
} from './entities/index.js';

const roleRank = new Map<string, number>(partyRoles.map((role, i) => [role, i]));

/** The parties of each case, as a judgment lists them: by role (plaintiff first), then by id. */
function partiesByCase(em: EntityManager): DataLoader<string, CaseParty[]> {
  return new DataLoader(async (caseIds) => {
    const rows = await em.find(
      CasePartySchema,
      { caseId: { $in: [...caseIds] } },
      { orderBy: { id: 'asc' } },
    );
    rows.sort((a, b) => (roleRank.get(a.role) ?? 0) - (roleRank.get(b.role) ?? 0));
    const groups = new Map<string, CaseParty[]>(caseIds.map((id) => [id, []]));
    for (const row of rows) groups.get(row.caseId)?.push(row);
    return caseIds.map((id) => groups.get(id) ?? []);
  });
}

/**
 * The cases in which each key (a credit code or a person id) is a party, newest first. Two statements
 * per batch whatever the number of keys: the parties of all keys, then all their cases.
 */
function casesByParty(em: EntityManager, key: 'creditCode' | 'personId'): DataLoader<string, CourtCase[]> {
  return new DataLoader(async (keys) => {
    const parties = await em.find(CasePartySchema, { [key]: { $in: [...keys] } });
    const caseIdsByKey = new Map<string, Set<string>>(keys.map((k) => [k, new Set()]));
    for (const party of parties) caseIdsByKey.get(String(party[key]))?.add(party.caseId);
    const caseIds = [...new Set(parties.map((party) => party.caseId))];
    const cases = caseIds.length
      ? await em.find(CourtCaseSchema, { id: { $in: caseIds } }, { orderBy: { filedOn: 'desc', id: 'desc' } })
      : [];
    // `cases` is newest first, so filtering it keeps that order for every key.
    return keys.map((k) => {
      const ids = caseIdsByKey.get(k);
      return ids?.size ? cases.filter((c) => ids.has(c.id)) : [];
    });
  });
}

/** A case not yet closed or withdrawn. */
export const openCaseStatuses = courtCaseStatuses.filter((s) => s !== 'CLOSED' && s !== 'WITHDRAWN');
/** The side a claim or an enforcement is brought against (被告, 被申请人 / 被执行人). */
export const respondingRoles: CaseParty['role'][] = ['DEFENDANT', 'RESPONDENT'];
/** How far back labour disputes against an enterprise are counted, by filing date. */
export const LABOUR_DEFENDANT_MONTHS = 12;

/** Health-check facts: the cases an enterprise is a party to, counted three ways. */
export interface CaseFacts {
  /** Open cases in any role. */
  open: number;
  /** Open enforcement cases against it. */
  enforcement: number;
  /** Labour disputes against it filed in the window, whatever their status. */
  labourDefendant: number;
}

/**
 * The case counts of a batch of enterprises in one grouped statement; enterprises in no case at all
 * get no row (the court holds no record of them).
 */
function caseFactsLoader(em: EntityManager) {
  return indicatorGroupLoader<CaseFacts | null>(async (creditCodes, now) => {
    const { fromDate } = lastMonths(now, LABOUR_DEFENDANT_MONTHS);
    const rows = await em.execute<
      { credit_code: string; open: number; enforcement: number; labour: number }[]
    >(
      `select p.credit_code,
              count(distinct c.id) filter (where c.status in (?))::int as open,
              count(distinct c.id) filter (where c.type = 'ENFORCEMENT' and c.status in (?)
                                             and p.role in (?))::int as enforcement,
              count(distinct c.id) filter (where c.type = 'LABOUR_DISPUTE' and p.role in (?)
                                             and c.filed_on >= ?::date)::int as labour
         from case_party p join court_case c on c.id = p.case_id
        where p.credit_code in (?)
        group by p.credit_code`,
      [openCaseStatuses, openCaseStatuses, respondingRoles, respondingRoles, fromDate, creditCodes],
    );
    return new Map(
      rows.map((r) => [
        r.credit_code,
        { open: r.open, enforcement: r.enforcement, labourDefendant: r.labour },
      ]),
    );
  }, null);
}

/** The courts subgraph's DataLoaders, built fresh for every request. */
export function createCourtsLoaders(em: EntityManager) {
  return {
    caseByNumber: loaderByKey(em, CourtCaseSchema, 'caseNumber'),
    partiesByCase: partiesByCase(em),
    casesByEnterprise: casesByParty(em, 'creditCode'),
    casesByPerson: casesByParty(em, 'personId'),
    health: { cases: caseFactsLoader(em) },
  };
}

export type CourtsLoaders = ReturnType<typeof createCourtsLoaders>;
export type CourtsContext = SubgraphContext<CourtsLoaders>;
