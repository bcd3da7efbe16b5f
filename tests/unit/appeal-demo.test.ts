// The demo world's appeals (税费诉求): Table 2's legacy figures, and the appeals since 2025 as the hub
// would have written them — every step replayed through the loop, classification and duplicate links
// recomputed by the ledger's rules, reports about refused invoices, the seasons, and the planted surge
// the weekly hot-topic rule must catch (and nothing else in the weeks before it).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  appealChannels,
  appealKinds,
  suggestedUnit,
  supervisingUnitOf,
  tableTwoChannels,
} from '../../subgraphs/tax/appeals/catalogue.js';
import {
  DUPLICATE_WINDOW_DAYS,
  appealNumber,
  applyToAppeal,
  chinaYear,
} from '../../subgraphs/tax/appeals/ledger.js';
import { surgeAt } from '../../subgraphs/tax/appeals/surge.js';
import { classify } from '../../subgraphs/tax/appeals/topics.js';
import { decideAppealStep, dueAt } from '../../subgraphs/tax/appeals/workflow.js';
import type { Appeal, AppealStep } from '../../subgraphs/tax/entities/index.js';
import { districts, type District } from '../../subgraphs/shared/enums.js';
import {
  APPEALS_NOW,
  TABLE_TWO_SOURCE,
  isValidTableTwoReport,
} from '../../subgraphs/shared/demo-world/appeals.js';
import {
  APPEAL_COUNTS,
  SURGE,
  TABLE_TWO,
  VALID_REPORTS,
  buildWorld,
  generateWorld,
  type AppealsSlice,
  type World,
} from '../../subgraphs/shared/demo-world/index.js';

const DAY = 24 * 60 * 60 * 1000;
const BEIJING = 8 * 60 * 60 * 1000;
/** Beijing calendar fields of a moment. */
const local = (d: Date) => new Date(d.getTime() + BEIJING);
const localDay = (d: Date) => Math.floor((d.getTime() + BEIJING) / DAY);
/** Monday (day number) of the Beijing week a moment falls in. */
const mondayOf = (d: Date) => {
  const day = localDay(d);
  return day - ((((day + 4) % 7) + 6) % 7);
};
const dayOfIso = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const SURGE_WEEK = dayOfIso(SURGE.weekStart);
const FIRST_WEEK = mondayOf(new Date(Date.parse('2025-01-01T00:00:00+08:00')));

/** Weekly counts (Monday–Sunday, UTC+8) per topic up to the surge week, as the weekly analysis counts them. */
function weeklySeries(appeals: readonly Appeal[], withDuplicates = false): Map<string, number[]> {
  const weeks = (SURGE_WEEK - FIRST_WEEK) / 7 + 1;
  const series = new Map<string, number[]>();
  for (const a of appeals) {
    if (a.duplicateOf && !withDuplicates) continue;
    const w = (mondayOf(a.receivedAt) - FIRST_WEEK) / 7;
    if (w >= weeks) continue;
    let counts = series.get(a.topic);
    if (!counts) series.set(a.topic, (counts = new Array<number>(weeks).fill(0)));
    counts[w]! += 1;
  }
  return series;
}

function stepsByAppeal(slice: AppealsSlice): Map<string, AppealStep[]> {
  const map = new Map<string, AppealStep[]>();
  for (const s of slice.steps) {
    let list = map.get(s.appealId);
    if (!list) map.set(s.appealId, (list = []));
    list.push(s);
  }
  for (const list of map.values()) list.sort((a, b) => a.seq - b.seq);
  return map;
}

