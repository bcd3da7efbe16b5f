// The large-enterprise "one account, one handbook" service through the gateway over HTTP: a liaison's visit
// preparation (the registered ServiceHandbook operation: the account, its handbook assembled from every
// source, the latest health-check report), the basic-information form's submit → return → resubmit →
// approve versions, an advance ruling's whole path, an agreement's path and expiry, a visit's follow-ups,
// a major appeal's steps and a liaison's handbook section; who may read and write what; idempotent repeats;
// and the handbook's SQL statements, the same for one enterprise as for several.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../core/paths.js';
import {
  DEMO_LIAISON_NAME,
  DEMO_LIAISON_SUBJECT,
  buildWorld,
} from '../../subgraphs/shared/demo-world/index.js';
import { addDays, beijingToday } from '../../subgraphs/tax/service-account/calendar.js';
import { policiesFor } from '../../subgraphs/tax/service-account/policies.js';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub.js';
import { tokenFor } from '../support/identities.js';

const world = buildWorld('test');
const showcase = world.showcase.creditCode;
const large = world.tax.enterprises.filter((e) => e.isLargeEnterprise);
const assigned = world.tax.liaisonAssignments
  .filter((a) => a.liaisonSubject === DEMO_LIAISON_SUBJECT)
  .map((a) => a.creditCode)
  .sort();
/** A large enterprise the demo liaison does not look after. */
const other = large.find((e) => !assigned.includes(e.creditCode))!.creditCode;
const notLarge = world.tax.enterprises.find(
  (e) => !e.isLargeEnterprise && e.taxStatus === 'NORMAL',
)!.creditCode;
const industryOf = new Map(world.tax.enterprises.map((e) => [e.creditCode, e.industry]));
const operation = (name: string) => readFileSync(join(repoRoot, 'operations', `${name}.graphql`), 'utf8');
const today = beijingToday();

let hub: TestHub;
let liaison: string;
let contact: string;
let otherContact: string;
let analyst: string;
beforeAll(async () => {
  hub = await startTestHub();
  liaison = await tokenFor('liaison', { subject: DEMO_LIAISON_SUBJECT, name: DEMO_LIAISON_NAME });
  contact = await tokenFor('enterprise-contact', { creditCode: showcase, subject: 'test:contact:showcase' });
  otherContact = await tokenFor('enterprise-contact', { creditCode: other, subject: 'test:contact:other' });
  analyst = await tokenFor('analyst');
});
afterAll(async () => hub?.dispose());

type Body<T = Record<string, unknown>> = GraphQLResponse<T>;
const codes = (body: Body<unknown>) => (body.errors ?? []).map((e) => e.extensions?.code);
const argumentOf = (body: Body<unknown>) => body.errors?.[0]?.extensions?.argument;
async function gql<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<Body<T>> {
  return (await hub.query<T>(query, variables, { token })).body;
}
const ok = <T>(body: Body<T>): T => {
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
};

const FORM = `id version status isCurrent financeDirector { name phone } group { groupRole: role outsideBazhong { name region } formVersion }
  submittedByName reviewerName reviewComment`;
const SUBMIT = operation('SubmitBasicInfoForm');
const REVIEW = `mutation ($input: ReviewBasicInfoFormInput!) { reviewBasicInfoForm(input: $input) { ${FORM} } }`;
const RULING = `id number status inForce rulingText validFrom validUntil reviewerName declineReason requestedByName`;
const REQUEST_RULING = `mutation ($input: RequestAdvanceRulingInput!) { requestAdvanceRuling(input: $input) { ${RULING} } }`;
const MOVE_RULING = `mutation ($input: TransitionAdvanceRulingInput!) { transitionAdvanceRuling(input: $input) { ${RULING} } }`;
const AGREEMENT = `id number status signedOn activatedOn expiredOn endsOn`;
const DRAFT = `mutation ($input: DraftComplianceAgreementInput!) { draftComplianceAgreement(input: $input) { ${AGREEMENT} } }`;
const MOVE_AGREEMENT = `mutation ($input: TransitionComplianceAgreementInput!) { transitionComplianceAgreement(input: $input) { ${AGREEMENT} } }`;
const VISIT = `mutation ($input: RecordServiceVisitInput!) { recordServiceVisit(input: $input) {
  id kind heldOn topics recordedByName followUps { id description status overdue dueOn } } }`;
const COMPLETE = `mutation ($input: CompleteFollowUpInput!) { completeFollowUp(input: $input) {
  id status completedOn completedByName completionNote overdue } }`;
