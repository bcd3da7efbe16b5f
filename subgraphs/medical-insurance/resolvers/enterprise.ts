import type { EnterpriseResolvers } from '../generated/resolvers-types.js';
import { checkedReference } from './reference.js';
import { assertCanSeeEnterprise, visibleEnterpriseRef } from '../../shared/row-level.js';
import { medicalInsuranceHealthIndicators } from './health-indicators.js';

/** The reference representation of an enterprise (its @key): the core registry lives in tax. */
export interface EnterpriseRef {
  creditCode: string;
}

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: (ref, { viewer }) => visibleEnterpriseRef(checkedReference(ref, 'creditCode'), viewer),
  medicalInsurance: ({ creditCode }, _args, { loaders }) => loaders.employerAccount.load(creditCode),
  medicalInsuranceHealthIndicators: ({ creditCode }, _args, { loaders, viewer }) => {
    // Also when the enterprise is reached inside this subgraph (an account's employer), not as a reference.
    assertCanSeeEnterprise(viewer, creditCode);
    return medicalInsuranceHealthIndicators(creditCode, loaders);
  },
};
