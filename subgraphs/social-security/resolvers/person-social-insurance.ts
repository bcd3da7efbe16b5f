import { badInput } from '../../../core/errors.js';
import type { PersonSocialInsuranceResolvers } from '../generated/resolvers-types.js';

const MAX_CONTRIBUTIONS = 120;

export const PersonSocialInsurance: PersonSocialInsuranceResolvers = {
  enrolments: ({ personId }, _args, { loaders }) => loaders.enrolmentsByPerson.load(personId),
  contributions: ({ personId }, { last }, { loaders }) => {
    if (!Number.isInteger(last) || last < 1 || last > MAX_CONTRIBUTIONS) {
      throw badInput(
        `last 须为 1 到 ${MAX_CONTRIBUTIONS} 之间的整数，收到 ${last} (last must be between 1 and ${MAX_CONTRIBUTIONS})`,
        'last',
      );
    }
    return loaders.contributionsByPerson(last).load(personId);
  },
  arrears: ({ personId }, _args, { loaders }) => loaders.arrearsByPerson.load(personId),
  batchDeductions: ({ personId }, _args, { loaders }) => loaders.batchDeductionsByPerson.load(personId),
};
