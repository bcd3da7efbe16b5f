import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../../core/errors.js';
import { districtInfo, type District } from '../../shared/enums.js';
import { appealChannelCatalogue, appealKindLabels, type AppealChannel } from './catalogue.js';
import { topicLabel } from './topics.js';

/**
 * The rates of the appeal loop (三率 plus the duplicate and overdue rates) over the appeals received in a
 * period, grouped by one dimension: one aggregate statement whatever the number of appeals.
 */

export const appealDimensions = ['DISTRICT', 'CHANNEL', 'TOPIC', 'KIND'] as const;
export type AppealDimension = (typeof appealDimensions)[number];

export interface AppealRates {
  received: number;
  respondedInTime: number;
  responseRate: number | null;
  accepted: number;
  resolved: number;
  resolutionRate: number | null;
  revisited: number;
  satisfied: number;
  satisfactionRate: number | null;
  duplicates: number;
  duplicateRate: number | null;
  overdue: number;
  overdueRate: number | null;
}

export const rateDefinitions = [
  '响应率 = 接收后 1 天内受理或不予受理的件数 ÷ 接收件数 (response rate: answered within a day ÷ received)',
  '解决率 = 已处理、已反馈或已办结的件数 ÷ 受理件数（不含不予受理与待受理）(resolution rate: handled ÷ accepted)',
  '满意率 = 最近一次回访满意或基本满意的件数 ÷ 已回访件数 (satisfaction rate: satisfied at the last revisit ÷ revisited)',
  '重复率 = 可能重复件（同一当事人同一主题 30 日内）÷ 接收件数 (duplicate rate: likely duplicates ÷ received)',
  '超期率 = 有步骤超时完成或当前阶段已超期的件数 ÷ 接收件数 (overdue rate: a late step or overdue now ÷ received)',
];

const column: Record<AppealDimension, string> = {
  DISTRICT: 'district',
  CHANNEL: 'channel',
  TOPIC: 'topic',
  KIND: 'kind',
};

export function labelOf(by: AppealDimension, key: string): string {
  switch (by) {
    case 'DISTRICT':
      return districtInfo[key as District]?.name ?? key;
    case 'CHANNEL':
      return appealChannelCatalogue[key as AppealChannel]?.label ?? key;
    case 'TOPIC':
      return topicLabel(key);
    case 'KIND':
      return appealKindLabels[key as keyof typeof appealKindLabels] ?? key;
  }
}

/** Midnight of a calendar day in Bazhong (UTC+8): the boundaries of every period the analysis counts. */
export const dayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);
const DAY = 24 * 60 * 60 * 1000;

/** Checks a from–to range of days and returns its boundaries [start, end). */
export function periodOf(from: string, to: string, maxDays = 3700): { start: Date; end: Date } {
  const start = dayStart(from);
  const end = new Date(dayStart(to).getTime() + DAY);
  if (Number.isNaN(start.getTime())) throw badInput(`日期不存在 ${from} (no such day)`, 'from');
  if (Number.isNaN(end.getTime())) throw badInput(`日期不存在 ${to} (no such day)`, 'to');
  if (end <= start) throw badInput('截止日期早于起始日期 (to is before from)', 'to');
  if ((end.getTime() - start.getTime()) / DAY > maxDays)
    throw badInput(`统计期间最长 ${maxDays} 天 (at most ${maxDays} days)`, 'to');
  return { start, end };
}

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

export function ratesOf(row: Omit<AppealRates, `${string}Rate`>): AppealRates {
  return {
    ...row,
    responseRate: ratio(row.respondedInTime, row.received),
    resolutionRate: ratio(row.resolved, row.accepted),
    satisfactionRate: ratio(row.satisfied, row.revisited),
    duplicateRate: ratio(row.duplicates, row.received),
    overdueRate: ratio(row.overdue, row.received),
  };
}

type CountRow = Omit<AppealRates, `${string}Rate`> & { key: string };

/** The counts behind the rates, as SQL over `appeal a` (shared with the weekly analysis). */
export const rateCountsSql = `count(*)::int as received,
  count(*) filter (where a.responded_at is not null and a.responded_at <= a.received_at + interval '1 day')::int as "respondedInTime",
  count(*) filter (where a.stage not in ('RECEIVED', 'REJECTED'))::int as accepted,
  count(*) filter (where a.stage in ('HANDLED', 'FEEDBACK_GIVEN', 'CLOSED'))::int as resolved,
  count(*) filter (where a.satisfaction is not null)::int as revisited,
  count(*) filter (where a.satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED'))::int as satisfied,
  count(*) filter (where a.duplicate_of is not null)::int as duplicates,
  count(*) filter (where a.ever_late or a.stage_due_at < now())::int as overdue`;

export interface RateScope {
  start: Date;
  end: Date;
  district?: string | null;
  channel?: string | null;
  topic?: string | null;
}

export async function appealRates(
  em: EntityManager,
  by: AppealDimension,
  scope: RateScope,
): Promise<{ rows: { key: string; label: string; rates: AppealRates }[]; total: AppealRates }> {
  const key = column[by];
  const rows = await em.getConnection().execute<CountRow[]>(
    `select coalesce(a.${key}, 'ALL') as key, ${rateCountsSql}
       from appeal a
      where a.received_at >= ? and a.received_at < ?
        and (?::text is null or a.district = ?) and (?::text is null or a.channel = ?)
        and (?::text is null or a.topic = ?)
      group by grouping sets ((a.${key}), ())
      order by received desc, key`,
    [
      scope.start,
      scope.end,
      scope.district ?? null,
      scope.district ?? null,
      scope.channel ?? null,
      scope.channel ?? null,
      scope.topic ?? null,
      scope.topic ?? null,
    ],
  );
  const empty: CountRow = {
    key: 'ALL',
    received: 0,
    respondedInTime: 0,
    accepted: 0,
    resolved: 0,
    revisited: 0,
    satisfied: 0,
    duplicates: 0,
    overdue: 0,
  };
  // The grand total is the grouping set () — its key is null, coalesced to ALL (no dimension value is ALL).
  const total = rows.find((r) => r.key === 'ALL') ?? empty;
  return {
    rows: rows
      .filter((r) => r !== total)
      .map(({ key: k, ...counts }) => ({ key: k, label: labelOf(by, k), rates: ratesOf(counts) })),
    total: ratesOf({ ...total, key: undefined } as never),
  };
}
