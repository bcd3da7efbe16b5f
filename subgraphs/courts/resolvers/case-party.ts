import { maskPersonName } from '../../../core/identifiers.js';
import { canSeeEnterprise } from '../../shared/row-level.js';
import type { CasePartyResolvers } from '../generated/resolvers-types.js';

export const CaseParty: CasePartyResolvers = {
  // Natural persons' names are masked; enterprises and authorities are named in full.
  displayName: (party) => (party.kind === 'PERSON' ? maskPersonName(party.displayName) : party.displayName),
  // An enterprise contact reaches no other enterprise through a case it is party to: null, as documented.
  enterprise: (party, _args, { viewer }) =>
    party.kind === 'ENTERPRISE' && party.creditCode && canSeeEnterprise(viewer, party.creditCode)
      ? { creditCode: party.creditCode }
      : null,
  person: (party) => (party.kind === 'PERSON' && party.personId ? { personId: party.personId } : null),
};
