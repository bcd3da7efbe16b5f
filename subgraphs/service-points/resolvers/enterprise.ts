import type { EnterpriseResolvers } from '../generated/resolvers-types.js';
import { visibleEnterpriseRef } from '../../shared/row-level.js';

/** The reference the gateway sends: this subgraph only adds fields to the tax bureau's Enterprise. */
export interface EnterpriseRef {
  creditCode: string;
}

export const Enterprise: EnterpriseResolvers = {
  // Nothing to load for the reference itself; the added field batches through its own loader.
  __resolveReference: (ref, { viewer }) => visibleEnterpriseRef(ref, viewer),
  // An empty list where no point has served it; null is left to mean that this agency did not answer.
  serviceRecords: ({ creditCode }, _args, { loaders }) => loaders.enterpriseServiceRecords.load(creditCode),
};
