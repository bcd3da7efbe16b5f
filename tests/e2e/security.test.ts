// Identity, field policy and row-level rules through the gateway, over HTTP, for every persona.
import type { AddressInfo } from 'node:net';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../core/identity.js';
import {
  createAssertionSigner,
  mintUserToken,
  userTokenAudience,
  userTokenIssuer,
} from '../../core/tokens.js';
import { buildWorld, DEMO_LIAISON_SUBJECT } from '../../subgraphs/shared/demo-world/index.js';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub.js';
import { testIdentity, tokenFor } from '../support/identities.js';

const world = buildWorld('test');
const showcase = world.showcase;
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.dispose());

const forbiddenFields = (body: GraphQLResponse<unknown>) =>
  [
    ...new Set(
      (body.errors ?? [])
        .filter((e) => e.extensions?.code === 'FORBIDDEN')
        .map((e) => String(e.extensions?.field)),
    ),
  ].sort();

describe('identity at the gateway', () => {
  const privateQuery = `{ enterprises(first: 1) { totalCount } }`;

  it('serves public data (service-point locations and hours) without a token', async () => {
    const { status, body } = await hub.query<{
      servicePoints: { edges: { node: { name: string; openingHours: string } }[] };
    }>(
      `{ servicePoints(first: 2) { edges { node { name address latitude longitude openingHours } } } }`,
      {},
      { token: null },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.servicePoints.edges).toHaveLength(2);
  });

  it('answers 401 UNAUTHENTICATED for anything else without a token', async () => {
    const { status, body } = await hub.query(privateQuery, {}, { token: null });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data ?? null).toBeNull();
  });

  const badTokens: [string, () => Promise<string>][] = [
    ['malformed', async () => 'not.a.jwt'],
    [
      'forged (signed by a key the hub does not trust)',
      async () => {
        const { privateKey } = await generateKeyPair('ES256');
        return new SignJWT({ agency: 'tax', roles: ['auditor'] })
          .setProtectedHeader({ alg: 'ES256', kid: 'issuer-forged' })
          .setSubject('mallory')
          .setIssuer(userTokenIssuer())
          .setAudience(userTokenAudience())
          .setExpirationTime('1h')
          .sign(privateKey);
      },
    ],
    ['expired', () => tokenFor('analyst', { expiresIn: Math.floor(Date.now() / 1000) - 3600 })],
    [
      'for another audience',
      () =>
        mintUserToken(
          { subject: 's', name: 'n', agency: 'tax', roles: ['analyst'], expiresIn: '5m' },
          { ...process.env, HUB_JWT_AUDIENCE: 'another-system' },
        ),
    ],
    [
      'from another issuer',
      () =>
        mintUserToken(
          { subject: 's', name: 'n', agency: 'tax', roles: ['analyst'], expiresIn: '5m' },
          { ...process.env, HUB_JWT_ISSUER: 'someone-else' },
        ),
    ],
    [
      'with an unknown role',
      () => mintUserToken({ subject: 's', name: 'n', agency: 'tax', roles: ['superuser'], expiresIn: '5m' }),
    ],
  ];
  for (const [label, token] of badTokens) {
    it(`refuses a ${label} token with 401`, async () => {
      const { status, body } = await hub.query(privateQuery, {}, { token: await token() });
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  }

  it('refuses an Authorization header that is not a bearer token', async () => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic YWRtaW46YWRtaW4=' },
      body: JSON.stringify({ query: privateQuery }),
    });
    expect(response.status).toBe(401);
  });
});

