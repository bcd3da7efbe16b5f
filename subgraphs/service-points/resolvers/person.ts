import type { PersonResolvers } from '../generated/resolvers-types.js';

/** The reference the gateway sends: this subgraph only adds fields to the HRSS bureau's Person. */
export interface PersonRef {
  personId: string;
}

export const Person: PersonResolvers = {
  // Nothing to load for the reference itself; the added field batches through its own loader.
  __resolveReference: (ref) => ref,
  // null, not an empty list, where no point has served the person: this agency holds no record.
  serviceRecords: async ({ personId }, _args, { loaders }) => {
    const records = await loaders.personServiceRecords.load(personId);
    return records.length ? records : null;
  },
};
