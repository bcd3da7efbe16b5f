import type { EnterpriseResolvers } from '../generated/resolvers-types.js';
import { checkedReference } from './reference.js';
import { visibleEnterpriseRef } from '../../shared/row-level.js';

/** The reference representation of an enterprise (its @key): the core registry lives in tax. */
export interface EnterpriseRef {
  creditCode: string;
}

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: (ref, { viewer }) => visibleEnterpriseRef(checkedReference(ref, 'creditCode'), viewer),
  medicalInsurance: ({ creditCode }, _args, { loaders }) => loaders.employerAccount.load(creditCode),
};
