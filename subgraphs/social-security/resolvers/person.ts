import { maskIdNumber, maskPhone } from '../../../core/identifiers.js';
import type { PersonResolvers } from '../generated/resolvers-types.js';
import { canSeePersons } from '../../shared/row-level.js';

/** The person whose social insurance the nested resolvers load. */
export interface PersonSocialInsuranceParent {
  personId: string;
}

export const Person: PersonResolvers = {
  __resolveReference: (ref, { loaders, viewer }) =>
    canSeePersons(viewer) ? loaders.person.load(ref.personId) : null,
  // Stored whole, shown masked: first 6 + last 4 of the ID number, 138****1234 for phones.
  idNumber: ({ idNumber }) => maskIdNumber(idNumber),
  phone: ({ phone }) => (phone ? maskPhone(phone) : null),
  // The gateway serves these only to a holder of scope pii:clear who stated a valid purpose; the access
  // is audited with the person's id.
  idNumberClear: ({ idNumber }) => idNumber,
  phoneClear: ({ phone }) => phone ?? null,
  socialInsurance: ({ personId }) => ({ personId }),
};
