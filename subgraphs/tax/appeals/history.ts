import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../../core/errors.js';
import { districts, type District } from '../../shared/enums.js';
import { AppealYearlyFigureSchema } from '../entities/index.js';
import { tableTwoChannels } from './catalogue.js';

export interface YearlyValidReports {
  year: number;
  /** Null: the city. */
  district: District | null;
  validReports: number;
  source: 'LEGACY_STATISTICS' | 'HUB_APPEALS';
}

/**
 * Valid tax-related reports via 12366 and 12345 by district and year (the study's Table 2). Years held in
 * the legacy figures are served from them as recorded; any other year is counted from the appeals: reports
 * by those channels, not refused, not a likely duplicate. Two statements whatever the span.
 */
export async function validReportsByYear(
  em: EntityManager,
  fromYear: number,
  toYear: number,
  district: District | null,
): Promise<YearlyValidReports[]> {
  if (!Number.isInteger(fromYear) || fromYear < 2000 || fromYear > 2100)
    throw badInput('年份须在 2000–2100 之间 (a year between 2000 and 2100)', 'fromYear');
  if (!Number.isInteger(toYear) || toYear < fromYear || toYear - fromYear > 30)
    throw badInput(
      '截止年份须不早于起始年份，跨度不超过 30 年 (toYear ≥ fromYear, at most 30 years)',
      'toYear',
    );
  const [legacy, counted] = await Promise.all([
    em.find(AppealYearlyFigureSchema, { year: { $gte: fromYear, $lte: toYear } }),
    em.getConnection().execute<{ year: number; district: District; n: number }[]>(
      `select extract(year from a.received_at at time zone 'Asia/Shanghai')::int as year, a.district, count(*)::int as n
         from appeal a
        where a.kind = 'REPORT' and a.channel in (?) and a.stage <> 'REJECTED' and a.duplicate_of is null
          and a.received_at >= ? and a.received_at < ?
        group by 1, 2`,
      [
        tableTwoChannels,
        new Date(`${fromYear}-01-01T00:00:00+08:00`),
        new Date(`${toYear + 1}-01-01T00:00:00+08:00`),
      ],
    ),
  ]);
  const legacyYears = new Set(legacy.map((f) => f.year));
  const figures = new Map<string, number>();
  for (const f of legacy) figures.set(`${f.year}:${f.district}`, f.validReports);
  for (const c of counted) if (!legacyYears.has(c.year)) figures.set(`${c.year}:${c.district}`, c.n);
  const wanted = district ? [district] : [...districts];
  const out: YearlyValidReports[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    const source = legacyYears.has(year) ? 'LEGACY_STATISTICS' : 'HUB_APPEALS';
    let city = 0;
    for (const d of wanted) {
      const n = figures.get(`${year}:${d}`) ?? 0;
      city += n;
      out.push({ year, district: d, validReports: n, source });
    }
    if (!district) out.push({ year, district: null, validReports: city, source });
  }
  return out;
}
