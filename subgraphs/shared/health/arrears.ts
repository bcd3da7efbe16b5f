import type { EntityManager } from '@mikro-orm/postgresql';
import { unpaidArrearsStatuses } from '../enums.js';
import { indicatorGroupLoader } from './loader.js';
import { counted } from './specs.js';

/** Health-check facts: an employer's unpaid arrears (SI_ARREARS, MI_ARREARS). */
export interface ArrearsFacts {
  count: number;
  /** Decimal string of the sum, in 元. */
  total: string;
  firstPeriod: string | null;
  lastPeriod: string | null;
}

const noArrears: ArrearsFacts = { count: 0, total: '0.00', firstPeriod: null, lastPeriod: null };

/**
 * The unpaid (outstanding or disputed) employer arrears of a batch of employers, from either agency's
 * arrears table (the two have the same columns and the same rule of what is owed): one grouped
 * statement per batch.
 */
export function employerArrearsFactsLoader(em: EntityManager, table: 'si_arrears' | 'mi_arrears') {
  return indicatorGroupLoader<ArrearsFacts>(async (creditCodes) => {
    const rows = await em.execute<
      { credit_code: string; n: number; total: string; first: string; last: string }[]
    >(
      `select credit_code, count(*)::int as n, sum(amount)::text as total,
              min(period_from) as first, max(period_to) as last
         from ${table}
        where debtor_kind = 'EMPLOYER' and status in (?) and credit_code in (?)
        group by credit_code`,
      [[...unpaidArrearsStatuses], creditCodes],
    );
    return new Map(
      rows.map((r) => [
        r.credit_code,
        { count: r.n, total: r.total, firstPeriod: r.first, lastPeriod: r.last },
      ]),
    );
  }, noArrears);
}

/** What an arrears value rests on: `欠缴 2 笔，所属期 2026-08 至 2026-10 (…)`. */
export function arrearsNote(facts: ArrearsFacts, kind: { zh: string; en: string }): string {
  if (facts.count === 0) return `无未缴清的${kind.zh}欠费 (no unpaid ${kind.en} arrears)`;
  return (
    `欠缴 ${facts.count} 笔，所属期 ${facts.firstPeriod} 至 ${facts.lastPeriod} ` +
    `(${counted(facts.count, 'unpaid arrears record')}, periods ${facts.firstPeriod} to ${facts.lastPeriod})`
  );
}