describe('gateway-to-subgraph trust', () => {
  const subgraphUrl = () => `http://127.0.0.1:${(hub.hub.subgraphs.tax.http.address() as AddressInfo).port}`;
  const post = (headers: Record<string, string>) =>
    fetch(`${subgraphUrl()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ enterprises(first: 1) { totalCount } }' }),
    });

  it('a direct call to a subgraph port gets 401 and nothing but /health', async () => {
    const response = await post({});
    expect(response.status).toBe(401);
    const body = (await response.json()) as GraphQLResponse<unknown>;
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data ?? null).toBeNull();
    expect((await fetch(`${subgraphUrl()}/health`)).status).toBe(200);
  });

  it('refuses a user token, and an assertion made for another subgraph', async () => {
    expect((await post({ 'x-hub-assertion': await tokenFor('auditor') })).status).toBe(401);
    const sign = await createAssertionSigner();
    const forCourts = await sign({ identity: testIdentity('auditor'), purpose: null }, 'courts');
    expect((await post({ 'x-hub-assertion': forCourts })).status).toBe(401);
    const forTax = await sign({ identity: testIdentity('auditor'), purpose: null }, 'tax');
    expect((await post({ 'x-hub-assertion': forTax })).status).toBe(200);
  });
});

describe('field policy per persona', () => {
  const ENTERPRISE = `query ($code: ID!) { enterprise(creditCode: $code) {
    name creditRating
    socialInsurance { accountNumber arrearsTotal arrears { amount } }
    medicalInsurance { accountNumber }
    courtCases { caseNumber amountInDispute parties { displayName person { personId } } }
    serviceRecords { summary } } }`;
  const conditional = [
    'CaseParty.person',
    'CourtCase.amountInDispute',
    'EmployerSocialInsuranceAccount.arrears',
    'Enterprise.serviceRecords',
  ];
  // Without a stated purpose, a persona sees the conditional fields its own agency owns, and no others.
  const table: [Role, string[]][] = [
    ['appeal-handler', conditional.filter((f) => f !== 'Enterprise.serviceRecords')],
    ['analyst', conditional.filter((f) => f !== 'Enterprise.serviceRecords')],
    ['liaison', conditional.filter((f) => f !== 'Enterprise.serviceRecords')],
    ['service-point-staff', conditional.filter((f) => f !== 'Enterprise.serviceRecords')],
    ['hrss-officer', conditional.filter((f) => f !== 'EmployerSocialInsuranceAccount.arrears')],
    ['mi-officer', conditional],
    ['judge', conditional.filter((f) => f !== 'CaseParty.person' && f !== 'CourtCase.amountInDispute')],
    ['court-clerk', conditional.filter((f) => f !== 'CaseParty.person' && f !== 'CourtCase.amountInDispute')],
    ['mediator', conditional],
    ['petitions-clerk', conditional],
    ['union-officer', conditional],
    ['admin', conditional],
    ['auditor', []],
  ];
  for (const [role, denied] of table) {
    it(`${role}: denied ${denied.length ? denied.join(', ') : 'nothing'}; the rest is served`, async () => {
      // A liaison sees only the enterprises assigned to them: the demo liaison has the showcase.
      const subject = role === 'liaison' ? { subject: DEMO_LIAISON_SUBJECT } : {};
      const { status, body } = await hub.query<{ enterprise: Record<string, unknown> }>(
        ENTERPRISE,
        { code: showcase.creditCode },
        { token: await tokenFor(role, subject) },
      );
      expect(status).toBe(200);
      expect(forbiddenFields(body)).toEqual(denied);
      expect(body.data!.enterprise.name).toBeTruthy();
      const si = body.data!.enterprise.socialInsurance as { accountNumber: string; arrears: unknown };
      expect(si.accountNumber).toBeTruthy();
      // A denied field is null, at the path its FORBIDDEN error names.
      if (denied.includes('EmployerSocialInsuranceAccount.arrears')) {
        expect(si.arrears).toBeNull();
        const error = body.errors!.find(
          (e) => e.extensions?.field === 'EmployerSocialInsuranceAccount.arrears',
        )!;
        expect(error.path).toEqual(['enterprise', 'socialInsurance', 'arrears']);
      } else {
        expect(Array.isArray(si.arrears)).toBe(true);
      }
    });
  }

  it('a stated purpose opens conditional fields to a partner agency', async () => {
    const { body } = await hub.query(
      ENTERPRISE,
      { code: showcase.creditCode },
      { token: await tokenFor('mediator'), purpose: showcase.caseNumber },
    );
    expect(forbiddenFields(body)).toEqual([]);
    expect(body.errors).toBeUndefined();
  });

  it('personal data: the owning agency reads it, others need a purpose', async () => {
    const PERSON = `query ($id: ID!) { person(personId: $id) { name idNumber medicalInsurance { yearlyPayments { year } } } }`;
    const hrss = await hub.query<{ person: { name: string; medicalInsurance: unknown } }>(
      PERSON,
      { id: showcase.personId },
      { token: await tokenFor('hrss-officer') },
    );
    expect(hrss.body.data!.person.name).toBeTruthy();
    expect(forbiddenFields(hrss.body)).toEqual(['Person.medicalInsurance']);

    const analyst = await hub.query<{ person: unknown }>(
      PERSON,
      { id: showcase.personId },
      { token: await tokenFor('analyst') },
    );
    expect(analyst.body.data!.person).toBeNull();
    expect(forbiddenFields(analyst.body)).toEqual(['Query.person']);
    expect(analyst.body.errors![0]!.path).toEqual(['person']);
  });

  it('lists of employers in arrears are for government agencies only', async () => {
    const query = `{ employersInArrears(first: 2) { totalCount } }`;
    const union = await hub.query(query, {}, { token: await tokenFor('union-officer') });
    expect(union.body.errors).toBeUndefined();
    const contact = await hub.query(
      query,
      {},
      { token: await tokenFor('enterprise-contact', { creditCode: showcase.creditCode }) },
    );
    expect(forbiddenFields(contact.body)).toEqual(['Query.employersInArrears']);
  });
});

describe('row-level rules in the subgraphs', () => {
  const contactToken = () => tokenFor('enterprise-contact', { creditCode: showcase.creditCode });
  const other = world.tax.enterprises.find((e) => e.creditCode !== showcase.creditCode)!.creditCode;

  it('an enterprise contact sees its own enterprise', async () => {
    const { body } = await hub.query<{ enterprise: { name: string; socialInsurance: unknown } }>(
      `query ($c: ID!) { enterprise(creditCode: $c) { name socialInsurance { accountNumber } } }`,
      { c: showcase.creditCode },
      { token: await contactToken() },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.enterprise.socialInsurance).not.toBeNull();
  });

  it('and no other: another enterprise is FORBIDDEN, its list holds only its own', async () => {
    const single = await hub.query(
      `query ($c: ID!) { enterprise(creditCode: $c) { name } }`,
      { c: other },
      { token: await contactToken() },
    );
    expect(single.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((single.body.data as { enterprise: unknown }).enterprise).toBeNull();
    const list = await hub.query<{
      enterprises: { totalCount: number; edges: { node: { creditCode: string } }[] };
    }>(
      `{ enterprises(first: 50) { totalCount edges { node { creditCode } } } }`,
      {},
      { token: await contactToken() },
    );
    expect(list.body.data!.enterprises.edges.map((e) => e.node.creditCode)).toEqual([showcase.creditCode]);
    expect(list.body.data!.enterprises.totalCount).toBe(1);
  });

  it('and no person: an enterprise states no valid purpose, and without one the person is FORBIDDEN', async () => {
    const query = `query ($id: ID!) { person(personId: $id) { name } }`;
    const withPurpose = await hub.query(
      query,
      { id: showcase.personId },
      { token: await contactToken(), purpose: showcase.caseNumber },
    );
    expect(withPurpose.body.errors?.[0]?.extensions?.code).toBe('INVALID_PURPOSE');
    const without = await hub.query(query, { id: showcase.personId }, { token: await contactToken() });
    expect(without.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((without.body.data as { person: unknown }).person).toBeNull();
  });
});

describe('purpose binding', () => {
  const ENTERPRISE = `query ($code: ID!) { enterprise(creditCode: $code) { name courtCases { amountInDispute } } }`;
  const civil = world.courts.cases.find((c) => c.type === 'CIVIL' && c.status !== 'IN_MEDIATION')!;
  const labour = world.courts.cases.find((c) => c.type === 'LABOUR_DISPUTE')!;

  it('accepts a labour dispute as the purpose of any department of the joint mechanism', async () => {
    const { status, body } = await hub.query(
      ENTERPRISE,
      { code: showcase.creditCode },
      { token: await tokenFor('petitions-clerk'), purpose: labour.caseNumber },
    );
    expect(status).toBe(200);
    expect(forbiddenFields(body)).toEqual([]);
  });

  it('refuses a case the viewer’s agency takes no part in, and an unknown case, with 403 INVALID_PURPOSE', async () => {
    for (const purpose of [civil.caseNumber, '（2099）川1902民初1号']) {
      const { status, body } = await hub.query(
        ENTERPRISE,
        { code: showcase.creditCode },
        { token: await tokenFor('mediator'), purpose },
      );
      expect(status).toBe(403);
      expect(body.errors?.[0]?.extensions?.code).toBe('INVALID_PURPOSE');
      expect(body.data ?? null).toBeNull();
    }
  });

  it('lets the court state any of its cases', async () => {
    const { body } = await hub.query(
      ENTERPRISE,
      { code: showcase.creditCode },
      { token: await tokenFor('court-clerk'), purpose: civil.caseNumber },
    );
    expect(body.errors).toBeUndefined();
  });
});

describe('personal data in the clear', () => {
  const CLEAR = `query ($id: ID!) { person(personId: $id) { idNumber idNumberClear } }`;
  const person = world.socialSecurity.persons.find((p) => p.personId === showcase.personId)!;

  it('needs the pii:clear scope and a valid purpose, and is audited with the person', async () => {
    const judge = await tokenFor('judge');
    const granted = await hub.query<{ person: { idNumber: string; idNumberClear: string } }>(
      CLEAR,
      { id: person.personId },
      { token: judge, purpose: showcase.caseNumber },
    );
    expect(granted.body.errors).toBeUndefined();
    expect(granted.body.data!.person.idNumberClear).toBe(person.idNumber);
    expect(granted.body.data!.person.idNumber).not.toBe(person.idNumber);

    const noPurpose = await hub.query(CLEAR, { id: person.personId }, { token: judge });
    expect(forbiddenFields(noPurpose.body)).toContain('Query.person');
    const noScope = await hub.query(
      CLEAR,
      { id: person.personId },
      { token: await tokenFor('mediator'), purpose: showcase.caseNumber },
    );
    expect(forbiddenFields(noScope.body)).toEqual(['Person.idNumberClear']);
    expect(noScope.text).not.toContain(person.idNumber);
  });
});

describe('answers are never cached', () => {
  it('sends cache-control: no-store with every GraphQL answer, served or refused', async () => {
    for (const token of [await tokenFor('analyst'), null]) {
      const response = await fetch(hub.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query: '{ enterprises(first: 1) { totalCount } }' }),
      });
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });
});
