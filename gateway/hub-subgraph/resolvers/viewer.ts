import { agencyNames } from '../../../core/identity.js';
import type { ViewerResolvers } from '../generated/resolvers-types.js';

export const Viewer: ViewerResolvers = {
  agencyName: ({ agency }) => agencyNames[agency],
};
