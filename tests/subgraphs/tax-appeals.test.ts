// The appeal ledger, rates, history and weekly analysis on real PostgreSQL, on a tax database of its own
// with no demo data, so that every figure is the hand-built fixture's: intake idempotent per channel
// reference (also at once), duplicates linked, the loop with its refusals, overdue flags, reopening, the
// rates, Table 2's legacy years beside counted ones, and the hot-topic rule on a planted surge.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse, generateAnalysis, mondayOf, addDays } from '../../subgraphs/tax/appeals/analysis.js';
import type { AppealChannel, AppealKind } from '../../subgraphs/tax/appeals/catalogue.js';
import { changeGuide, draftGuide } from '../../subgraphs/tax/appeals/guides.js';
import { validReportsByYear } from '../../subgraphs/tax/appeals/history.js';
import { applyAppealStep, registerAppeal, type IntakeInput } from '../../subgraphs/tax/appeals/ledger.js';
import { appealRates, periodOf } from '../../subgraphs/tax/appeals/rates.js';
import type { AppealStepKind } from '../../subgraphs/tax/appeals/workflow.js';
import {
  AppealAnalysisReportSchema,
  AppealSchema,
  AppealStepSchema,
  AppealYearlyFigureSchema,
} from '../../subgraphs/tax/entities/index.js';
import type { TaxLoaders } from '../../subgraphs/tax/loaders.js';
import { definition } from '../../subgraphs/tax/server.js';
import { createSubgraph, type SubgraphRuntime } from '../../subgraphs/shared/factory.js';
import { createTestDatabase, executeAs } from '../support/databases.js';

let runtime: SubgraphRuntime<TaxLoaders>;
let drop: () => Promise<void>;
const em = () => runtime.orm.em.fork() as EntityManager;
const DAY = 24 * 60 * 60 * 1000;
const actor = { subject: 'test:appeal-handler', name: '12366 坐席 李某' };

beforeAll(async () => {
  const db = await createTestDatabase('tax_appeals');
  drop = db.drop;
  runtime = await createSubgraph(definition, { databaseUrl: db.url });
  await runtime.migrate();
});
afterAll(async () => {
  await runtime?.stop();
  await drop?.();
});

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'applied',
    (error: { extensions?: { code?: string } }) => error.extensions?.code ?? String(error),
  );

function intake(overrides: Partial<IntakeInput> = {}): IntakeInput {
  return {
    channel: 'HOTLINE_12366',
    channelReference: `12366-${randomUUID()}`,
    kind: 'REPORT',
    district: 'BAZHOU',
    creditCode: null,
    personId: null,
    appellantName: '王小明',
    appellantPhone: '13800001234',
    content: '举报某餐馆消费后拒开发票，称开票要加税点',
    receivedAt: new Date(),
    actor,
    ...overrides,
  };
}

const step = (number: string, kind: AppealStepKind, extra: Record<string, unknown> = {}) =>
  applyAppealStep(em(), {
    number,
    kind,
    content: `${kind} 记录`,
    handlingUnit: null,
    satisfaction: null,
    topic: null,
    expectedVersion: null,
    idempotencyKey: randomUUID(),
    actor,
    at: new Date(),
    ...extra,
  });

describe('an installation without demo data', () => {
  it('starts with the service-quality indicator tree: 7 areas and 26 indicators', async () => {
    const rows = await em()
      .getConnection()
      .execute<{ level: number; n: number }[]>(
        'select level, count(*)::int as n from quality_indicator group by level order by level',
      );
    expect(rows).toEqual([
      { level: 1, n: 7 },
      { level: 2, n: 26 },
    ]);
  });
});

