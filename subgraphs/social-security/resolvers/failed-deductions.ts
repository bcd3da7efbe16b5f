import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, hubError } from '../../../core/errors.js';
import type { Identity } from '../../../core/identity.js';
import type { District } from '../../shared/enums.js';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../shared/pagination.js';
import { canSeeEnterprise } from '../../shared/row-level.js';
import type { EmployerBatchDeduction } from '../entities/index.js';
import type { FailedDeductionEmployerResolvers } from '../generated/resolvers-types.js';

/**
 * The employers whose monthly batch deductions (单位社保费批扣) failed in one month, by the deductions'
 * period: what the tax bureau's proactive work (未诉先办) reads through the graph to remind them before a
 * failure turns into arrears and an appeal. Grouped per employer in SQL, one statement per page.
 */

export interface FailedDeductionEmployerRow {
  creditCode: string;
  district: District;
  month: string;
  failedCount: number;
  /** The month's amount that failed to be deducted (the latest failed attempt's amount). */
  amount: string;
  /** No attempt of the month succeeded. */
  unresolved: boolean;
  latestFailureReason: EmployerBatchDeduction['failureReason'];
  lastFailedAt: Date;
}
export type FailedDeductionConnectionParent = Connection<FailedDeductionEmployerRow>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const LIST = 'employersWithFailedDeductions';

interface Query {
  month: string;
  district?: District | null;
  unresolvedOnly?: boolean | null;
  first?: number | null;
  after?: string | null;
}

/** The grouped rows of one month, before paging: shared by the page and its total. */
const grouped = `
  select d.credit_code as "creditCode", a.district, d.period as month,
         count(*) filter (where d.result = 'FAILED')::int as "failedCount",
         (array_agg(d.amount order by d.attempted_at desc, d.id desc) filter (where d.result = 'FAILED'))[1]::text as amount,
         bool_and(d.result = 'FAILED') as unresolved,
         (array_agg(d.failure_reason order by d.attempted_at desc, d.id desc) filter (where d.result = 'FAILED'))[1] as "latestFailureReason",
         max(d.attempted_at) filter (where d.result = 'FAILED') as "lastFailedAt"
    from si_employer_batch_deduction d
    join si_employer_account a on a.credit_code = d.credit_code
   where d.period = ? and (?::text is null or a.district = ?) and (?::text is null or d.credit_code > ?)
   group by d.credit_code, a.district, d.period
  having count(*) filter (where d.result = 'FAILED') > 0 and (not ?::boolean or bool_and(d.result = 'FAILED'))`;

export function assertGovernment(viewer: Identity | null): void {
  if (!viewer || viewer.agency === 'enterprise') {
    throw hubError('FORBIDDEN', '批扣失败单位名单仅供政府部门使用 (for government agencies only)');
  }
}

export async function failedDeductionEmployers(
  em: EntityManager,
  query: Query,
): Promise<FailedDeductionConnectionParent> {
  if (!MONTH.test(query.month)) {
    throw badInput(`费款所属期须为 YYYY-MM，收到 ${query.month} (month must be YYYY-MM)`, 'month');
  }
  const size = pageSize(query.first, 100);
  const after = query.after ? String(decodeCursor(LIST, query.after, 1)[0]) : null;
  const district = query.district ?? null;
  const params = (cursor: string | null) => [
    query.month,
    district,
    district,
    cursor,
    cursor,
    query.unresolvedOnly === true,
  ];
  const rows = await em.execute<
    (Omit<FailedDeductionEmployerRow, 'lastFailedAt'> & { lastFailedAt: Date | string })[]
  >(`${grouped} order by d.credit_code limit ?`, [...params(after), size + 1]);
  const page = rows.slice(0, size).map((row) => ({ ...row, lastFailedAt: new Date(row.lastFailedAt) }));
  const edges = page.map((node) => ({ node, cursor: encodeCursor(LIST, [node.creditCode]) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: async () => {
      const [total] = await em.execute<{ n: number }[]>(
        `select count(*)::int as n from (${grouped}) g`,
        params(null),
      );
      return total?.n ?? 0;
    },
  };
}

export const FailedDeductionEmployer: FailedDeductionEmployerResolvers = {
  account: ({ creditCode }, _args, { loaders }) => loaders.employerAccount.load(creditCode),
  // Null where the viewer may not see the enterprise (as on an account).
  enterprise: ({ creditCode }, _args, { viewer }) =>
    canSeeEnterprise(viewer, creditCode) ? { creditCode } : null,
};
