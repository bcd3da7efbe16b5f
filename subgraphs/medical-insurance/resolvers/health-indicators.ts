import { arrearsNote } from '../../shared/health/arrears.js';
import { definitionOf } from '../../shared/health/catalogue.js';
import type { HealthIndicator } from '../../shared/health/indicators.js';
import { measure, noRecordIndicators } from '../../shared/health/specs.js';
import type { MedicalInsuranceLoaders } from '../loaders.js';

/** The medical insurance bureau's indicators, in the order every list gives them. */
export const MI_ARREARS = definitionOf('MI_ARREARS');
export const medicalInsuranceDefinitions = [MI_ARREARS];

/** One employer's indicators: two statements per batch of enterprises (accounts, arrears), sent together. */
export async function medicalInsuranceHealthIndicators(
  creditCode: string,
  loaders: MedicalInsuranceLoaders,
): Promise<HealthIndicator[]> {
  const [account, arrears] = await Promise.all([
    loaders.employerAccount.load(creditCode),
    loaders.health.arrears.load(creditCode),
  ]);
  if (!account) {
    return noRecordIndicators(
      medicalInsuranceDefinitions,
      '医保部门无该企业的单位医保登记 (the medical insurance bureau holds no employer account of this enterprise)',
      arrears.asOf,
    );
  }
  return [
    measure(
      MI_ARREARS,
      Number(arrears.facts.total),
      arrearsNote(arrears.facts, { zh: '医保费', en: 'medical-insurance' }),
      arrears.asOf,
    ),
  ];
}
