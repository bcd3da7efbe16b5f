import type { EnterpriseResolvers } from '../generated/resolvers-types.js';
import { visibleEnterpriseRef } from '../../shared/row-level.js';

/** An enterprise as the tax subgraph identifies it; this subgraph only adds its social insurance. */
export interface EnterpriseRef {
  creditCode: string;
}

export const Enterprise: EnterpriseResolvers = {
  // An extension entity: the reference is the parent, the added field loads through a batched loader.
  __resolveReference: (ref, { viewer }) => visibleEnterpriseRef(ref, viewer),
  socialInsurance: ({ creditCode }, _args, { loaders }) => loaders.employerAccount.load(creditCode),
};
