import { maskPersonName } from '../../../core/identifiers.js';
import type { CasePartyResolvers } from '../generated/resolvers-types.js';

export const CaseParty: CasePartyResolvers = {
  // Natural persons' names are masked; enterprises and authorities are named in full.
  displayName: (party) => (party.kind === 'PERSON' ? maskPersonName(party.displayName) : party.displayName),
  enterprise: (party) =>
    party.kind === 'ENTERPRISE' && party.creditCode ? { creditCode: party.creditCode } : null,
  person: (party) => (party.kind === 'PERSON' && party.personId ? { personId: party.personId } : null),
};
