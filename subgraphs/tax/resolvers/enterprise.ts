import type { EnterpriseResolvers } from '../generated/resolvers-types.js';
import { canSeeEnterprise } from '../../shared/row-level.js';

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: (ref, { loaders, viewer }) =>
    canSeeEnterprise(viewer, ref.creditCode) ? loaders.enterprise.load(ref.creditCode) : null,
};
