import { definitionOf } from '../../shared/health/catalogue.js';
import type { HealthIndicator } from '../../shared/health/indicators.js';
import { counted, measure, noRecordIndicators } from '../../shared/health/specs.js';
import { lastMonths } from '../../shared/health/windows.js';
import { LABOUR_DEFENDANT_MONTHS, type CourtsLoaders } from '../loaders.js';

/** The court's indicators, in the order every list gives them. */
export const COURT_OPEN_CASES = definitionOf('COURT_OPEN_CASES');
export const COURT_ENFORCEMENT = definitionOf('COURT_ENFORCEMENT');
export const COURT_LABOUR_DEFENDANT = definitionOf('COURT_LABOUR_DEFENDANT');
export const courtDefinitions = [COURT_OPEN_CASES, COURT_ENFORCEMENT, COURT_LABOUR_DEFENDANT];

/** One enterprise's indicators: one statement per batch of enterprises. */
export async function courtHealthIndicators(
  creditCode: string,
  loaders: CourtsLoaders,
): Promise<HealthIndicator[]> {
  const { asOf, facts } = await loaders.health.cases.load(creditCode);
  if (!facts) {
    return noRecordIndicators(
      courtDefinitions,
      '法院无该企业作为当事人的案件 (the court holds no case with this enterprise as a party)',
      asOf,
    );
  }
  const { fromDate } = lastMonths(asOf, LABOUR_DEFENDANT_MONTHS);
  return [
    measure(
      COURT_OPEN_CASES,
      facts.open,
      `作为当事人的未结案件 ${facts.open} 件 (${counted(facts.open, 'open case')} with the enterprise as a party)`,
      asOf,
    ),
    measure(
      COURT_ENFORCEMENT,
      facts.enforcement,
      `作为被执行人的未结执行案件 ${facts.enforcement} 件 ` +
        `(${counted(facts.enforcement, 'open enforcement case')} against the enterprise)`,
      asOf,
    ),
    measure(
      COURT_LABOUR_DEFENDANT,
      facts.labourDefendant,
      `${fromDate} 以来立案、作为被告或被申请人的劳动争议 ${facts.labourDefendant} 件 ` +
        `(${counted(facts.labourDefendant, 'labour dispute')} against the enterprise filed since ${fromDate})`,
      asOf,
    ),
  ];
}
