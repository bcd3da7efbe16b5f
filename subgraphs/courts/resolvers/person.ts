import type { PersonResolvers } from '../generated/resolvers-types.js';
import { visiblePersonRef } from '../../shared/row-level.js';

/** The reference representation: courts adds fields to the HRSS bureau's Person, it owns no row of it. */
export interface PersonRef {
  personId: string;
}

export const Person: PersonResolvers = {
  // Nothing to load here: the added fields batch through their own loaders.
  __resolveReference: (ref, { viewer }) => visiblePersonRef(ref, viewer),
  courtCases: (person, _args, { loaders }) => loaders.casesByPerson.load(person.personId),
};
