import type { MiEnrolment } from '../entities/index.js';
import type { PersonResolvers } from '../generated/resolvers-types.js';
import { checkedReference } from './reference.js';
import { visiblePersonRef } from '../../shared/row-level.js';

/** The reference representation of a person (its @key): the core registry lives in social-security. */
export interface PersonRef {
  personId: string;
}

/** A person known to medical insurance, with the enrolments that made it so (already loaded). */
export interface PersonMedicalInsuranceParent {
  personId: string;
  enrolments: MiEnrolment[];
}

export const Person: PersonResolvers = {
  __resolveReference: (ref, { viewer }) => visiblePersonRef(checkedReference(ref, 'personId'), viewer),
  // Never enrolled in any scheme: no medical-insurance record at all, hence null.
  medicalInsurance: async ({ personId }, _args, { loaders }) => {
    const enrolments = await loaders.personEnrolments.load(personId);
    return enrolments.length > 0 ? { personId, enrolments } : null;
  },
};