const CASE = `id number kind status version steps { seq kind statusAfter actorName }`;
const OPEN_CASE = `mutation ($input: OpenServiceCaseInput!) { openServiceCase(input: $input) { ${CASE} } }`;
const CASE_STEP = `mutation ($input: ServiceCaseStepInput!) { recordServiceCaseStep(input: $input) { ${CASE} } }`;
const SECTION = `mutation ($input: WriteHandbookSectionInput!) { writeHandbookSection(input: $input) {
  sectionId version title body writtenByName history { version title } } }`;
const ACCOUNT = (fields: string) =>
  `query ($c: ID!) { enterprise(creditCode: $c) { serviceAccount { ${fields} } } }`;

function formInput(overrides: Record<string, unknown> = {}) {
  return {
    creditCode: showcase,
    financeDirector: { name: '王建国', position: '财务总监', phone: '13908271234' },
    taxOfficer: { name: '苟小琴', position: '办税员', phone: '0827-5261234' },
    mainProducts: ['房屋建筑工程', '市政公用工程'],
    mainBusiness: '房屋建筑、市政公用工程施工总承包',
    employeeCount: 860,
    accountingStandard: 'ACCOUNTING_STANDARDS',
    accountingSoftware: '用友 NC Cloud',
    relatedParties: [{ name: '巴中市秦巴建工集团第一工程有限公司', relation: '全资子公司' }],
    groupRole: 'HEADQUARTERS',
    groupName: '巴中市秦巴建工集团',
    groupHeadquarters: '四川省巴中市巴州区',
    outsideBazhong: [
      { name: '巴中市秦巴建工集团有限公司汉中分公司', kind: 'BRANCH', region: '陕西省汉中市' },
    ],
    idempotencyKey: randomUUID(),
    ...overrides,
  };
}

interface Handbook {
  title: string;
  contactCard: {
    liaisons: { name: string; kind: string; servicePhone: string | null }[];
    enterpriseContact: { phone: string };
    hotline: string;
  };
  policies: { code: string; document: string; reason: string }[];
  complianceAgreements: { status: string }[];
  advanceRulings: { inForce: boolean }[];
  openMatters: { kind: string; overdue: boolean; referenceId: string }[];
  liaisonSections: { sectionId: string; version: number; title: string }[];
}
interface VisitPreparation {
  enterprise: {
    name: string;
    industry: string;
    serviceAccount: {
      accountNumber: string;
      group: { role: string; crossRegion: boolean };
      currentForm: { version: number; financeDirector: { phone: string } } | null;
      pendingForm: unknown;
      visits: { heldOn: string }[];
      handbook: Handbook;
    } | null;
    healthCheckReports: { reportNumber: string }[];
  };
}

