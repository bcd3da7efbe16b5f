import type { MedicalInsuranceFindingResolvers } from '../generated/resolvers-types.js';

export const MedicalInsuranceFinding: MedicalInsuranceFindingResolvers = {
  // A reference to the case in the lead's ledger; the tax subgraph resolves it for those taking part.
  dispute: (finding) => (finding.caseId ? { id: finding.caseId } : null),
};
