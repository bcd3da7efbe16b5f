import type { Resolvers } from '../generated/resolvers-types.js';
import { agencyEnumValues } from '../../shared/health/agency-enum.js';
import { CaseParty } from './case-party.js';
import { CourtCase } from './court-case.js';
import { Enterprise } from './enterprise.js';
import { Person } from './person.js';
import { JudicialConfirmation } from './judicial-confirmation.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';

/** One file per GraphQL type, listed here by name. */
export const resolvers: Resolvers = {
  Query,
  Mutation,
  Enterprise,
  Person,
  CourtCase,
  CaseParty,
  JudicialConfirmation,
  Agency: agencyEnumValues,
};
