// Proactive actions (未诉先办) through the real gateway and the five subgraphs over HTTP: an analyst plans a
// reminder to the employers whose batch deductions failed in October 2026; the tax subgraph reads them from
// social security through the graph (never its database), as the targeting service acting for the analyst,
// and the audit trail records that read with the caller and the purpose; the targets are exactly what
// social security holds; the action is sent and its deliveries recorded; others are refused.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub.js';
import { tokenFor } from '../support/identities.js';

const MONTH = '2026-10';
const ANALYST = { subject: 'tax:analyst:e2e', name: '分析员 张敏' };

let hub: TestHub;
let analyst: string;
beforeAll(async () => {
  hub = await startTestHub({ HUB_JOBS: 'off' });
  analyst = await tokenFor('analyst', ANALYST);
});
afterAll(async () => hub?.dispose());

const codes = (body: GraphQLResponse<unknown>) => (body.errors ?? []).map((e) => e.extensions?.code);

async function rows<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const PLAN = `mutation ($input: PlanProactiveActionInput!) { planProactiveAction(input: $input) { repeated
  action { id number status rule ruleExplanation targetCount reachedCount comparisonCount candidateCount } } }`;
const planInput = (idempotencyKey = randomUUID()) => ({
  kind: 'RISK_REMINDER',
  topic: 'SOCIAL_INSURANCE_DEDUCTION',
  title: '社保费批扣失败提醒',
  body: `您单位 ${MONTH} 所属期的社会保险费批量扣款未成功，请核实扣款账户并及时足额缴纳。`,
  policyDocuments: ['《中华人民共和国社会保险法》'],
  rule: 'FAILED_BATCH_DEDUCTIONS',
  parameters: { month: MONTH },
  holdoutShare: 0.2,
  idempotencyKey,
});
interface Action {
  id: string;
  number: string;
  status: string;
  targetCount: number;
  reachedCount: number;
  comparisonCount: number;
  candidateCount: number;
}

