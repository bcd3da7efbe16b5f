import type { EnterpriseResolvers } from '../generated/resolvers-types.js';

export const Enterprise: EnterpriseResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.enterprise.load(ref.creditCode),
};
