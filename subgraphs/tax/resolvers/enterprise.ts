import type { EnterpriseResolvers } from '../generated/resolvers-types.js';
import { canSeeAssignedEnterprise, internalNoteScope } from '../../shared/row-level.js';
import { noteView } from './internal-note.js';

export const Enterprise: EnterpriseResolvers = {
  // The assignments check shares one statement per request, then the visible rows load in one batch.
  __resolveReference: async (ref, { loaders, viewer }) =>
    (await canSeeAssignedEnterprise(viewer, ref.creditCode, loaders.assignedEnterprises))
      ? loaders.enterprise.load(ref.creditCode)
      : null,
  internalNotes: async ({ creditCode }, _args, { loaders, viewer }) => {
    const scope = internalNoteScope(viewer);
    if (!scope) return [];
    return (await loaders.internalNotes(scope).load(creditCode)).map(noteView);
  },
};