describe('a liaison prepares a visit: the whole picture, the handbook and the latest report', () => {
  it('serves the registered ServiceHandbook operation with a section from every source', async () => {
    const data = ok(
      await gql<VisitPreparation>(operation('ServiceHandbook'), { creditCode: showcase }, liaison),
    );
    const account = data.enterprise.serviceAccount!;
    expect(account.accountNumber).toMatch(/^巴税企册〔\d{4}〕\d{3}号$/);
    expect(account.group).toMatchObject({ role: 'HEADQUARTERS', crossRegion: true });
    expect(account.currentForm!.financeDirector.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(account.pendingForm).toBeNull();
    expect(account.visits.length).toBeGreaterThan(0);
    expect(data.enterprise.healthCheckReports).toHaveLength(1);

    const handbook = account.handbook;
    expect(handbook.title).toBe(`《${data.enterprise.name}税费服务手册（一户一册）》`);
    // Contacts: the assigned liaisons with names and service phones, the enterprise's own contact masked.
    const card = handbook.contactCard;
    expect(card.hotline).toBe('12366');
    expect(card.enterpriseContact.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(card.liaisons.map((l) => l.kind).sort()).toEqual(['CHIEF', 'CHIEF', 'GENERAL']);
    expect(card.liaisons.map((l) => l.name)).toContain(DEMO_LIAISON_NAME);
    expect(card.liaisons.every((l) => /^0827-\d{7}$/.test(l.servicePhone ?? ''))).toBe(true);
    // Policies by industry (construction) and size: R&D super deduction yes; manufacturing-only and small-only no.
    const policyCodes = handbook.policies.map((p) => p.code);
    expect(policyCodes).toEqual(policiesFor('CONSTRUCTION', 'LARGE').map((p) => p.code));
    expect(policyCodes).toEqual(expect.arrayContaining(['RD_SUPER_DEDUCTION', 'WESTERN_DEVELOPMENT_CIT']));
    expect(policyCodes).not.toContain('ADVANCED_MANUFACTURING_VAT_CREDIT');
    expect(policyCodes).not.toContain('SMALL_LOW_PROFIT_CIT');
    expect(handbook.policies.every((p) => /^《.+》/.test(p.document))).toBe(true);
    // Agreements (no drafts), issued rulings, open matters and the liaison's own sections.
    expect(handbook.complianceAgreements.map((a) => a.status)).toContain('ACTIVE');
    expect(handbook.advanceRulings.some((r) => r.inForce)).toBe(true);
    const matterKinds = new Set(handbook.openMatters.map((m) => m.kind));
    for (const kind of ['ADVANCE_RULING', 'MAJOR_APPEAL', 'GROUP_CASE'])
      expect(matterKinds.has(kind), kind).toBe(true);
    expect(handbook.liaisonSections.map((s) => s.version).sort()).toEqual([1, 2]);
  });

  it('selects the policies that fit each enterprise’s industry', async () => {
    const query = `query ($codes: [ID!]) { enterprises(filter: { creditCodes: $codes }, first: 10) { edges { node {
      creditCode industry serviceAccount { handbook { policies { code } } } } } } }`;
    const data = ok(
      await gql<{
        enterprises: {
          edges: { node: { creditCode: string; industry: string; serviceAccount: { handbook: Handbook } } }[];
        };
      }>(query, { codes: assigned }, liaison),
    );
    expect(data.enterprises.edges).toHaveLength(assigned.length);
    for (const { node } of data.enterprises.edges) {
      const codes = node.serviceAccount.handbook.policies.map((p) => p.code);
      expect(codes).toEqual(policiesFor(industryOf.get(node.creditCode)!, 'LARGE').map((p) => p.code));
      expect(codes.includes('RD_SUPER_DEDUCTION')).toBe(
        !['WHOLESALE_RETAIL', 'ACCOMMODATION_CATERING', 'REAL_ESTATE', 'BUSINESS_SERVICES'].includes(
          node.industry,
        ),
      );
      expect(codes.includes('ADVANCED_MANUFACTURING_VAT_CREDIT')).toBe(node.industry === 'MANUFACTURING');
    }
  });
});

describe('the basic-information form', () => {
  let v3: { id: string; version: number };

  it('is submitted by the enterprise contact as a new version awaiting review', async () => {
    const key = randomUUID();
    const first = ok(
      await gql<{ submitBasicInfoForm: typeof v3 & { status: string } }>(
        SUBMIT,
        { input: formInput({ idempotencyKey: key }) },
        contact,
      ),
    );
    v3 = first.submitBasicInfoForm;
    expect(first.submitBasicInfoForm).toMatchObject({ version: 3, status: 'SUBMITTED', isCurrent: false });
    // The same request again returns the same version and writes nothing, even though one is now pending.
    const again = ok(
      await gql<{ submitBasicInfoForm: typeof v3 }>(
        SUBMIT,
        { input: formInput({ idempotencyKey: key }) },
        contact,
      ),
    );
    expect(again.submitBasicInfoForm.id).toBe(v3.id);
    // The same key for a different form is refused.
    const reused = await gql(
      SUBMIT,
      { input: formInput({ idempotencyKey: key, employeeCount: 861 }) },
      contact,
    );
    expect(codes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('refuses another submission while one is pending review', async () => {
    const body = await gql(SUBMIT, { input: formInput() }, contact);
    expect(codes(body)).toEqual(['INVALID_TRANSITION']);
    // Only `code` (and `argument`) of the extensions leave the hub (core/format-error.ts): the message says why.
    expect(body.errors![0]!.message).toMatch(/^第 3 版基本信息表正在审核中.*\(version 3 is awaiting review/);
  });

  it('is returned with a comment, resubmitted and approved; the approved version is the current one', async () => {
    const noComment = await gql(
      REVIEW,
      { input: { formId: v3.id, decision: 'RETURNED', idempotencyKey: randomUUID() } },
      liaison,
    );
    expect(codes(noComment)).toEqual(['BAD_USER_INPUT']);
    expect(argumentOf(noComment)).toBe('input.comment');
    const returned = ok(
      await gql<{ reviewBasicInfoForm: { status: string; reviewComment: string; reviewerName: string } }>(
        REVIEW,
        {
          input: {
            formId: v3.id,
            decision: 'RETURNED',
            comment: '请补充成都项目部信息。',
            idempotencyKey: randomUUID(),
          },
        },
        liaison,
      ),
    );
    expect(returned.reviewBasicInfoForm).toMatchObject({
      status: 'RETURNED',
      reviewerName: DEMO_LIAISON_NAME,
    });
    // A returned version is final: approving it now is not a move the form makes.
    const late = await gql(
      REVIEW,
      { input: { formId: v3.id, decision: 'APPROVED', idempotencyKey: randomUUID() } },
      liaison,
    );
    expect(codes(late)).toEqual(['INVALID_TRANSITION']);

    const outside = [
      { name: '巴中市秦巴建工集团有限公司汉中分公司', kind: 'BRANCH', region: '陕西省汉中市' },
      {
        name: '巴中市秦巴建工集团有限公司成都天府新区项目部',
        kind: 'PLACE_OF_BUSINESS',
        region: '四川省成都市',
      },
    ];
    const v4 = ok(
      await gql<{ submitBasicInfoForm: { id: string; version: number; status: string } }>(
        SUBMIT,
        { input: formInput({ outsideBazhong: outside }) },
        contact,
      ),
    ).submitBasicInfoForm;
    expect(v4).toMatchObject({ version: 4, status: 'SUBMITTED' });
    const approved = ok(
      await gql<{ reviewBasicInfoForm: { status: string; isCurrent: boolean } }>(
        REVIEW,
        { input: { formId: v4.id, decision: 'APPROVED', idempotencyKey: randomUUID() } },
        liaison,
      ),
    );
    expect(approved.reviewBasicInfoForm).toMatchObject({ status: 'APPROVED', isCurrent: true });

    const account = ok(
      await gql<{
        enterprise: {
          serviceAccount: {
            currentForm: { version: number; financeDirector: { phone: string } };
            pendingForm: null;
            formVersions: { version: number; status: string }[];
            group: { formVersion: number; outsideBazhong: { region: string }[] };
          };
        };
      }>(
        ACCOUNT(`currentForm { version financeDirector { phone } } pendingForm { id } formVersions { version status }
        group { formVersion outsideBazhong { region } }`),
        { c: showcase },
        contact,
      ),
    ).enterprise.serviceAccount;
    expect(account.currentForm).toEqual({ version: 4, financeDirector: { phone: '139****1234' } });
    expect(account.pendingForm).toBeNull();
    expect(account.formVersions.map((f) => [f.version, f.status])).toEqual([
      [4, 'APPROVED'],
      [3, 'RETURNED'],
      [2, 'APPROVED'],
      [1, 'RETURNED'],
    ]);
    // Approval carried the form's cross-region facts onto the account.
    expect(account.group.formVersion).toBe(4);
    expect(account.group.outsideBazhong.map((o) => o.region)).toEqual(['陕西省汉中市', '四川省成都市']);
  });

  it('names the argument it refuses', async () => {
    const body = await gql(
      SUBMIT,
      { input: formInput({ financeDirector: { name: '王建国', position: '财务总监', phone: '12345' } }) },
      contact,
    );
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    expect(argumentOf(body)).toBe('input.financeDirector.phone');
    const group = await gql(SUBMIT, { input: formInput({ groupName: null }) }, contact);
    expect(argumentOf(group)).toBe('input.groupName');
  });
});

describe('an advance ruling', () => {
  it('goes requested → under review → issued, and refuses moves out of order', async () => {
    const requested = ok(
      await gql<{
        requestAdvanceRuling: { id: string; number: string; status: string; requestedByName: string };
      }>(
        REQUEST_RULING,
        {
          input: {
            creditCode: showcase,
            topic: '以设备出资设立子公司的所得税处理',
            category: 'RESTRUCTURING',
            question: '本企业拟以施工设备作价出资设立全资子公司，请求确认非货币性资产投资的所得税处理。',
            idempotencyKey: randomUUID(),
          },
        },
        contact,
      ),
    ).requestAdvanceRuling;
    expect(requested.status).toBe('REQUESTED');
    expect(requested.number).toMatch(/^巴税裁〔\d{4}〕\d{4}号$/);
    const move = (to: string, extra: Record<string, unknown> = {}, key = randomUUID(), token = liaison) =>
      gql<{ transitionAdvanceRuling: { status: string; inForce: boolean; reviewerName: string } }>(
        MOVE_RULING,
        { input: { rulingId: requested.id, to, idempotencyKey: key, ...extra } },
        token,
      );
    const issue = {
      rulingText:
        '根据《财政部 国家税务总局关于非货币性资产投资企业所得税政策问题的通知》（财税〔2014〕116号），可在不超过5年期限内分期均匀计入应纳税所得额。',
      validFrom: today,
      validUntil: addDays(today, 3 * 365),
    };
    expect(codes(await move('ISSUED', issue))).toEqual(['INVALID_TRANSITION']);
    // The enterprise asks; only its liaison moves the ruling on (the gateway's policy already says so).
    expect(codes(await move('UNDER_REVIEW', {}, randomUUID(), contact))).toEqual(['FORBIDDEN']);
    const reviewKey = randomUUID();
    expect(ok(await move('UNDER_REVIEW', {}, reviewKey)).transitionAdvanceRuling).toMatchObject({
      status: 'UNDER_REVIEW',
      reviewerName: DEMO_LIAISON_NAME,
    });
    // A repeat of the same move writes nothing and answers as before.
    expect(ok(await move('UNDER_REVIEW', {}, reviewKey)).transitionAdvanceRuling.status).toBe('UNDER_REVIEW');
    const missing = await move('ISSUED', { ...issue, rulingText: undefined });
    expect([codes(missing), argumentOf(missing)]).toEqual([['BAD_USER_INPUT'], 'input.rulingText']);
    const backwards = await move('ISSUED', { ...issue, validUntil: addDays(today, -1) });
    expect(argumentOf(backwards)).toBe('input.validUntil');
    expect(ok(await move('ISSUED', issue)).transitionAdvanceRuling).toMatchObject({
      status: 'ISSUED',
      inForce: true,
    });
    expect(codes(await move('DECLINED', { reason: '已出具裁定' }))).toEqual(['INVALID_TRANSITION']);
  });

  it('is declined with a reason', async () => {
    const { id } = ok(
      await gql<{ requestAdvanceRuling: { id: string } }>(
        REQUEST_RULING,
        {
          input: {
            creditCode: showcase,
            topic: '增值税税率适用',
            category: 'OTHER',
            question: '咨询一般计税项目适用税率。',
            idempotencyKey: randomUUID(),
          },
        },
        liaison,
      ),
    ).requestAdvanceRuling;
    const move = (input: Record<string, unknown>) =>
      gql<{ transitionAdvanceRuling: { status: string; declineReason: string } }>(
        MOVE_RULING,
        { input: { rulingId: id, idempotencyKey: randomUUID(), ...input } },
        liaison,
      );
    ok(await move({ to: 'UNDER_REVIEW' }));
    expect(argumentOf(await move({ to: 'DECLINED' }))).toBe('input.reason');
    expect(argumentOf(await move({ to: 'DECLINED', reason: '已有明确规定', rulingText: '…' }))).toBe(
      'input.rulingText',
    );
    const declined = ok(
      await move({ to: 'DECLINED', reason: '所询事项已有明确的税收规定，不属于事先裁定范围。' }),
    );
    expect(declined.transitionAdvanceRuling.status).toBe('DECLINED');
  });
});

describe('a compliance cooperation agreement', () => {
  const draft = async () =>
    ok(
      await gql<{ draftComplianceAgreement: { id: string; number: string; status: string } }>(
        DRAFT,
        {
          input: {
            creditCode: showcase,
            title: '税费遵从合作协议（2027—2028年度）',
            commitments: '企业按季度通报重大涉税事项；税务机关提供一对一服务和事先裁定通道。',
            startsOn: today,
            endsOn: addDays(today, 730),
            idempotencyKey: randomUUID(),
          },
        },
        liaison,
      ),
    ).draftComplianceAgreement;
  const move = (id: string, to: string) =>
    gql<{
      transitionComplianceAgreement: {
        status: string;
        signedOn: string;
        activatedOn: string;
        expiredOn: string;
      };
    }>(MOVE_AGREEMENT, { input: { agreementId: id, to, idempotencyKey: randomUUID() } }, liaison);

  it('goes draft → signed → active, and reads as expired once past its end date', async () => {
    const agreement = await draft();
    expect(agreement.status).toBe('DRAFT');
    expect(agreement.number).toMatch(/^巴税遵协〔\d{4}〕\d{3}号$/);
    expect(codes(await move(agreement.id, 'ACTIVE'))).toEqual(['INVALID_TRANSITION']);
    expect(ok(await move(agreement.id, 'SIGNED')).transitionComplianceAgreement).toMatchObject({
      status: 'SIGNED',
      signedOn: today,
    });
    expect(ok(await move(agreement.id, 'ACTIVE')).transitionComplianceAgreement).toMatchObject({
      status: 'ACTIVE',
      activatedOn: today,
    });
    // The term runs out (the end date moved into the past in the database): it reads as expired, and
    // nothing moves it any more.
    const tax = new pg.Client({ connectionString: hub.hub.databases.urls.tax });
    await tax.connect();
    try {
      await tax.query('update compliance_agreement set ends_on = $2 where id = $1', [
        agreement.id,
        addDays(today, -1),
      ]);
    } finally {
      await tax.end();
    }
    const read = ok(
      await gql<{
        enterprise: {
          serviceAccount: { complianceAgreements: { id: string; status: string; expiredOn: string }[] };
        };
      }>(ACCOUNT('complianceAgreements { id status expiredOn }'), { c: showcase }, contact),
    ).enterprise.serviceAccount.complianceAgreements.find((a) => a.id === agreement.id);
    expect(read).toMatchObject({ status: 'EXPIRED', expiredOn: addDays(today, -1) });
    expect(codes(await move(agreement.id, 'EXPIRED'))).toEqual(['INVALID_TRANSITION']);
  });

  it('is ended early by a liaison', async () => {
    const agreement = await draft();
    ok(await move(agreement.id, 'SIGNED'));
    ok(await move(agreement.id, 'ACTIVE'));
    expect(ok(await move(agreement.id, 'EXPIRED')).transitionComplianceAgreement).toMatchObject({
      status: 'EXPIRED',
      expiredOn: today,
    });
    expect(codes(await move(agreement.id, 'ACTIVE'))).toEqual(['INVALID_TRANSITION']);
  });
});

describe('visits and follow-ups', () => {
  const visitInput = (overrides: Record<string, unknown> = {}) => ({
    creditCode: showcase,
    kind: 'HIGH_LEVEL_DIALOGUE',
    heldOn: addDays(today, -10),
    location: '国家税务总局巴中市税务局',
    participants: [
      { name: DEMO_LIAISON_NAME, side: 'TAX', title: '首席联络员' },
      { name: '王建国', side: 'ENTERPRISE', title: '财务总监' },
    ],
    topics: ['跨区域涉税事项报告管理', '研发费用加计扣除政策辅导'],
    summary: '双方就集团跨区域项目的税款预缴与研发费用归集交换意见。',
    followUps: [
      {
        description: '整理成都项目预缴凭证',
        owner: '王建国',
        ownerSide: 'ENTERPRISE',
        dueOn: addDays(today, -1),
      },
      {
        description: '提供研发费用辅助账模板',
        owner: DEMO_LIAISON_NAME,
        ownerSide: 'TAX',
        dueOn: addDays(today, 20),
      },
    ],
    idempotencyKey: randomUUID(),
    ...overrides,
  });

  it('records a visit once, with its follow-ups; completing one closes it', async () => {
    const input = visitInput();
    type Visit = {
      id: string;
      recordedByName: string;
      followUps: { id: string; status: string; overdue: boolean }[];
    };
    const visit = ok(await gql<{ recordServiceVisit: Visit }>(VISIT, { input }, liaison)).recordServiceVisit;
    expect(visit.recordedByName).toBe(DEMO_LIAISON_NAME);
    expect(visit.followUps.map((f) => [f.status, f.overdue])).toEqual([
      ['OPEN', true],
      ['OPEN', false],
    ]);
    const again = ok(await gql<{ recordServiceVisit: Visit }>(VISIT, { input }, liaison)).recordServiceVisit;
    expect(again.id).toBe(visit.id);
    const tax = new pg.Client({ connectionString: hub.hub.databases.urls.tax });
    await tax.connect();
    try {
      const { rows } = await tax.query(
        'select count(*)::int as n from service_follow_up where visit_id = $1',
        [visit.id],
      );
      expect(rows[0].n).toBe(2);
    } finally {
      await tax.end();
    }

    const overdue = visit.followUps[0]!;
    const matters = async () =>
      ok(
        await gql<{
          enterprise: {
            serviceAccount: { handbook: { openMatters: { referenceId: string; overdue: boolean }[] } };
          };
        }>(ACCOUNT('handbook { openMatters { referenceId overdue } }'), { c: showcase }, liaison),
      ).enterprise.serviceAccount.handbook.openMatters;
    expect((await matters()).find((m) => m.referenceId === overdue.id)).toEqual({
      referenceId: overdue.id,
      overdue: true,
    });
    const done = ok(
      await gql<{
        completeFollowUp: { status: string; completedOn: string; completedByName: string; overdue: boolean };
      }>(
        COMPLETE,
        {
          input: { followUpId: overdue.id, note: '已收到预缴凭证，核对无误。', idempotencyKey: randomUUID() },
        },
        liaison,
      ),
    ).completeFollowUp;
    expect(done).toMatchObject({
      status: 'DONE',
      completedOn: today,
      completedByName: DEMO_LIAISON_NAME,
      overdue: false,
    });
    expect((await matters()).some((m) => m.referenceId === overdue.id)).toBe(false);
    const twice = await gql(
      COMPLETE,
      { input: { followUpId: overdue.id, note: '再次完成', idempotencyKey: randomUUID() } },
      liaison,
    );
    expect(codes(twice)).toEqual(['INVALID_TRANSITION']);
  });

  it('refuses a visit in the future and a follow-up due before it', async () => {
    expect(argumentOf(await gql(VISIT, { input: visitInput({ heldOn: addDays(today, 2) }) }, liaison))).toBe(
      'input.heldOn',
    );
    const early = visitInput();
    early.followUps[1]!.dueOn = addDays(today, -30);
    expect(argumentOf(await gql(VISIT, { input: early }, liaison))).toBe('input.followUps.1.dueOn');
  });
});

describe('major appeals and group / cross-region cases', () => {
  it('moves a major appeal step by step to its revisit', async () => {
    const opened = ok(
      await gql<{ openServiceCase: { id: string; number: string; status: string; version: number } }>(
        OPEN_CASE,
        {
          input: {
            creditCode: showcase,
            kind: 'MAJOR_APPEAL',
            title: '外省项目预缴税款抵减不一致',
            description: '企业在陕西省汉中市项目预缴的税款，与机构所在地申报抵减金额不一致。',
            idempotencyKey: randomUUID(),
          },
        },
        liaison,
      ),
    ).openServiceCase;
    expect(opened).toMatchObject({ status: 'ACCEPTED', version: 1 });
    expect(opened.number).toMatch(/^巴税大企诉〔\d{4}〕\d{3}号$/);
    const step = (kind: string, extra: Record<string, unknown> = {}) =>
      gql<{
        recordServiceCaseStep: {
          status: string;
          version: number;
          steps: { kind: string; statusAfter: string }[];
        };
      }>(
        CASE_STEP,
        {
          input: { caseId: opened.id, kind, content: `${kind} 记录`, idempotencyKey: randomUUID(), ...extra },
        },
        liaison,
      );
    expect(codes(await step('RESOLVE'))).toEqual(['INVALID_TRANSITION']);
    expect(ok(await step('COORDINATE', { expectedVersion: 1 })).recordServiceCaseStep.status).toBe(
      'IN_PROGRESS',
    );
    expect(codes(await step('RESPOND', { expectedVersion: 1 }))).toEqual(['CONFLICT']);
    ok(await step('RESPOND'));
    expect(ok(await step('RESOLVE')).recordServiceCaseStep.status).toBe('RESOLVED');
    const closed = ok(await step('REVISIT')).recordServiceCaseStep;
    expect(closed.status).toBe('CLOSED');
    expect(closed.steps.map((s) => [s.kind, s.statusAfter])).toEqual([
      ['ACCEPT', 'ACCEPTED'],
      ['COORDINATE', 'IN_PROGRESS'],
      ['RESPOND', 'IN_PROGRESS'],
      ['RESOLVE', 'RESOLVED'],
      ['REVISIT', 'CLOSED'],
    ]);
    expect(codes(await step('PROGRESS'))).toEqual(['INVALID_TRANSITION']);
  });

  it('needs the regions of a cross-region case', async () => {
    const body = await gql(
      OPEN_CASE,
      {
        input: {
          creditCode: showcase,
          kind: 'CROSS_REGION',
          title: '跨省迁移',
          description: '迁出清税',
          idempotencyKey: randomUUID(),
        },
      },
      liaison,
    );
    expect([codes(body), argumentOf(body)]).toEqual([['BAD_USER_INPUT'], 'input.regions']);
  });
});

describe('handbook sections written by liaisons', () => {
  it('writes a section, then a new version of it; a stale version is a conflict', async () => {
    type Section = { sectionId: string; version: number; history: { version: number }[] };
    const write = (input: Record<string, unknown>) =>
      gql<{ writeHandbookSection: Section }>(
        SECTION,
        { input: { creditCode: showcase, idempotencyKey: randomUUID(), ...input } },
        liaison,
      );
    const first = ok(
      await write({ title: '走访准备要点', body: '重点核对外省项目预缴情况。' }),
    ).writeHandbookSection;
    expect(first.version).toBe(1);
    const second = ok(
      await write({
        sectionId: first.sectionId,
        title: '走访准备要点',
        body: '重点核对外省项目预缴和研发费用归集情况。',
        expectedVersion: 1,
      }),
    ).writeHandbookSection;
    expect(second).toMatchObject({ sectionId: first.sectionId, version: 2 });
    expect(second.history.map((h) => h.version)).toEqual([2, 1]);
    expect(
      codes(await write({ sectionId: first.sectionId, title: 'x', body: 'y', expectedVersion: 1 })),
    ).toEqual(['CONFLICT']);
    const sections = ok(
      await gql<{ enterprise: { serviceAccount: { handbook: Handbook } } }>(
        ACCOUNT('handbook { liaisonSections { sectionId version title } }'),
        { c: showcase },
        contact,
      ),
    ).enterprise.serviceAccount.handbook.liaisonSections;
    expect(sections.find((s) => s.sectionId === first.sectionId)).toMatchObject({ version: 2 });
  });
});

describe('who reaches a service account', () => {
  const READ = `query ($c: ID!) { enterprise(creditCode: $c) { name serviceAccount { accountNumber } } }`;

  it('the assigned liaison and the enterprise’s own contact read it', async () => {
    for (const token of [liaison, contact]) {
      const data = ok(
        await gql<{ enterprise: { serviceAccount: { accountNumber: string } } }>(
          READ,
          { c: showcase },
          token,
        ),
      );
      expect(data.enterprise.serviceAccount.accountNumber).toMatch(/^巴税企册/);
    }
  });

  it('anyone else is refused with FORBIDDEN: other tax staff, auditors, an unassigned liaison, another contact', async () => {
    for (const token of [analyst, await tokenFor('auditor')]) {
      const body = await gql<{ enterprise: { name: string; serviceAccount: null } }>(
        READ,
        { c: showcase },
        token,
      );
      expect(codes(body)).toEqual(['FORBIDDEN']);
      expect(body.errors![0]!.path).toEqual(['enterprise', 'serviceAccount']);
      // The rest of the enterprise is served.
      expect(body.data!.enterprise).toMatchObject({ serviceAccount: null });
      expect(body.data!.enterprise.name.length).toBeGreaterThan(0);
    }
    expect(codes(await gql(READ, { c: other }, liaison))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(READ, { c: showcase }, otherContact))).toEqual(['FORBIDDEN']);
  });

  it('has no account for an enterprise that is not large', async () => {
    const body = await gql<{ enterprise: { serviceAccount: null } }>(READ, { c: notLarge }, analyst);
    expect(body.errors).toBeUndefined();
    expect(body.data!.enterprise.serviceAccount).toBeNull();
  });

  it('lets the contact write only its own form and ruling requests, and a liaison only for its enterprises', async () => {
    const visit = (creditCode: string) => ({
      input: {
        creditCode,
        kind: 'VISIT',
        heldOn: today,
        location: '企业会议室',
        participants: [{ name: '联络员', side: 'TAX', title: '首席联络员' }],
        topics: ['政策辅导'],
        summary: '走访。',
        idempotencyKey: randomUUID(),
      },
    });
    // A liaison for an enterprise not assigned to them; other tax staff; the enterprise itself.
    expect(codes(await gql(VISIT, visit(other), liaison))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(VISIT, visit(showcase), analyst))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(VISIT, visit(showcase), contact))).toEqual(['FORBIDDEN']);
    // The contact's form is its own enterprise's; the liaison does not fill it in.
    expect(codes(await gql(SUBMIT, { input: formInput({ creditCode: other }) }, contact))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await gql(SUBMIT, { input: formInput() }, liaison))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(SUBMIT, { input: formInput() }, otherContact))).toEqual(['FORBIDDEN']);
    const ruling = (creditCode: string) => ({
      input: { creditCode, topic: '事项', category: 'OTHER', question: '问题', idempotencyKey: randomUUID() },
    });
    expect(codes(await gql(REQUEST_RULING, ruling(showcase), otherContact))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(REQUEST_RULING, ruling(showcase), analyst))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(REQUEST_RULING, ruling(showcase), await tokenFor('hrss-officer')))).toEqual([
      'FORBIDDEN',
    ]);
  });
});

