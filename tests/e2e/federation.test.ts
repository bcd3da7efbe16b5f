// The hub end to end: five subgraphs on their own databases and the gateway, over real HTTP.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composedSubgraphNames, subgraphNames, type SubgraphName } from '../../core/subgraphs.js';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { encodeCursor } from '../../subgraphs/shared/pagination.js';
import { startTestHub, type TestHub } from '../support/hub.js';

const world = buildWorld('test');
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.dispose());

const ENTERPRISE_ACROSS_AGENCIES = `
  creditCode name district industry creditRating isLargeEnterprise taxOffice
  socialInsurance { accountNumber insuredCount arrearsTotal arrears { amount periodFrom } }
  medicalInsurance { accountNumber insuredCount arrearsTotal }
  courtCases { caseNumber type status parties { role displayName } }
  serviceRecords { service mode servicePoint { name district } }`;

/** SQL statements each subgraph sends while `run` executes. */
async function sqlPerSubgraph(run: () => Promise<unknown>): Promise<Record<SubgraphName, number>> {
  const before = Object.fromEntries(subgraphNames.map((n) => [n, hub.hub.subgraphs[n].sql.count]));
  await run();
  return Object.fromEntries(
    subgraphNames.map((n) => [n, hub.hub.subgraphs[n].sql.count - before[n]!]),
  ) as Record<SubgraphName, number>;
}

