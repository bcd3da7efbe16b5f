import type { EnterpriseResolvers } from '../generated/resolvers-types.js';
import { assertCanSeeEnterprise, visibleEnterpriseRef } from '../../shared/row-level.js';
import { courtHealthIndicators } from './health-indicators.js';

/** The reference representation: courts adds fields to the tax bureau's Enterprise, it owns no row of it. */
export interface EnterpriseRef {
  creditCode: string;
}

export const Enterprise: EnterpriseResolvers = {
  // Nothing to load here: the added fields batch through their own loaders.
  __resolveReference: (ref, { viewer }) => visibleEnterpriseRef(ref, viewer),
  courtCases: (enterprise, _args, { loaders }) => loaders.casesByEnterprise.load(enterprise.creditCode),
  courtHealthIndicators: ({ creditCode }, _args, { loaders, viewer }) => {
    // Also when the enterprise is reached inside this subgraph (a case party), not as a reference.
    assertCanSeeEnterprise(viewer, creditCode);
    return courtHealthIndicators(creditCode, loaders);
  },
};
