/**
 * The tax bureau's compliance records of the demo world, from which the tax health-check indicators are
 * computed: a year of filings (monthly for large enterprises, quarterly for the rest, as small-scale
 * taxpayers file), invoice anomalies, tax owed and risk flags. Troubles gather where the credit rating
 * says they should: D- and C-rated enterprises file late, owe and raise flags far more often.
 */
import type {
  Enterprise,
  InvoiceAnomaly,
  RiskFlag,
  TaxArrears,
  TaxFiling,
} from '../../tax/entities/index.js';
import type { Base } from './base.js';
import { CURRENT_MONTH, TODAY, dayInMonth, isoDate, money, period } from './calendar.js';
import { Rng, weighted } from './random.js';

export interface TaxComplianceSlice {
  filings: TaxFiling[];
  invoiceAnomalies: InvoiceAnomaly[];
  arrears: TaxArrears[];
  riskFlags: RiskFlag[];
}

/** How troubled an enterprise's compliance is, by credit rating: late filing, anomalies, owing, flags. */
const TROUBLE: Record<Enterprise['creditRating'], number> = { A: 0.2, B: 1, M: 1.2, C: 4, D: 8 };
const ANOMALY_KINDS = weighted<InvoiceAnomaly['kind']>([
  ['ABNORMAL_VOUCHER', 35],
  ['OUT_OF_CONTROL_INVOICE', 10],
  ['CEILING_ISSUING', 25],
  ['REFUSAL_TO_ISSUE', 15],
  ['MISMATCHED_GOODS', 15],
]);
const RISK_RULES = weighted<readonly [string, RiskFlag['level']]>([
  [['进销项品名不匹配 (goods bought and sold do not match)', 'MEDIUM'], 25],
  [['税负率低于行业预警值 (tax burden below the industry warning value)', 'MEDIUM'], 25],
  [['长期零申报或负申报 (long-running zero or negative filings)', 'LOW'], 15],
  [['关联交易定价异常 (related-party pricing out of line)', 'HIGH'], 10],
  [['社保缴费人数与个税申报人数差异较大 (insured and withheld headcounts differ widely)', 'MEDIUM'], 15],
  [['大额进项集中于异常凭证开具方 (large input tax from issuers of abnormal vouchers)', 'HIGH'], 10],
]);
/** Filings of the last twelve months: periods CURRENT_MONTH - 12 … CURRENT_MONTH - 1. */
const FIRST_MONTH = CURRENT_MONTH - 12;

export function buildTaxCompliance(base: Base): TaxComplianceSlice {
  const rng = new Rng(`bazhong-demo-world:${base.scale}:tax-compliance`);
  const slice: TaxComplianceSlice = { filings: [], invoiceAnomalies: [], arrears: [], riskFlags: [] };
  const showcase = base.showcase.employer.creditCode;

  for (const e of base.enterprises) {
    if (e.taxStatus === 'DEREGISTERED') continue;
    const trouble =
      e.creditCode === showcase ? 0 : TROUBLE[e.creditRating] * (e.taxStatus === 'ABNORMAL' ? 3 : 1);
    const lateShare = Math.min(0.6, 0.015 * trouble);
    // Large enterprises are general taxpayers filing VAT and withholding monthly; others quarterly.
    const kinds: [TaxFiling['taxKind'], number][] = e.isLargeEnterprise
      ? [
          ['VAT', 1],
          ['INDIVIDUAL_INCOME_TAX_WITHHOLDING', 1],
          ['CORPORATE_INCOME_TAX', 3],
        ]
      : e.registrationType === 'INDIVIDUAL_BUSINESS'
        ? [['VAT', 3]]
        : [
            ['VAT', 3],
            ['CORPORATE_INCOME_TAX', 3],
          ];
    const scale = e.isLargeEnterprise
      ? 2_000_000
      : e.registrationType === 'INDIVIDUAL_BUSINESS'
        ? 3_000
        : 60_000;
    for (const [taxKind, every] of kinds) {
      for (let m = FIRST_MONTH; m < CURRENT_MONTH; m++) {
        if ((m + 1) % every !== 0) continue; // quarterly: the quarter's last month
        const dueDay = dayInMonth(m + 1, 15);
        if (dueDay >= TODAY) continue;
        const late = rng.chance(lateShare);
        // An abnormal taxpayer (非正常户) stops filing altogether for its last months.
        const unfiled = e.taxStatus === 'ABNORMAL' && m >= CURRENT_MONTH - 4;
        slice.filings.push({
          id: rng.uuid(),
          creditCode: e.creditCode,
          taxKind,
          period: period(m),
          dueOn: isoDate(dueDay),
          filedOn: unfiled
            ? null
            : isoDate(Math.min(TODAY, late ? dueDay + rng.int(1, 25) : dueDay - rng.int(0, 12))),
          taxPayable: money(Math.round(scale * every * (0.3 + rng.float()) * (taxKind === 'VAT' ? 1 : 0.4))),
        });
      }
    }
    const anomalies = poisson(rng, 0.04 * trouble * (e.isLargeEnterprise ? 6 : 1));
    for (let k = 0; k < anomalies; k++) {
      const detected = TODAY - rng.int(5, 360);
      slice.invoiceAnomalies.push({
        id: rng.uuid(),
        creditCode: e.creditCode,
        kind: rng.pickWeighted(ANOMALY_KINDS),
        detectedOn: isoDate(detected),
        amount: money(Math.round(scale * (0.05 + rng.float()))),
        resolvedOn: rng.chance(0.55) ? isoDate(Math.min(TODAY, detected + rng.int(7, 90))) : null,
      });
    }
    if (rng.chance(Math.min(0.5, 0.01 * trouble * (e.isLargeEnterprise ? 2 : 1)))) {
      const assessed = TODAY - rng.int(20, 400);
      slice.arrears.push({
        id: rng.uuid(),
        creditCode: e.creditCode,
        taxKind: rng.chance(0.7) ? 'VAT' : 'CORPORATE_INCOME_TAX',
        amount: money(Math.round(scale * (0.1 + 2 * rng.float()))),
        assessedOn: isoDate(assessed),
        paidOn: rng.chance(0.35) ? isoDate(Math.min(TODAY, assessed + rng.int(10, 120))) : null,
      });
    }
    const flags = poisson(rng, 0.03 * trouble * (e.isLargeEnterprise ? 8 : 1));
    for (let k = 0; k < flags; k++) {
      const [description, level] = rng.pickWeighted(RISK_RULES);
      const raised = TODAY - rng.int(3, 300);
      slice.riskFlags.push({
        id: rng.uuid(),
        creditCode: e.creditCode,
        description,
        level,
        raisedOn: isoDate(raised),
        closedOn: rng.chance(0.5) ? isoDate(Math.min(TODAY, raised + rng.int(10, 60))) : null,
      });
    }
  }
  return slice;
}

/** A Poisson draw (Knuth), for small means. */
function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let k = 0;
  let product = rng.float();
  while (product > limit && k < 20) {
    k++;
    product *= rng.float();
  }
  return k;
}