describe('one enterprise as every agency sees it', () => {
  it('returns the tax, social-security, medical-insurance, courts and service-points facts in one answer', async () => {
    const code = world.showcase.creditCode;
    const { status, body } = await hub.query<{ enterprise: Record<string, unknown> }>(
      `query ($code: ID!) { enterprise(creditCode: $code) { ${ENTERPRISE_ACROSS_AGENCIES} } }`,
      { code },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const enterprise = body.data!.enterprise as {
      name: string;
      socialInsurance: { accountNumber: string } | null;
      medicalInsurance: { accountNumber: string } | null;
      courtCases: { caseNumber: string }[] | null;
      serviceRecords: unknown[] | null;
    };
    const tax = world.tax.enterprises.find((e) => e.creditCode === code)!;
    const si = world.socialSecurity.employerAccounts.find((a) => a.creditCode === code)!;
    const mi = world.medicalInsurance.employerAccounts.find((a) => a.creditCode === code)!;
    const caseIds = new Set(world.courts.parties.filter((p) => p.creditCode === code).map((p) => p.caseId));
    const caseNumbers = world.courts.cases.filter((c) => caseIds.has(c.id)).map((c) => c.caseNumber);
    const records = world.servicePoints.records.filter((r) => r.creditCode === code);

    expect(enterprise.name).toBe(tax.name);
    expect(enterprise.socialInsurance?.accountNumber).toBe(si.accountNumber);
    expect(enterprise.medicalInsurance?.accountNumber).toBe(mi.accountNumber);
    expect(enterprise.courtCases?.map((c) => c.caseNumber).sort()).toEqual(caseNumbers.sort());
    expect(caseNumbers.length).toBeGreaterThan(0);
    expect(enterprise.serviceRecords).toHaveLength(Math.min(records.length, 50));
    expect(records.length).toBeGreaterThan(0);
  });

  it('shows one person across agencies with the ID number masked', async () => {
    const id = world.showcase.personId;
    const person = world.socialSecurity.persons.find((p) => p.personId === id)!;
    const { body } = await hub.query<{
      person: {
        name: string;
        idNumber: string;
        medicalInsurance: unknown;
        courtCases: unknown[];
        serviceRecords: unknown[];
      };
    }>(
      `query ($id: ID!) { person(personId: $id) { personId name idNumber phone
        socialInsurance { enrolments { scheme } batchDeductions { result failureReason } }
        medicalInsurance { yearlyPayments { year status } }
        courtCases { caseNumber } serviceRecords { summary } } }`,
      { id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.person.name).toBe(person.name);
    expect(body.data!.person.idNumber).toBe(
      person.idNumber.slice(0, 6) + '********' + person.idNumber.slice(-4),
    );
    expect(JSON.stringify(body.data)).not.toContain(person.idNumber);
    expect(body.data!.person.medicalInsurance).not.toBeNull();
    expect(body.data!.person.courtCases.length).toBeGreaterThan(0);
  });
});

describe('no N+1: a page costs the same SQL statements whatever its size', () => {
  // Both pages start just before the showcase enterprise, so both hold an enterprise with data in every
  // agency (accounts, cases with parties, service records): equal counts then mean no per-row queries.
  const codes = world.tax.enterprises.map((e) => e.creditCode).sort();
  const showcaseAt = codes.indexOf(world.showcase.creditCode);
  const cursorBefore = (index: number) =>
    index > 0 ? encodeCursor('enterprises', [codes[index - 1]!]) : null;
  const page = (first: number, after: string | null) =>
    hub.query(
      `query ($first: Int!, $after: String) { enterprises(first: $first, after: $after) {
        edges { node { ${ENTERPRISE_ACROSS_AGENCIES} } } } }`,
      { first, after },
    );

  it('counts the statements of a 10-enterprise page and a 100-enterprise page and finds them equal', async () => {
    expect(codes.length).toBeGreaterThanOrEqual(110);
    await page(3, null); // warm-up: query plans and connections
    const small = await sqlPerSubgraph(async () => {
      const result = await page(10, cursorBefore(Math.max(showcaseAt - 5, 0)));
      expect(result.body.errors).toBeUndefined();
    });
    const large = await sqlPerSubgraph(async () => {
      const result = await page(100, cursorBefore(Math.max(Math.min(showcaseAt - 5, codes.length - 100), 0)));
      expect(result.body.errors).toBeUndefined();
      const edges = (result.body.data as { enterprises: { edges: { node: { creditCode: string } }[] } })
        .enterprises.edges;
      expect(edges).toHaveLength(100);
      expect(edges.map((e) => e.node.creditCode)).toContain(world.showcase.creditCode);
    });
    expect(large).toEqual(small);
    for (const name of subgraphNames) expect(large[name]).toBeLessThanOrEqual(6);
  });

  it('pages employers in arrears from social security to medical insurance and courts at constant cost', async () => {
    const arrearsPage = (first: number) =>
      hub.query(
        `query ($first: Int!) { employersInArrears(first: $first) { totalCount edges { node {
          arrearsTotal enterprise { name medicalInsurance { arrearsTotal } courtCases { caseNumber type } } } } } }`,
        { first },
      );
    await arrearsPage(1);
    const small = await sqlPerSubgraph(() => arrearsPage(2));
    const large = await sqlPerSubgraph(async () => {
      const result = await arrearsPage(100);
      expect(result.body.errors).toBeUndefined();
      const data = result.body.data as { employersInArrears: { totalCount: number; edges: unknown[] } };
      expect(data.employersInArrears.edges.length).toBe(data.employersInArrears.totalCount);
      expect(data.employersInArrears.totalCount).toBeGreaterThan(2);
    });
    expect(large).toEqual(small);
  });
});

describe('service points', () => {
  it('lists outlets by kind and finds the nearest that offer a service', async () => {
    const { body } = await hub.query<{
      servicePoints: { totalCount: number };
      nearestServicePoints: { distanceMeters: number; point: { services: string[] } }[];
    }>(`{ servicePoints(filter: { kind: TAX_BANK }) { totalCount }
         nearestServicePoints(latitude: 31.868, longitude: 106.769, service: DISPUTE_MEDIATION, first: 3) {
           distanceMeters point { name services } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.servicePoints.totalCount).toBe(232);
    const near = body.data!.nearestServicePoints;
    expect(near).toHaveLength(3);
    for (const n of near) expect(n.point.services).toContain('DISPUTE_MEDIATION');
    expect([...near].sort((a, b) => a.distanceMeters - b.distanceMeters)).toEqual(near);
  });
});

describe('bad input gets a clear error with a stable code, never a stack trace', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    [
      'malformed credit code',
      'query ($c: ID!) { enterprise(creditCode: $c) { name } }',
      { c: '91511902MA62A0BH0' },
      'INVALID_CREDIT_CODE',
    ],
    [
      'wrong check character',
      'query ($c: ID!) { enterprise(creditCode: $c) { name } }',
      { c: '91350100M000100Y44' },
      'INVALID_CREDIT_CODE',
    ],
    [
      'unknown enterprise',
      'query ($c: ID!) { enterprise(creditCode: $c) { name } }',
      { c: '91350100M000100Y43' },
      'NOT_FOUND',
    ],
    ['negative page size', '{ enterprises(first: -5) { totalCount } }', {}, 'BAD_USER_INPUT'],
    [
      'unknown enum literal',
      '{ enterprises(filter: { district: CHENGDU }) { totalCount } }',
      {},
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'unknown enum variable',
      'query ($d: District) { enterprises(filter: { district: $d }) { totalCount } }',
      { d: 'CHENGDU' },
      'BAD_USER_INPUT',
    ],
    ['unknown person', '{ person(personId: "P00000000000") { name } }', {}, 'NOT_FOUND'],
    [
      'out-of-range latitude',
      '{ nearestServicePoints(latitude: 123, longitude: 106.7) { distanceMeters } }',
      {},
      'BAD_USER_INPUT',
    ],
  ];
  for (const [label, query, variables, code] of cases) {
    it(label, async () => {
      const { body, text } = await hub.query(query, variables);
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
      expect(body.errors?.[0]?.message).toMatch(/[\u4e00-\u9fa5]|Variable|Cannot|Value|Expected/);
      expect(text).not.toMatch(/stacktrace|\bat .*\.(ts|js):\d+|127\.0\.0\.1|localhost/);
    });
  }

  it('answers malformed JSON with 400 BAD_REQUEST', async () => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expect(
      ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('BAD_REQUEST');
  });
});

describe('operations endpoints', () => {
  it('serves /health, /ready and a self-hosted GraphiQL', async () => {
    const base = hub.url.replace('/graphql', '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { subgraphs: Record<string, string> }).subgraphs).toEqual(
      Object.fromEntries(composedSubgraphNames.map((n) => [n, 'up'])),
    );
    const page = await fetch(hub.url, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/https?:\/\/(?!127)/); // nothing from a CDN
    for (const asset of html.matchAll(/(?:src|href)="(\/graphiql\/[^"]+)"/g)) {
      const response = await fetch(base + asset[1]);
      expect(response.status, asset[1]).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });
});

describe('subgraph metrics', () => {
  it('counts the GraphQL requests and SQL statements a subgraph served, in Prometheus text format', async () => {
    const tax = hub.hub.subgraphs.tax;
    const metricsUrl = `http://127.0.0.1:${(tax.http.address() as AddressInfo).port}/metrics`;
    const read = async () => {
      const text = await (await fetch(metricsUrl)).text();
      const value = (name: string) =>
        Number(new RegExp(`^${name}\\{service="tax"\\} (\\d+)$`, 'm').exec(text)?.[1]);
      return { requests: value('hub_graphql_requests_total'), sql: value('hub_sql_statements_total') };
    };
    const before = await read();
    const sqlBefore = tax.sql.count;
    const { body } = await hub.query(`{ enterprises(first: 3) { edges { node { name } } } }`);
    expect(body.errors).toBeUndefined();
    const after = await read();
    expect(after.requests - before.requests).toBe(1);
    expect(after.sql - before.sql).toBe(tax.sql.count - sqlBefore);
    expect(after.sql - before.sql).toBeGreaterThan(0);
  });
});

// Runs last: it stops the courts subgraph.
describe('when one agency is down', () => {
  it('still returns the other agencies’ data, with an error naming the missing agency', async () => {
    await hub.hub.subgraphs.courts.stop();
    const { status, body } = await hub.query<{
      enterprise: { name: string; socialInsurance: unknown; courtCases: unknown };
    }>(
      `query ($code: ID!) { enterprise(creditCode: $code) { name socialInsurance { accountNumber } courtCases { caseNumber } } }`,
      {
        code: world.showcase.creditCode,
      },
    );
    expect(status).toBe(200);
    expect(body.data!.enterprise.name).toBeTruthy();
    expect(body.data!.enterprise.socialInsurance).not.toBeNull();
    expect(body.data!.enterprise.courtCases).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', agency: 'courts' });
    expect(body.errors![0]!.message).toContain('法院');

    const ready = await fetch(hub.url.replace('/graphql', '/ready'));
    expect(ready.status).toBe(503);
    const readiness = (await ready.json()) as { unavailable: { subgraph: string }[] };
    expect(readiness.unavailable.map((u) => u.subgraph)).toEqual(['courts']);
  });
});
