// The service account's writes on a seeded tax subgraph, in process and at once: the account's row lock
// lets one of two different form submissions in and refuses the other as pending; the same request sent
// five times at once writes once; two liaisons moving one ruling at once move it once; one key sent for two
// enterprises at once is written for one and refused for the other; numbers never repeat.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assertion } from '../../core/tokens.js';
import { DEMO_LIAISON_SUBJECT, buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { BasicInfoFormSchema } from '../../subgraphs/tax/entities/index.js';
import { execute, startTestSubgraph, type TestSubgraph } from '../support/databases.js';
import { testIdentity } from '../support/identities.js';

const world = buildWorld('test');
const showcase = world.showcase.creditCode;
const assigned = world.tax.liaisonAssignments
  .filter((a) => a.liaisonSubject === DEMO_LIAISON_SUBJECT && a.creditCode !== showcase)
  .map((a) => a.creditCode);

let tax: TestSubgraph;
beforeAll(async () => {
  tax = await startTestSubgraph('tax');
});
afterAll(async () => tax?.dispose());

const as = (identity: ReturnType<typeof testIdentity>): Assertion => ({ identity, purpose: null });
const contact = as(testIdentity('enterprise-contact', { creditCode: showcase, subject: 'test:contact' }));
const liaison = (n = 1) => as(testIdentity('liaison', { subject: DEMO_LIAISON_SUBJECT, name: `联络员${n}` }));
const run = (query: string, input: Record<string, unknown>, assertion: Assertion) =>
  execute<Record<string, { id: string; status: string; version?: number; number?: string }>>(
    tax.runtime,
    query,
    { input },
    assertion,
  );
const codeOf = (result: Awaited<ReturnType<typeof run>>) => result.errors?.[0]?.extensions?.code ?? 'applied';

const SUBMIT = `mutation ($input: SubmitBasicInfoFormInput!) { submitBasicInfoForm(input: $input) { id version status } }`;
const REVIEW = `mutation ($input: ReviewBasicInfoFormInput!) { reviewBasicInfoForm(input: $input) { id status } }`;
const REQUEST = `mutation ($input: RequestAdvanceRulingInput!) { requestAdvanceRuling(input: $input) { id number status } }`;
const MOVE = `mutation ($input: TransitionAdvanceRulingInput!) { transitionAdvanceRuling(input: $input) { id status } }`;
const SECTION = `mutation ($input: WriteHandbookSectionInput!) { writeHandbookSection(input: $input) { sectionId version } }`;

const form = (employeeCount: number, idempotencyKey = randomUUID()) => ({
  creditCode: showcase,
  financeDirector: { name: '王建国', position: '财务总监', phone: '13908271234' },
  taxOfficer: { name: '苟小琴', position: '办税员', phone: '13908275678' },
  mainProducts: ['房屋建筑工程'],
  mainBusiness: '房屋建筑工程施工总承包',
  employeeCount,
  accountingStandard: 'ACCOUNTING_STANDARDS',
  accountingSoftware: '用友 NC Cloud',
  relatedParties: [],
  groupRole: 'INDEPENDENT',
  outsideBazhong: [],
  idempotencyKey,
});
const pending = async () =>
  (await tax.runtime.orm.em.fork().find(BasicInfoFormSchema, { creditCode: showcase, status: 'SUBMITTED' }))
    .length;

describe('the service account under concurrent writes', () => {
  it('lets one of two different submissions in at once and refuses the other as pending', async () => {
    const results = await Promise.all([run(SUBMIT, form(500), contact), run(SUBMIT, form(501), contact)]);
    expect(results.map(codeOf).sort()).toEqual(['INVALID_TRANSITION', 'applied']);
    expect(await pending()).toBe(1);
    const written = results.find((r) => !r.errors)!.data!.submitBasicInfoForm!;
    const review = await run(
      REVIEW,
      { formId: written.id, decision: 'APPROVED', idempotencyKey: randomUUID() },
      liaison(),
    );
    expect(review.data!.reviewBasicInfoForm!.status).toBe('APPROVED');
  });

  it('writes one version for the same request sent five times at once', async () => {
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 5 }, () => run(SUBMIT, form(600, key), contact)));
    expect(results.map(codeOf)).toEqual(Array(5).fill('applied'));
    expect(new Set(results.map((r) => r.data!.submitBasicInfoForm!.id)).size).toBe(1);
    expect(await pending()).toBe(1);
  });

  it('moves a ruling once when two liaisons move it at once', async () => {
    const requested = await run(
      REQUEST,
      {
        creditCode: showcase,
        topic: '并发审核',
        category: 'OTHER',
        question: '同时开始审核',
        idempotencyKey: randomUUID(),
      },
      contact,
    );
    const id = requested.data!.requestAdvanceRuling!.id;
    const results = await Promise.all(
      [1, 2].map((n) =>
        run(MOVE, { rulingId: id, to: 'UNDER_REVIEW', idempotencyKey: randomUUID() }, liaison(n)),
      ),
    );
    expect(results.map(codeOf).sort()).toEqual(['INVALID_TRANSITION', 'applied']);
  });

  it('gives concurrent requests distinct numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        run(
          REQUEST,
          {
            creditCode: showcase,
            topic: `事项${i}`,
            category: 'OTHER',
            question: '编号',
            idempotencyKey: randomUUID(),
          },
          contact,
        ),
      ),
    );
    const numbers = results.map((r) => r.data!.requestAdvanceRuling!.number!);
    expect(new Set(numbers).size).toBe(6);
    expect(numbers.every((n) => /^巴税裁〔\d{4}〕\d{4}号$/.test(n))).toBe(true);
  });

  it('writes a key sent for two enterprises at once for one of them only', async () => {
    expect(assigned.length).toBeGreaterThan(0);
    const key = randomUUID();
    const results = await Promise.all(
      [showcase, assigned[0]!].map((creditCode) =>
        run(SECTION, { creditCode, title: '同一幂等键', body: '并发', idempotencyKey: key }, liaison()),
      ),
    );
    expect(results.map(codeOf).sort()).toEqual(['IDEMPOTENCY_KEY_REUSED', 'applied']);
  });
});
