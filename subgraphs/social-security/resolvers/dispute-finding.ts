import type { DisputeFindingResolvers } from '../generated/resolvers-types.js';

export const DisputeFinding: DisputeFindingResolvers = {
  // A reference to the case in the lead's ledger; the tax subgraph resolves it for those taking part.
  dispute: (finding) => (finding.caseId ? { id: finding.caseId } : null),
};
