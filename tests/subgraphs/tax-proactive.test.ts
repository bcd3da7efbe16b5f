// Proactive actions (未诉先办) in the tax subgraph, in process on a fresh tax database (migrated, not
// seeded) holding a synthetic population whose true effect is known: targeting on the tax bureau's own
// records, holdout groups by hash, idempotent and concurrent plan / send / deliveries, refused transitions,
// the effect with its interval (a true effect of −4 points is found and bracketed; no effect brackets 0),
// and SQL statement counts that do not grow with the number of targets. Then the seeded demo world.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../core/identity.js';
import { creditCodeCheckChar, organisationCodeCheckChar } from '../../core/identifiers.js';
import type { Assertion } from '../../core/tokens.js';
import { loadSubgraphDefinition } from '../../subgraphs/index.js';
import {
  buildWorld,
  DEDUCTION_REMINDER_MONTH,
  PUSH_BATCHES,
} from '../../subgraphs/shared/demo-world/index.js';
import { Rng } from '../../subgraphs/shared/demo-world/random.js';
import { districts } from '../../subgraphs/shared/enums.js';
import { createSubgraph, type SubgraphRuntime } from '../../subgraphs/shared/factory.js';
import {
  AppealSchema,
  EnterpriseSchema,
  InvoiceAnomalySchema,
  ProactiveActionSchema,
  ProactiveDeliverySchema,
  ProactiveTargetSchema,
  TaxFilingSchema,
  industries,
  type Appeal,
  type Enterprise,
} from '../../subgraphs/tax/entities/index.js';
import { appealEffect } from '../../subgraphs/tax/appeals/effect.js';
import { policyPackages } from '../../subgraphs/tax/proactive/catalogue.js';
import { assignGroup, bucketOf } from '../../subgraphs/tax/proactive/groups.js';
import { planAction } from '../../subgraphs/tax/proactive/ledger.js';
import type { FailedDeductionSource } from '../../subgraphs/tax/proactive/rules.js';
import { createTestDatabase, execute, startTestSubgraph, type TestSubgraph } from '../support/databases.js';
import { testIdentity } from '../support/identities.js';

const POPULATION = 2000;
const WEEK = 7 * 24 * 60 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;

