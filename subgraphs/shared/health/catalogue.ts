import type { Agency } from '../../../core/identity.js';
import type { HealthRule } from './indicators.js';

/**
 * Every health-check indicator the hub knows, in report order: its source agency, name, unit and rule.
 * Each agency's subgraph computes the values of its own; the report builder, the demo world's historical
 * reports and the printable page all read names and thresholds from here, so they cannot drift apart.
 */
export interface IndicatorDefinition {
  code: string;
  sourceAgency: Agency;
  /** 中文 (English) */
  name: string;
  unit: string;
  rule: HealthRule;
}

const define = (
  code: string,
  sourceAgency: Agency,
  name: string,
  unit: string,
  amber: number,
  red: number,
  higherIsWorse = true,
): IndicatorDefinition => ({ code, sourceAgency, name, unit, rule: { amber, red, higherIsWorse } });

export const indicatorCatalogue = [
  define('TAX_FILING_TIMELINESS', 'tax', '按期申报率 (filings on time)', '%', 95, 85, false),
  define('TAX_INVOICE_ANOMALIES', 'tax', '发票异常 (open invoice anomalies)', '件', 1, 3),
  define('TAX_CREDIT_RATING', 'tax', '纳税信用级别 (tax credit rating)', '级', 2, 1, false),
  define('TAX_OWED', 'tax', '欠税 (tax owed)', '元', 0.01, 100_000),
  define('TAX_RISK_FLAGS', 'tax', '风险疑点 (open risk flags)', '条', 1, 3),
  define('SI_ARREARS', 'hrss', '社保费欠费 (social-insurance arrears)', '元', 0.01, 50_000),
  define('SI_FAILED_DEDUCTIONS', 'hrss', '单位社保费批扣失败 (failed employer batch deductions)', '次', 1, 2),
  define(
    'SI_HEADCOUNT_TREND',
    'hrss',
    '参保人数变化 (insured headcount change, 12 months)',
    '%',
    -10,
    -25,
    false,
  ),
  define('MI_ARREARS', 'medical-insurance', '医保费欠费 (medical-insurance arrears)', '元', 0.01, 20_000),
  define('COURT_OPEN_CASES', 'court', '未结诉讼 (open court cases)', '件', 1, 3),
  define('COURT_ENFORCEMENT', 'court', '被执行案件 (open enforcement cases)', '件', 1, 2),
  define(
    'COURT_LABOUR_DEFENDANT',
    'court',
    '劳动争议被诉 (labour disputes as defendant, 12 months)',
    '件',
    1,
    3,
  ),
  define('SP_ASSISTED_SERVICES', 'tax', '帮办代办服务 (assisted services used, 12 months)', '次', 4, 8),
] as const satisfies readonly IndicatorDefinition[];

export type IndicatorCode = (typeof indicatorCatalogue)[number]['code'];

const byCode = new Map<string, IndicatorDefinition>(indicatorCatalogue.map((d) => [d.code, d]));

export function definitionOf(code: IndicatorCode): IndicatorDefinition {
  return byCode.get(code)!;
}
