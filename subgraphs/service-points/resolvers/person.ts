import type { PersonResolvers } from '../generated/resolvers-types.js';
import { visiblePersonRef } from '../../shared/row-level.js';

/** The reference the gateway sends: this subgraph only adds fields to the HRSS bureau's Person. */
export interface PersonRef {
  personId: string;
}

export const Person: PersonResolvers = {
  // Nothing to load for the reference itself; the added field batches through its own loader.
  __resolveReference: (ref, { viewer }) => visiblePersonRef(ref, viewer),
  // An empty list where no point has served it; null is left to mean that this agency did not answer.
  serviceRecords: ({ personId }, _args, { loaders }) => loaders.personServiceRecords.load(personId),
};
