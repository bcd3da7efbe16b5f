import type { CourtCaseResolvers } from '../generated/resolvers-types.js';

export const CourtCase: CourtCaseResolvers = {
  parties: (courtCase, _args, { loaders }) => loaders.partiesByCase.load(courtCase.id),
};
