import { personas, type Agency, type Identity, type Role } from '../../core/identity.js';
import { mintUserToken } from '../../core/tokens.js';

/** The identity of one persona, as a verified token would give it. */
export function testIdentity(role: Role, overrides: Partial<Identity> = {}): Identity {
  const persona = personas[role];
  return {
    subject: `test:${role}`,
    name: persona.label,
    agency: persona.agency,
    roles: [role],
    scopes: persona.scopes,
    creditCode: null,
    ...overrides,
  };
}

/**
 * A bearer token for a persona, minted with the hub's local issuer key (as `npm run token` does); the
 * subject is `test:<role>` and the name the persona's label unless given.
 */
export function tokenFor(
  role: Role,
  options: {
    agency?: Agency;
    creditCode?: string;
    scopes?: string[];
    expiresIn?: string | number;
    subject?: string;
    name?: string;
  } = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const identity = testIdentity(role, options.agency ? { agency: options.agency } : {});
  return mintUserToken(
    {
      subject: options.subject ?? identity.subject,
      name: options.name ?? identity.name,
      agency: identity.agency,
      roles: identity.roles,
      scopes: options.scopes ?? identity.scopes,
      creditCode: options.creditCode ?? null,
      expiresIn: options.expiresIn ?? '10m',
    },
    env,
  );
}
