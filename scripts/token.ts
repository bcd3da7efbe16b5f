// npm run token -- --agency <agency> --role <role> [--credit-code <code>] [--scope <scope>]... [--name <name>]
//                  [--subject <sub>] [--expires 8h]
// Mints a user token with the hub's local issuer key (generated on first use) and prints it alone on the
// last line, so a machine with no identity provider works out of the box.
import { parseArgs } from 'node:util';
import { creditCodeProblem } from '../core/identifiers.js';
import { agencies, isAgency, isRole, personas, roles } from '../core/identity.js';
import { mintUserToken } from '../core/tokens.js';

const { values } = parseArgs({
  options: {
    agency: { type: 'string' },
    role: { type: 'string', multiple: true },
    'credit-code': { type: 'string' },
    scope: { type: 'string', multiple: true },
    name: { type: 'string' },
    subject: { type: 'string' },
    expires: { type: 'string', default: '8h' },
  },
});

function fail(message: string): never {
  console.error(message);
  console.error(`roles: ${roles.join(', ')}\nagencies: ${agencies.join(', ')}`);
  process.exit(2);
}

const roleList = values.role ?? [];
if (!roleList.length) fail('--role is required');
for (const role of roleList) if (!isRole(role)) fail(`unknown role: ${role}`);
const firstRole = personas[roleList[0] as keyof typeof personas];
const agency = values.agency ?? firstRole.agency;
if (!isAgency(agency)) fail(`unknown agency: ${agency}`);
const creditCode = values['credit-code'];
if (creditCode && creditCodeProblem(creditCode)) fail(`invalid credit code: ${creditCode}`);
if (roleList.includes('enterprise-contact') && !creditCode)
  fail('an enterprise-contact token needs --credit-code');

const subject = values.subject ?? `${agency}:${roleList[0]}:${creditCode ?? 'demo'}`;
const scopes = [
  ...new Set([
    ...roleList.flatMap((r) => personas[r as keyof typeof personas].scopes),
    ...(values.scope ?? []),
  ]),
];
const token = await mintUserToken({
  subject,
  name: values.name ?? firstRole.label,
  agency,
  roles: roleList,
  scopes,
  creditCode: creditCode ?? null,
  expiresIn: values.expires,
});
console.log(
  `# ${firstRole.label} · agency=${agency} · scopes=${scopes.join(' ') || '-'} · expires in ${values.expires}`,
);
console.log(token);
