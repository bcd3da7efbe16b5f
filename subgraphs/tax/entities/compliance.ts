import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The tax bureau's compliance records of an enterprise, from which its tax health-check indicators are
 * computed: filings and their timeliness, invoice anomalies, tax owed and risk flags.
 */

export const taxKinds = [
  'VAT',
  'CORPORATE_INCOME_TAX',
  'INDIVIDUAL_INCOME_TAX_WITHHOLDING',
  'STAMP_DUTY',
  'PROPERTY_TAX',
] as const;

/** 纳税申报 (a filing): which tax, for which period, when it was due and when it was filed. */
export const TaxFilingSchema = defineEntity({
  name: 'TaxFiling',
  tableName: 'tax_filing',
  properties: {
    id: p.uuid().primary(),
    creditCode: p.string().length(18),
    taxKind: p.enum([...taxKinds]),
    /** The period filed for, YYYY-MM (a quarter's last month for quarterly filings). */
    period: p.string().length(7),
    dueOn: p.date(),
    /** Null: not filed yet. */
    filedOn: p.date().nullable(),
    taxPayable: p.decimal().precision(14).scale(2),
  },
  indexes: [{ properties: ['creditCode', 'dueOn'] }],
});
export type TaxFiling = InferEntity<typeof TaxFilingSchema>;

export const invoiceAnomalyKinds = [
  'ABNORMAL_VOUCHER',
  'OUT_OF_CONTROL_INVOICE',
  'CEILING_ISSUING',
  'REFUSAL_TO_ISSUE',
  'MISMATCHED_GOODS',
] as const;

/** 发票异常 (an invoice anomaly found by the invoice system or reported by a buyer), open until resolved. */
export const InvoiceAnomalySchema = defineEntity({
  name: 'InvoiceAnomaly',
  tableName: 'invoice_anomaly',
  properties: {
    id: p.uuid().primary(),
    creditCode: p.string().length(18).index(),
    kind: p.enum([...invoiceAnomalyKinds]),
    detectedOn: p.date(),
    amount: p.decimal().precision(14).scale(2),
    resolvedOn: p.date().nullable(),
  },
});
export type InvoiceAnomaly = InferEntity<typeof InvoiceAnomalySchema>;

/** 欠税 (tax owed): an amount assessed and not paid; `paidOn` once collected. */
export const TaxArrearsSchema = defineEntity({
  name: 'TaxArrears',
  tableName: 'tax_arrears',
  properties: {
    id: p.uuid().primary(),
    creditCode: p.string().length(18).index(),
    taxKind: p.enum([...taxKinds]),
    amount: p.decimal().precision(14).scale(2),
    assessedOn: p.date(),
    paidOn: p.date().nullable(),
  },
});
export type TaxArrears = InferEntity<typeof TaxArrearsSchema>;

export const riskLevels = ['LOW', 'MEDIUM', 'HIGH'] as const;

/** 风险疑点 (a risk flag raised by the risk-analysis system), open until handled. */
export const RiskFlagSchema = defineEntity({
  name: 'RiskFlag',
  tableName: 'tax_risk_flag',
  properties: {
    id: p.uuid().primary(),
    creditCode: p.string().length(18).index(),
    /** What the rule found, in Chinese: 进销项品名不匹配, 税负率低于行业预警值, ... */
    description: p.text(),
    level: p.enum([...riskLevels]),
    raisedOn: p.date(),
    closedOn: p.date().nullable(),
  },
});
export type RiskFlag = InferEntity<typeof RiskFlagSchema>;
