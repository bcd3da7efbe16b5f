import { createHash, randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../../core/errors.js';
import { AppealAnalysisReportSchema, type AppealAnalysisReport } from '../entities/index.js';
import { canonicalJson } from '../health/report.js';
import { playbookOf } from './playbook.js';
import { appealRates, dayStart, labelOf, type AppealDimension, type AppealRates } from './rates.js';
import { BASELINE_WEEKS, GUARD_WEEKS, MINIMUM_COUNT, SPREAD_MULTIPLIER, surgeAt } from './surge.js';

/**
 * The weekly analysis of appeals (诉求分析周报) and the quarterly report: volumes by channel, topic,
 * district and kind against the period before, the hot topics found by the surge rule (surge.ts) against
 * each topic's own trailing baseline, the rates, and what to do about each hot topic (playbook.ts). Four
 * aggregate statements whatever the number of appeals; the result is kept as generated.
 */

export type AnalysisKind = 'WEEKLY' | 'QUARTERLY';

export interface Volume {
  key: string;
  label: string;
  count: number;
  /** The same count in the period before (the week or quarter before). */
  previous: number;
  /** count / previous − 1; null when there was none before. */
  change: number | null;
}

export interface HotTopic {
  topic: string;
  label: string;
  /** Appeals in the alerting week (for a quarter: the week it alerted most strongly). */
  count: number;
  baselineMean: number;
  spread: number;
  threshold: number;
  score: number;
  /** Mondays of the weeks it alerted (one for a weekly report). */
  weeks: string[];
  /** Its weekly counts, oldest first, from `seriesStart`: the alert week is the last of a weekly report's. */
  series: number[];
  seriesStart: string;
  /** Where it came from in the period. */
  districts: Volume[];
  /** A few of its appeals' work-order numbers. */
  examples: string[];
}

export interface Recommendation {
  topic: string | null;
  kind: 'GOVERNANCE_GUIDE' | 'PROACTIVE_ACTION' | 'LIVE_QA' | 'SUPERVISION';
  text: string;
  /** PROACTIVE_ACTION: the targeting rule that fits, if any. */
  rule: string | null;
  /** SUPERVISION: the district concerned. */
  district: string | null;
}

export interface AnalysisContent {
  title: string;
  total: number;
  previousTotal: number;
  change: number | null;
  byChannel: Volume[];
  byTopic: Volume[];
  byDistrict: Volume[];
  byKind: Volume[];
  hotTopicRule: string;
  hotTopics: HotTopic[];
  rates: AppealRates;
  ratesByDistrict: { key: string; label: string; rates: AppealRates }[];
  recommendations: Recommendation[];
}

export const HOT_TOPIC_RULE =
  `热点主题判定规则：某主题本周诉求量（不含重复件）与其自身基线比较——基线为前 ${BASELINE_WEEKS} 周` +
  `（不含紧邻的 ${GUARD_WEEKS} 周保护期）的均值，离散度取 max(标准差, √均值, 1)，` +
  `本周量超过 均值 + ${SPREAD_MULTIPLIER} × 离散度 且不少于 ${MINIMUM_COUNT} 件即为热点；基线中有全无诉求记录的周（枢纽尚未接入）时不作判定；` +
  `季度报告列出季度内任一周达到该规则的主题。` +
  ` (A topic is hot in a week when its count, duplicates excluded, exceeds mean + ${SPREAD_MULTIPLIER} × max(sd, √mean, 1) of the ` +
  `${BASELINE_WEEKS} weeks before the guard week and is at least ${MINIMUM_COUNT}; no verdict while a baseline week holds no appeal ` +
  `at all (the hub was not yet collecting); a quarter lists the topics hot in any of its weeks.)`;

/** Supervision is recommended for a district whose response rate is below this … */
const RESPONSE_RATE_FLOOR = 0.9;
/** … or whose overdue rate is above this. */
const OVERDUE_RATE_CEILING = 0.1;

const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;

/** Calendar arithmetic on YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
function addMonths(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The Monday of the week a day falls in. */
export const mondayOf = (date: string) => addDays(date, -((weekday(date) + 6) % 7));

/** The period's first day, its day after the last, and the period before it. */
export function periodBounds(kind: AnalysisKind, periodStart: string) {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(periodStart) && addDays(periodStart, 0) === periodStart;
  if (!valid) throw badInput(`日期不存在 ${periodStart} (no such day)`, 'input.periodStart');
  if (kind === 'WEEKLY') {
    if (weekday(periodStart) !== 1)
      throw badInput(
        `周报的起始日须为星期一，${periodStart} 不是 (a week starts on a Monday)`,
        'input.periodStart',
      );
    return { start: periodStart, next: addDays(periodStart, 7), previous: addDays(periodStart, -7) };
  }
  if (!/-(01|04|07|10)-01$/.test(periodStart))
    throw badInput(
      `季度报告的起始日须为季度首日，如 2026-07-01 (a quarter starts on its first day)`,
      'input.periodStart',
    );
  return { start: periodStart, next: addMonths(periodStart, 3), previous: addMonths(periodStart, -3) };
}

function titleOf(kind: AnalysisKind, start: string, next: string): string {
  const last = addDays(next, -1);
  if (kind === 'QUARTERLY') {
    const quarter = (Number(start.slice(5, 7)) + 2) / 3;
    return `${start.slice(0, 4)} 年第 ${quarter} 季度税费诉求和舆情分析办理报告 (${start} – ${last})`;
  }
  return `诉求分析周报 ${start} 至 ${last} (weekly analysis of appeals)`;
}

const change = (count: number, previous: number) => (previous === 0 ? null : count / previous - 1);

type VolumeRow = {
  g: number;
  channel: string | null;
  topic: string | null;
  district: string | null;
  kind: string | null;
  current: number;
  previous: number;
};

// grouping(channel, topic, district, kind): a bit is 1 where the column is rolled up.
const SETS = { channel: 7, topic: 11, district: 13, kind: 14, topicDistrict: 9, total: 15 } as const;

/** Computes the analysis of one period (nothing is written). */
export async function analyse(
  em: EntityManager,
  kind: AnalysisKind,
  periodStart: string,
): Promise<AnalysisContent> {
  const { start, next, previous } = periodBounds(kind, periodStart);
  const db = em.getConnection();
  const startAt = dayStart(start);
  const endAt = dayStart(next);
  // Weekly series of every topic: the period's weeks plus the baseline and guard weeks before the first.
  const firstWeek = mondayOf(start);
  const seriesStart = addDays(firstWeek, -7 * (BASELINE_WEEKS + GUARD_WEEKS));
  const weeksInSeries = Math.ceil((endAt.getTime() - dayStart(seriesStart).getTime()) / WEEK);
  const [volumes, series, ratesByDistrict] = await Promise.all([
    db.execute<VolumeRow[]>(
      `select grouping(channel, topic, district, kind)::int as g, channel, topic, district, kind,
              count(*) filter (where received_at >= ?)::int as current,
              count(*) filter (where received_at < ?)::int as previous
         from appeal where received_at >= ? and received_at < ?
        group by grouping sets ((channel), (topic), (district), (kind), (topic, district), ())`,
      [startAt, startAt, dayStart(previous), endAt],
    ),
    db.execute<{ topic: string; w: number; n: number }[]>(
      `select topic, floor(extract(epoch from (received_at - ?::timestamptz)) / 604800)::int as w, count(*)::int as n
         from appeal where received_at >= ? and received_at < ? and duplicate_of is null
        group by 1, 2`,
      [dayStart(seriesStart), dayStart(seriesStart), endAt],
    ),
    appealRates(em, 'DISTRICT', { start: startAt, end: endAt }),
  ]);

  const bySet = (set: number, pick: (r: VolumeRow) => string | null, by: AppealDimension): Volume[] =>
    volumes
      .filter((r) => r.g === set && r.current > 0 && pick(r) !== null)
      .map((r) => ({
        key: pick(r)!,
        label: labelOf(by, pick(r)!),
        count: r.current,
        previous: r.previous,
        change: change(r.current, r.previous),
      }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  const total = volumes.find((r) => r.g === SETS.total) ?? { current: 0, previous: 0 };

  // The surge rule on each topic's weekly series, at each week of the period.
  const seriesOf = new Map<string, number[]>();
  for (const row of series) {
    const counts = seriesOf.get(row.topic) ?? new Array<number>(weeksInSeries).fill(0);
    if (row.w >= 0 && row.w < weeksInSeries) counts[row.w] = row.n;
    seriesOf.set(row.topic, counts);
  }
  const firstPeriodWeek = BASELINE_WEEKS + GUARD_WEEKS;
  // A week in which no appeal of any topic was recorded is a week the hub was not collecting (before it
  // went live): a baseline that includes one is not a baseline, or every topic would be "hot" at first.
  const weekTotals = new Array<number>(weeksInSeries).fill(0);
  for (const row of series) if (row.w >= 0 && row.w < weeksInSeries) weekTotals[row.w]! += row.n;
  const observed = (w: number) =>
    weekTotals.slice(w - BASELINE_WEEKS - GUARD_WEEKS, w - GUARD_WEEKS).every((n) => n > 0);
  const hot: HotTopic[] = [];
  for (const [topic, counts] of seriesOf) {
    const alerts = [];
    for (let w = firstPeriodWeek; w < weeksInSeries; w++) {
      if (!observed(w)) continue;
      const verdict = surgeAt(counts, w);
      if (verdict.alert) alerts.push({ w, verdict });
    }
    if (!alerts.length) continue;
    const strongest = alerts.reduce((a, b) => (b.verdict.score > a.verdict.score ? b : a));
    hot.push({
      topic,
      label: labelOf('TOPIC', topic),
      count: strongest.verdict.count,
      baselineMean: strongest.verdict.baselineMean,
      spread: strongest.verdict.spread,
      threshold: strongest.verdict.threshold,
      score: strongest.verdict.score,
      weeks: alerts.map((a) => addDays(seriesStart, 7 * a.w)),
      series: counts,
      seriesStart,
      districts: bySet(SETS.topicDistrict, (r) => (r.topic === topic ? r.district : null), 'DISTRICT'),
      examples: [],
    });
  }
  hot.sort((a, b) => b.score - a.score);
  if (hot.length) {
    const examples = await db.execute<{ topic: string; number: string }[]>(
      `select topic, number from (
         select topic, number, row_number() over (partition by topic order by received_at desc, number) as r
           from appeal where topic in (?) and received_at >= ? and received_at < ? and duplicate_of is null) x
        where r <= 5 order by topic, r`,
      [hot.map((h) => h.topic), startAt, endAt],
    );
    for (const h of hot) h.examples = examples.filter((e) => e.topic === h.topic).map((e) => e.number);
  }

  return {
    title: titleOf(kind, start, next),
    total: total.current,
    previousTotal: total.previous,
    change: change(total.current, total.previous),
    byChannel: bySet(SETS.channel, (r) => r.channel, 'CHANNEL'),
    byTopic: bySet(SETS.topic, (r) => r.topic, 'TOPIC'),
    byDistrict: bySet(SETS.district, (r) => r.district, 'DISTRICT'),
    byKind: bySet(SETS.kind, (r) => r.kind, 'KIND'),
    hotTopicRule: HOT_TOPIC_RULE,
    hotTopics: hot,
    rates: ratesByDistrict.total,
    ratesByDistrict: ratesByDistrict.rows,
    recommendations: recommend(hot, ratesByDistrict.rows),
  };
}

/** For each hot topic: a guide, a proactive action, a live Q&A; for a lagging district: supervision. */
export function recommend(
  hot: readonly Pick<HotTopic, 'topic' | 'label' | 'count' | 'baselineMean'>[],
  districts: readonly { key: string; label: string; rates: AppealRates }[],
): Recommendation[] {
  const out: Recommendation[] = [];
  for (const h of hot) {
    const play = playbookOf(h.topic);
    const times = h.baselineMean > 0 ? `约为基线的 ${(h.count / h.baselineMean).toFixed(1)} 倍` : '基线为零';
    out.push(
      {
        topic: h.topic,
        kind: 'GOVERNANCE_GUIDE',
        text: `${h.label}：本期 ${h.count} 件，${times}。起草或更新风险治理指引，重点：${play.keyAreas.join('；')}`,
        rule: null,
        district: null,
      },
      {
        topic: h.topic,
        kind: 'PROACTIVE_ACTION',
        text: play.proactive.text,
        rule: play.proactive.rule,
        district: null,
      },
      {
        topic: h.topic,
        kind: 'LIVE_QA',
        text: `安排可视答疑直播：${play.liveQa}`,
        rule: null,
        district: null,
      },
    );
  }
  for (const d of districts) {
    const { responseRate, overdueRate, received } = d.rates;
    if (received === 0) continue;
    const slow = responseRate !== null && responseRate < RESPONSE_RATE_FLOOR;
    const late = overdueRate !== null && overdueRate > OVERDUE_RATE_CEILING;
    if (!slow && !late) continue;
    const pct = (x: number | null) => `${((x ?? 0) * 100).toFixed(1)}%`;
    out.push({
      topic: null,
      kind: 'SUPERVISION',
      text: `${d.label}响应率 ${pct(responseRate)}、超期率 ${pct(overdueRate)}，由县局纳税服务中心督办，市局工作专班跟踪`,
      rule: null,
      district: d.key,
    });
  }
  return out;
}

export interface GenerateInput {
  kind: AnalysisKind;
  periodStart: string;
  /** Write a new revision even if the period has one. */
  regenerate: boolean;
  trigger: 'SCHEDULE' | 'ON_DEMAND';
  actor: { subject: string; name: string };
}

const latest = (em: EntityManager, kind: AnalysisKind, periodStart: string) =>
  em.findOne(AppealAnalysisReportSchema, { kind, periodStart }, { orderBy: { revision: 'desc' } });

/**
 * The period's report: the one already generated, or a new one (also a new revision when asked). Two
 * generations of one period at once write one revision: the unique (kind, period, revision) lets one in.
 */
export async function generateAnalysis(
  em: EntityManager,
  input: GenerateInput,
): Promise<{ report: AppealAnalysisReport; generated: boolean }> {
  const { start, next } = periodBounds(input.kind, input.periodStart);
  if (dayStart(start).getTime() > Date.now())
    throw badInput('不能为尚未开始的期间生成报告 (the period has not begun)', 'input.periodStart');
  const existing = await latest(em, input.kind, start);
  if (existing && !input.regenerate) return { report: existing, generated: false };
  const content = await analyse(em, input.kind, start);
  const report: AppealAnalysisReport = {
    id: randomUUID(),
    kind: input.kind,
    periodStart: start,
    periodEnd: addDays(next, -1),
    revision: (existing?.revision ?? 0) + 1,
    trigger: input.trigger,
    generatedAt: new Date(),
    generatedBySubject: input.actor.subject,
    generatedByName: input.actor.name,
    content,
    contentHash: createHash('sha256').update(canonicalJson(content)).digest('hex'),
  };
  try {
    await em.insert(AppealAnalysisReportSchema, report);
    return { report, generated: true };
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const winner = await latest(em.fork() as EntityManager, input.kind, start);
    if (!winner) throw error;
    return { report: winner, generated: false };
  }
}

/** How far back the schedule catches up reports missed while the service was down (or before it started). */
export const CATCH_UP = { weeks: 12, quarters: 4 };

/**
 * The periods the schedule owes at `now`, newest first: last week's report from Monday 08:00 and last
 * quarter's from its first day 08:00 (UTC+8), and the ones before them within CATCH_UP.
 */
export function duePeriods(now: Date): { kind: AnalysisKind; periodStart: string }[] {
  // Bazhong's wall clock is UTC+8, and reports fall due at 08:00 there, which is 00:00 UTC: the UTC date
  // of `now` is the day whose reports are due.
  const today = now.toISOString().slice(0, 10);
  const month = Number(today.slice(5, 7));
  const quarterStart = `${today.slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
  return [
    ...Array.from({ length: CATCH_UP.weeks }, (_, i) => ({
      kind: 'WEEKLY' as const,
      periodStart: addDays(mondayOf(today), -7 * (i + 1)),
    })),
    ...Array.from({ length: CATCH_UP.quarters }, (_, i) => ({
      kind: 'QUARTERLY' as const,
      periodStart: addMonths(quarterStart, -3 * (i + 1)),
    })),
  ];
}
