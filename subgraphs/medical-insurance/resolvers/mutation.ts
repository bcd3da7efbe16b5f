import { recordFinding } from '../../shared/disputes/finding.js';
import type { MutationResolvers } from '../generated/resolvers-types.js';
import { correctionMutations } from './medical-correction.js';

export const Mutation: MutationResolvers = {
  // Recorded here with the data it rests on, and confirmed with the lead's ledger.
  recordMedicalInsuranceFinding: (_parent, { input }, context) =>
    recordFinding(context, 'medical-insurance', input),
  ...correctionMutations,
};
