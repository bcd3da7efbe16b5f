// The service-quality monitoring on real PostgreSQL, through the tax subgraph's GraphQL: the tree as the
// table holds it, values recorded once per (indicator, unit, month) with corrections kept, a red value
// raising exactly one rectification task however often and however concurrently it is recorded, the task's
// follow-up refusing steps out of order, thresholds changed by analysts with an audit record, and 指标取数
// computing the appeal-derived indicators exactly as appealRates does over appeals inserted here.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../core/identity.js';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { applyAppealStep, registerAppeal } from '../../subgraphs/tax/appeals/ledger.js';
import { appealRates, periodOf } from '../../subgraphs/tax/appeals/rates.js';
import type { AppealSatisfaction, AppealStepKind } from '../../subgraphs/tax/appeals/workflow.js';
import {
  QualityValueRevisionSchema,
  QualityValueSchema,
  RectificationStepSchema,
  RectificationTaskSchema,
} from '../../subgraphs/tax/entities/index.js';
import { percentOf } from '../../subgraphs/tax/quality/ledger.js';
import { rate } from '../../subgraphs/tax/quality/rating.js';
import { dataOf, errorCode, executeAs, startTestSubgraph, type TestSubgraph } from '../support/databases.js';
import { testIdentity } from '../support/identities.js';

const world = buildWorld('test');
let tax: TestSubgraph;
const em = () => tax.runtime.orm.em.fork() as EntityManager;

beforeAll(async () => {
  tax = await startTestSubgraph('tax');
});
afterAll(async () => tax?.dispose());

const as = <T = Record<string, unknown>>(
  role: Role,
  query: string,
  variables: Record<string, unknown> = {},
) => executeAs<T>(tax.runtime, role, query, variables);
const codeOf = errorCode;
const ok = dataOf;

const RECORD = `mutation ($input: RecordQualityValuesInput!) { recordQualityValues(input: $input) {
  repeated results { outcome taskRaised value { id value rating revision unit { code kind }
    indicator { code } revisions { revision value note } task { id status steps { kind } } } } } }`;

interface Recorded {
  recordQualityValues: {
    repeated: boolean;
    results: {
      outcome: string;
      taskRaised: boolean;
      value: {
        id: string;
        value: number;
        rating: string;
        revision: number;
        revisions: { revision: number; value: number; note: string | null }[];
        task: { id: string; status: string; steps: { kind: string }[] } | null;
      };
    }[];
  };
}

const record = (
  values: { indicator: string; unit: string; value: number; note?: string }[],
  period: string,
  key = randomUUID(),
  role: Role = 'analyst',
) => as<Recorded>(role, RECORD, { input: { period, values, idempotencyKey: key } });

const tasksOf = (indicatorCode: string, unit: string, period: string) =>
  em().find(RectificationTaskSchema, { indicatorCode, unit, period });

describe('the indicator tree', () => {
  it('serves the 7 areas with their 26 indicators and current thresholds to tax staff and auditors', async () => {
    const query = `{ qualityIndicatorTree { code number level unit source weight children { code number level
      parent { code } unit unitSymbol direction source appealRate amberThreshold redThreshold thresholdVersion } } }`;
    type Tree = {
      qualityIndicatorTree: {
        code: string;
        level: number;
        weight: number;
        children: {
          code: string;
          level: number;
          parent: { code: string };
          source: string;
          unitSymbol: string;
        }[];
      }[];
    };
    const tree = ok(await as<Tree>('appeal-handler', query)).qualityIndicatorTree;
    expect(tree).toHaveLength(7);
    expect(tree.flatMap((a) => a.children)).toHaveLength(26);
    expect(
      tree.every((a) => a.level === 1 && a.children.every((c) => c.level === 2 && c.parent.code === a.code)),
    );
    expect(tree.reduce((s, a) => s + a.weight, 0)).toBe(100);
    expect(tree[0]!.children[0]).toMatchObject({ code: 'RESPONSE_RATE', source: 'APPEALS', unitSymbol: '%' });
    expect(ok(await as<Tree>('auditor', query)).qualityIndicatorTree).toHaveLength(7);
    expect(codeOf(await as('hrss-officer', query))).toBe('FORBIDDEN');
  });
});