describe('the handbook’s cost', () => {
  const HANDBOOKS = `query ($codes: [ID!]) { enterprises(filter: { creditCodes: $codes }, first: 20) { edges { node {
    creditCode serviceAccount {
      accountNumber team { name servicePhone } group { role outsideBazhong { region } }
      currentForm { version isCurrent financeDirector { phone } } formVersions { version status }
      visits(first: 3) { heldOn followUps { status } }
      majorAppeals { number steps { kind } } groupCases { number }
      handbook { title contactCard { liaisons { name } enterpriseContact { phone } } policies { code }
        complianceAgreements { number status } advanceRulings { number inForce }
        openMatters { kind title overdue } liaisonSections { title version history { version } } }
    }
  } } } }`;

  async function statements(codes: string[]) {
    const tax = hub.hub.subgraphs.tax!;
    const before = tax.sql.count;
    const data = ok(
      await gql<{ enterprises: { edges: { node: { serviceAccount: { handbook: Handbook } | null } }[] } }>(
        HANDBOOKS,
        { codes },
        liaison,
      ),
    );
    expect(data.enterprises.edges).toHaveLength(codes.length);
    expect(data.enterprises.edges.every((e) => e.node.serviceAccount !== null)).toBe(true);
    return tax.sql.count - before;
  }

  it('costs the same SQL statements for one enterprise as for all the liaison’s enterprises', async () => {
    expect(assigned.length).toBeGreaterThan(3);
    const one = await statements([showcase]);
    const several = await statements(assigned);
    expect(several).toBe(one);
    // The page, the liaison's assignments, the accounts and one statement for each of the 11 relations.
    expect(one).toBe(14);
  });
});
