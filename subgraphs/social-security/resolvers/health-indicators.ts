import { arrearsNote } from '../../shared/health/arrears.js';
import { definitionOf } from '../../shared/health/catalogue.js';
import type { HealthIndicator } from '../../shared/health/indicators.js';
import { counted, measure, noRecordIndicators } from '../../shared/health/specs.js';
import { lastMonths, monthsBefore } from '../../shared/health/windows.js';
import {
  FAILED_DEDUCTION_MONTHS,
  HEADCOUNT_TREND_MONTHS,
  type FailedDeductionFacts,
  type SocialSecurityLoaders,
} from '../loaders.js';

/** The HRSS bureau's indicators, in the order every list gives them. */
export const SI_ARREARS = definitionOf('SI_ARREARS');
export const SI_FAILED_DEDUCTIONS = definitionOf('SI_FAILED_DEDUCTIONS');
export const SI_HEADCOUNT_TREND = definitionOf('SI_HEADCOUNT_TREND');
export const socialInsuranceDefinitions = [SI_ARREARS, SI_FAILED_DEDUCTIONS, SI_HEADCOUNT_TREND];

/** The SDL's descriptions of the failure reasons. */
const failureReasonText: Record<
  NonNullable<FailedDeductionFacts['latestReason']>,
  { zh: string; en: string }
> = {
  INSUFFICIENT_BALANCE: { zh: '账户余额不足', en: 'insufficient balance' },
  ACCOUNT_FROZEN: { zh: '账户冻结', en: 'account frozen' },
  NO_AGREEMENT: { zh: '未签订或已解除扣款协议', en: 'no deduction agreement' },
  ACCOUNT_CLOSED: { zh: '账户已销户', en: 'account closed' },
};

/** Percent change from `then` to `now`, one decimal; 0 when there was no one to compare with. */
export const headcountChange = (now: number, then: number): number =>
  then === 0 ? 0 : Math.round(((now - then) / then) * 1000) / 10;

/**
 * The three indicators of one employer, each from its own batched group (four statements per batch of
 * enterprises: the account, then arrears, deductions and enrolments, all dispatched in the same tick).
 */
export async function socialInsuranceHealthIndicators(
  creditCode: string,
  loaders: SocialSecurityLoaders,
): Promise<HealthIndicator[]> {
  const [account, arrears, deductions, headcount] = await Promise.all([
    loaders.employerAccount.load(creditCode),
    loaders.health.arrears.load(creditCode),
    loaders.health.failedDeductions.load(creditCode),
    loaders.health.headcount.load(creditCode),
  ]);
  if (!account) {
    return noRecordIndicators(
      socialInsuranceDefinitions,
      '人社部门无该企业的单位社保登记 (the HRSS bureau holds no employer account of this enterprise)',
      arrears.asOf,
    );
  }

  const months = monthsBefore(deductions.asOf, FAILED_DEDUCTION_MONTHS);
  const span = `${months.firstPeriod} 至 ${months.lastPeriod}`;
  const spanEn = `${months.firstPeriod} to ${months.lastPeriod}`;
  const d = deductions.facts;
  const reason = d.latestReason ? failureReasonText[d.latestReason] : null;
  const deductionNote =
    d.failed === 0
      ? `${span} 单位批扣无失败 (no failed employer batch deductions in ${spanEn})`
      : `${span} 单位批扣失败 ${d.failed} 次${reason ? `，最近一次原因：${reason.zh}` : ''} ` +
        `(${counted(d.failed, 'failed employer batch deduction')} in ${spanEn}` +
        `${reason ? `, the latest for ${reason.en}` : ''})`;

  const { fromDate } = lastMonths(headcount.asOf, HEADCOUNT_TREND_MONTHS);
  const h = headcount.facts;
  const headcountNote =
    h.then === 0
      ? `${fromDate} 无在职参保人员，现 ${h.now} 人，不计变化 ` +
        `(no insured employees on ${fromDate}, ${h.now} now: no change computed)`
      : `在职参保 ${h.now} 人，${fromDate} 为 ${h.then} 人 ` +
        `(${counted(h.now, 'insured employee')} now, ${h.then} on ${fromDate})`;

  return [
    measure(
      SI_ARREARS,
      Number(arrears.facts.total),
      arrearsNote(arrears.facts, { zh: '社保费', en: 'social-insurance' }),
      arrears.asOf,
    ),
    measure(SI_FAILED_DEDUCTIONS, d.failed, deductionNote, deductions.asOf),
    measure(SI_HEADCOUNT_TREND, headcountChange(h.now, h.then), headcountNote, headcount.asOf),
  ];
}
