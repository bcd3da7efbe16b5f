import type { EnterpriseResolvers } from '../generated/resolvers-types.js';
import { assertCanSeeEnterprise, visibleEnterpriseRef } from '../../shared/row-level.js';
import { socialInsuranceHealthIndicators } from './health-indicators.js';

/** An enterprise as the tax subgraph identifies it; this subgraph only adds its social insurance. */
export interface EnterpriseRef {
  creditCode: string;
}

export const Enterprise: EnterpriseResolvers = {
  // An extension entity: the reference is the parent, the added field loads through a batched loader.
  __resolveReference: (ref, { viewer }) => visibleEnterpriseRef(ref, viewer),
  socialInsurance: ({ creditCode }, _args, { loaders }) => loaders.employerAccount.load(creditCode),
  socialInsuranceHealthIndicators: ({ creditCode }, _args, { loaders, viewer }) => {
    // Also when the enterprise is reached inside this subgraph (an account's employer), not as a reference.
    assertCanSeeEnterprise(viewer, creditCode);
    return socialInsuranceHealthIndicators(creditCode, loaders);
  },
};