function tableTwoChecks(scale: 'test' | 'demo'): void {
  it(`holds Table 2 exactly at ${scale} scale`, () => {
    const rows = buildWorld(scale).tax.appeals.yearlyFigures;
    expect(rows).toHaveLength(30);
    const figure = (year: number, district: District) =>
      rows.find((r) => r.year === year && r.district === district)?.validReports;
    expect(districts.map((d) => [2019, 2020, 2021, 2022, 2023, 2024].map((y) => figure(y, d)))).toEqual(
      districts.map((d) => [...TABLE_TWO[d]]),
    );
    expect(Object.fromEntries(districts.map((d) => [d, [...TABLE_TWO[d]]]))).toEqual({
      BAZHOU: [241, 223, 163, 150, 180, 138],
      ENYANG: [24, 15, 20, 29, 27, 13],
      PINGCHANG: [56, 48, 38, 48, 60, 32],
      TONGJIANG: [60, 34, 34, 25, 21, 23],
      NANJIANG: [44, 20, 36, 30, 27, 19],
    });
    const cityTotals = [2019, 2020, 2021, 2022, 2023, 2024].map((y) =>
      districts.reduce((s, d) => s + figure(y, d)!, 0),
    );
    expect(cityTotals).toEqual([425, 340, 291, 282, 315, 225]);
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set([TABLE_TWO_SOURCE]));
  });
}

