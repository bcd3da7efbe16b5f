import type { JudicialConfirmationResolvers } from '../generated/resolvers-types.js';

export const JudicialConfirmation: JudicialConfirmationResolvers = {
  // A reference to the case in the lead's ledger; the tax subgraph resolves it for those taking part.
  dispute: (confirmation) => (confirmation.caseId ? { id: confirmation.caseId } : null),
};
