import { agencies, type Agency } from '../../../core/identity.js';

/** `medical-insurance` → `MEDICAL_INSURANCE`, as a type. */
type EnumValue<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Uppercase<Head>}_${EnumValue<Tail>}`
  : Uppercase<S>;

/**
 * The SDL `Agency` enum's resolver: each upper-case value serves the agency id of core/identity.ts, so
 * resolvers return `'medical-insurance'` and GraphQL answers `MEDICAL_INSURANCE`. Each subgraph's
 * generated `AgencyResolvers` type checks it against that subgraph's SDL (codegen.ts `enumValues`).
 */
export const agencyEnumValues = Object.fromEntries(
  agencies.map((agency) => [agency.toUpperCase().replaceAll('-', '_'), agency]),
) as { [A in Agency as EnumValue<A>]: A };
