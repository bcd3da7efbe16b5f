import type { Agency } from '../../../core/identity.js';
import { stageTimeLimitDays } from '../../shared/disputes/workflow.js';
import { canSeeDispute } from '../disputes/access.js';
import type { DisputeResolvers } from '../generated/resolvers-types.js';

const DAY_MS = 24 * 3600 * 1000;

export const Dispute: DisputeResolvers = {
  // A reference from another subgraph resolves only for a department taking part in the case.
  __resolveReference: async ({ id }, { loaders, viewer }) => {
    const dispute = await loaders.dispute.load(id);
    return dispute && canSeeDispute(viewer, dispute) ? dispute : null;
  },
  leadAgency: () => 'tax',
  participants: (d) => d.participants as Agency[],
  waitingFor: (d) => d.waitingFor as Agency[],
  parties: (d, _args, { loaders }) => loaders.disputeParties.load(d.id),
  timeline: (d, _args, { loaders }) => loaders.disputeSteps.load(d.id),
  documents: (d, _args, { loaders }) => loaders.disputeDocuments.load(d.id),
  stageTimeLimitDays: (d) => stageTimeLimitDays[d.stage],
  overdue: (d) => {
    const limit = stageTimeLimitDays[d.stage];
    return limit !== null && Date.now() - new Date(d.stageEnteredAt).getTime() > limit * DAY_MS;
  },
};
