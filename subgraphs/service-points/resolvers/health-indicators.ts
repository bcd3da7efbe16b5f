import { definitionOf } from '../../shared/health/catalogue.js';
import type { HealthIndicator } from '../../shared/health/indicators.js';
import { counted, measure, noRecordIndicators } from '../../shared/health/specs.js';
import { lastMonths } from '../../shared/health/windows.js';
import { ASSISTED_SERVICE_MONTHS, type ServicePointsLoaders } from '../loaders.js';

/** The one-stop points' indicators, in the order every list gives them; the tax bureau runs the points. */
export const SP_ASSISTED_SERVICES = definitionOf('SP_ASSISTED_SERVICES');
export const servicePointDefinitions = [SP_ASSISTED_SERVICES];

/** One enterprise's indicators: one statement per batch of enterprises. */
export async function servicePointHealthIndicators(
  creditCode: string,
  loaders: ServicePointsLoaders,
): Promise<HealthIndicator[]> {
  const { asOf, facts } = await loaders.health.services.load(creditCode);
  if (!facts) {
    return noRecordIndicators(
      servicePointDefinitions,
      '各服务点无该企业的服务记录 (no one-stop point has a service record of this enterprise)',
      asOf,
    );
  }
  const { fromDate } = lastMonths(asOf, ASSISTED_SERVICE_MONTHS);
  return [
    measure(
      SP_ASSISTED_SERVICES,
      facts.assisted,
      `${fromDate} 以来帮办代办及超预期服务 ${facts.assisted} 次 ` +
        `(${counted(facts.assisted, 'assisted or beyond-expectation service')} since ${fromDate})`,
      asOf,
    ),
  ];
}
