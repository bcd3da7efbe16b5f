import type { EnterpriseResolvers } from '../generated/resolvers-types.js';
import { assertCanSeeEnterprise, visibleEnterpriseRef } from '../../shared/row-level.js';
import { servicePointHealthIndicators } from './health-indicators.js';

/** The reference the gateway sends: this subgraph only adds fields to the tax bureau's Enterprise. */
export interface EnterpriseRef {
  creditCode: string;
}

export const Enterprise: EnterpriseResolvers = {
  // Nothing to load for the reference itself; the added field batches through its own loader.
  __resolveReference: (ref, { viewer }) => visibleEnterpriseRef(ref, viewer),
  // An empty list where no point has served it; null is left to mean that this agency did not answer.
  serviceRecords: ({ creditCode }, _args, { loaders }) => loaders.enterpriseServiceRecords.load(creditCode),
  servicePointHealthIndicators: ({ creditCode }, _args, { loaders, viewer }) => {
    // The same row-level rule as the reference, should the enterprise ever be reached another way.
    assertCanSeeEnterprise(viewer, creditCode);
    return servicePointHealthIndicators(creditCode, loaders);
  },
};