describe('intake', () => {
  it('classifies, numbers and records the RECEIVE step; the same channel reference is the same appeal', async () => {
    const input = intake();
    const first = await registerAppeal(em(), input);
    expect(first.repeated).toBe(false);
    expect(first.appeal.topic).toBe('INVOICE_REFUSAL');
    expect(first.appeal.matchedPhrases).toContain('拒开');
    expect(first.appeal.number).toMatch(/^巴税诉〔\d{4}〕\d{7}号$/);
    expect(first.appeal.supervisingUnit).toBe('BAZHOU_SERVICE_CENTRE');
    const again = await registerAppeal(em(), input);
    expect(again).toMatchObject({ repeated: true, appeal: { id: first.appeal.id } });
    // The same reference by another channel is another appeal.
    const other = await registerAppeal(em(), { ...input, channel: 'HOTLINE_12345' });
    expect(other.appeal.id).not.toBe(first.appeal.id);
    const rows = await em().count(AppealSchema, { channelReference: input.channelReference });
    expect(rows).toBe(2);
    expect(await em().count(AppealStepSchema, { appealId: first.appeal.id })).toBe(1);
  });

  it('refuses the same channel reference with different content, and writes nothing', async () => {
    const input = intake();
    await registerAppeal(em(), input);
    expect(await codeOf(registerAppeal(em(), { ...input, content: '另一件事：契税问题' }))).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(await em().count(AppealSchema, { channelReference: input.channelReference })).toBe(1);
  });

  it('registers one appeal when the same reference arrives eight times at once', async () => {
    const input = intake();
    const results = await Promise.all(Array.from({ length: 8 }, () => registerAppeal(em(), input)));
    expect(new Set(results.map((r) => r.appeal.id)).size).toBe(1);
    expect(results.filter((r) => !r.repeated)).toHaveLength(1);
    expect(await em().count(AppealSchema, { channelReference: input.channelReference })).toBe(1);
  });

  it('links a likely duplicate (same party and topic within 30 days) to the first of its chain, not a different topic or an older one', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const base = Date.now() - 40 * DAY;
    const at = (days: number) => new Date(base + days * DAY);
    const old = await registerAppeal(em(), intake({ appellantPhone: phone, receivedAt: at(0) }));
    const first = await registerAppeal(em(), intake({ appellantPhone: phone, receivedAt: at(31) }));
    const second = await registerAppeal(em(), intake({ appellantPhone: phone, receivedAt: at(35) }));
    const third = await registerAppeal(em(), intake({ appellantPhone: phone, receivedAt: at(38) }));
    const otherTopic = await registerAppeal(
      em(),
      intake({ appellantPhone: phone, receivedAt: at(38), content: '咨询购房契税怎么缴纳' }),
    );
    expect(old.appeal.duplicateOf).toBeNull();
    expect(first.appeal.duplicateOf).toBeNull(); // 31 days after the old one: outside the window
    expect(second.appeal.duplicateOf).toBe(first.appeal.id);
    expect(third.appeal.duplicateOf).toBe(first.appeal.id);
    expect(otherTopic.appeal.topic).toBe('DEED_TAX');
    expect(otherTopic.appeal.duplicateOf).toBeNull();
  });
});