describe('a reminder to the employers whose batch deductions failed last month', () => {
  let action: Action;
  let expected: string[];

  beforeAll(async () => {
    // What social security holds, in its own database, and which of them the tax registry still has.
    const failed = await rows<{ credit_code: string }>(
      hub.hub.databases.urls['social-security']!,
      `select distinct credit_code from si_employer_batch_deduction where period = $1 and result = 'FAILED'`,
      [MONTH],
    );
    const active = await rows<{ credit_code: string }>(
      hub.hub.databases.urls.tax!,
      `select credit_code from enterprise where credit_code = any($1) and tax_status <> 'DEREGISTERED'`,
      [failed.map((r) => r.credit_code)],
    );
    expected = active.map((r) => r.credit_code).sort();
    expect(expected.length).toBeGreaterThan(0);
  });

  it('is planned from what social security lists, read through the graph', async () => {
    const { body } = await hub.query<{ planProactiveAction: { repeated: boolean; action: Action } }>(
      PLAN,
      { input: planInput() },
      { token: analyst },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    action = body.data!.planProactiveAction.action;
    expect(action).toMatchObject({
      status: 'PLANNED',
      rule: 'FAILED_BATCH_DEDUCTIONS',
      targetCount: expected.length,
    });
    // The same list as an HRSS officer reads it through the graph.
    const { body: hrss } = await hub.query<{
      employersWithFailedDeductions: { edges: { node: { creditCode: string } }[] };
    }>(
      `query ($m: String!) { employersWithFailedDeductions(month: $m, first: 500) { edges { node { creditCode } } } }`,
      { m: MONTH },
      { token: await tokenFor('hrss-officer') },
    );
    expect(hrss.errors).toBeUndefined();
    const listed = hrss.data!.employersWithFailedDeductions.edges.map((e) => e.node.creditCode);
    expect(expected.every((code) => listed.includes(code))).toBe(true);
    // The targets, both groups, are exactly those employers.
    const { body: detail } = await hub.query<{
      proactiveAction: {
        targets: {
          totalCount: number;
          edges: { node: { creditCode: string; group: string; reason: string } }[];
        };
      };
    }>(
      `query ($id: ID!) { proactiveAction(id: $id) { targets(first: 500) { totalCount
        edges { node { creditCode group reason enterprise { name } } } } } }`,
      { id: action.id },
      { token: analyst },
    );
    expect(detail.errors).toBeUndefined();
    const targets = detail.data!.proactiveAction.targets.edges.map((e) => e.node);
    expect(targets.map((t) => t.creditCode).sort()).toEqual(expected);
    expect(targets.every((t) => t.reason.startsWith(`${MONTH} 单位社保费批扣失败`))).toBe(true);
    expect(targets.filter((t) => t.group === 'COMPARISON')).toHaveLength(action.comparisonCount);
  });

  it('records the gateway read in the audit trail with the caller and the purpose', async () => {
    const db = await hub.auditDb();
    const { rows: reads } = await db.query(
      `select subject, subject_name as name, purpose, outcome from audit_event
        where operation_name = 'ProactiveFailedDeductions' order by seq`,
    );
    expect(reads.length).toBeGreaterThan(0);
    expect(reads[0]).toMatchObject({
      subject: 'tax:proactive-targeting',
      outcome: 'SERVED',
      purpose: `proactive:${action.id}`,
    });
    expect(reads[0].name).toContain(ANALYST.subject);
    expect(reads[0].name).toContain('未诉先办');
  });

  it('repeats under the same key without reading or planning again', async () => {
    const key = randomUUID();
    const first = await hub.query<{ planProactiveAction: { action: Action } }>(
      PLAN,
      { input: planInput(key) },
      { token: analyst },
    );
    const db = await hub.auditDb();
    const count = async () =>
      (
        await db.query(
          `select count(*)::int as n from audit_event where operation_name = 'ProactiveFailedDeductions'`,
        )
      ).rows[0].n as number;
    const reads = await count();
    const again = await hub.query<{ planProactiveAction: { repeated: boolean; action: Action } }>(
      PLAN,
      { input: planInput(key) },
      { token: analyst },
    );
    expect(again.body.data!.planProactiveAction).toMatchObject({
      repeated: true,
      action: { id: first.body.data!.planProactiveAction.action.id },
    });
    expect(await count()).toBe(reads);
  });

  it('is sent to the reached group, and its deliveries and interim effect are read back', async () => {
    const sent = await hub.query<{ sendProactiveAction: { action: { status: string; sentAt: string } } }>(
      `mutation ($input: SendProactiveActionInput!) { sendProactiveAction(input: $input) { action { status sentAt } } }`,
      { input: { id: action.id, idempotencyKey: randomUUID() } },
      { token: analyst },
    );
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.data!.sendProactiveAction.action.status).toBe('SENT');
    const { body: detail } = await hub.query<{
      proactiveAction: { targets: { edges: { node: { creditCode: string } }[] } };
    }>(
      `query ($id: ID!) { proactiveAction(id: $id) { targets(group: REACHED, first: 500) { edges { node { creditCode } } } } }`,
      { id: action.id },
      { token: analyst },
    );
    const reached = detail.data!.proactiveAction.targets.edges.map((e) => e.node.creditCode);
    const recorded = await hub.query<{ recordProactiveDeliveries: { recorded: number } }>(
      `mutation ($input: RecordProactiveDeliveriesInput!) { recordProactiveDeliveries(input: $input) { recorded } }`,
      {
        input: {
          actionId: action.id,
          deliveries: reached.map((creditCode) => ({ creditCode, outcome: 'DELIVERED', channel: 'SMS' })),
        },
      },
      { token: analyst },
    );
    expect(recorded.body.errors).toBeUndefined();
    expect(recorded.body.data!.recordProactiveDeliveries.recorded).toBe(reached.length);
    const effect = await hub.query<{
      proactiveEffect: { windowElapsed: boolean; reached: { size: number }; comparison: { size: number } };
    }>(
      `query ($id: ID!) { proactiveEffect(id: $id) { windowElapsed reading reached { size appealed } comparison { size appealed }
        estimate { difference differenceLow differenceHigh preventsAppeals } } }`,
      { id: action.id },
      { token: analyst },
    );
    expect(effect.body.errors).toBeUndefined();
    expect(effect.body.data!.proactiveEffect).toMatchObject({
      windowElapsed: false,
      reached: { size: action.reachedCount },
      comparison: { size: action.comparisonCount },
    });
  });

  it('refuses anyone but an analyst, and does not let a caller state the targeting service’s purpose', async () => {
    for (const role of ['appeal-handler', 'hrss-officer', 'liaison'] as const) {
      const { body } = await hub.query(PLAN, { input: planInput() }, { token: await tokenFor(role) });
      expect(codes(body)).toContain('FORBIDDEN');
      expect(body.data?.planProactiveAction ?? null).toBeNull();
    }
    // The service's purpose is no case: a user stating it is checked like any purpose, and refused.
    const { body } = await hub.query(
      `query ($m: String!) { employersWithFailedDeductions(month: $m) { edges { node { creditCode } } } }`,
      { m: MONTH },
      { token: analyst, purpose: `proactive:${action.id}` },
    );
    expect(codes(body)).toEqual(['INVALID_PURPOSE']);
    // Without a purpose, the list is not shared with another agency's user.
    const { body: plain } = await hub.query(
      `query ($m: String!) { employersWithFailedDeductions(month: $m) { edges { node { creditCode } } } }`,
      { m: MONTH },
      { token: analyst },
    );
    expect(codes(plain)).toEqual(['FORBIDDEN']);
  });
});
