import type { Agency } from '../../../core/identity.js';
import type { Agency as AgencyEnum } from '../generated/resolvers-types.js';

/** An agency as its SDL enum value: `medical-insurance` → `MEDICAL_INSURANCE`. */
export const agencyEnum = (agency: string): AgencyEnum =>
  agency.toUpperCase().replaceAll('-', '_') as AgencyEnum;

/** An SDL enum value as the agency it names: `MEDICAL_INSURANCE` → `medical-insurance`. */
export const agencyOf = (value: AgencyEnum): Agency => value.toLowerCase().replaceAll('_', '-') as Agency;