describe('recording values', () => {
  it('records once, repeats nothing, keeps the previous value on a correction, and raises one task for a red value', async () => {
    const period = '2025-01';
    const key = randomUUID();
    const first = ok(
      await record([{ indicator: 'HOTLINE_ANSWER_RATE', unit: 'BAZHOU', value: 70 }], period, key),
    );
    expect(first.recordQualityValues.repeated).toBe(false);
    const [created] = first.recordQualityValues.results;
    expect(created).toMatchObject({ outcome: 'CREATED', taskRaised: true });
    expect(created!.value).toMatchObject({ value: 70, rating: 'RED', revision: 1 });
    expect(created!.value.task).toMatchObject({ status: 'OPEN', steps: [{ kind: 'RAISE' }] });

    // The same request again: the first answer, nothing written.
    const again = ok(
      await record([{ indicator: 'HOTLINE_ANSWER_RATE', unit: 'BAZHOU', value: 70 }], period, key),
    );
    expect(again.recordQualityValues.repeated).toBe(true);
    expect(again.recordQualityValues.results[0]).toMatchObject({ outcome: 'CREATED', taskRaised: true });
    // The same key for another request is refused.
    expect(
      codeOf(await record([{ indicator: 'HOTLINE_ANSWER_RATE', unit: 'BAZHOU', value: 71 }], period, key)),
    ).toBe('IDEMPOTENCY_KEY_REUSED');

    // The same value under a new key changes nothing.
    const same = ok(await record([{ indicator: 'HOTLINE_ANSWER_RATE', unit: 'BAZHOU', value: 70 }], period));
    expect(same.recordQualityValues.results[0]).toMatchObject({ outcome: 'UNCHANGED', taskRaised: false });
    expect(same.recordQualityValues.results[0]!.value.revision).toBe(1);

    // A different value is a correction: kept with the previous one, and noted on the task.
    const corrected = ok(
      await record(
        [{ indicator: 'HOTLINE_ANSWER_RATE', unit: 'BAZHOU', value: 86.5, note: '核对话务系统后更正' }],
        period,
      ),
    );
    const [c] = corrected.recordQualityValues.results;
    expect(c).toMatchObject({ outcome: 'CORRECTED', taskRaised: false });
    expect(c!.value).toMatchObject({ value: 86.5, rating: 'AMBER', revision: 2 });
    expect(c!.value.revisions).toEqual([
      { revision: 1, value: 70, note: null },
      { revision: 2, value: 86.5, note: '核对话务系统后更正' },
    ]);
    expect(c!.value.task!.steps.map((s) => s.kind)).toEqual(['RAISE', 'REMEASURE']);

    // Red again: still the one task.
    const red = ok(await record([{ indicator: 'HOTLINE_ANSWER_RATE', unit: 'BAZHOU', value: 60 }], period));
    expect(red.recordQualityValues.results[0]).toMatchObject({ outcome: 'CORRECTED', taskRaised: false });
    expect(await tasksOf('HOTLINE_ANSWER_RATE', 'BAZHOU', period)).toHaveLength(1);
    expect(
      await em().count(QualityValueSchema, { indicatorCode: 'HOTLINE_ANSWER_RATE', unit: 'BAZHOU', period }),
    ).toBe(1);
  });

  it('raises exactly one task when the same red value is recorded by several requests at once', async () => {
    const period = '2025-02';
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        record([{ indicator: 'HALL_WAIT_MINUTES', unit: 'ENYANG_BRANCH_1', value: 35 }], period),
      ),
    );
    const outcomes = results.map((r) => ok(r).recordQualityValues.results[0]!);
    expect(outcomes.filter((o) => o.outcome === 'CREATED')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'UNCHANGED')).toHaveLength(5);
    expect(outcomes.filter((o) => o.taskRaised)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.value.task!.id)).size).toBe(1);
    expect(await tasksOf('HALL_WAIT_MINUTES', 'ENYANG_BRANCH_1', period)).toHaveLength(1);
  });

  it('raises exactly one task when different red values race, each kept as a revision', async () => {
    const period = '2025-03';
    const values = [31, 32, 33, 34, 35];
    const results = await Promise.all(
      values.map((value) => record([{ indicator: 'HALL_WAIT_MINUTES', unit: 'NANJIANG', value }], period)),
    );
    const outcomes = results.map((r) => ok(r).recordQualityValues.results[0]!);
    expect(outcomes.filter((o) => o.outcome === 'CREATED')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'CORRECTED')).toHaveLength(4);
    expect(outcomes.filter((o) => o.taskRaised)).toHaveLength(1);
    const [task] = await tasksOf('HALL_WAIT_MINUTES', 'NANJIANG', period);
    const [value] = await em().find(QualityValueSchema, {
      indicatorCode: 'HALL_WAIT_MINUTES',
      unit: 'NANJIANG',
      period,
    });
    const revisions = await em().find(
      QualityValueRevisionSchema,
      { valueId: value!.id },
      { orderBy: { revision: 'asc' } },
    );
    expect(revisions.map((r) => r.revision)).toEqual([1, 2, 3, 4, 5]);
    expect(revisions.map((r) => r.value).sort()).toEqual(values);
    expect(value!.value).toBe(revisions.at(-1)!.value);
    const steps = await em().find(RectificationStepSchema, { taskId: task!.id }, { orderBy: { seq: 'asc' } });
    expect(steps.map((s) => s.kind)).toEqual(['RAISE', 'REMEASURE', 'REMEASURE', 'REMEASURE', 'REMEASURE']);
  });

  it('records a batch, green and amber values raising nothing', async () => {
    const period = '2025-04';
    const result = ok(
      await record(
        [
          { indicator: 'GOOD_REVIEW_RATE', unit: 'TONGJIANG', value: 99.5 },
          { indicator: 'GOOD_REVIEW_RATE', unit: 'PINGCHANG', value: 98 },
          { indicator: 'NEGATIVE_OPINION_COUNT', unit: 'TONGJIANG', value: 4 },
        ],
        period,
      ),
    ).recordQualityValues.results;
    expect(result.map((r) => [r.value.rating, r.taskRaised])).toEqual([
      ['GREEN', false],
      ['AMBER', false],
      ['RED', true],
    ]);
  });

  it('refuses what cannot be recorded, and who may not record', async () => {
    const one = (v: { indicator: string; unit: string; value: number }, period = '2025-05') =>
      record([v], period);
    // Computed from the appeals: only 指标取数 records it.
    expect(codeOf(await one({ indicator: 'RESPONSE_RATE', unit: 'BAZHOU', value: 99 }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await one({ indicator: 'RESPONSE', unit: 'BAZHOU', value: 99 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await one({ indicator: 'NO_SUCH', unit: 'BAZHOU', value: 1 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await one({ indicator: 'GOOD_REVIEW_RATE', unit: 'SHANGHAI', value: 99 }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await one({ indicator: 'GOOD_REVIEW_RATE', unit: 'BAZHOU', value: 101 }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await one({ indicator: 'NEGATIVE_OPINION_COUNT', unit: 'BAZHOU', value: 1.5 }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await one({ indicator: 'GOOD_REVIEW_RATE', unit: 'BAZHOU', value: 99 }, '2999-01'))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await one({ indicator: 'GOOD_REVIEW_RATE', unit: 'BAZHOU', value: 99 }, '2025-13'))).toBe(
      'BAD_USER_INPUT',
    );
    const v = [{ indicator: 'GOOD_REVIEW_RATE', unit: 'BAZHOU', value: 99 }];
    expect(codeOf(await record(v, '2025-05', randomUUID(), 'appeal-handler'))).toBe('FORBIDDEN');
    expect(codeOf(await record(v, '2025-05', randomUUID(), 'auditor'))).toBe('FORBIDDEN');
    // Nothing of the refused requests was written.
    expect(await em().count(QualityValueSchema, { period: '2025-05' })).toBe(0);
  });
});

const STEP = `mutation ($input: RectificationStepInput!) { recordRectificationStep(input: $input) {
  id status version overdue returnCount rectificationNote verifiedBy steps { seq kind statusBefore statusAfter actorName content } } }`;
interface Stepped {
  recordRectificationStep: {
    id: string;
    status: string;
    version: number;
    returnCount: number;
    rectificationNote: string | null;
    verifiedBy: string | null;
    steps: { seq: number; kind: string; statusBefore: string; statusAfter: string; actorName: string }[];
  };
}

describe('the follow-up of a rectification task', () => {
  let taskId: string;
  beforeAll(async () => {
    const result = ok(
      await record([{ indicator: 'ESCALATION_RATE', unit: 'PINGCHANG', value: 15 }], '2025-06'),
    );
    taskId = result.recordQualityValues.results[0]!.value.task!.id;
  });
  const step = (
    action: string,
    role: Role = 'appeal-handler',
    extra: Record<string, unknown> = {},
    key = randomUUID(),
  ) =>
    as<Stepped>(role, STEP, {
      input: { task: taskId, action, content: `${action} 的跟进内容`, idempotencyKey: key, ...extra },
    });

  it('refuses steps out of order with INVALID_TRANSITION, and verification by anyone but an analyst', async () => {
    expect(codeOf(await step('COMPLETE'))).toBe('INVALID_TRANSITION');
    expect(codeOf(await step('VERIFY', 'analyst'))).toBe('INVALID_TRANSITION');
    expect(codeOf(await step('PROGRESS'))).toBe('INVALID_TRANSITION');
    const key = randomUUID();
    const started = ok(await step('START', 'appeal-handler', {}, key)).recordRectificationStep;
    expect(started).toMatchObject({ status: 'IN_PROGRESS', version: 2 });
    // The same step again under its key is recorded once.
    expect(ok(await step('START', 'appeal-handler', {}, key)).recordRectificationStep.version).toBe(2);
    expect(codeOf(await step('START'))).toBe('INVALID_TRANSITION');
    expect(codeOf(await step('PROGRESS', 'appeal-handler', { expectedVersion: 1 }))).toBe('CONFLICT');
    ok(await step('PROGRESS', 'appeal-handler', { expectedVersion: 2 }));
    const done = ok(await step('COMPLETE')).recordRectificationStep;
    expect(done).toMatchObject({ status: 'DONE', rectificationNote: 'COMPLETE 的跟进内容' });
    expect(codeOf(await step('VERIFY', 'appeal-handler'))).toBe('FORBIDDEN');
    expect(codeOf(await step('RETURN', 'liaison'))).toBe('FORBIDDEN');
    expect(codeOf(await step('VERIFY', 'auditor'))).toBe('FORBIDDEN');
  });

  it('goes back to in progress when verification fails, and is verified in the end; a verified task is final', async () => {
    const returned = ok(await step('RETURN', 'analyst')).recordRectificationStep;
    expect(returned).toMatchObject({
      status: 'IN_PROGRESS',
      returnCount: 1,
      rectificationNote: 'COMPLETE 的跟进内容',
    });
    expect(codeOf(await step('VERIFY', 'analyst'))).toBe('INVALID_TRANSITION');
    ok(await step('COMPLETE', 'analyst'));
    const verified = ok(await step('VERIFY', 'analyst')).recordRectificationStep;
    expect(verified).toMatchObject({
      status: 'VERIFIED',
      verifiedBy: testIdentity('analyst').name,
      overdue: false,
    });
    expect(verified.steps.map((s) => `${s.kind}:${s.statusBefore}→${s.statusAfter}`)).toEqual([
      'RAISE:OPEN→OPEN',
      'START:OPEN→IN_PROGRESS',
      'PROGRESS:IN_PROGRESS→IN_PROGRESS',
      'COMPLETE:IN_PROGRESS→DONE',
      'RETURN:DONE→IN_PROGRESS',
      'COMPLETE:IN_PROGRESS→DONE',
      'VERIFY:DONE→VERIFIED',
    ]);
    expect(verified.steps.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const action of ['START', 'PROGRESS', 'COMPLETE', 'VERIFY', 'RETURN'])
      expect(codeOf(await step(action, 'analyst'))).toBe('INVALID_TRANSITION');
  });

  it('answers NOT_FOUND for a task that does not exist', async () => {
    expect(
      codeOf(
        await as('analyst', STEP, {
          input: { task: randomUUID(), action: 'START', content: 'x', idempotencyKey: randomUUID() },
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(codeOf(await as('analyst', `{ rectificationTask(id: "nope") { id } }`))).toBe('NOT_FOUND');
  });
});

describe('thresholds', () => {
  const SET = `mutation ($input: SetQualityThresholdsInput!) { setQualityThresholds(input: $input) {
    code amberThreshold redThreshold thresholdVersion thresholdsChangedBy
    thresholdHistory { version amberBefore redBefore amberAfter redAfter reason actorName } } }`;
  type Set = {
    setQualityThresholds: {
      thresholdVersion: number;
      amberThreshold: number;
      redThreshold: number;
      thresholdHistory: { version: number; amberBefore: number; amberAfter: number; actorName: string }[];
    };
  };
  const set = (amber: number, red: number, role: Role = 'analyst', extra: Record<string, unknown> = {}) =>
    as<Set>(role, SET, {
      input: {
        indicator: 'REVISIT_RATE',
        amberThreshold: amber,
        redThreshold: red,
        reason: '按专班意见调整',
        idempotencyKey: randomUUID(),
        ...extra,
      },
    });

  it('are changed by analysts only, consistently, versioned with who and why; values are rated by the new ones', async () => {
    expect(codeOf(await set(97, 90, 'appeal-handler'))).toBe('FORBIDDEN');
    expect(codeOf(await set(85, 90))).toBe('BAD_USER_INPUT');
    expect(codeOf(await set(97, 90, 'analyst', { expectedVersion: 7 }))).toBe('CONFLICT');
    const level1 = await as('analyst', SET, {
      input: {
        indicator: 'RESPONSE',
        amberThreshold: 9,
        redThreshold: 8,
        reason: 'x',
        idempotencyKey: randomUUID(),
      },
    });
    expect(codeOf(level1)).toBe('BAD_USER_INPUT');

    ok(await record([{ indicator: 'REVISIT_RATE', unit: 'BAZHOU', value: 93 }], '2025-07'));
    const rating = async () =>
      ok(
        await as<{ qualityValues: { rating: string }[] }>(
          'auditor',
          `{ qualityValues(period: "2025-07", unit: "BAZHOU", indicator: "REVISIT_RATE") { rating } }`,
        ),
      ).qualityValues[0]!.rating;
    expect(await rating()).toBe('AMBER');

    const changed = ok(await set(92, 88, 'analyst', { expectedVersion: 1 })).setQualityThresholds;
    expect(changed).toMatchObject({ thresholdVersion: 2, amberThreshold: 92, redThreshold: 88 });
    expect(changed.thresholdHistory).toEqual([
      expect.objectContaining({
        version: 2,
        amberBefore: 95,
        amberAfter: 92,
        actorName: testIdentity('analyst').name,
      }),
    ]);
    expect(await rating()).toBe('GREEN');
    // The same thresholds again change nothing.
    expect(ok(await set(92, 88)).setQualityThresholds.thresholdVersion).toBe(2);
  });
});

describe('指标取数: the appeal-derived indicators of a month', () => {
  const actor = { subject: 'test:appeal-handler', name: '测试办理人' };
  const at = (iso: string) => new Date(`${iso}+08:00`);
  let n = 0;
  async function appeal(
    district: 'BAZHOU' | 'PINGCHANG',
    receivedAt: string,
    steps: [AppealStepKind, string, AppealSatisfaction?][],
    phone = `1390000${String(++n).padStart(4, '0')}`,
  ) {
    const { appeal: a } = await registerAppeal(em(), {
      channel: 'HOTLINE_12366',
      channelReference: randomUUID(),
      kind: 'COMPLAINT',
      district,
      creditCode: null,
      personId: null,
      appellantName: '张某',
      appellantPhone: phone,
      content: '在商场消费后商家拒开发票',
      receivedAt: at(receivedAt),
      actor,
    });
    for (const [kind, when, satisfaction] of steps) {
      await applyAppealStep(em(), {
        number: a.number,
        kind,
        content: `${kind} 测试`,
        handlingUnit: kind === 'ACCEPT' ? `${district}_BRANCH_1` : null,
        satisfaction: satisfaction ?? null,
        topic: null,
        expectedVersion: null,
        idempotencyKey: randomUUID(),
        actor,
        at: at(when),
      });
    }
  }

  beforeAll(async () => {
    const loop = (
      day: string,
      revisit: AppealSatisfaction,
    ): [AppealStepKind, string, AppealSatisfaction?][] => [
      ['ACCEPT', `2019-06-${day}T10:00:00`],
      ['START_INVESTIGATION', `2019-06-${day}T15:00:00`],
      ['HANDLE', `2019-06-${day}T17:00:00`],
      ['FEEDBACK', `2019-06-${day}T18:00:00`],
      ['REVISIT', `2019-06-${day}T19:00:00`, revisit],
    ];
    await appeal('BAZHOU', '2019-06-03T09:00:00', loop('03', 'SATISFIED'), '13800000001');
    // Accepted two days late, and the appellant was not satisfied: reopened.
    await appeal('BAZHOU', '2019-06-10T09:00:00', [
      ['ACCEPT', '2019-06-12T10:00:00'],
      ['START_INVESTIGATION', '2019-06-12T11:00:00'],
      ['HANDLE', '2019-06-13T11:00:00'],
      ['FEEDBACK', '2019-06-13T12:00:00'],
      ['REVISIT', '2019-06-14T12:00:00', 'DISSATISFIED'],
    ]);
    await appeal('BAZHOU', '2019-06-20T09:00:00', [['REJECT', '2019-06-20T11:00:00']]);
    // The same caller on the same topic again: a likely duplicate.
    await appeal('BAZHOU', '2019-06-15T09:00:00', [['ACCEPT', '2019-06-15T09:30:00']], '13800000001');
    await appeal('BAZHOU', '2019-06-30T23:30:00', []);
    await appeal('PINGCHANG', '2019-06-05T09:00:00', loop('05', 'BASICALLY_SATISFIED'));
    await appeal('PINGCHANG', '2019-06-28T09:00:00', [['ACCEPT', '2019-06-28T12:00:00']]);
    // Outside the month (Beijing time): not counted.
    await appeal('PINGCHANG', '2019-07-01T00:10:00', []);
    await appeal('BAZHOU', '2019-05-31T23:50:00', [['ACCEPT', '2019-06-01T08:00:00']]);
  });

  const FETCH = `mutation ($input: FetchQualityIndicatorsInput!) { fetchQualityIndicators(input: $input) {
    repeated results { outcome taskRaised value { value rating source basis unit { code } indicator { code appealRate } } } } }`;
  type Fetched = {
    fetchQualityIndicators: {
      repeated: boolean;
      results: {
        outcome: string;
        taskRaised: boolean;
        value: {
          value: number;
          rating: string;
          source: string;
          basis: string;
          unit: { code: string };
          indicator: { code: string; appealRate: string };
        };
      }[];
    };
  };

  it('records, per district, exactly the rates appealRates computes over the month’s appeals', async () => {
    const key = randomUUID();
    const fetched = ok(
      await as<Fetched>('analyst', FETCH, { input: { period: '2019-06', idempotencyKey: key } }),
    ).fetchQualityIndicators;
    expect(fetched.repeated).toBe(false);
    const { start, end } = periodOf('2019-06-01', '2019-06-30');
    const { rows } = await appealRates(em(), 'DISTRICT', { start, end });
    const field = {
      RESPONSE_RATE: 'responseRate',
      RESOLUTION_RATE: 'resolutionRate',
      SATISFACTION_RATE: 'satisfactionRate',
      DUPLICATE_RATE: 'duplicateRate',
      OVERDUE_RATE: 'overdueRate',
    } as const;
    const expected = rows
      .flatMap((row) =>
        Object.entries(field).flatMap(([code, key]) => {
          const r = row.rates[key];
          return r === null ? [] : [`${row.key} ${code} ${percentOf(r)}`];
        }),
      )
      .sort();
    const got = fetched.results
      .map((r) => `${r.value.unit.code} ${r.value.indicator.appealRate} ${r.value.value}`)
      .sort();
    expect(got).toEqual(expected);
    expect(rows.map((r) => [r.key, r.rates.received]).sort()).toEqual([
      ['BAZHOU', 5],
      ['PINGCHANG', 2],
    ]);
    // 巴州区: 3 of 5 answered within a day, 1 of 5 a duplicate.
    const bazhou = (code: string) =>
      fetched.results.find((r) => r.value.unit.code === 'BAZHOU' && r.value.indicator.code === code)!;
    expect(bazhou('RESPONSE_RATE').value).toMatchObject({
      value: 60,
      rating: 'RED',
      source: 'APPEALS',
      basis: '及时响应 3 / 接收 5',
    });
    expect(bazhou('RESPONSE_RATE').taskRaised).toBe(true);
    expect(bazhou('DUPLICATE_RATE').value.value).toBe(20);
    expect(fetched.results.every((r) => r.outcome === 'CREATED')).toBe(true);
    for (const r of fetched.results) expect(r.taskRaised).toBe(r.value.rating === 'RED');

    // Again under the same key: the first answer; under a new key: the same values, unchanged.
    const repeat = ok(
      await as<Fetched>('analyst', FETCH, { input: { period: '2019-06', idempotencyKey: key } }),
    );
    expect(repeat.fetchQualityIndicators.repeated).toBe(true);
    const fresh = ok(
      await as<Fetched>('analyst', FETCH, { input: { period: '2019-06', idempotencyKey: randomUUID() } }),
    );
    expect(
      fresh.fetchQualityIndicators.results.every((r) => r.outcome === 'UNCHANGED' && !r.taskRaised),
    ).toBe(true);
    expect(await tasksOf('RESPONSE_RATE', 'BAZHOU', '2019-06')).toHaveLength(1);
  });

  it('is for analysts only, and for months that have begun', async () => {
    const input = { period: '2019-06', idempotencyKey: randomUUID() };
    expect(codeOf(await as('appeal-handler', FETCH, { input }))).toBe('FORBIDDEN');
    expect(codeOf(await as('analyst', FETCH, { input: { ...input, period: '2999-01' } }))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('reading the monitoring', () => {
  const seeded = world.tax.quality;
  const lastPeriod = '2026-10';

  it('serves a month’s values with their ratings against the thresholds in force', async () => {
    const result = ok(
      await as<{
        qualityValues: {
          value: number;
          rating: string;
          indicator: { code: string };
          unit: { code: string };
        }[];
      }>(
        'appeal-handler',
        `{ qualityValues(period: "${lastPeriod}", unit: "TONGJIANG") { value rating indicator { code } unit { code } } }`,
      ),
    ).qualityValues;
    const expected = seeded.values.filter((v) => v.period === lastPeriod && v.unit === 'TONGJIANG');
    expect(result).toHaveLength(26);
    const indicators = new Map(seeded.indicators.map((i) => [i.code, i]));
    for (const v of result) {
      const row = expected.find((e) => e.indicatorCode === v.indicator.code)!;
      expect(v.value).toBe(row.value);
      if (v.indicator.code !== 'REVISIT_RATE')
        expect(v.rating).toBe(rate(indicators.get(row.indicatorCode)!, row.value));
    }
    const red = ok(
      await as<{ qualityValues: { rating: string }[] }>(
        'auditor',
        `{ qualityValues(period: "${lastPeriod}", rating: RED) { rating } }`,
      ),
    ).qualityValues;
    expect(red.length).toBeGreaterThan(0);
    expect(red.every((v) => v.rating === 'RED')).toBe(true);
    const trend = ok(
      await as<{ qualityTrend: { value: number }[] }>(
        'auditor',
        `{ qualityTrend(indicator: "GOOD_REVIEW_RATE", unit: "BAZHOU", from: "2026-01", to: "2026-12") { value } }`,
      ),
    ).qualityTrend;
    expect(trend).toHaveLength(6);
  });

  it('pages the tasks newest first, filtered by status and overdue, at a constant number of statements', async () => {
    const query = `query ($first: Int, $after: String, $filter: RectificationTaskFilter) {
      rectificationTasks(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { id status overdue period dueOn unit { code name } indicator { code name parent { code } }
          currentValue { value rating revisions { revision } } steps { seq kind actorName } } } } }`;
    type Page = {
      rectificationTasks: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: { id: string; status: string; overdue: boolean; steps: unknown[] } }[];
      };
    };
    const counts: number[] = [];
    for (const first of [3, 30]) {
      const before = tax.runtime.sql.count;
      const page = ok(await as<Page>('auditor', query, { first })).rectificationTasks;
      counts.push(tax.runtime.sql.count - before);
      expect(page.edges).toHaveLength(first);
      expect(page.edges.every((e) => e.node.steps.length > 0)).toBe(true);
    }
    // The page, its count, and one batch each of indicators, their parents, values, revisions and steps.
    expect(counts).toEqual([7, 7]);

    const verified: string[] = [];
    let after: string | null = null;
    do {
      const page: Page['rectificationTasks'] = ok(
        await as<Page>('auditor', query, { first: 7, after, filter: { status: 'VERIFIED' } }),
      ).rectificationTasks;
      verified.push(...page.edges.map((e) => e.node.id));
      expect(page.edges.every((e) => e.node.status === 'VERIFIED')).toBe(true);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(verified).size).toBe(verified.length);
    expect(verified.length).toBe(await em().count(RectificationTaskSchema, { status: 'VERIFIED' }));

    const overdue = ok(
      await as<Page>('auditor', query, { first: 100, filter: { overdue: true } }),
    ).rectificationTasks;
    expect(overdue.edges.length).toBeGreaterThan(0);
    expect(
      overdue.edges.every((e) => e.node.overdue && ['OPEN', 'IN_PROGRESS'].includes(e.node.status)),
    ).toBe(true);
    const notOverdue = ok(
      await as<Page>('auditor', query, { first: 5, filter: { overdue: false } }),
    ).rectificationTasks;
    expect(notOverdue.totalCount + overdue.totalCount).toBe(await em().count(RectificationTaskSchema, {}));
  });

  it('summarises a month: ratings, scores, tasks by status', async () => {
    const summary = ok(
      await as<{
        qualitySummary: {
          values: number;
          green: number;
          amber: number;
          red: number;
          score: number;
          tasksRaised: number;
          tasksByStatus: { status: string; count: number }[];
          areas: { indicator: { code: string }; values: number; score: number | null }[];
          units: { unit: { code: string }; values: number; score: number }[];
        };
      }>(
        'appeal-handler',
        `{ qualitySummary(period: "${lastPeriod}") { values green amber red score tasksRaised overdueTasks
          tasksByStatus { status count } areas { indicator { code } values score } units { unit { code } values score } } }`,
      ),
    ).qualitySummary;
    const month = seeded.values.filter((v) => v.period === lastPeriod);
    expect(summary.values).toBe(month.length);
    expect(summary.green + summary.amber + summary.red).toBe(summary.values);
    expect(summary.areas).toHaveLength(7);
    expect(summary.areas.reduce((s, a) => s + a.values, 0)).toBe(summary.values);
    expect(summary.units.reduce((s, u) => s + u.values, 0)).toBe(summary.values);
    expect(summary.units.slice(0, 5).map((u) => u.unit.code)).toEqual([
      'BAZHOU',
      'ENYANG',
      'TONGJIANG',
      'NANJIANG',
      'PINGCHANG',
    ]);
    expect(summary.tasksByStatus.reduce((s, t) => s + t.count, 0)).toBe(summary.tasksRaised);
    expect(summary.tasksRaised).toBe(seeded.tasks.filter((t) => t.period === lastPeriod).length);
    expect(summary.score).toBeGreaterThan(0);
    expect(summary.score).toBeLessThanOrEqual(100);
  });
});
