import { hubError } from '../../../core/errors.js';
import { registeredOperation } from '../../../core/operations.js';
import { readThroughGateway } from '../gateway-read.js';
import type { FailedDeductionRow, FailedDeductionSource } from './rules.js';

/**
 * The HRSS bureau's failed batch deductions, read through the hub's gateway as the health-check report
 * builder reads its indicators: the registered operation ProactiveFailedDeductions, sent by hash with the
 * gateway's onward assertion for the caller planning the action, and the purpose `proactive:<action id>`.
 * The gateway serves it as the tax bureau's targeting service acting for that caller, applies the field
 * policy (the list is shared on condition of a stated purpose) and records it in the audit trail. Never
 * the social-security database.
 */

const OPERATION = registeredOperation('ProactiveFailedDeductions');
/** The graph's page limit. */
const PAGE = 500;
/** More pages than any month can hold (7,200 employers in Bazhong): a runaway cursor stops here. */
const MAX_PAGES = 100;

/** The purpose the targeting read states: the action it selects targets for. */
export const proactivePurpose = (actionId: string) => `proactive:${actionId}`;

const unavailable = (detail: string) =>
  hubError(
    'SUBGRAPH_UNAVAILABLE',
    `人社部门的批扣数据暂不可用，行动未创建，请以同一幂等键重试 (the HRSS bureau's deductions are unavailable: nothing was planned; retry with the same key): ${detail}`,
    { agency: 'social-security' },
  );

interface Answer {
  data?: {
    employersWithFailedDeductions?: {
      edges: { node: FailedDeductionRow }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    } | null;
  } | null;
  errors?: { message: string }[];
}

export function gatewayFailedDeductions(
  gateway: { url: string; assertion: string },
  purpose: string,
  timeoutMs = 30_000,
): FailedDeductionSource {
  return async ({ month, district, unresolvedOnly }) => {
    const rows: FailedDeductionRow[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      // A selection is made whole or not at all: a missing page would silently leave employers out.
      const data: NonNullable<Answer['data']> = await readThroughGateway(gateway, {
        operation: OPERATION,
        variables: { month, district, unresolvedOnly, first: PAGE, after },
        purpose,
        timeoutMs,
        reader: 'proactive targeting',
        unavailable,
      });
      const list: NonNullable<Answer['data']>['employersWithFailedDeductions'] =
        data.employersWithFailedDeductions;
      if (!list) throw unavailable('no data');
      rows.push(...list.edges.map((e) => e.node));
      if (!list.pageInfo.hasNextPage) return rows;
      after = list.pageInfo.endCursor;
    }
    throw unavailable('too many pages');
  };
}
