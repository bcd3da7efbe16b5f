import type { EnterpriseResolvers } from '../generated/resolvers-types.js';
import { canSeeAssignedEnterprise, internalNoteScope } from '../../shared/row-level.js';
import { badInput } from '../../../core/errors.js';
import { assertMayRead } from './health-check.js';
import { noteView } from './internal-note.js';
import { enterpriseServiceAccount } from './service-account.js';

export const Enterprise: EnterpriseResolvers = {
  ...enterpriseServiceAccount,
  // The assignments check shares one statement per request, then the visible rows load in one batch.
  __resolveReference: async (ref, { loaders, viewer }) =>
    (await canSeeAssignedEnterprise(viewer, ref.creditCode, loaders.assignedEnterprises))
      ? loaders.enterprise.load(ref.creditCode)
      : null,
  taxHealthIndicators: async ({ creditCode }, _args, { loaders }) =>
    (await loaders.taxHealthIndicators.load(creditCode)) ?? [],
  healthCheckReports: async ({ creditCode }, { last }, { loaders, viewer }) => {
    await assertMayRead(viewer, creditCode, loaders);
    if (last < 1 || last > 20) throw badInput('last 须为 1–20 (1 to 20)', 'last');
    return (await loaders.healthCheckReports.load(creditCode)).slice(0, last);
  },
  internalNotes: async ({ creditCode }, _args, { loaders, viewer }) => {
    const scope = internalNoteScope(viewer);
    if (!scope) return [];
    return (await loaders.internalNotes(scope).load(creditCode)).map(noteView);
  },
};
