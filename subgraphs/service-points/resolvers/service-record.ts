import type { ServiceRecordResolvers } from '../generated/resolvers-types.js';

export const ServiceRecord: ServiceRecordResolvers = {
  servicePoint: async ({ id, servicePointId }, _args, { loaders }) => {
    const point = await loaders.servicePoint.load(servicePointId);
    // A record always names an existing point; a dangling one is a data fault, logged as internal.
    if (!point) throw new Error(`service record ${id} refers to missing service point ${servicePointId}`);
    return point;
  },
};