describe('demo world appeals', () => {
  let world: World;
  let slice: AppealsSlice;
  let steps: Map<string, AppealStep[]>;
  let buildMs = 0;

  beforeAll(() => {
    const start = performance.now();
    world = buildWorld('demo');
    slice = world.tax.appeals;
    buildMs = performance.now() - start;
    steps = stepsByAppeal(slice);
  });

  tableTwoChecks('test');
  tableTwoChecks('demo');

  it('builds the demo scale in a few seconds, at the volumes stated', () => {
    expect(buildMs).toBeLessThan(10_000);
    expect(slice.appeals).toHaveLength(APPEAL_COUNTS.demo);
    expect(buildWorld('test').tax.appeals.appeals).toHaveLength(APPEAL_COUNTS.test);
    const in2025 = slice.appeals.filter((a) => chinaYear(a.receivedAt) === 2025).length;
    expect(in2025).toBeGreaterThanOrEqual(5000);
    expect(in2025).toBeLessThanOrEqual(7000);
    const first = Date.parse('2025-01-01T00:00:00+08:00');
    expect(slice.appeals.every((a) => a.receivedAt.getTime() >= first && a.receivedAt <= APPEALS_NOW)).toBe(
      true,
    );
  });

  it('is deterministic', () => {
    const again = generateWorld('test').tax.appeals;
    expect(again).toEqual(buildWorld('test').tax.appeals);
  });

  it('comes by all 23 channels, 12366 first, in all kinds and districts, 巴州区 the largest', () => {
    const byChannel = new Map<string, number>();
    for (const a of slice.appeals) byChannel.set(a.channel, (byChannel.get(a.channel) ?? 0) + 1);
    expect([...byChannel.keys()].sort()).toEqual([...appealChannels].sort());
    const ranked = [...byChannel].sort((a, b) => b[1] - a[1]).map(([c]) => c);
    expect(ranked.slice(0, 4)).toEqual([
      'HOTLINE_12366',
      'HOTLINE_12345',
      'INTERACTION_PLATFORM',
      'ETAX_BUREAU',
    ]);
    expect(new Set(slice.appeals.map((a) => a.kind))).toEqual(new Set(appealKinds));
    const byDistrict = districts.map((d) => slice.appeals.filter((a) => a.district === d).length);
    expect(Math.max(...byDistrict)).toBe(byDistrict[districts.indexOf('BAZHOU')]);
    expect(Math.min(...byDistrict)).toBeGreaterThan(0);
  });

  it('numbers appeals 1…N in the order received and the channels’ references are unique', () => {
    const sorted = [...slice.appeals].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    const misnumbered = sorted.filter((a, i) => a.number !== appealNumber(chinaYear(a.receivedAt), i + 1));
    expect(misnumbered.map((a) => a.number).slice(0, 5)).toEqual([]);
    expect(new Set(sorted.map((a) => a.number)).size).toBe(sorted.length);
    expect(slice.lastNumber).toBe(sorted.length);
    expect(new Set(sorted.map((a) => a.receivedAt.getTime())).size).toBe(sorted.length);
    const refs = new Set(sorted.map((a) => `${a.channel}:${a.channelReference}`));
    expect(refs.size).toBe(sorted.length);
    expect(sorted.every((a) => /^[0-9A-Z-]+-20(25|26)-\d{6}$/.test(a.channelReference))).toBe(true);
  });

  it('replays every appeal’s steps through the loop to its stored state', () => {
    const bad: string[] = [];
    for (const stored of slice.appeals) {
      const list = steps.get(stored.id) ?? [];
      const [receive] = list;
      const fail = (why: string) => bad.push(`${stored.number}: ${why}`);
      if (!receive || receive.kind !== 'RECEIVE' || receive.seq !== 1) {
        fail('no RECEIVE first');
        continue;
      }
      if (receive.at.getTime() !== stored.receivedAt.getTime()) fail('RECEIVE not at receipt');
      if (receive.idempotencyKey !== `receive:${stored.id}`) fail('RECEIVE key');
      if (receive.topicAfter !== stored.classifiedTopic) fail('RECEIVE topic');
      if (!list.every((s, i) => s.seq === i + 1)) fail('seq has gaps');
      if (stored.version !== list.length) fail('version ≠ step count');
      const replay: Appeal = {
        ...stored,
        topic: stored.classifiedTopic,
        topicRule: classify(stored.content).rule,
        stage: 'RECEIVED',
        version: 1,
        handlingUnit: null,
        escalated: false,
        stageEnteredAt: stored.receivedAt,
        stageDueAt: dueAt('RECEIVED', stored.kind, stored.receivedAt),
        respondedAt: null,
        handledAt: null,
        closedAt: null,
        satisfaction: null,
        reopenCount: 0,
        everLate: false,
      };
      for (const step of list.slice(1)) {
        if (step.at < list[step.seq - 2]!.at) fail(`step ${step.seq} before the one before`);
        if (step.at > APPEALS_NOW) fail(`step ${step.seq} after now`);
        const decision = decideAppealStep(
          replay.stage,
          {
            kind: step.kind,
            handlingUnit: step.kind === 'ACCEPT' ? step.handlingUnit : null,
            satisfaction: step.satisfaction,
            topic: step.topicAfter,
          },
          replay.reopenCount,
        );
        if (!decision.ok) {
          fail(`step ${step.seq} ${step.kind}: ${decision.reason}`);
          break;
        }
        if (step.stageBefore !== replay.stage || step.stageAfter !== decision.stageAfter)
          fail(`step ${step.seq} stages`);
        const progresses = step.kind !== 'RECLASSIFY' && step.kind !== 'ESCALATE';
        const late = progresses && replay.stageDueAt != null && step.at > replay.stageDueAt;
        if (step.late !== late) fail(`step ${step.seq} late flag`);
        if (step.kind === 'ACCEPT' && step.handlingUnit !== suggestedUnit(replay.topic, stored.district))
          fail('dispatched elsewhere than the suggested unit');
        if (step.kind === 'RECLASSIFY' && step.topicBefore !== replay.topic) fail('RECLASSIFY topicBefore');
        applyToAppeal(replay, step, decision.reopens);
      }
      for (const key of Object.keys(stored) as (keyof Appeal)[]) {
        const [x, y] = [replay[key], stored[key]];
        const same = x instanceof Date && y instanceof Date ? x.getTime() === y.getTime() : x === y;
        if (!same && key !== 'matchedPhrases')
          fail(`${String(key)}: replayed ${String(x)}, stored ${String(y)}`);
      }
      if (stored.supervisingUnit !== supervisingUnitOf(stored.district)) fail('supervising unit');
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('closes older appeals; recent ones are open, none far overdue; some refused, escalated, late, reopened', () => {
    const now = APPEALS_NOW.getTime();
    const open = slice.appeals.filter((a) => a.stage !== 'CLOSED' && a.stage !== 'REJECTED');
    expect(open.length).toBeGreaterThan(20);
    expect(open.every((a) => now - a.receivedAt.getTime() < 30 * DAY)).toBe(true);
    expect(open.every((a) => !a.stageDueAt || now - a.stageDueAt.getTime() < 10 * DAY)).toBe(true);
    expect(open.some((a) => a.stage === 'RECEIVED')).toBe(true);
    const rejected = slice.appeals.filter((a) => a.stage === 'REJECTED').length / slice.appeals.length;
    expect(rejected).toBeGreaterThan(0.025);
    expect(rejected).toBeLessThan(0.05);
    expect(slice.appeals.filter((a) => a.escalated).length).toBeGreaterThan(50);
    const lateShare = slice.steps.filter((s) => s.late).length / slice.steps.length;
    expect(lateShare).toBeGreaterThan(0.01);
    expect(lateShare).toBeLessThan(0.06);
    expect(slice.appeals.some((a) => a.reopenCount > 0 && a.stage === 'CLOSED')).toBe(true);
    const revisits = slice.steps.filter((s) => s.kind === 'REVISIT');
    const satisfied = revisits.filter((s) => s.satisfaction !== 'DISSATISFIED').length / revisits.length;
    expect(satisfied).toBeGreaterThan(0.93);
    expect(satisfied).toBeLessThan(0.97);
    const subjects = new Set(slice.steps.map((s) => s.actorSubject));
    expect([...subjects].every((s) => /^demo:appeal-handler:\d+$/.test(s))).toBe(true);
  });

  it('stores what the classifier reads in each text, except where staff corrected the topic', () => {
    const corrected = new Set(slice.steps.filter((s) => s.kind === 'RECLASSIFY').map((s) => s.appealId));
    const bad = slice.appeals.filter((a) => {
      const c = classify(a.content);
      const classified =
        a.classifiedTopic === c.topic &&
        JSON.stringify(a.matchedPhrases) === JSON.stringify(c.matched) &&
        a.classifierScore === c.score &&
        a.runnerUpTopic === (c.runnerUp?.topic ?? null) &&
        a.classificationClose === c.close;
      const staff = a.topicRule === 'STAFF';
      return (
        !classified ||
        staff !== corrected.has(a.id) ||
        (staff ? a.topic === a.classifiedTopic : a.topic !== c.topic || a.topicRule !== c.rule)
      );
    });
    expect(bad.slice(0, 5)).toEqual([]);
    expect(corrected.size).toBeGreaterThan(20);
    expect(corrected.size).toBeLessThan(slice.appeals.length * 0.03);
    expect(slice.appeals.every((a) => a.content.length > 8)).toBe(true);
  });

  it('links likely duplicates exactly as the ledger does (same party and topic within 30 days, to the chain’s first)', () => {
    const reclassifiedAt = new Map<string, number>();
    for (const [id, list] of steps) {
      const r = list.find((s) => s.kind === 'RECLASSIFY');
      if (r) reclassifiedAt.set(id, r.at.getTime());
    }
    const topicAt = (a: Appeal, t: number) =>
      t >= (reclassifiedAt.get(a.id) ?? Infinity) ? a.topic : a.classifiedTopic;
    const sorted = [...slice.appeals].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    const byField = new Map<string, Appeal[]>();
    const bad: string[] = [];
    for (const a of sorted) {
      const t = a.receivedAt.getTime();
      const field = a.creditCode
        ? `c:${a.creditCode}`
        : a.personId
          ? `p:${a.personId}`
          : a.appellantPhone
            ? `t:${a.appellantPhone}`
            : null;
      const candidates = (field ? (byField.get(field) ?? []) : []).filter(
        (b) =>
          b.duplicateOf === null &&
          topicAt(b, t) === a.classifiedTopic &&
          b.receivedAt.getTime() >= t - DUPLICATE_WINDOW_DAYS * DAY &&
          b.receivedAt.getTime() <= t,
      );
      const expected = candidates[0]?.id ?? null;
      if (a.duplicateOf !== expected) bad.push(`${a.number}: ${a.duplicateOf} ≠ ${expected}`);
      for (const key of [
        a.creditCode && `c:${a.creditCode}`,
        a.personId && `p:${a.personId}`,
        a.appellantPhone && `t:${a.appellantPhone}`,
      ]) {
        if (!key) continue;
        let list = byField.get(key);
        if (!list) byField.set(key, (list = []));
        list.push(a);
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
    const duplicates = slice.appeals.filter((a) => a.duplicateOf).length / slice.appeals.length;
    expect(duplicates).toBeGreaterThan(0.02);
    expect(duplicates).toBeLessThan(0.1);
  });

  it('names world enterprises and persons as parties, with plausible appellants', () => {
    const enterprises = new Map(world.tax.enterprises.map((e) => [e.creditCode, e]));
    const persons = new Map(world.socialSecurity.persons.map((p) => [p.personId, p]));
    const bad = slice.appeals.filter(
      (a) =>
        (a.creditCode && enterprises.get(a.creditCode)?.district !== a.district) ||
        (a.personId && persons.get(a.personId)?.district !== a.district) ||
        (a.appellantPhone !== null && !/^1\d{10}$/.test(a.appellantPhone ?? '')),
    );
    expect(bad.slice(0, 5)).toEqual([]);
    expect(slice.appeals.filter((a) => a.creditCode).length).toBeGreaterThan(3000);
    expect(slice.appeals.filter((a) => a.personId).length).toBeGreaterThan(3000);
    // Reports name the business reported; the reporter is often anonymous.
    const reports = slice.appeals.filter((a) => a.kind === 'REPORT');
    expect(reports.every((a) => a.creditCode && a.personId === null)).toBe(true);
    expect(reports.some((a) => a.appellantName === null)).toBe(true);
  });

  it('has reports about refused invoices over nine in ten', () => {
    const reports = slice.appeals.filter((a) => a.kind === 'REPORT');
    const refusals = reports.filter((a) => a.topic === 'INVOICE_REFUSAL').length;
    expect(refusals / reports.length).toBeGreaterThanOrEqual(0.9);
    expect(refusals).toBeLessThan(reports.length);
  });

  it('continues Table 2 with the valid reports via 12366 / 12345 of 2025 and 2026', () => {
    for (const year of [2025, 2026] as const) {
      for (const district of districts) {
        const n = slice.appeals.filter(
          (a) => isValidTableTwoReport(a) && chinaYear(a.receivedAt) === year && a.district === district,
        ).length;
        expect(n, `${year} ${district}`).toBe(VALID_REPORTS.demo[year][district]);
        // Within about ±35% of 2024 for a full year (2026 holds eleven months).
        const perYear = year === 2026 ? (n * 12) / 11 : n;
        const reference = TABLE_TWO[district][5]!;
        expect(Math.abs(perYear - reference) / reference, `${year} ${district}`).toBeLessThanOrEqual(0.35);
      }
    }
    // Besides the valid ones: refused reports and repeats via the same channels.
    const t2 = slice.appeals.filter((a) => a.kind === 'REPORT' && tableTwoChannels.includes(a.channel));
    expect(t2.some((a) => a.stage === 'REJECTED')).toBe(true);
    expect(t2.some((a) => a.duplicateOf !== null)).toBe(true);
  });

  it('shows the seasons: the income-tax reconciliation, contribution periods, filing deadlines, Spring Festival', () => {
    const monthly = (topic: string, year = 2025) => {
      const m = new Array<number>(12).fill(0);
      for (const a of slice.appeals)
        if (a.topic === topic && chinaYear(a.receivedAt) === year) m[local(a.receivedAt).getUTCMonth()]! += 1;
      return m;
    };
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    const refund = monthly('REFUND');
    expect(sum(refund.slice(2, 6)) / 4).toBeGreaterThanOrEqual(
      (2 * (sum(refund) - sum(refund.slice(2, 6)))) / 8,
    );
    const misuse = monthly('IIT_IDENTITY_MISUSE');
    expect(sum(misuse.slice(2, 6)) / 4).toBeGreaterThan((sum(misuse) - sum(misuse.slice(2, 6))) / 8);
    const si = monthly('SOCIAL_INSURANCE');
    expect((si[0]! + sum(si.slice(6))) / 7).toBeGreaterThan(sum(si.slice(1, 6)) / 5);
    const property = monthly('PROPERTY_MANAGEMENT');
    expect(property[0]! + property[1]! + property[10]! + property[11]!).toBeGreaterThan(
      sum(property.slice(4, 8)),
    );
    const deed = monthly('DEED_TAX');
    expect(deed[3]! + deed[9]!).toBeGreaterThan(deed[0]! + deed[1]!);
    const filing = slice.appeals.filter((a) => a.topic === 'FILING');
    const firstHalf = filing.filter((a) => local(a.receivedAt).getUTCDate() <= 15).length;
    expect(firstHalf).toBeGreaterThan(filing.length - firstHalf);
    // The Spring Festival weeks against the average week.
    const week = (from: string) =>
      slice.appeals.filter((a) => {
        const d = localDay(a.receivedAt);
        return d >= dayOfIso(from) && d < dayOfIso(from) + 7;
      }).length;
    const average = (6000 * 7) / 365;
    expect(week('2025-01-27')).toBeLessThan(average * 0.5);
    expect(week('2026-02-16')).toBeLessThan(average * 0.5);
    // Working days and hours.
    const weekend = slice.appeals.filter((a) => [0, 6].includes(local(a.receivedAt).getUTCDay())).length;
    expect(weekend / slice.appeals.length).toBeLessThan(0.15);
    const office = slice.appeals.filter((a) => {
      const h = local(a.receivedAt).getUTCHours();
      return h >= 8 && h < 18;
    }).length;
    expect(office / slice.appeals.length).toBeGreaterThan(0.75);
  });

  it('plants a surge of failed batch deductions the weekly rule catches, with no alert in the 8 weeks before', () => {
    const surgeWeek = (SURGE_WEEK - FIRST_WEEK) / 7;
    for (const withDuplicates of [false, true]) {
      const series = weeklySeries(slice.appeals, withDuplicates);
      const counts = series.get(SURGE.topic)!;
      const verdict = surgeAt(counts, surgeWeek);
      expect(verdict.alert).toBe(true);
      // Three to four times the usual count.
      expect(verdict.count / verdict.baselineMean).toBeGreaterThan(3);
      expect(verdict.count / verdict.baselineMean).toBeLessThan(5);
      for (const [topic, weekly] of series)
        for (let w = surgeWeek - 8; w < surgeWeek; w++)
          expect(surgeAt(weekly, w).alert, `${topic} in week ${w - surgeWeek}`).toBe(false);
    }
    // The test world's surge is caught too.
    const test = weeklySeries(buildWorld('test').tax.appeals.appeals);
    expect(surgeAt(test.get(SURGE.topic)!, surgeWeek).alert).toBe(true);
  });

  it('draws the surge from the employers and workers whose batch deductions failed in October–November 2026', () => {
    const ss = world.socialSecurity;
    const failedEmployers = new Set(
      ss.employerBatchDeductions
        .filter((d) => d.result === 'FAILED' && (d.period === '2026-10' || d.period === '2026-11'))
        .map((d) => d.creditCode),
    );
    const failedPersons = new Set(
      ss.batchDeductions.filter((d) => d.result === 'FAILED' && d.period >= '2026-09').map((d) => d.personId),
    );
    const employeesOfFailed = new Set(
      ss.enrolments
        .filter(
          (e) => e.employerCreditCode && failedEmployers.has(e.employerCreditCode) && e.endedOn === null,
        )
        .map((e) => e.personId),
    );
    const start = Date.parse(`${SURGE.weekStart}T00:00:00+08:00`);
    const inWeek = slice.appeals.filter(
      (a) =>
        a.topic === SURGE.topic &&
        a.receivedAt.getTime() >= start &&
        a.receivedAt.getTime() < start + 7 * DAY,
    );
    const traced = inWeek.filter(
      (a) =>
        (a.creditCode && failedEmployers.has(a.creditCode)) ||
        (a.personId && (failedPersons.has(a.personId) || employeesOfFailed.has(a.personId))),
    );
    expect(traced.length).toBeGreaterThanOrEqual(inWeek.length * 0.6);
  });
});
