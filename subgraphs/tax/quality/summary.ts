import type { EntityManager } from '@mikro-orm/postgresql';
import {
  QualityIndicatorSchema,
  QualityValueSchema,
  rectificationStatuses,
  type QualityIndicator,
  type RectificationStatus,
} from '../entities/index.js';
import { beijingToday } from '../service-account/calendar.js';
import { rate, scoreOf, type QualityRating } from './rating.js';
import { qualityUnitOf, qualityUnits, type QualityUnit } from './units.js';
import { unfinishedStatuses } from './workflow.js';

/**
 * The summary of a month (月度服务质效汇总): every value rated against the thresholds in force, counted by
 * rating, scored (综合得分) for the city, each area and each unit, and the month's rectification tasks by
 * status with the overdue ones. Three statements whatever the number of values.
 */

export interface RatingCounts {
  values: number;
  green: number;
  amber: number;
  red: number;
  score: number | null;
}

export type AreaSummary = RatingCounts & { indicator: QualityIndicator };
export type UnitSummary = RatingCounts & { unit: QualityUnit };

export interface QualitySummary extends RatingCounts {
  period: string;
  tasksRaised: number;
  overdueTasks: number;
  tasksByStatus: { status: RectificationStatus; count: number }[];
  areas: AreaSummary[];
  units: UnitSummary[];
}

function counts(ratings: { rating: QualityRating }[], score: number | null): RatingCounts {
  return {
    values: ratings.length,
    green: ratings.filter((r) => r.rating === 'GREEN').length,
    amber: ratings.filter((r) => r.rating === 'AMBER').length,
    red: ratings.filter((r) => r.rating === 'RED').length,
    score,
  };
}

export async function qualitySummary(em: EntityManager, period: string): Promise<QualitySummary> {
  const indicators = await em.find(QualityIndicatorSchema, {}, { orderBy: { position: 'asc' } });
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const areas = indicators.filter((i) => i.level === 1);
  const values = await em.find(
    QualityValueSchema,
    { period },
    { orderBy: { unit: 'asc', indicatorCode: 'asc' } },
  );
  const rated = values.flatMap((v) => {
    const indicator = byCode.get(v.indicatorCode);
    return indicator ? [{ value: v, indicator, rating: rate(indicator, v.value) }] : [];
  });
  const tasks = await em
    .getConnection()
    .execute<{ status: RectificationStatus; count: number; overdue: number }[]>(
      `select status, count(*)::int as count,
            count(*) filter (where status in (?) and due_on < ?)::int as overdue
       from rectification_task where period = ? group by status`,
      [[...unfinishedStatuses], beijingToday(), period],
    );
  const taskCount = (status: RectificationStatus) => tasks.find((t) => t.status === status)?.count ?? 0;

  const whole = scoreOf(rated, areas);
  // Units in the catalogue's order: the districts, then the city's and the counties' units.
  const present = new Set(rated.map((r) => r.value.unit));
  const unitCodes = qualityUnits.map((u) => u.code).filter((code) => present.has(code));
  return {
    period,
    ...counts(rated, whole.score),
    tasksRaised: tasks.reduce((s, t) => s + t.count, 0),
    overdueTasks: tasks.reduce((s, t) => s + t.overdue, 0),
    tasksByStatus: rectificationStatuses.map((status) => ({ status, count: taskCount(status) })),
    areas: areas.map((indicator) => ({
      indicator,
      ...counts(
        rated.filter((r) => r.indicator.parentCode === indicator.code),
        whole.byArea.get(indicator.code) ?? null,
      ),
    })),
    units: unitCodes.flatMap((code) => {
      const unit = qualityUnitOf(code);
      if (!unit) return [];
      const mine = rated.filter((r) => r.value.unit === code);
      return [{ unit, ...counts(mine, scoreOf(mine, areas).score) }];
    }),
  };
}
