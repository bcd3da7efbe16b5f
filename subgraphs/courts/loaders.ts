import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '../shared/context.js';
import { loaderByKey } from '../shared/loaders.js';
import {
  CasePartySchema,
  CourtCaseSchema,
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

/** The courts subgraph's DataLoaders, built fresh for every request. */
export function createCourtsLoaders(em: EntityManager) {
  return {
    caseByNumber: loaderByKey(em, CourtCaseSchema, 'caseNumber'),
    partiesByCase: partiesByCase(em),
    casesByEnterprise: casesByParty(em, 'creditCode'),
    casesByPerson: casesByParty(em, 'personId'),
  };
}

export type CourtsLoaders = ReturnType<typeof createCourtsLoaders>;
export type CourtsContext = SubgraphContext<CourtsLoaders>;
