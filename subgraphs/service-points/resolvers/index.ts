import type { Resolvers } from '../generated/resolvers-types.js';
import { agencyEnumValues } from '../../shared/health/agency-enum.js';
import { Enterprise } from './enterprise.js';
import { Person } from './person.js';
import { MediationRecord } from './mediation-record.js';
import { Mutation } from './mutation.js';
import { Query } from './query.js';
import { ServiceRecord } from './service-record.js';

/** One file per GraphQL type, listed here by name. */
export const resolvers: Resolvers = {
  Query,
  Mutation,
  Enterprise,
  Person,
  ServiceRecord,
  MediationRecord,
  Agency: agencyEnumValues,
};