/** A valid GB 32100 credit code for synthetic taxpayer i. */
function syntheticCode(i: number): string {
  const body = String(10_000_000 + i).slice(-8);
  const first17 = `91511902${body}${organisationCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
}

const population: Enterprise[] = Array.from({ length: POPULATION }, (_, i) => ({
  creditCode: syntheticCode(i),
  name: `合成纳税人${i}有限公司`,
  district: districts[i % districts.length]!,
  industry: industries[i % 7]!,
  registrationType: 'LIMITED_LIABILITY',
  creditRating: i % 10 === 0 ? 'C' : 'B',
  isLargeEnterprise: false,
  taxOffice: '国家税务总局巴中市巴州区税务局',
  taxStatus: i === POPULATION - 1 ? 'DEREGISTERED' : 'NORMAL',
  registeredOn: '2020-01-01',
}));
/** Every active synthetic taxpayer has one open invoice anomaly; the last one is deregistered. */
const withAnomaly = population.filter((e) => e.taxStatus !== 'DEREGISTERED');

let db: { url: string; drop(): Promise<void> };
let runtime: SubgraphRuntime<unknown>;
const em = () => runtime.orm.em.fork() as EntityManager;
const as = (role: Role): Assertion => ({ identity: testIdentity(role), purpose: null });
const analyst = as('analyst');

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const codes = (errors: Errors) => (errors ?? []).map((e) => e.extensions?.code);

async function gql<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  who = analyst,
) {
  return execute<T>(runtime, query, variables, who);
}

beforeAll(async () => {
  db = await createTestDatabase('tax_proactive');
  runtime = await createSubgraph(await loadSubgraphDefinition('tax'), { databaseUrl: db.url });
  await runtime.migrate();
  const e = em();
  await e.insertMany(EnterpriseSchema, population);
  await e.insertMany(
    InvoiceAnomalySchema,
    population.map((p, i) => ({
      id: randomUUID(),
      creditCode: p.creditCode,
      kind: i % 2 ? 'ABNORMAL_VOUCHER' : 'CEILING_ISSUING',
      detectedOn: '2026-10-01',
      amount: '1000.00',
      resolvedOn: null,
    })),
  );
});
afterAll(async () => {
  await runtime?.stop();
  await db?.drop();
});

const ACTION = `id number kind topic status rule ruleExplanation holdoutShare candidateCount targetCount reachedCount
  comparisonCount plannedByName sentAt policyDocuments ruleParameters { anomalyKinds maxTargets district }
  deliveries { delivered failed pending }`;
const PLAN = `mutation ($input: PlanProactiveActionInput!) { planProactiveAction(input: $input) { repeated action { ${ACTION} } } }`;
const SEND = `mutation ($input: SendProactiveActionInput!) { sendProactiveAction(input: $input) { repeated action { ${ACTION} } } }`;
const CANCEL = `mutation ($input: CancelProactiveActionInput!) { cancelProactiveAction(input: $input) { repeated action { status } } }`;
const DELIVER = `mutation ($input: RecordProactiveDeliveriesInput!) { recordProactiveDeliveries(input: $input) {
  recorded updated unchanged action { deliveries { delivered failed pending } } } }`;
const EFFECT = `query ($id: ID!, $weeks: Int) { proactiveEffect(id: $id, weeks: $weeks) {
  topic weeks windowStart windowEnd windowElapsed confidenceLevel reading
  reached { size appealed rate } comparison { size appealed rate } reachedUndelivered { size appealed rate }
  estimate { reachedRate comparisonRate difference differenceLow differenceHigh rateRatio rateRatioLow rateRatioHigh preventsAppeals }
  assignedEstimate { difference differenceLow differenceHigh preventsAppeals } } }`;

interface Action {
  id: string;
  number: string;
  status: string;
  targetCount: number;
  reachedCount: number;
  comparisonCount: number;
  candidateCount: number;
  sentAt: string | null;
  deliveries: { delivered: number; failed: number; pending: number };
}
interface Estimate {
  reachedRate: number;
  comparisonRate: number;
  difference: number;
  differenceLow: number;
  differenceHigh: number;
  rateRatio: number | null;
  preventsAppeals: boolean;
}
interface Effect {
  windowElapsed: boolean;
  windowStart: string;
  windowEnd: string;
  reading: string;
  reached: { size: number; appealed: number };
  comparison: { size: number; appealed: number };
  reachedUndelivered: { size: number; appealed: number };
  estimate: Estimate | null;
  assignedEstimate: Estimate | null;
}

const planInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'RISK_REMINDER',
  topic: 'INVOICE',
  title: '发票风险提醒',
  body: '您单位存在尚未消除的发票异常，请及时处理。',
  policyDocuments: ['《中华人民共和国发票管理办法》'],
  rule: 'OPEN_INVOICE_ANOMALIES',
  parameters: {},
  holdoutShare: 0.5,
  idempotencyKey: randomUUID(),
  ...overrides,
});

async function plan(overrides: Record<string, unknown> = {}, who = analyst) {
  return gql<{ planProactiveAction: { repeated: boolean; action: Action } }>(
    PLAN,
    { input: planInput(overrides) },
    who,
  );
}
async function planned(overrides: Record<string, unknown> = {}): Promise<Action> {
  const result = await plan(overrides);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.planProactiveAction.action;
}
async function send(id: string, key = randomUUID()) {
  return gql<{ sendProactiveAction: { repeated: boolean; action: Action } }>(SEND, {
    input: { id, idempotencyKey: key },
  });
}
async function deliver(actionId: string, deliveries: Record<string, unknown>[]) {
  return gql<{
    recordProactiveDeliveries: { recorded: number; updated: number; unchanged: number; action: Action };
  }>(DELIVER, { input: { actionId, deliveries } });
}
const targetsOf = (actionId: string) =>
  em().find(ProactiveTargetSchema, { actionId }, { orderBy: { seq: 'asc' } });
const delivered = (creditCode: string, outcome = 'DELIVERED') => ({
  creditCode,
  outcome,
  channel: 'ETAX_MESSAGE',
});

/** Sends the action, records every reached target delivered, and moves its sending `weeksAgo` back. */
async function sendAndDeliver(action: Action, weeksAgo: number) {
  expect((await send(action.id)).errors).toBeUndefined();
  const reached = (await targetsOf(action.id)).filter((t) => t.assignedGroup === 'REACHED');
  for (let i = 0; i < reached.length; i += 1000) {
    const result = await deliver(
      action.id,
      reached.slice(i, i + 1000).map((t) => delivered(t.creditCode!)),
    );
    expect(result.errors).toBeUndefined();
  }
  await shiftSending(action.id, weeksAgo);
}
async function shiftSending(actionId: string, weeksAgo: number) {
  const shift = `${weeksAgo * 7} days`;
  await em().execute(`update proactive_action set sent_at = sent_at - ?::interval where id = ?`, [
    shift,
    actionId,
  ]);
  await em().execute(`update proactive_target set sent_at = sent_at - ?::interval where action_id = ?`, [
    shift,
    actionId,
  ]);
  await em().execute(`update proactive_delivery set "at" = "at" - ?::interval where action_id = ?`, [
    shift,
    actionId,
  ]);
}
const sentAtOf = async (id: string) => (await em().findOneOrFail(ProactiveActionSchema, { id })).sentAt!;

let appealSeq = 0;
function appeal(creditCode: string, topic: string, receivedAt: Date): Appeal {
  const n = ++appealSeq;
  return {
    id: randomUUID(),
    number: `巴税诉〔2026〕S${String(n).padStart(6, '0')}号`,
    channel: 'HOTLINE_12366',
    channelReference: `synthetic-${n}`,
    kind: 'CONSULTATION',
    district: 'BAZHOU',
    creditCode,
    personId: null,
    appellantName: null,
    appellantPhone: null,
    content: '合成诉求 (synthetic appeal)',
    topic,
    topicRule: 'STAFF',
    classifiedTopic: topic,
    matchedPhrases: [],
    classifierScore: 0,
    runnerUpTopic: null,
    classificationClose: false,
    duplicateOf: null,
    stage: 'RECEIVED',
    version: 1,
    handlingUnit: null,
    supervisingUnit: 'SYNTHETIC',
    escalated: false,
    receivedAt,
    stageEnteredAt: receivedAt,
    stageDueAt: null,
    respondedAt: null,
    handledAt: null,
    closedAt: null,
    satisfaction: null,
    reopenCount: 0,
    everLate: false,
  };
}

describe('the holdout group', () => {
  it('is decided by the hash of (action, taxpayer): the same inputs give the same group, near the share', () => {
    const action = randomUUID();
    const keys = Array.from({ length: 10_000 }, (_, i) => syntheticCode(i));
    for (const permille of [100, 200, 500]) {
      const groups = keys.map((k) => assignGroup(action, k, permille).group);
      expect(keys.map((k) => assignGroup(action, k, permille).group)).toEqual(groups);
      const share = groups.filter((g) => g === 'COMPARISON').length / keys.length;
      // Four standard errors of a binomial share at n = 10,000.
      expect(Math.abs(share - permille / 1000)).toBeLessThan(
        4 * Math.sqrt(((permille / 1000) * (1 - permille / 1000)) / keys.length),
      );
    }
    // Another action draws another comparison group from the same taxpayers.
    const other = randomUUID();
    const same = keys.filter(
      (k) => assignGroup(action, k, 200).group === assignGroup(other, k, 200).group,
    ).length;
    expect(same / keys.length).toBeLessThan(0.75);
    expect(bucketOf(action, keys[0]!)).toBe(bucketOf(action, keys[0]!));
  });
});

describe('the effect measure over simulated actions', () => {
  it('covers the true difference about 95% of the time, with groups drawn by the hash', () => {
    // 400 simulated actions on 2,000 taxpayers, half held out; each taxpayer appeals with probability 4%
    // if reached and 8% if not (a seeded draw). The 95% interval should hold −4 points about 95% of the time,
    // and lie below 0 most of the time (the power at this size is about 0.9).
    const rng = new Rng('tax-proactive:coverage');
    const keys = Array.from({ length: POPULATION }, (_, i) => syntheticCode(i));
    let covered = 0;
    let prevents = 0;
    const runs = 400;
    for (let run = 0; run < runs; run++) {
      const action = rng.uuid();
      const count = { reached: { n: 0, appealed: 0 }, comparison: { n: 0, appealed: 0 } };
      for (const key of keys) {
        const group = assignGroup(action, key, 500).group === 'REACHED' ? count.reached : count.comparison;
        group.n++;
        if (rng.chance(group === count.reached ? 0.04 : 0.08)) group.appealed++;
      }
      const estimate = appealEffect(count.reached, count.comparison);
      if (estimate.differenceLow <= -0.04 && -0.04 <= estimate.differenceHigh) covered++;
      if (estimate.preventsAppeals) prevents++;
    }
    expect(covered / runs).toBeGreaterThan(0.92);
    expect(covered / runs).toBeLessThan(0.99);
    expect(prevents / runs).toBeGreaterThan(0.8);
  });
});

describe('planning, sending and recording deliveries', () => {
  let a: Action;

  it('plans on the tax bureau’s own records: every active taxpayer with an open anomaly, groups by the hash', async () => {
    const result = await plan({ idempotencyKey: 'synthetic-effect' });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    a = result.data!.planProactiveAction.action;
    expect(result.data!.planProactiveAction.repeated).toBe(false);
    expect(a).toMatchObject({
      status: 'PLANNED',
      targetCount: withAnomaly.length,
      candidateCount: withAnomaly.length,
    });
    expect(a.number).toMatch(/^巴税先办〔\d{4}〕\d{6}号$/);
    expect(a.reachedCount + a.comparisonCount).toBe(a.targetCount);
    const sd = Math.sqrt(a.targetCount * 0.25);
    expect(Math.abs(a.comparisonCount - a.targetCount / 2)).toBeLessThan(4 * sd);
    const targets = await targetsOf(a.id);
    expect(targets.map((t) => t.creditCode)).toEqual(withAnomaly.map((e) => e.creditCode).sort());
    for (const t of targets) {
      const expected = assignGroup(a.id, t.creditCode!, 500);
      expect([t.assignedGroup, t.assignmentBucket]).toEqual([expected.group, expected.bucket]);
      expect(t.sentAt).toBeNull();
    }
  });

  it('returns the same action for a repeat of the key, also when two arrive at once, and refuses the key for another request', async () => {
    const again = await plan({ idempotencyKey: 'synthetic-effect' });
    expect(again.data!.planProactiveAction).toMatchObject({ repeated: true, action: { id: a.id } });
    const key = randomUUID();
    const [x, y] = await Promise.all([
      plan({ idempotencyKey: key, topic: 'CREDIT' }),
      plan({ idempotencyKey: key, topic: 'CREDIT' }),
    ]);
    expect(x.errors).toBeUndefined();
    expect(y.errors).toBeUndefined();
    expect([x.data!.planProactiveAction.repeated, y.data!.planProactiveAction.repeated].sort()).toEqual([
      false,
      true,
    ]);
    const id = x.data!.planProactiveAction.action.id;
    expect(y.data!.planProactiveAction.action.id).toBe(id);
    expect(await em().count(ProactiveActionSchema, { idempotencyKey: key })).toBe(1);
    expect(await em().count(ProactiveTargetSchema, { actionId: id })).toBe(withAnomaly.length);
    const reused = await plan({ idempotencyKey: key, title: '另一标题' });
    expect(codes(reused.errors)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    // Cancelled, it can never be sent.
    const cancelled = await gql<{ cancelProactiveAction: { repeated: boolean } }>(CANCEL, {
      input: { id, reason: '重复计划' },
    });
    expect(cancelled.data!.cancelProactiveAction.repeated).toBe(false);
    expect(codes((await send(id)).errors)).toEqual(['INVALID_TRANSITION']);
  });

  it('refuses deliveries before sending, and the effect of an action not sent', async () => {
    expect(codes((await deliver(a.id, [delivered(withAnomaly[0]!.creditCode)])).errors)).toEqual([
      'INVALID_TRANSITION',
    ]);
    expect(codes((await gql(EFFECT, { id: a.id })).errors)).toEqual(['BAD_USER_INPUT']);
  });

  it('sends once, to the reached group only, also when the same send arrives twice at once', async () => {
    const key = randomUUID();
    const [x, y] = await Promise.all([send(a.id, key), send(a.id, key)]);
    expect(x.errors).toBeUndefined();
    expect(y.errors).toBeUndefined();
    expect([x.data!.sendProactiveAction.repeated, y.data!.sendProactiveAction.repeated].sort()).toEqual([
      false,
      true,
    ]);
    expect(x.data!.sendProactiveAction.action.status).toBe('SENT');
    const targets = await targetsOf(a.id);
    expect(targets.filter((t) => t.sentAt !== null).map((t) => t.assignedGroup)).toEqual(
      targets.filter((t) => t.assignedGroup === 'REACHED').map(() => 'REACHED'),
    );
    expect(targets.filter((t) => t.assignedGroup === 'COMPARISON').every((t) => t.sentAt === null)).toBe(
      true,
    );
    // Another send of a sent action, and a cancel of it, are refused.
    expect(codes((await send(a.id)).errors)).toEqual(['INVALID_TRANSITION']);
    expect(codes((await gql(CANCEL, { input: { id: a.id, reason: '误发' } })).errors)).toEqual([
      'INVALID_TRANSITION',
    ]);
    // The key of this send cannot send another action.
    const other = await planned({ topic: 'ETAX', parameters: { maxTargets: 3 } });
    expect(codes((await send(other.id, key)).errors)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('records deliveries once per target, also for the same batch twice at once; failed ones may become delivered', async () => {
    const targets = await targetsOf(a.id);
    const reached = targets.filter((t) => t.assignedGroup === 'REACHED');
    const comparison = targets.find((t) => t.assignedGroup === 'COMPARISON')!;
    // The comparison group is never contacted; strangers are not targets.
    expect(codes((await deliver(a.id, [delivered(comparison.creditCode!)])).errors)).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes((await deliver(a.id, [delivered(syntheticCode(POPULATION + 5))])).errors)).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      codes(
        (await deliver(a.id, [delivered(reached[0]!.creditCode!), delivered(reached[0]!.creditCode!)]))
          .errors,
      ),
    ).toEqual(['BAD_USER_INPUT']);
    // The first 20 fail, the rest are delivered; the first batch is sent twice at once.
    const failedFirst = reached
      .slice(0, 20)
      .map((t) => ({ ...delivered(t.creditCode!, 'FAILED'), failureReason: '号码为空号' }));
    const rest = reached.slice(20).map((t) => delivered(t.creditCode!));
    const batch = [...failedFirst, ...rest.slice(0, 480)];
    const [x, y] = await Promise.all([deliver(a.id, batch), deliver(a.id, batch)]);
    expect(x.errors).toBeUndefined();
    expect(y.errors).toBeUndefined();
    const receipts = [x.data!.recordProactiveDeliveries, y.data!.recordProactiveDeliveries];
    expect(receipts.map((r) => r.recorded).sort((p, q) => p - q)).toEqual([0, batch.length]);
    expect(receipts.map((r) => r.unchanged).sort((p, q) => p - q)).toEqual([0, batch.length]);
    const last = await deliver(a.id, rest.slice(480));
    expect(last.data!.recordProactiveDeliveries).toMatchObject({
      recorded: rest.length - 480,
      updated: 0,
      unchanged: 0,
    });
    // Five failed ones are delivered on a second attempt; a delivered one reported failed stays delivered.
    const retried = await deliver(a.id, [
      ...failedFirst.slice(0, 5).map((d) => ({ ...d, outcome: 'DELIVERED', failureReason: null })),
      { ...rest[0]!, outcome: 'FAILED' },
    ]);
    expect(retried.data!.recordProactiveDeliveries).toMatchObject({
      recorded: 0,
      updated: 5,
      unchanged: 1,
      action: { deliveries: { delivered: reached.length - 15, failed: 15, pending: 0 } },
    });
    expect(await em().count(ProactiveDeliverySchema, { actionId: a.id })).toBe(reached.length);
  });

  it('measures a known effect: reached 4% against comparison 8% — the interval holds −4 points and lies below 0', async () => {
    await shiftSending(a.id, 9);
    const sentAt = await sentAtOf(a.id);
    const targets = await targetsOf(a.id);
    const failed = new Set(
      (await em().find(ProactiveDeliverySchema, { actionId: a.id, outcome: 'FAILED' })).map(
        (d) => d.targetId,
      ),
    );
    // Exactly 4% of each reached subgroup and 8% of the comparison group appeal on the topic in the window
    // (which taxpayers, a seeded draw), so the true difference is −4 points whatever the groups' sizes.
    const rng = new Rng('tax-proactive:known-effect');
    const share = <T>(list: T[], p: number) => rng.shuffle([...list]).slice(0, Math.round(p * list.length));
    const reachedDelivered = targets.filter((t) => t.assignedGroup === 'REACHED' && !failed.has(t.id));
    const undelivered = targets.filter((t) => failed.has(t.id));
    const comparison = targets.filter((t) => t.assignedGroup === 'COMPARISON');
    const appealing = [
      ...share(reachedDelivered, 0.04),
      ...share(undelivered, 0.04),
      ...share(comparison, 0.08),
    ];
    const expected = {
      reached: Math.round(0.04 * reachedDelivered.length),
      undelivered: Math.round(0.04 * undelivered.length),
      comparison: Math.round(0.08 * comparison.length),
    };
    const inWindow = () => new Date(sentAt.getTime() + rng.int(1, 8 * 7 * 24 - 1) * 60 * 60 * 1000);
    const appeals: Appeal[] = [];
    for (const t of appealing) {
      appeals.push(appeal(t.creditCode!, 'INVOICE', inWindow()));
      // Some appeal twice: still one taxpayer who appealed.
      if (rng.chance(0.3)) appeals.push(appeal(t.creditCode!, 'INVOICE', inWindow()));
    }
    for (const t of targets) {
      // Appeals that must not count: another topic, before sending, after the window.
      if (rng.chance(0.05)) appeals.push(appeal(t.creditCode!, 'FILING', inWindow()));
      if (rng.chance(0.05))
        appeals.push(appeal(t.creditCode!, 'INVOICE', new Date(sentAt.getTime() - 3 * DAY)));
      if (rng.chance(0.05))
        appeals.push(appeal(t.creditCode!, 'INVOICE', new Date(sentAt.getTime() + 8 * WEEK + DAY)));
    }
    await em().insertMany(AppealSchema, appeals);
    const result = await gql<{ proactiveEffect: Effect }>(EFFECT, { id: a.id });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const effect = result.data!.proactiveEffect;
    expect(effect.windowElapsed).toBe(true);
    expect(new Date(effect.windowStart)).toEqual(sentAt);
    expect(new Date(effect.windowEnd).getTime() - sentAt.getTime()).toBe(8 * WEEK);
    expect(effect.reached).toEqual({
      size: a.reachedCount - 15,
      appealed: expected.reached,
      rate: expect.any(Number),
    });
    expect(effect.reachedUndelivered).toMatchObject({ size: 15, appealed: expected.undelivered });
    expect(effect.comparison).toMatchObject({ size: a.comparisonCount, appealed: expected.comparison });
    const estimate = effect.estimate!;
    expect(estimate.differenceLow).toBeLessThan(-0.04);
    expect(estimate.differenceHigh).toBeGreaterThan(-0.04);
    expect(estimate.differenceHigh).toBeLessThan(0);
    expect(estimate.preventsAppeals).toBe(true);
    expect(estimate.rateRatio).toBeGreaterThan(0);
    expect(effect.assignedEstimate!.preventsAppeals).toBe(true);
    expect(effect.reading).toContain('区间整体低于 0');
    // A window that has not ended says so.
    const short = await gql<{ proactiveEffect: Effect }>(EFFECT, { id: a.id, weeks: 52 });
    expect(short.data!.proactiveEffect.windowElapsed).toBe(false);
    expect(short.data!.proactiveEffect.reading).toContain('观察期尚未结束');
    expect(codes((await gql(EFFECT, { id: a.id, weeks: 0 })).errors)).toEqual(['BAD_USER_INPUT']);
  });

  it('finds no effect where there is none: the interval holds 0', async () => {
    // Another topic than the first action's appeals (real and noise), so only this population's appeals count.
    const b = await planned({ topic: 'REFUND', title: '退税提醒', idempotencyKey: 'synthetic-none' });
    await sendAndDeliver(b, 9);
    const sentAt = await sentAtOf(b.id);
    // Exactly 6% of each group appeal (which taxpayers, a seeded draw): the true difference is 0.
    const rng = new Rng('tax-proactive:no-effect');
    const targets = await targetsOf(b.id);
    const appeals = (['REACHED', 'COMPARISON'] as const).flatMap((group) => {
      const members = targets.filter((t) => t.assignedGroup === group);
      return rng
        .shuffle(members)
        .slice(0, Math.round(0.06 * members.length))
        .map((t) => appeal(t.creditCode!, 'REFUND', new Date(sentAt.getTime() + rng.int(1, 55) * DAY)));
    });
    await em().insertMany(AppealSchema, appeals);
    const { data } = await gql<{ proactiveEffect: Effect }>(EFFECT, { id: b.id });
    const estimate = data!.proactiveEffect.estimate!;
    expect(estimate.differenceLow).toBeLessThan(0);
    expect(estimate.differenceHigh).toBeGreaterThan(0);
    expect(estimate.preventsAppeals).toBe(false);
    expect(data!.proactiveEffect.reading).toContain('区间包含 0');
  });

  it('costs the same SQL statements for the effect and the action list at 20 targets as at 2,000', async () => {
    const small = await planned({ topic: 'CREDIT', parameters: { maxTargets: 20 } });
    expect(small.targetCount).toBe(20);
    expect(small.candidateCount).toBe(withAnomaly.length);
    await sendAndDeliver(small, 9);
    const statements = async (query: string, variables: Record<string, unknown>) => {
      const before = runtime.sql.count;
      const result = await gql(query, variables);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return runtime.sql.count - before;
    };
    expect(await statements(EFFECT, { id: small.id })).toBe(await statements(EFFECT, { id: a.id }));
    const LIST = `query ($topic: AppealTopic, $first: Int) { proactiveActions(filter: { topic: $topic, status: SENT }, first: $first) {
      totalCount edges { node { ${ACTION} targets(first: 5) { totalCount edges { node { creditCode group assignmentScore reason
        sentAt enterprise { name } delivery { outcome channel at } } } } } } } }`;
    const big = await statements(LIST, { topic: 'INVOICE', first: 5 });
    expect(await statements(LIST, { topic: 'CREDIT', first: 5 })).toBe(big);
    // And in the number of actions on the page.
    expect(await statements(LIST, { topic: null, first: 50 })).toBe(big);
  });

  it('pages through an action’s targets by group', async () => {
    const PAGE = `query ($id: ID!, $after: String) { proactiveAction(id: $id) { targets(group: COMPARISON, first: 300, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { creditCode group } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    interface Page {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: { node: { creditCode: string; group: string } }[];
    }
    for (;;) {
      const result: { data?: { proactiveAction: { targets: Page } } | null; errors?: Errors } = await gql(
        PAGE,
        {
          id: a.id,
          after,
        },
      );
      expect(result.errors).toBeUndefined();
      const page: Page = result.data!.proactiveAction.targets;
      expect(page.totalCount).toBe(a.comparisonCount);
      seen.push(...page.edges.map((e) => e.node.creditCode));
      expect(page.edges.every((e) => e.node.group === 'COMPARISON')).toBe(true);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(a.comparisonCount);
    expect(new Set(seen).size).toBe(a.comparisonCount);
    const foreign = await gql(
      `query ($id: ID!) { proactiveAction(id: $id) { targets(first: 5, after: "bm90LWEtY3Vyc29y") { totalCount } } }`,
      { id: a.id },
    );
    expect(codes(foreign.errors)).toEqual(['INVALID_CURSOR']);
  });

  it('sums the work by kind and topic with delivery counts', async () => {
    const { data, errors } = await gql<{
      proactiveSummary: {
        total: { actions: number; sent: number; delivered: number; failed: number };
        byKind: { key: string; actions: number }[];
        byTopic: { key: string }[];
      };
    }>(`query { proactiveSummary(from: "2026-01-01", to: "2026-12-31") { total { actions sent targets reached delivered failed }
        byKind { key label actions } byTopic { key label actions } packageKinds } }`);
    expect(errors).toBeUndefined();
    const all = await em().find(ProactiveActionSchema, {});
    expect(data!.proactiveSummary.total.actions).toBe(all.length);
    expect(data!.proactiveSummary.total.sent).toBe(all.filter((x) => x.status === 'SENT').length);
    expect(data!.proactiveSummary.total.delivered).toBe(
      await em().count(ProactiveDeliverySchema, { outcome: 'DELIVERED' }),
    );
    expect(data!.proactiveSummary.total.failed).toBe(
      await em().count(ProactiveDeliverySchema, { outcome: 'FAILED' }),
    );
    expect(data!.proactiveSummary.byKind).toEqual([
      expect.objectContaining({ key: 'RISK_REMINDER', actions: all.length }),
    ]);
  });
});

describe('the other targeting rules', () => {
  it('selects late and unfiled filings in the range, not those filed on time', async () => {
    const [late, unfiled, onTime] = withAnomaly.slice(0, 3).map((e) => e.creditCode);
    const filing = (creditCode: string, filedOn: string | null) => ({
      id: randomUUID(),
      creditCode,
      taxKind: 'VAT' as const,
      period: '2026-06',
      dueOn: '2026-07-15',
      filedOn,
      taxPayable: '100.00',
    });
    await em().insertMany(TaxFilingSchema, [
      filing(late!, '2026-07-20'),
      filing(unfiled!, null),
      filing(onTime!, '2026-07-10'),
    ]);
    const action = await planned({
      topic: 'FILING',
      rule: 'LATE_FILINGS',
      parameters: { dueFrom: '2026-07-01', dueTo: '2026-07-31' },
    });
    expect((await targetsOf(action.id)).map((t) => t.creditCode)).toEqual([late, unfiled].sort());
    const reasons = (await targetsOf(action.id)).map((t) => t.reason).join(' ');
    expect(reasons).toContain('逾期申报 1 次');
    expect(reasons).toContain('逾期未申报 1 次');
  });

  it('selects the peers of a hot topic: same district and industry, not the appellants themselves', async () => {
    const appellant = withAnomaly[7]!;
    await em().insertMany(AppealSchema, [
      appeal(appellant.creditCode, 'DEED_TAX', new Date('2026-06-02T03:00:00Z')),
    ]);
    const action = await planned({
      topic: 'DEED_TAX',
      rule: 'HOT_TOPIC_PEERS',
      parameters: { weekStarting: '2026-06-01' },
    });
    const peers = withAnomaly
      .filter(
        (e) => e.district === appellant.district && e.industry === appellant.industry && e !== appellant,
      )
      .map((e) => e.creditCode)
      .sort();
    expect((await targetsOf(action.id)).map((t) => t.creditCode)).toEqual(peers);
  });

  it('selects a taxpayer profile; refuses a rule’s foreign parameters, an empty profile and an empty selection', async () => {
    const action = await planned({
      kind: 'POLICY_PACKAGE',
      topic: 'CREDIT',
      rule: 'TAXPAYER_PROFILE',
      policyPackage: 'CREDIT_REPAIR',
      policyDocuments: [],
      parameters: { creditRatings: ['C'] },
    });
    expect(action.targetCount).toBe(withAnomaly.filter((e) => e.creditRating === 'C').length);
    expect((action as unknown as { policyDocuments: string[] }).policyDocuments).toEqual(
      policyPackages.find((p) => p.code === 'CREDIT_REPAIR')!.documents,
    );
    const refused = [
      await plan({ rule: 'TAXPAYER_PROFILE', parameters: {} }),
      await plan({
        rule: 'LATE_FILINGS',
        parameters: { dueFrom: '2026-07-01', dueTo: '2026-07-31', month: '2026-06' },
      }),
      await plan({ rule: 'TAXPAYER_PROFILE', parameters: { creditRatings: ['A'] } }),
      await plan({ kind: 'POLICY_PACKAGE', policyPackage: 'NO_SUCH_PACKAGE' }),
      await plan({ holdoutShare: 0.9 }),
      await plan({ rule: 'FAILED_BATCH_DEDUCTIONS', parameters: { month: '2099-01' } }),
    ];
    expect(refused.map((r) => codes(r.errors))).toEqual(refused.map(() => ['BAD_USER_INPUT']));
  });

  it('reads failed deductions only through the gateway: refused in process, and selects exactly what social security lists', async () => {
    const direct = await plan({
      topic: 'SOCIAL_INSURANCE_DEDUCTION',
      rule: 'FAILED_BATCH_DEDUCTIONS',
      parameters: { month: '2026-10' },
    });
    expect(codes(direct.errors)).toEqual(['FORBIDDEN']);
    const listed = [withAnomaly[3]!, withAnomaly[1]!, population[POPULATION - 1]!];
    const asked: unknown[] = [];
    const source: FailedDeductionSource = async (query) => {
      asked.push(query);
      return listed.map((e) => ({
        creditCode: e.creditCode,
        district: e.district,
        failedCount: 2,
        amount: '8600.00',
        unresolved: true,
        latestFailureReason: 'INSUFFICIENT_BALANCE',
      }));
    };
    const purposes: string[] = [];
    const { action } = await planAction(em(), {
      kind: 'RISK_REMINDER',
      topic: 'SOCIAL_INSURANCE_DEDUCTION',
      rule: 'FAILED_BATCH_DEDUCTIONS',
      parameters: { month: '2026-10', unresolvedOnly: true },
      packageCode: null,
      title: '社保费批扣失败提醒',
      body: '请核实扣款账户。',
      policyDocuments: [],
      holdoutPermille: 200,
      idempotencyKey: randomUUID(),
      actor: { subject: 'test:analyst', name: '分析员' },
      now: new Date(),
      failedDeductions: (actionId) => {
        purposes.push(actionId);
        return source;
      },
    });
    expect(asked).toEqual([{ month: '2026-10', district: null, unresolvedOnly: true }]);
    expect(purposes).toEqual([action.id]);
    // The deregistered employer is not a taxpayer to remind.
    expect((await targetsOf(action.id)).map((t) => [t.creditCode, t.reason])).toEqual(
      [listed[1]!, listed[0]!].map((e) => [
        e.creditCode,
        expect.stringContaining('2026-10 单位社保费批扣失败 2 次，应扣未扣 8600.00 元（账户余额不足）'),
      ]),
    );
  });
});

describe('who may do what', () => {
  it('lets only analysts plan, send and record; other agencies read nothing', async () => {
    for (const role of ['appeal-handler', 'hrss-officer', 'auditor', 'liaison'] as Role[]) {
      expect(codes((await plan({}, as(role))).errors)).toEqual(['FORBIDDEN']);
    }
    const LIST = `query { proactiveActions(first: 1) { totalCount } }`;
    expect(codes((await gql(LIST, {}, as('hrss-officer'))).errors)).toEqual(['FORBIDDEN']);
    expect(codes((await gql(LIST, {}, as('enterprise-contact'))).errors)).toEqual(['FORBIDDEN']);
    expect((await gql(LIST, {}, as('auditor'))).errors).toBeUndefined();
    expect((await gql(LIST, {}, as('appeal-handler'))).errors).toBeUndefined();
    expect(codes((await gql(`query { proactiveAction(id: "nope") { id } }`)).errors)).toEqual(['NOT_FOUND']);
  });

  it('keeps migrations in step with the entities (no pending schema difference)', async () => {
    const diff = await runtime.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});

describe('the demo world’s year of proactive work', () => {
  const world = buildWorld('test');
  const slice = world.tax.proactive;
  let seeded: TestSubgraph;

  beforeAll(async () => {
    seeded = await startTestSubgraph('tax');
  });
  afterAll(async () => seeded?.dispose());

  it('holds reminders, 31 push batches and one package of each of the 33 kinds, with groups by the hash', () => {
    const of = (kind: string) => slice.actions.filter((x) => x.kind === kind);
    expect(of('POLICY_PUSH')).toHaveLength(PUSH_BATCHES);
    expect(new Set(of('POLICY_PACKAGE').map((x) => x.packageCode)).size).toBe(33);
    expect(new Set(of('RISK_REMINDER').map((x) => x.topic))).toEqual(
      new Set(['INVOICE', 'FILING', 'CREDIT', 'PREFERENTIAL_POLICY', 'SOCIAL_INSURANCE_DEDUCTION']),
    );
    for (const t of slice.targets.slice(0, 200)) {
      const action = slice.actions.find((x) => x.id === t.actionId)!;
      expect(t.assignedGroup).toBe(assignGroup(action.id, t.creditCode!, action.holdoutPermille).group);
    }
    const reached = slice.targets.filter((t) => t.assignedGroup === 'REACHED').length;
    expect(slice.deliveries).toHaveLength(reached);
  });

  it('reminds in November the employers whose deductions failed in October, as social security holds them', () => {
    const reminder = slice.actions.find((x) => x.rule === 'FAILED_BATCH_DEDUCTIONS')!;
    expect(reminder.ruleParameters.month).toBe(DEDUCTION_REMINDER_MONTH);
    expect(reminder.plannedAt.toISOString().slice(0, 7)).toBe('2026-11');
    const failed = new Set(
      world.socialSecurity.employerBatchDeductions
        .filter((d) => d.period === DEDUCTION_REMINDER_MONTH && d.result === 'FAILED')
        .map((d) => d.creditCode),
    );
    expect(failed.size).toBeGreaterThan(0);
    expect(new Set(slice.targets.filter((t) => t.actionId === reminder.id).map((t) => t.creditCode))).toEqual(
      failed,
    );
  });

  it('is seeded, and new actions are numbered after it', async () => {
    const e = seeded.runtime.orm.em.fork() as EntityManager;
    expect(await e.count(ProactiveActionSchema)).toBe(slice.actions.length);
    expect(await e.count(ProactiveTargetSchema)).toBe(slice.targets.length);
    expect(await e.count(ProactiveDeliverySchema)).toBe(slice.deliveries.length);
    const result = await execute<{ planProactiveAction: { action: { number: string } } }>(
      seeded.runtime,
      PLAN,
      { input: planInput({ rule: 'TAXPAYER_PROFILE', parameters: { creditRatings: ['D'] } }) },
      analyst,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.planProactiveAction.action.number).toBe(
      `巴税先办〔2026〕${String(slice.lastNumber + 1).padStart(6, '0')}号`,
    );
    const summary = await execute<{
      proactiveSummary: { packageKinds: number; byKind: { key: string; actions: number }[] };
    }>(
      seeded.runtime,
      `query { proactiveSummary(from: "2025-12-01", to: "2026-11-30") { packageKinds byKind { key actions } } }`,
    );
    expect(summary.data!.proactiveSummary.packageKinds).toBe(33);
    expect(summary.data!.proactiveSummary.byKind).toContainEqual({
      key: 'POLICY_PUSH',
      actions: PUSH_BATCHES,
    });
  });
});
