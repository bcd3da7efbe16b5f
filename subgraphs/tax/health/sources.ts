import { hubError } from '../../../core/errors.js';
import type { Agency } from '../../../core/identity.js';
import { registeredOperation } from '../../../core/operations.js';
import { readThroughGateway } from '../gateway-read.js';
import type { HealthIndicator, HealthRating } from '../../shared/health/indicators.js';
import type { IndicatorSource } from './report.js';

/**
 * The other agencies' indicators, read through the hub's gateway: the registered operation
 * HealthCheckSources, sent with the gateway's onward assertion for the caller, so the gateway serves it
 * as the report builder acting for that caller, applies its policy and records it in the audit trail
 * with the purpose. Never another agency's database.
 */

const OPERATION = registeredOperation('HealthCheckSources');
/** Enterprises per gateway request (the graph's page limit is 500; 100 keeps each answer small). */
const CHUNK = 100;

type IndicatorJson = Omit<HealthIndicator, 'sourceAgency' | 'asOf' | 'rating'> & {
  sourceAgency: string;
  asOf: string;
  rating: HealthRating;
};
type Node = { creditCode: string } & Record<string, IndicatorJson[] | string | null>;
const FIELDS = [
  'socialInsuranceHealthIndicators',
  'medicalInsuranceHealthIndicators',
  'courtHealthIndicators',
  'servicePointHealthIndicators',
] as const;

const unavailable = (detail: string) =>
  hubError(
    'SUBGRAPH_UNAVAILABLE',
    `部分部门的体检指标暂不可用，报告未签发，请稍后重试 (an agency's indicators are unavailable: nothing was issued): ${detail}`,
  );

export function gatewaySource(
  gateway: { url: string; assertion: string },
  purpose: string,
  timeoutMs = 30_000,
): IndicatorSource {
  return async (creditCodes) => {
    const result = new Map<string, HealthIndicator[]>();
    for (let start = 0; start < creditCodes.length; start += CHUNK) {
      const chunk = creditCodes.slice(start, start + CHUNK);
      // A report is issued whole or not at all: any agency missing is a refusal, not a gap.
      const data = await readThroughGateway<{ enterprises?: { edges: { node: Node }[] } | null }>(gateway, {
        operation: OPERATION,
        variables: { creditCodes: chunk, first: chunk.length },
        purpose,
        timeoutMs,
        reader: 'health-check sources',
        unavailable,
      });
      if (!data.enterprises) throw unavailable('no data');
      for (const { node } of data.enterprises.edges) {
        const indicators = FIELDS.flatMap((field) => (node[field] as IndicatorJson[] | null) ?? []);
        result.set(
          node.creditCode,
          indicators.map((i) => ({
            ...i,
            sourceAgency: i.sourceAgency.toLowerCase().replaceAll('_', '-') as Agency,
            asOf: new Date(i.asOf),
          })),
        );
      }
    }
    return result;
  };
}
