import type { Resolvers } from '../generated/resolvers-types.js';
import { Enterprise } from './enterprise.js';
import { Person } from './person.js';
import { Query } from './query.js';
import { ServiceRecord } from './service-record.js';

/** One file per GraphQL type, listed here by name. */
export const resolvers: Resolvers = { Query, Enterprise, Person, ServiceRecord };
