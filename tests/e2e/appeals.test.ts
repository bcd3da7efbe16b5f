// Appeals through the gateway over HTTP, each step with the token of the persona who takes it: the
// hotline registers, a service point registers, the handler works the loop to the end (with a reopening),
// the analyst generates the weekly analysis and drafts a guide, other agencies and enterprises are kept
// out, personal data is masked, Table 2 comes back exactly, and every operation is in the audit trail.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPEAL_SURGE, buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { addDays, mondayOf } from '../../subgraphs/tax/appeals/analysis.js';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub.js';
import { tokenFor } from '../support/identities.js';

const world = buildWorld('test');
let hub: TestHub;
let handler: string;
let analyst: string;

beforeAll(async () => {
  hub = await startTestHub();
  handler = await tokenFor('appeal-handler', { name: '12366 坐席 李敏' });
  analyst = await tokenFor('analyst', { name: '市局分析员 张雪' });
});
afterAll(async () => hub?.dispose());

const codes = (body: GraphQLResponse<unknown>) => (body.errors ?? []).map((e) => e.extensions?.code);

const APPEAL_FIELDS = `number stage version topic channel channelGroup appellantName appellantPhone escalated
  handlingUnit { code name level } supervisingUnit { code }
  classification { classifiedTopic rule matchedPhrases close }
  steps { seq kind actorName stageAfter satisfaction late } satisfaction reopenCount overdue stageTimeLimitDays`;
interface AppealView {
  number: string;
  stage: string;
  version: number;
  topic: string;
  appellantName: string;
  appellantPhone: string;
  handlingUnit: { code: string; name: string; level: string } | null;
  classification: { classifiedTopic: string; rule: string; matchedPhrases: string[] };
  steps: { seq: number; kind: string; actorName: string; stageAfter: string; satisfaction: string | null }[];
  reopenCount: number;
  satisfaction: string | null;
}

const REGISTER = `mutation ($input: RegisterAppealInput!) { registerAppeal(input: $input) { repeated appeal { ${APPEAL_FIELDS} } } }`;
const STEP = `mutation ($input: AppealStepInput!) { recordAppealStep(input: $input) { ${APPEAL_FIELDS} } }`;
const APPEAL = `query ($n: String!) { appeal(number: $n) { ${APPEAL_FIELDS} } }`;

const hotlineCall = (reference = `12366-${randomUUID()}`) => ({
  channel: 'HOTLINE_12366',
  channelReference: reference,
  kind: 'REPORT',
  district: 'BAZHOU',
  appellantName: '王小明',
  appellantPhone: '13812345678',
  content: '举报巴州区某火锅店消费后拒开发票，店员说开票要另加税点',
});

async function register(token: string, input: Record<string, unknown>) {
  return hub.query<{ registerAppeal: { repeated: boolean; appeal: AppealView } }>(
    REGISTER,
    { input },
    { token },
  );
}

async function stepAs(token: string, number: string, kind: string, extra: Record<string, unknown> = {}) {
  const { body } = await hub.query<{ recordAppealStep: AppealView }>(
    STEP,
    { input: { number, kind, content: `${kind}：已办理`, idempotencyKey: randomUUID(), ...extra } },
    { token },
  );
  return body;
}

