import type { MediationRecordResolvers } from '../generated/resolvers-types.js';

export const MediationRecord: MediationRecordResolvers = {
  servicePoint: (record, _args, { loaders }) =>
    record.servicePointId ? loaders.servicePoint.load(record.servicePointId) : null,
  // A reference to the case in the lead's ledger; the tax subgraph resolves it for those taking part.
  dispute: (record) => (record.caseId ? { id: record.caseId } : null),
};