describe('the closed loop', () => {
  it('walks receive → accept → investigate → handle → feedback → revisit, each step with actor and time', async () => {
    const { appeal } = await registerAppeal(em(), intake());
    await step(appeal.number, 'ACCEPT', { handlingUnit: 'BAZHOU_BRANCH_1' });
    await step(appeal.number, 'START_INVESTIGATION');
    await step(appeal.number, 'HANDLE');
    await step(appeal.number, 'FEEDBACK');
    const { appeal: closed } = await step(appeal.number, 'REVISIT', { satisfaction: 'SATISFIED' });
    expect(closed).toMatchObject({
      stage: 'CLOSED',
      version: 6,
      handlingUnit: 'BAZHOU_BRANCH_1',
      satisfaction: 'SATISFIED',
    });
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect(closed.stageDueAt).toBeNull();
    const steps = await em().find(AppealStepSchema, { appealId: appeal.id }, { orderBy: { seq: 'asc' } });
    expect(steps.map((s) => [s.seq, s.kind, s.stageAfter])).toEqual([
      [1, 'RECEIVE', 'RECEIVED'],
      [2, 'ACCEPT', 'ACCEPTED'],
      [3, 'START_INVESTIGATION', 'INVESTIGATING'],
      [4, 'HANDLE', 'HANDLED'],
      [5, 'FEEDBACK', 'FEEDBACK_GIVEN'],
      [6, 'REVISIT', 'CLOSED'],
    ]);
    expect(steps.every((s) => s.actorName === actor.name && s.at instanceof Date)).toBe(true);
  });

  it('refuses steps out of order, after closing, dispatch to a supervising centre, and a stale version; nothing is written', async () => {
    const { appeal } = await registerAppeal(em(), intake());
    expect(await codeOf(step(appeal.number, 'HANDLE'))).toBe('INVALID_TRANSITION');
    expect(await codeOf(step(appeal.number, 'ACCEPT'))).toBe('BAD_USER_INPUT'); // no unit
    expect(await codeOf(step(appeal.number, 'ACCEPT', { handlingUnit: 'BAZHOU_SERVICE_CENTRE' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await codeOf(step(appeal.number, 'ACCEPT', { handlingUnit: 'NO_SUCH_UNIT' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      await codeOf(step(appeal.number, 'ACCEPT', { handlingUnit: 'BAZHOU_BRANCH_2', expectedVersion: 7 })),
    ).toBe('CONFLICT');
    expect(await codeOf(step(appeal.number, 'REVISIT', { satisfaction: 'SATISFIED' }))).toBe(
      'INVALID_TRANSITION',
    );
    expect(await em().count(AppealStepSchema, { appealId: appeal.id })).toBe(1);
    await step(appeal.number, 'REJECT');
    expect(await codeOf(step(appeal.number, 'ACCEPT', { handlingUnit: 'BAZHOU_BRANCH_1' }))).toBe(
      'INVALID_TRANSITION',
    );
    expect(await codeOf(step('巴税诉〔2026〕9999999号', 'REJECT'))).toBe('NOT_FOUND');
  });

  it('applies a step once when it is repeated, also at once, and refuses the key for another step', async () => {
    const { appeal } = await registerAppeal(em(), intake());
    const key = randomUUID();
    const accept = () =>
      applyAppealStep(em(), {
        number: appeal.number,
        kind: 'ACCEPT',
        content: '受理，派发第一税务分局',
        handlingUnit: 'BAZHOU_BRANCH_1',
        satisfaction: null,
        topic: null,
        expectedVersion: null,
        idempotencyKey: key,
        actor,
        at: new Date(),
      });
    const results = await Promise.all(Array.from({ length: 6 }, accept));
    expect(results.filter((r) => !r.repeated)).toHaveLength(1);
    expect(await em().count(AppealStepSchema, { appealId: appeal.id })).toBe(2);
    expect(await codeOf(step(appeal.number, 'START_INVESTIGATION', { idempotencyKey: key }))).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('reopens once on an unsatisfied revisit; still unsatisfied after the second handling, it closes with that on record', async () => {
    const { appeal } = await registerAppeal(em(), intake());
    await step(appeal.number, 'ACCEPT', { handlingUnit: 'BAZHOU_BRANCH_1' });
    await step(appeal.number, 'START_INVESTIGATION');
    await step(appeal.number, 'HANDLE');
    await step(appeal.number, 'FEEDBACK');
    const { appeal: reopened } = await step(appeal.number, 'REVISIT', { satisfaction: 'DISSATISFIED' });
    expect(reopened).toMatchObject({ stage: 'INVESTIGATING', reopenCount: 1, satisfaction: 'DISSATISFIED' });
    expect(reopened.closedAt).toBeNull();
    expect(reopened.stageDueAt!.getTime()).toBeGreaterThan(Date.now());
    await step(appeal.number, 'HANDLE');
    await step(appeal.number, 'FEEDBACK');
    const { appeal: closed } = await step(appeal.number, 'REVISIT', { satisfaction: 'DISSATISFIED' });
    expect(closed).toMatchObject({
      stage: 'CLOSED',
      reopenCount: 1,
      version: 9,
      satisfaction: 'DISSATISFIED',
    });
    expect(closed.closedAt).toBeInstanceOf(Date);
  });

  it('escalates to the city task force and corrects the topic at any stage, keeping the classifier’s verdict', async () => {
    const { appeal } = await registerAppeal(em(), intake({ content: '电子税务局登录不了，发票也开不了' }));
    const classified = appeal.topic;
    const { appeal: escalated } = await step(appeal.number, 'ESCALATE');
    expect(escalated).toMatchObject({ escalated: true, handlingUnit: 'CITY_TASK_FORCE', stage: 'RECEIVED' });
    const { appeal: corrected, step: correction } = await step(appeal.number, 'RECLASSIFY', {
      topic: 'ETAX',
    });
    expect(corrected).toMatchObject({ topic: 'ETAX', topicRule: 'STAFF', classifiedTopic: classified });
    expect(correction).toMatchObject({ topicBefore: classified, topicAfter: 'ETAX' });
  });

  it('flags the overdue: an appeal received two days ago and not answered is overdue, and its answer is late', async () => {
    const { appeal } = await registerAppeal(em(), intake({ receivedAt: new Date(Date.now() - 2 * DAY) }));
    expect(appeal.stageDueAt!.getTime()).toBeLessThan(Date.now());
    const overdue = await em().count(AppealSchema, { id: appeal.id, stageDueAt: { $lt: new Date() } });
    expect(overdue).toBe(1);
    const { appeal: accepted, step: late } = await step(appeal.number, 'ACCEPT', {
      handlingUnit: 'BAZHOU_BRANCH_1',
    });
    expect(late.late).toBe(true);
    expect(accepted.everLate).toBe(true);
    expect(accepted.stageDueAt!.getTime()).toBeGreaterThan(Date.now()); // the new stage has its own day
    const fresh = await registerAppeal(em(), intake());
    const { step: onTime } = await step(fresh.appeal.number, 'ACCEPT', { handlingUnit: 'BAZHOU_BRANCH_1' });
    expect(onTime.late).toBe(false);
  });
});

describe('rates on a hand-built fixture', () => {
  it('computes the response, resolution, satisfaction, duplicate and overdue rates by district', async () => {
    // A district-day nobody else writes to: Enyang, 200 days ago.
    const day = new Date(Date.now() - 200 * DAY);
    const at = (hours: number) => new Date(day.getTime() + hours * 60 * 60 * 1000);
    const fixture = async (plan: AppealStepKind[], extra: Partial<IntakeInput> = {}, satisfied = true) => {
      const { appeal } = await registerAppeal(
        em(),
        intake({ district: 'ENYANG', receivedAt: at(0), ...extra }),
      );
      // The suggestion is answered after 30 hours: late against its one-day limit.
      let t = extra.kind === 'SUGGESTION' ? 30 : 1;
      for (const kind of plan) {
        await step(appeal.number, kind, {
          at: at(t++),
          handlingUnit: kind === 'ACCEPT' ? 'ENYANG_BRANCH_1' : null,
          satisfaction: kind === 'REVISIT' ? (satisfied ? 'SATISFIED' : 'DISSATISFIED') : null,
        });
      }
      return appeal;
    };
    const loop: AppealStepKind[] = ['ACCEPT', 'START_INVESTIGATION', 'HANDLE', 'FEEDBACK', 'REVISIT'];
    // 1 closed satisfied; 2 reopened on a dissatisfied revisit; 3 handled, awaiting feedback; 4 refused;
    // 5 answered late (30 h), investigating; 6 a duplicate of 1, never answered. 200 days on, every open
    // one (2, 3, 5, 6) is past its stage's limit.
    const one = await fixture(loop, { appellantPhone: '13911112222' });
    await fixture(loop, { appellantPhone: '13933334444' }, false);
    await fixture(['ACCEPT', 'START_INVESTIGATION', 'HANDLE'], { appellantPhone: '13955556666' });
    await fixture(['REJECT'], { appellantPhone: '13977778888' });
    await fixture(['ACCEPT', 'START_INVESTIGATION'], {
      appellantPhone: '13999990000',
      kind: 'SUGGESTION',
      content: '建议延长办税服务厅周末开放时间',
    });
    const six = await fixture([], { appellantPhone: '13911112222' });
    expect(six.duplicateOf).toBe(one.id);

    const date = new Date(day.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const { start, end } = periodOf(date, date);
    const { rows, total } = await appealRates(em(), 'DISTRICT', { start, end, district: 'ENYANG' });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.key).toBe('ENYANG');
    expect(total).toEqual(rows[0]!.rates);
    expect(total).toMatchObject({
      received: 6,
      respondedInTime: 4, // all but the late one and the unanswered one
      accepted: 4, // 1, 2 (reopened: investigating), 3, 5
      resolved: 2, // 1 closed, 3 handled; 2 is back under investigation
      revisited: 2,
      satisfied: 1,
      duplicates: 1,
      overdue: 4, // 2, 3, 5 and 6
    });
    expect(total.responseRate).toBeCloseTo(4 / 6);
    expect(total.resolutionRate).toBeCloseTo(2 / 4);
    expect(total.satisfactionRate).toBeCloseTo(1 / 2);
    expect(total.duplicateRate).toBeCloseTo(1 / 6);
    expect(total.overdueRate).toBeCloseTo(4 / 6);
    const byKind = await appealRates(em(), 'KIND', { start, end, district: 'ENYANG' });
    expect(byKind.rows.map((r) => [r.key, r.rates.received])).toEqual([
      ['REPORT', 5],
      ['SUGGESTION', 1],
    ]);
  });
});

describe('Table 2 and the years after it', () => {
  it('serves legacy years as recorded and counts later years from the appeals (valid reports via 12366/12345 only)', async () => {
    await em().insertMany(AppealYearlyFigureSchema, [
      { year: 2019, district: 'BAZHOU' as const, validReports: 241, source: '表 2' },
      { year: 2019, district: 'ENYANG' as const, validReports: 24, source: '表 2' },
      { year: 2019, district: 'PINGCHANG' as const, validReports: 56, source: '表 2' },
      { year: 2019, district: 'TONGJIANG' as const, validReports: 60, source: '表 2' },
      { year: 2019, district: 'NANJIANG' as const, validReports: 44, source: '表 2' },
    ]);
    const figures = await validReportsByYear(em(), 2019, 2019, null);
    expect(figures.map((f) => [f.district, f.validReports, f.source])).toEqual([
      ['BAZHOU', 241, 'LEGACY_STATISTICS'],
      ['ENYANG', 24, 'LEGACY_STATISTICS'],
      ['TONGJIANG', 60, 'LEGACY_STATISTICS'],
      ['NANJIANG', 44, 'LEGACY_STATISTICS'],
      ['PINGCHANG', 56, 'LEGACY_STATISTICS'],
      [null, 425, 'LEGACY_STATISTICS'],
    ]);
    const year = new Date().getUTCFullYear();
    const before = (await validReportsByYear(em(), year, year, 'NANJIANG'))[0]!.validReports;
    const reg = (overrides: Partial<IntakeInput>) =>
      registerAppeal(em(), intake({ district: 'NANJIANG', appellantPhone: null, ...overrides }));
    await reg({}); // counts
    await reg({ channel: 'HOTLINE_12345' }); // counts
    await reg({ channel: 'SERVICE_HALL' }); // another channel
    await reg({ kind: 'COMPLAINT' }); // not a report
    const refused = await reg({});
    await step(refused.appeal.number, 'REJECT');
    const after = await validReportsByYear(em(), year, year, 'NANJIANG');
    expect(after).toEqual([{ year, district: 'NANJIANG', validReports: before + 2, source: 'HUB_APPEALS' }]);
    expect(await codeOf(validReportsByYear(em(), 2024, 2019, null))).toBe('BAD_USER_INPUT');
  });
});

describe('the weekly analysis', () => {
  const planted: Date[] = [];
  /** Inserts `counts[w]` appeals of a topic in each week from `firstMonday`, on its weekdays. */
  async function plant(topicText: string, kind: AppealKind, channel: AppealChannel, counts: number[]) {
    for (const [w, count] of counts.entries()) {
      for (let i = 0; i < count; i++) {
        const at = new Date(`${addDays(firstMonday, 7 * w + (i % 5))}T10:00:00+08:00`);
        planted.push(at);
        await registerAppeal(
          em(),
          intake({ kind, channel, content: topicText, appellantPhone: null, receivedAt: at }),
        );
      }
    }
  }
  // 23 weeks of a time nothing else writes to: nine weeks of lead-in, then the first quarter of 2021.
  const firstMonday = '2020-10-26';
  const steady = (pattern: number[]) => Array.from({ length: 23 }, (_, w) => pattern[w % pattern.length]!);
  const deductions = steady([6, 5, 7, 6, 5, 6, 7, 5]);
  deductions[20] = 22; // planted: about 3.7 × its baseline in the week of 2021-03-15
  const control = steady([9, 8, 10, 9, 11, 8, 9, 10]); // no surge
  const surgeWeek = addDays(firstMonday, 7 * 20);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  beforeAll(async () => {
    await plant('社保费批扣失败，银行扣款失败了怎么办', 'HELP_REQUEST', 'HOTLINE_12366', deductions);
    await plant('咨询电子税务局登录验证码收不到', 'CONSULTATION', 'ETAX_BUREAU', control);
  });

  it('finds the planted surge in its week by the stated rule, not the steady topic, and not in the weeks before', async () => {
    expect(surgeWeek).toBe('2021-03-15');
    const content = await analyse(em(), 'WEEKLY', surgeWeek);
    expect(content.total).toBe(22 + control[20]!);
    expect(content.previousTotal).toBe(deductions[19]! + control[19]!);
    expect(content.hotTopics.map((h) => h.topic)).toEqual(['SOCIAL_INSURANCE_DEDUCTION']);
    const hot = content.hotTopics[0]!;
    expect(hot.count).toBe(22);
    expect(hot.baselineMean).toBeCloseTo(mean(deductions.slice(11, 19)));
    expect(hot.threshold).toBeLessThan(22);
    expect(hot.weeks).toEqual([surgeWeek]);
    expect(hot.series).toEqual(deductions.slice(11, 21));
    const previous = deductions[19]!;
    expect(hot.districts).toEqual([
      { key: 'BAZHOU', label: '巴州区', count: 22, previous, change: 22 / previous - 1 },
    ]);
    expect(hot.examples).toHaveLength(5);
    expect(content.byTopic.map((v) => [v.key, v.count, v.previous])).toEqual([
      ['SOCIAL_INSURANCE_DEDUCTION', 22, deductions[19]],
      ['ETAX', control[20], control[19]],
    ]);
    expect(
      content.recommendations.filter((r) => r.topic === 'SOCIAL_INSURANCE_DEDUCTION').map((r) => r.kind),
    ).toEqual(['GOVERNANCE_GUIDE', 'PROACTIVE_ACTION', 'LIVE_QA']);
    expect(content.recommendations.find((r) => r.kind === 'PROACTIVE_ACTION')!.rule).toBe(
      'FAILED_BATCH_DEDUCTIONS',
    );
    // No alert in any week before, nor in the lead-in weeks whose baselines reach back before any appeal.
    for (let w = 0; w < 20; w++) {
      const earlier = await analyse(em(), 'WEEKLY', addDays(firstMonday, 7 * w));
      expect(earlier.hotTopics, `week ${w}`).toEqual([]);
    }
  });

  it('keeps a generated report, returns it on repeats (also at once), and regenerates as a new revision', async () => {
    const generate = (regenerate = false) =>
      generateAnalysis(em(), {
        kind: 'WEEKLY',
        periodStart: surgeWeek,
        regenerate,
        trigger: 'ON_DEMAND',
        actor,
      });
    const results = await Promise.all(Array.from({ length: 4 }, () => generate()));
    expect(new Set(results.map((r) => r.report.id)).size).toBe(1);
    const again = await generate();
    expect(again).toMatchObject({ generated: false, report: { id: results[0]!.report.id, revision: 1 } });
    const revised = await generate(true);
    expect(revised.report.revision).toBe(2);
    expect(await em().count(AppealAnalysisReportSchema, { periodStart: surgeWeek })).toBe(2);
    expect(
      await codeOf(
        generateAnalysis(em(), {
          kind: 'WEEKLY',
          periodStart: '2021-03-16',
          regenerate: false,
          trigger: 'ON_DEMAND',
          actor,
        }),
      ),
    ).toBe('BAD_USER_INPUT'); // a Tuesday
    expect(
      await codeOf(
        generateAnalysis(em(), {
          kind: 'QUARTERLY',
          periodStart: '2021-02-01',
          regenerate: false,
          trigger: 'ON_DEMAND',
          actor,
        }),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('lists in the quarterly report the topics hot in any of its weeks', async () => {
    const quarter = await analyse(em(), 'QUARTERLY', '2021-01-01');
    expect(quarter.hotTopics.map((h) => [h.topic, h.weeks])).toEqual([
      ['SOCIAL_INSURANCE_DEDUCTION', [surgeWeek]],
    ]);
    const inQuarter = planted.filter(
      (d) => d >= new Date('2021-01-01T00:00:00+08:00') && d < new Date('2021-04-01T00:00:00+08:00'),
    );
    expect(quarter.total).toBe(inQuarter.length);
  });

  it('costs the same statements for one week as for a quarter', async () => {
    const before = runtime.sql.count;
    await analyse(em(), 'WEEKLY', surgeWeek);
    const week = runtime.sql.count - before;
    const mid = runtime.sql.count;
    await analyse(em(), 'QUARTERLY', '2021-01-01');
    expect(runtime.sql.count - mid).toBe(week);
    expect(week).toBe(4);
  });

  it('drafts a guide from the hot topic with its evidence, publishes it to county bureaus, and refuses what does not follow', async () => {
    const { report } = await generateAnalysis(em(), {
      kind: 'WEEKLY',
      periodStart: surgeWeek,
      regenerate: false,
      trigger: 'ON_DEMAND',
      actor,
    });
    const key = randomUUID();
    const draft = await draftGuide(em(), {
      topic: 'SOCIAL_INSURANCE_DEDUCTION',
      sourceReportId: report.id,
      idempotencyKey: key,
      actor,
    });
    expect(draft.evidence).toContain('22 件');
    expect(draft.policies.map((p) => p.title)).toContain('社会保险法');
    expect(
      (
        await draftGuide(em(), {
          topic: 'SOCIAL_INSURANCE_DEDUCTION',
          sourceReportId: report.id,
          idempotencyKey: key,
          actor,
        })
      ).id,
    ).toBe(draft.id);
    expect(
      await codeOf(
        draftGuide(em(), {
          topic: 'DEED_TAX',
          sourceReportId: report.id,
          idempotencyKey: randomUUID(),
          actor,
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    // An id that cannot be a record's is no record, not a database error.
    expect(await codeOf(changeGuide(em(), 'not-a-guide', { action: 'WITHDRAW' }, null, actor))).toBe(
      'NOT_FOUND',
    );
    expect(
      await codeOf(
        draftGuide(em(), { topic: 'DEED_TAX', sourceReportId: 'x', idempotencyKey: randomUUID(), actor }),
      ),
    ).toBe('NOT_FOUND');
    expect(await codeOf(changeGuide(em(), draft.id, { action: 'WITHDRAW' }, null, actor))).toBe(
      'INVALID_TRANSITION',
    );
    const revision = {
      action: 'REVISE' as const,
      plan: ['当周核对批扣失败名单并逐户提醒', '重复扣款当周退费'],
    };
    expect((await changeGuide(em(), draft.id, revision, 1, actor)).version).toBe(2);
    expect((await changeGuide(em(), draft.id, revision, 1, actor)).version).toBe(2); // a repeat changes nothing
    expect(
      await codeOf(changeGuide(em(), draft.id, { action: 'REVISE', plan: ['另一方案'] }, 1, actor)),
    ).toBe('CONFLICT');
    const published = await changeGuide(
      em(),
      draft.id,
      { action: 'PUBLISH', districts: ['PINGCHANG', 'BAZHOU'] },
      2,
      actor,
    );
    expect(published).toMatchObject({
      status: 'PUBLISHED',
      version: 3,
      publishedTo: ['BAZHOU', 'PINGCHANG'],
    });
    expect(
      (
        await changeGuide(
          em(),
          draft.id,
          { action: 'PUBLISH', districts: ['BAZHOU', 'PINGCHANG'] },
          null,
          actor,
        )
      ).version,
    ).toBe(3);
    expect(await codeOf(changeGuide(em(), draft.id, { action: 'REVISE', plan: ['x'] }, null, actor))).toBe(
      'INVALID_TRANSITION',
    );
  });
});

describe('the work queue', () => {
  it('costs at most three SQL statements per page, 5 or 100 appeals, steps and duplicate links included', async () => {
    const QUEUE = `query ($first: Int) { appeals(first: $first) { edges { node {
      number stage steps { seq kind } duplicateOf { number } handlingUnit { name } classification { rule } } } } }`;
    const cost = async (first: number) => {
      const before = runtime.sql.count;
      const result = await executeAs<{ appeals: { edges: unknown[] } }>(
        runtime as unknown as SubgraphRuntime<unknown>,
        'appeal-handler',
        QUEUE,
        { first },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.appeals.edges).toHaveLength(first);
      return runtime.sql.count - before;
    };
    // The page, its steps, and (when a page holds duplicates) their originals: one statement each.
    expect(await cost(5)).toBeLessThanOrEqual(3);
    expect(await cost(100)).toBe(3);
  });
});

describe('the schedule', () => {
  it('owes last week’s and last quarter’s reports from Monday 08:00 in Bazhong, and catches up before them', async () => {
    const { duePeriods } = await import('../../subgraphs/tax/appeals/analysis.js');
    // Monday 2026-11-30 07:59 in Bazhong is Sunday 23:59 UTC: the week before last is the newest due.
    expect(duePeriods(new Date('2026-11-29T23:59:00Z'))[0]).toEqual({
      kind: 'WEEKLY',
      periodStart: '2026-11-16',
    });
    const due = duePeriods(new Date('2026-11-30T00:00:00Z'));
    expect(
      due
        .filter((p) => p.kind === 'WEEKLY')
        .map((p) => p.periodStart)
        .slice(0, 3),
    ).toEqual(['2026-11-23', '2026-11-16', '2026-11-09']);
    expect(due.filter((p) => p.kind === 'QUARTERLY').map((p) => p.periodStart)).toEqual([
      '2026-07-01',
      '2026-04-01',
      '2026-01-01',
      '2025-10-01',
    ]);
    expect(due).toHaveLength(16);
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
  });

  it('generates what is due once, with the schedule as its author, however often the job runs', async () => {
    const { analysisJob, SCHEDULE_ACTOR } = await import('../../subgraphs/tax/appeals/schedule.js');
    const now = new Date('2021-03-29T01:00:00Z'); // Monday 09:00 in Bazhong
    await analysisJob.run(em(), now);
    await analysisJob.run(em(), now);
    const reports = await em().find(
      AppealAnalysisReportSchema,
      { trigger: 'SCHEDULE' },
      { orderBy: { kind: 'asc', periodStart: 'desc' } },
    );
    // Twelve weeks back, less the surge week generated on demand above; four quarters.
    expect(reports.filter((r) => r.kind === 'WEEKLY')).toHaveLength(11);
    expect(reports.filter((r) => r.kind === 'WEEKLY')[0]!.periodStart).toBe('2021-03-22');
    expect(reports.filter((r) => r.kind === 'QUARTERLY').map((r) => r.periodStart)).toEqual([
      '2020-10-01',
      '2020-07-01',
      '2020-04-01',
      '2020-01-01',
    ]);
    expect(reports.every((r) => r.revision === 1 && r.generatedBySubject === SCHEDULE_ACTOR.subject)).toBe(
      true,
    );
  });
});
