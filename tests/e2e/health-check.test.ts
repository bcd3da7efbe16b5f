// Tax health-check reports through the gateway over HTTP: issued by a liaison from every agency's
// indicators (read through the graph under the report builder's identity and audited), readable only by
// the enterprise's liaisons and the enterprise itself, immutable once issued, printable as a Chinese page,
// and issued for all large enterprises in one batch at a bounded cost.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphNames } from '../../core/subgraphs.js';
import { DEMO_LIAISON_SUBJECT, buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { contentHashOf } from '../../subgraphs/tax/health/report.js';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub.js';
import { tokenFor } from '../support/identities.js';

const world = buildWorld('test');
const showcase = world.showcase.creditCode;
const assigned = new Set(
  world.tax.liaisonAssignments
    .filter((a) => a.liaisonSubject === DEMO_LIAISON_SUBJECT)
    .map((a) => a.creditCode),
);
/** A large enterprise the demo liaison does not look after, with a seeded report. */
const otherReport = world.tax.healthChecks.reports.find((r) => !assigned.has(r.creditCode))!;
const now = new Date();
const PERIOD = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;

let hub: TestHub;
let liaison: string;
let contact: string;
beforeAll(async () => {
  hub = await startTestHub();
  liaison = await tokenFor('liaison', { subject: DEMO_LIAISON_SUBJECT, name: '联络员 李明' });
  contact = await tokenFor('enterprise-contact', { creditCode: showcase });
});
afterAll(async () => hub?.dispose());

const INDICATOR = `code name sourceAgency value unit amberThreshold redThreshold higherIsWorse rating asOf note`;
const REPORT = `id reportNumber period revision creditCode enterpriseName grade gradeLabel summary
  indicators { ${INDICATOR} } recommendations { indicatorCode text policy } issuedAt issuerName contentHash htmlPath`;
const ISSUE = `mutation ($input: IssueHealthCheckReportInput!) { issueHealthCheckReport(input: $input) { ${REPORT} } }`;
const READ = `query ($id: ID!) { healthCheckReport(id: $id) { ${REPORT} } }`;

interface Indicator {
  code: string;
  sourceAgency: string;
  value: number;
  rating: string;
}
interface Report {
  id: string;
  reportNumber: string;
  period: string;
  revision: number;
  grade: string;
  summary: string;
  indicators: Indicator[];
  recommendations: { indicatorCode: string | null; text: string; policy: string }[];
  issuedAt: string;
  contentHash: string;
  htmlPath: string;
}
const codes = (body: GraphQLResponse<unknown>) => (body.errors ?? []).map((e) => e.extensions?.code);

async function issue(creditCode = showcase, key = randomUUID(), token = liaison) {
  const { body } = await hub.query<{ issueHealthCheckReport: Report }>(
    ISSUE,
    { input: { creditCode, period: PERIOD, idempotencyKey: key } },
    { token },
  );
  return body;
}

/** Every agency's live indicators of an enterprise, as an analyst reads them through the graph. */
async function liveIndicators(creditCode: string): Promise<Indicator[]> {
  const { body } = await hub.query<{ enterprise: Record<string, Indicator[] | string> }>(
    `query ($c: ID!) { enterprise(creditCode: $c) { creditCode
      taxHealthIndicators { ${INDICATOR} } socialInsuranceHealthIndicators { ${INDICATOR} }
      medicalInsuranceHealthIndicators { ${INDICATOR} } courtHealthIndicators { ${INDICATOR} }
      servicePointHealthIndicators { ${INDICATOR} } } }`,
    { c: creditCode },
    { token: await tokenFor('analyst') },
  );
  expect(body.errors).toBeUndefined();
  const e = body.data!.enterprise;
  return [
    'taxHealthIndicators',
    'socialInsuranceHealthIndicators',
    'medicalInsuranceHealthIndicators',
    'courtHealthIndicators',
    'servicePointHealthIndicators',
  ].flatMap((f) => e[f] as Indicator[]);
}
const values = (list: Indicator[]) => list.map((i) => [i.code, i.sourceAgency, i.value, i.rating]);

describe('a liaison issues and reads the report of an assigned enterprise', () => {
  let first: Report;

  it('issues a report from every agency’s indicators as they are at issue time', async () => {
    const body = await issue();
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    first = body.data!.issueHealthCheckReport;
    expect(first.period).toBe(PERIOD);
    expect(first.reportNumber).toMatch(/^巴税体检〔\d{4}〕Q[1-4]-\d{4}号$/);
    expect(new Set(first.indicators.map((i) => i.sourceAgency))).toEqual(
      new Set(['TAX', 'HRSS', 'MEDICAL_INSURANCE', 'COURT']),
    );
    expect(first.indicators).toHaveLength(13);
    expect(values(first.indicators)).toEqual(values(await liveIndicators(showcase)));
    expect(first.recommendations.every((r) => r.policy.length > 2)).toBe(true);
    expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the liaison and the enterprise’s own contact read it; others are FORBIDDEN', async () => {
    for (const token of [liaison, contact]) {
      const { body } = await hub.query<{ healthCheckReport: Report }>(READ, { id: first.id }, { token });
      expect(body.errors).toBeUndefined();
      expect(body.data!.healthCheckReport.contentHash).toBe(first.contentHash);
    }
    for (const token of [
      await tokenFor('analyst'),
      await tokenFor('hrss-officer'),
      await tokenFor('auditor'),
    ]) {
      const { body } = await hub.query(READ, { id: first.id }, { token });
      expect(codes(body)).toEqual(['FORBIDDEN']);
    }
    // A report of an enterprise the liaison does not look after, and another enterprise's for the contact.
    expect(codes((await hub.query(READ, { id: otherReport.id }, { token: liaison })).body)).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes((await hub.query(READ, { id: otherReport.id }, { token: contact })).body)).toEqual([
      'FORBIDDEN',
    ]);
    // Nor may the liaison issue one for it.
    expect(codes(await issue(otherReport.creditCode))).toEqual(['FORBIDDEN']);
  });

  it('a change in social-security arrears shows in the next report and leaves the issued one unchanged', async () => {
    const ss = new pg.Client({ connectionString: hub.hub.databases.urls['social-security'] });
    await ss.connect();
    try {
      await ss.query(
        `insert into si_arrears (id, debtor_kind, credit_code, person_id, scheme, period_from, period_to, amount, status, assessed_on)
         values ($1, 'EMPLOYER', $2, null, 'EMPLOYEE_PENSION', '2026-09', '2026-10', '86000.00', 'OUTSTANDING', current_date)`,
        [randomUUID(), showcase],
      );
    } finally {
      await ss.end();
    }
    const body = await issue();
    expect(body.errors).toBeUndefined();
    const next = body.data!.issueHealthCheckReport;
    expect(next.revision).toBe(first.revision + 1);
    const arrears = (r: Report) => r.indicators.find((i) => i.code === 'SI_ARREARS')!;
    expect(arrears(next).value).toBeGreaterThanOrEqual(arrears(first).value + 86_000);
    expect(arrears(next).rating).toBe('RED');
    expect(next.contentHash).not.toBe(first.contentHash);
    // The issued report is as it was, and its hash still verifies against its content.
    const { body: again } = await hub.query<{ healthCheckReport: Report }>(
      READ,
      { id: first.id },
      { token: liaison },
    );
    expect(again.data!.healthCheckReport).toEqual(first);
    const tax = new pg.Client({ connectionString: hub.hub.databases.urls.tax });
    await tax.connect();
    try {
      const { rows } = await tax.query('select * from health_check_report where id = $1', [first.id]);
      const row = rows[0] as Record<string, unknown>;
      expect(
        contentHashOf({
          reportNumber: row.report_number as string,
          creditCode: row.credit_code as string,
          period: row.period as string,
          revision: row.revision as number,
          grade: row.grade as 'A',
          summary: row.summary as string,
          snapshot: row.snapshot as never,
        }),
      ).toBe(first.contentHash);
      // The database itself refuses to change an issued report.
      await expect(
        tax.query(`update health_check_report set grade = 'A' where id = $1`, [first.id]),
      ).rejects.toThrow(/immutable/);
    } finally {
      await tax.end();
    }
  });

  it('lists an enterprise’s reports, newest first, for its contact and liaisons only', async () => {
    const LIST = `query ($c: ID!) { enterprise(creditCode: $c) { healthCheckReports(last: 8) { id period revision issuedAt } } }`;
    const { body } = await hub.query<{ enterprise: { healthCheckReports: Report[] } }>(
      LIST,
      { c: showcase },
      { token: contact },
    );
    expect(body.errors).toBeUndefined();
    const list = body.data!.enterprise.healthCheckReports;
    // The two issued above and the seeded year of quarterly reports, newest first.
    expect(list.slice(0, 2).map((r) => r.revision)).toEqual([2, 1]);
    expect(list.map((r) => r.period).slice(2)).toEqual(['2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4']);
    const times = list.map((r) => Date.parse(r.issuedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const other = await hub.query(LIST, { c: otherReport.creditCode }, { token: liaison });
    expect(codes(other.body)).toContain('FORBIDDEN');
  });

  it('a repeat under the same key returns the same report and issues nothing', async () => {
    const key = randomUUID();
    const a = (await issue(showcase, key)).data!.issueHealthCheckReport;
    const b = (await issue(showcase, key)).data!.issueHealthCheckReport;
    expect(b).toEqual(a);
  });

  it('refuses a period in the future or malformed with BAD_USER_INPUT', async () => {
    for (const period of ['2099-Q1', '2026-Q5', 'last quarter']) {
      const { body } = await hub.query(
        ISSUE,
        { input: { creditCode: showcase, period, idempotencyKey: randomUUID() } },
        { token: liaison },
      );
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('serves the printable Chinese page under the same token, and refuses others with a page', async () => {
    const page = await fetch(new URL(first.htmlPath, hub.url), {
      headers: { authorization: `Bearer ${liaison}` },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/);
    const html = await page.text();
    expect(html).toContain(first.reportNumber);
    expect(html).toContain('<svg');
    expect(html).toContain(first.contentHash);
    const refused = await fetch(new URL(first.htmlPath, hub.url), {
      headers: { authorization: `Bearer ${await tokenFor('analyst')}` },
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('FORBIDDEN');
    expect((await fetch(new URL(first.htmlPath, hub.url))).status).toBe(401);
  });

  it('records every fetch, and the report builder’s reads with their purpose, in the audit trail', async () => {
    const db = await hub.auditDb();
    const { rows: builder } = await db.query(
      `select subject, subject_name as name, purpose, outcome from audit_event where operation_name = 'HealthCheckSources'`,
    );
    expect(builder.length).toBeGreaterThan(0);
    expect(builder[0]).toMatchObject({ subject: 'tax:report-builder', outcome: 'SERVED' });
    expect(builder[0].purpose).toBe(`health-check:${PERIOD}:${showcase}`);
    expect(builder[0].name).toContain(DEMO_LIAISON_SUBJECT);
    const { rows: pages } = await db.query(
      `select subject, outcome from audit_event where operation_name = 'HealthCheckReportPage' order by seq`,
    );
    expect(pages.map((r) => r.outcome)).toEqual(expect.arrayContaining(['SERVED', 'DENIED']));
  });

  it('does not accept the report builder’s role in a token', async () => {
    const forged = await tokenFor('report-builder');
    const { status } = await hub.query(READ, { id: first.id }, { token: forged });
    expect(status).toBe(401);
  });
});

describe('issuing every large enterprise’s report in one batch', () => {
  const ISSUE_ALL = `mutation ($input: IssueHealthCheckReportsInput!) { issueHealthCheckReports(input: $input) {
    id period reportCount gradeCounts { grade count } repeated } }`;

  /** SQL statements and GraphQL operations of every subgraph, and gateway operations, while `run` executes. */
  async function cost(run: () => Promise<unknown>) {
    const sql = () => subgraphNames.reduce((n, name) => n + hub.hub.subgraphs[name]!.sql.count, 0);
    const subgraphOperations = async () => {
      let total = 0;
      for (const name of subgraphNames) {
        const url = new URL('/metrics', hub.hub.gateway.subgraphUrls.get(name)!);
        const text = await (await fetch(url)).text();
        total += Number(/^hub_graphql_requests_total\{[^}]*\} (\d+)$/m.exec(text)![1]);
      }
      return total;
    };
    const audited = async () =>
      (await (await hub.auditDb()).query('select count(*)::int as n from audit_event')).rows[0].n as number;
    const before = { sql: sql(), subgraph: await subgraphOperations(), gateway: await audited() };
    await run();
    return {
      sql: sql() - before.sql,
      subgraphOperations: (await subgraphOperations()) - before.subgraph,
      gatewayOperations: (await audited()) - before.gateway,
    };
  }

  it('needs the reports:issue scope', async () => {
    const { body } = await hub.query(
      ISSUE_ALL,
      { input: { period: PERIOD, idempotencyKey: randomUUID() } },
      { token: liaison },
    );
    expect(codes(body)).toEqual(['FORBIDDEN']);
  });

  it('issues all 30 in a bounded number of statements and gateway reads, the same as for one', async () => {
    const lead = await tokenFor('liaison', { scopes: ['reports:issue'], subject: 'tax:liaison-lead:test' });
    const large = world.tax.enterprises.filter((e) => e.isLargeEnterprise).length;
    const key = randomUUID();
    let batch: { reportCount: number; gradeCounts: { count: number }[]; repeated: boolean } | undefined;
    const all = await cost(async () => {
      const { body } = await hub.query<{ issueHealthCheckReports: NonNullable<typeof batch> }>(
        ISSUE_ALL,
        { input: { period: PERIOD, idempotencyKey: key } },
        { token: lead },
      );
      expect(body.errors).toBeUndefined();
      batch = body.data!.issueHealthCheckReports;
    });
    expect(batch!.reportCount).toBe(large);
    expect(batch!.gradeCounts.reduce((s, g) => s + g.count, 0)).toBe(large);
    const one = await cost(async () => expect((await issue()).errors).toBeUndefined());
    // The issuing mutation and the builder's one read through the gateway, whatever the number.
    expect(all.gatewayOperations).toBe(2);
    expect(one.gatewayOperations).toBe(2);
    expect(all.subgraphOperations).toBe(one.subgraphOperations);
    expect(all.sql).toBeLessThanOrEqual(one.sql + 2);
    // A repeat issues nothing.
    const { body } = await hub.query<{ issueHealthCheckReports: { repeated: boolean; reportCount: number } }>(
      ISSUE_ALL,
      { input: { period: PERIOD, idempotencyKey: key } },
      { token: lead },
    );
    expect(body.data!.issueHealthCheckReports).toMatchObject({ repeated: true, reportCount: large });
  });
});
