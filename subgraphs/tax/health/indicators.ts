import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { definitionOf, type IndicatorCode } from '../../shared/health/catalogue.js';
import { indicator, type HealthIndicator } from '../../shared/health/indicators.js';
import type { Enterprise } from '../entities/index.js';

/**
 * The tax bureau's own health-check indicators of an enterprise, from its compliance records: filing
 * timeliness, open invoice anomalies, the credit rating, tax owed and open risk flags. Four aggregate
 * statements for any number of enterprises (one per table, grouped by credit code).
 */

const DAY_MS = 86_400_000;
/** Numeric value of a credit rating, so that it can be rated like the others: lower is worse. */
const RATING_VALUE: Record<Enterprise['creditRating'], number> = { A: 5, B: 4, M: 3, C: 2, D: 1 };

/** What the tax indicators of one enterprise rest on: counts and sums over its compliance records. */
export interface Aggregates {
  due: number;
  onTime: number;
  anomalies: number;
  owed: number;
  owedItems: number;
  flags: number;
  highFlags: number;
}

export const emptyAggregates = (): Aggregates => ({
  due: 0,
  onTime: 0,
  anomalies: 0,
  owed: 0,
  owedItems: 0,
  flags: 0,
  highFlags: 0,
});

async function aggregates(
  em: EntityManager,
  codes: readonly string[],
  now: Date,
): Promise<Map<string, Aggregates>> {
  const db = em.getConnection();
  const since = new Date(now.getTime() - 365 * DAY_MS).toISOString().slice(0, 10);
  const today = now.toISOString().slice(0, 10);
  const list = [...codes];
  const [filings, anomalies, owed, flags] = await Promise.all([
    db.execute<{ credit_code: string; due: number; on_time: number }[]>(
      `select credit_code, count(*)::int as due,
              count(*) filter (where filed_on is not null and filed_on <= due_on)::int as on_time
         from tax_filing where credit_code in (?) and due_on >= ? and due_on < ? group by credit_code`,
      [list, since, today],
    ),
    db.execute<{ credit_code: string; n: number }[]>(
      `select credit_code, count(*)::int as n from invoice_anomaly
        where credit_code in (?) and resolved_on is null group by credit_code`,
      [list],
    ),
    db.execute<{ credit_code: string; amount: string; n: number }[]>(
      `select credit_code, sum(amount)::text as amount, count(*)::int as n from tax_arrears
        where credit_code in (?) and paid_on is null group by credit_code`,
      [list],
    ),
    db.execute<{ credit_code: string; n: number; high: number }[]>(
      `select credit_code, count(*)::int as n, count(*) filter (where level = 'HIGH')::int as high
         from tax_risk_flag where credit_code in (?) and closed_on is null group by credit_code`,
      [list],
    ),
  ]);
  const byCode = new Map(list.map((c) => [c, emptyAggregates()]));
  for (const r of filings) Object.assign(byCode.get(r.credit_code)!, { due: r.due, onTime: r.on_time });
  for (const r of anomalies) byCode.get(r.credit_code)!.anomalies = r.n;
  for (const r of owed) Object.assign(byCode.get(r.credit_code)!, { owed: Number(r.amount), owedItems: r.n });
  for (const r of flags) Object.assign(byCode.get(r.credit_code)!, { flags: r.n, highFlags: r.high });
  return byCode;
}

/** An indicator of the catalogue with this value, as of now. */
export function catalogueIndicator(
  code: IndicatorCode,
  value: number,
  asOf: Date,
  note: string | null = null,
) {
  const d = definitionOf(code);
  return indicator(
    { code, name: d.name, sourceAgency: d.sourceAgency, unit: d.unit, note },
    value,
    d.rule,
    asOf,
  );
}

/** The five tax indicators of one enterprise from its aggregates. */
export function taxIndicators(enterprise: Enterprise, a: Aggregates, asOf: Date): HealthIndicator[] {
  const timeliness = a.due === 0 ? 100 : Math.round((1000 * a.onTime) / a.due) / 10;
  return [
    catalogueIndicator(
      'TAX_FILING_TIMELINESS',
      timeliness,
      asOf,
      `近 12 个月应申报 ${a.due} 次，按期 ${a.onTime} 次`,
    ),
    catalogueIndicator('TAX_INVOICE_ANOMALIES', a.anomalies, asOf),
    catalogueIndicator(
      'TAX_CREDIT_RATING',
      RATING_VALUE[enterprise.creditRating],
      asOf,
      `纳税信用 ${enterprise.creditRating} 级（A=5 … D=1）`,
    ),
    catalogueIndicator(
      'TAX_OWED',
      Math.round(a.owed * 100) / 100,
      asOf,
      a.owedItems ? `欠税 ${a.owedItems} 笔未缴清` : null,
    ),
    catalogueIndicator('TAX_RISK_FLAGS', a.flags, asOf, a.highFlags ? `其中高风险 ${a.highFlags} 条` : null),
  ];
}

/** The tax indicators of many enterprises at once (null for an unknown credit code). */
export async function taxIndicatorsOf(
  em: EntityManager,
  enterprises: readonly Enterprise[],
  now = new Date(),
): Promise<Map<string, HealthIndicator[]>> {
  const byCode = await aggregates(
    em,
    enterprises.map((e) => e.creditCode),
    now,
  );
  return new Map(enterprises.map((e) => [e.creditCode, taxIndicators(e, byCode.get(e.creditCode)!, now)]));
}

/** A per-request loader: the tax indicators of every enterprise a request asks for, in one round. */
export function taxIndicatorLoader(em: EntityManager, enterprise: DataLoader<string, Enterprise | null>) {
  return new DataLoader<string, HealthIndicator[] | null>(async (codes) => {
    const rows = (await enterprise.loadMany(codes)).filter(
      (e): e is Enterprise => !!e && !(e instanceof Error),
    );
    const byCode = await taxIndicatorsOf(em, rows);
    return codes.map((c) => byCode.get(c) ?? null);
  });
}
