import type { EnterpriseResolvers } from '../generated/resolvers-types.js';

/** The reference the gateway sends: this subgraph only adds fields to the tax bureau's Enterprise. */
export interface EnterpriseRef {
  creditCode: string;
}

export const Enterprise: EnterpriseResolvers = {
  // Nothing to load for the reference itself; the added field batches through its own loader.
  __resolveReference: (ref) => ref,
  // null, not an empty list, where no point has served the enterprise: this agency holds no record.
  serviceRecords: async ({ creditCode }, _args, { loaders }) => {
    const records = await loaders.enterpriseServiceRecords.load(creditCode);
    return records.length ? records : null;
  },
};