describe('intake', () => {
  it('registers a hotline report once per channel reference, classified with its reasons, personal data masked', async () => {
    const input = hotlineCall();
    const first = await register(handler, input);
    expect(first.body.errors).toBeUndefined();
    const appeal = first.body.data!.registerAppeal.appeal;
    expect(first.body.data!.registerAppeal.repeated).toBe(false);
    expect(appeal).toMatchObject({
      stage: 'RECEIVED',
      topic: 'INVOICE_REFUSAL',
      appellantName: '王**',
      appellantPhone: '138****5678',
      handlingUnit: null,
    });
    expect(appeal.classification.rule).toBe('KEY_PHRASES');
    expect(appeal.classification.matchedPhrases).toContain('拒开');
    const again = await register(handler, input);
    expect(again.body.data!.registerAppeal).toMatchObject({
      repeated: true,
      appeal: { number: appeal.number },
    });
    const changed = await register(handler, { ...input, content: '咨询契税' });
    expect(codes(changed.body)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('takes appeals from a service point’s staff, and refuses other agencies, enterprises and bad input', async () => {
    const staff = await tokenFor('service-point-staff');
    const hall = await register(staff, {
      ...hotlineCall(),
      channel: 'SERVICE_HALL',
      channelReference: `HALL-${randomUUID()}`,
    });
    expect(hall.body.data!.registerAppeal.appeal.stage).toBe('RECEIVED');
    for (const role of ['hrss-officer', 'analyst'] as const) {
      const { body } = await register(await tokenFor(role), hotlineCall());
      expect(codes(body), role).toEqual(['FORBIDDEN']);
    }
    const company = await tokenFor('enterprise-contact', {
      creditCode: world.tax.enterprises[0]!.creditCode,
    });
    expect(codes((await register(company, hotlineCall())).body)).toEqual(['FORBIDDEN']);
    const bad = await register(handler, { ...hotlineCall(), content: '   ' });
    expect(codes(bad.body)).toEqual(['BAD_USER_INPUT']);
    const badCode = await register(handler, { ...hotlineCall(), creditCode: '123' });
    expect(codes(badCode.body)).toEqual(['INVALID_CREDIT_CODE']);
    const future = await register(handler, {
      ...hotlineCall(),
      receivedAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(codes(future.body)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.ts/);
  });
});

describe('the closed loop through the gateway', () => {
  it('dispatches straight to the branch, reopens on an unsatisfied revisit and closes on a satisfied one', async () => {
    const { body } = await register(handler, hotlineCall());
    const { number } = body.data!.registerAppeal.appeal;
    const accepted = await stepAs(handler, number, 'ACCEPT', {
      handlingUnit: 'BAZHOU_BRANCH_1',
      expectedVersion: 1,
    });
    expect(accepted.data!.recordAppealStep.handlingUnit).toEqual({
      code: 'BAZHOU_BRANCH_1',
      name: '巴州区税务局第一税务分局',
      level: 'COUNTY_BRANCH',
    });
    // The analyst reads and analyses but does not work appeals.
    expect(codes(await stepAs(analyst, number, 'START_INVESTIGATION'))).toEqual(['FORBIDDEN']);
    for (const kind of ['START_INVESTIGATION', 'HANDLE', 'FEEDBACK']) {
      expect((await stepAs(handler, number, kind)).errors).toBeUndefined();
    }
    const reopened = await stepAs(handler, number, 'REVISIT', { satisfaction: 'DISSATISFIED' });
    expect(reopened.data!.recordAppealStep).toMatchObject({ stage: 'INVESTIGATING', reopenCount: 1 });
    expect(codes(await stepAs(handler, number, 'FEEDBACK'))).toEqual(['INVALID_TRANSITION']);
    await stepAs(handler, number, 'HANDLE');
    await stepAs(handler, number, 'FEEDBACK');
    const closed = await stepAs(handler, number, 'REVISIT', { satisfaction: 'SATISFIED' });
    expect(closed.data!.recordAppealStep).toMatchObject({
      stage: 'CLOSED',
      satisfaction: 'SATISFIED',
      version: 9,
    });
    expect(closed.data!.recordAppealStep.steps.map((s) => s.kind)).toEqual([
      'RECEIVE',
      'ACCEPT',
      'START_INVESTIGATION',
      'HANDLE',
      'FEEDBACK',
      'REVISIT',
      'HANDLE',
      'FEEDBACK',
      'REVISIT',
    ]);
    expect(
      closed.data!.recordAppealStep.steps.every(
        (s) => s.actorName === '12366 坐席 李敏' || s.kind === 'RECEIVE',
      ),
    ).toBe(true);
    expect(codes(await stepAs(handler, number, 'HANDLE'))).toEqual(['INVALID_TRANSITION']);
    // The auditor reads it; the HRSS bureau does not.
    const audited = await hub.query<{ appeal: AppealView }>(APPEAL, { n: number });
    expect(audited.body.data!.appeal.stage).toBe('CLOSED');
    const hrss = await hub.query(APPEAL, { n: number }, { token: await tokenFor('hrss-officer') });
    expect(codes(hrss.body)).toEqual(['FORBIDDEN']);
  });

  it('lists the work queue of a branch and the overdue, and records every operation in the audit trail', async () => {
    const late = await register(handler, {
      ...hotlineCall(),
      receivedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    });
    const number = late.body.data!.registerAppeal.appeal.number;
    const { body } = await hub.query<{
      appeals: { totalCount: number; edges: { node: { number: string; overdue: boolean } }[] };
    }>(
      `query { appeals(filter: { overdue: true, district: BAZHOU }, first: 100) { totalCount edges { node { number overdue } } } }`,
      {},
      { token: handler },
    );
    expect(body.data!.appeals.edges.some((e) => e.node.number === number && e.node.overdue)).toBe(true);
    const db = await hub.auditDb();
    // The registration, the step and the list above are each one record, with what they touched.
    const { rows } = await db.query(
      `select outcome, fields from audit_event where subject = 'test:appeal-handler' order by seq`,
    );
    const served = rows.filter((r) => r.outcome === 'SERVED').map((r) => JSON.stringify(r.fields));
    expect(served.some((f) => f.includes('registerAppeal'))).toBe(true);
    expect(served.some((f) => f.includes('recordAppealStep'))).toBe(true);
    expect(served.some((f) => f.includes('appeals'))).toBe(true);
  });
});

describe('history and analysis', () => {
  it('returns the study’s Table 2 exactly, by district and for the city', async () => {
    const { body } = await hub.query<{
      validReportsByYear: { year: number; district: string | null; validReports: number; source: string }[];
    }>(
      `query { validReportsByYear(fromYear: 2019, toYear: 2024) { year district validReports source } }`,
      {},
      { token: analyst },
    );
    const table = new Map(
      body.data!.validReportsByYear.map((r) => [`${r.district ?? 'CITY'}:${r.year}`, r.validReports]),
    );
    const expected: Record<string, number[]> = {
      BAZHOU: [241, 223, 163, 150, 180, 138],
      ENYANG: [24, 15, 20, 29, 27, 13],
      PINGCHANG: [56, 48, 38, 48, 60, 32],
      TONGJIANG: [60, 34, 34, 25, 21, 23],
      NANJIANG: [44, 20, 36, 30, 27, 19],
      CITY: [425, 340, 291, 282, 315, 225],
    };
    for (const [district, figures] of Object.entries(expected)) {
      figures.forEach((n, i) =>
        expect(table.get(`${district}:${2019 + i}`), `${district} ${2019 + i}`).toBe(n),
      );
    }
    expect(body.data!.validReportsByYear.every((r) => r.source === 'LEGACY_STATISTICS')).toBe(true);
    expect(body.data!.validReportsByYear).toHaveLength(36);
  });

  it('catches the demo world’s planted surge in its week, with its districts and a targeting rule for the action', async () => {
    const { body } = await hub.query<{
      generateAppealAnalysis: {
        hotTopics: { topic: string; count: number; threshold: number; weeks: string[] }[];
        recommendations: { kind: string; topic: string | null; rule: string | null }[];
      };
    }>(
      `mutation ($w: Date!) { generateAppealAnalysis(input: { kind: WEEKLY, periodStart: $w }) {
        hotTopics { topic count threshold weeks } recommendations { kind topic rule } } }`,
      { w: APPEAL_SURGE.weekStart },
      { token: analyst },
    );
    const hot = body.data!.generateAppealAnalysis.hotTopics.find((h) => h.topic === APPEAL_SURGE.topic);
    expect(hot).toBeDefined();
    expect(hot!.count).toBeGreaterThan(hot!.threshold);
    expect(hot!.weeks).toEqual([APPEAL_SURGE.weekStart]);
    expect(body.data!.generateAppealAnalysis.recommendations).toContainEqual({
      kind: 'PROACTIVE_ACTION',
      topic: APPEAL_SURGE.topic,
      rule: 'FAILED_BATCH_DEDUCTIONS',
    });
  });

  it('lets the analyst generate last week’s analysis on demand (idempotent) and draft a guide; not the handler', async () => {
    const week = addDays(mondayOf(new Date().toISOString().slice(0, 10)), -7);
    const GENERATE = `mutation ($input: GenerateAppealAnalysisInput!) { generateAppealAnalysis(input: $input) {
      id revision title total periodStart periodEnd hotTopicRule trigger generatedByName
      byChannel { key count } rates { received responseRate } recommendations { kind text } } }`;
    const first = await hub.query<{
      generateAppealAnalysis: {
        id: string;
        revision: number;
        total: number;
        trigger: string;
        periodEnd: string;
        generatedByName: string;
      };
    }>(GENERATE, { input: { kind: 'WEEKLY', periodStart: week } }, { token: analyst });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.generateAppealAnalysis).toMatchObject({
      revision: 1,
      trigger: 'ON_DEMAND',
      periodEnd: addDays(week, 6),
      generatedByName: '市局分析员 张雪',
    });
    const again = await hub.query<{ generateAppealAnalysis: { id: string } }>(
      GENERATE,
      { input: { kind: 'WEEKLY', periodStart: week } },
      { token: analyst },
    );
    expect(again.body.data!.generateAppealAnalysis.id).toBe(first.body.data!.generateAppealAnalysis.id);
    const refused = await hub.query(
      GENERATE,
      { input: { kind: 'WEEKLY', periodStart: week } },
      { token: handler },
    );
    expect(codes(refused.body)).toEqual(['FORBIDDEN']);
    const read = await hub.query<{ appealAnalysisReport: { id: string } }>(
      `query ($w: Date!) { appealAnalysisReport(kind: WEEKLY, periodStart: $w) { id } }`,
      { w: week },
      { token: handler },
    );
    expect(read.body.data!.appealAnalysisReport.id).toBe(first.body.data!.generateAppealAnalysis.id);
    const guide = await hub.query<{
      draftGovernanceGuide: { status: string; keyAreas: string[]; policies: { document: string }[] };
    }>(
      `mutation ($input: DraftGovernanceGuideInput!) { draftGovernanceGuide(input: $input) { status keyAreas policies { document } } }`,
      { input: { topic: 'DEED_TAX', idempotencyKey: randomUUID() } },
      { token: analyst },
    );
    expect(guide.body.data!.draftGovernanceGuide.status).toBe('DRAFT');
    expect(guide.body.data!.draftGovernanceGuide.policies.some((p) => p.document.includes('契税法'))).toBe(
      true,
    );
  });
});
