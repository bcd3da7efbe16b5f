import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { accountStatuses, arrearsStatuses, districts } from '../../shared/enums.js';

export const pensionSchemes = [
  'EMPLOYEE_PENSION',
  'FLEXIBLE_PENSION',
  'RESIDENT_PENSION',
  'UNEMPLOYMENT',
  'WORK_INJURY',
] as const;
export const enrolmentStatuses = ['ACTIVE', 'SUSPENDED', 'TERMINATED'] as const;
export const paymentStatuses = ['PAID', 'PARTIAL', 'UNPAID'] as const;
export const deductionResults = ['SUCCEEDED', 'FAILED'] as const;
export const deductionFailureReasons = [
  'INSUFFICIENT_BALANCE',
  'ACCOUNT_FROZEN',
  'NO_AGREEMENT',
  'ACCOUNT_CLOSED',
] as const;
export const debtorKinds = ['EMPLOYER', 'PERSON'] as const;

/** 用人单位社会保险账户 (employer account), keyed by the employer's credit code. */
export const SiEmployerAccountSchema = defineEntity({
  name: 'SiEmployerAccount',
  tableName: 'si_employer_account',
  properties: {
    creditCode: p.string().length(18).primary(),
    accountNumber: p.string().length(20).unique(),
    district: p.enum([...districts]),
    status: p.enum([...accountStatuses]),
    openedOn: p.date(),
    insuredCount: p.integer(),
  },
  // Keyset pagination of employers in arrears scans (district, credit_code) in order.
  indexes: [{ properties: ['district', 'creditCode'] }],
});
export type SiEmployerAccount = InferEntity<typeof SiEmployerAccountSchema>;

/** 参保登记 (enrolment of a person in a scheme). */
export const EnrolmentSchema = defineEntity({
  name: 'Enrolment',
  tableName: 'si_enrolment',
  properties: {
    id: p.uuid().primary(),
    personId: p.string().length(20).index(),
    scheme: p.enum([...pensionSchemes]),
    employerCreditCode: p.string().length(18).nullable().index(),
    status: p.enum([...enrolmentStatuses]),
    startedOn: p.date(),
    endedOn: p.date().nullable(),
  },
});
export type Enrolment = InferEntity<typeof EnrolmentSchema>;

/** 缴费期间 (one month's contribution of a person in a scheme). */
export const ContributionSchema = defineEntity({
  name: 'Contribution',
  tableName: 'si_contribution',
  properties: {
    id: p.uuid().primary(),
    personId: p.string().length(20),
    period: p.string().length(7),
    scheme: p.enum([...pensionSchemes]),
    employerCreditCode: p.string().length(18).nullable(),
    base: p.decimal().precision(12).scale(2),
    amount: p.decimal().precision(12).scale(2),
    status: p.enum([...paymentStatuses]),
    paidOn: p.date().nullable(),
  },
  // Newest periods of a person first.
  indexes: [{ properties: ['personId', 'period'] }],
});
export type Contribution = InferEntity<typeof ContributionSchema>;

/** 欠费 (arrears of an employer or a person). */
export const SiArrearsSchema = defineEntity({
  name: 'SiArrears',
  tableName: 'si_arrears',
  properties: {
    id: p.uuid().primary(),
    debtorKind: p.enum([...debtorKinds]),
    creditCode: p.string().length(18).nullable().index(),
    personId: p.string().length(20).nullable().index(),
    scheme: p.enum([...pensionSchemes]),
    periodFrom: p.string().length(7),
    periodTo: p.string().length(7),
    amount: p.decimal().precision(14).scale(2),
    status: p.enum([...arrearsStatuses]),
    assessedOn: p.date(),
  },
});
export type SiArrears = InferEntity<typeof SiArrearsSchema>;

/** 批量扣款结果 (a batch-deduction attempt). */
export const BatchDeductionSchema = defineEntity({
  name: 'BatchDeduction',
  tableName: 'si_batch_deduction',
  properties: {
    id: p.uuid().primary(),
    personId: p.string().length(20),
    period: p.string().length(7),
    scheme: p.enum([...pensionSchemes]),
    amount: p.decimal().precision(12).scale(2),
    bank: p.string().length(50),
    result: p.enum([...deductionResults]),
    failureReason: p.enum([...deductionFailureReasons]).nullable(),
    attemptedAt: p.datetime(),
  },
  indexes: [{ properties: ['personId', 'attemptedAt'] }],
});
export type BatchDeduction = InferEntity<typeof BatchDeductionSchema>;

/**
 * 单位社保费批扣 (an employer's monthly batch deduction): all schemes' contributions of its employees,
 * taken from the employer's bank account in one deduction, retried once in the month after a failure.
 */
export const EmployerBatchDeductionSchema = defineEntity({
  name: 'EmployerBatchDeduction',
  tableName: 'si_employer_batch_deduction',
  properties: {
    id: p.uuid().primary(),
    creditCode: p.string().length(18),
    period: p.string().length(7),
    amount: p.decimal().precision(14).scale(2),
    bank: p.string().length(50),
    result: p.enum([...deductionResults]),
    failureReason: p.enum([...deductionFailureReasons]).nullable(),
    attemptedAt: p.datetime(),
  },
  // An employer's newest deductions, and its failures in a window of months, read from the first index;
  // the employers whose deductions failed in one month (proactive targeting), in credit-code order, from the second.
  indexes: [{ properties: ['creditCode', 'attemptedAt'] }, { properties: ['period', 'creditCode'] }],
});
export type EmployerBatchDeduction = InferEntity<typeof EmployerBatchDeductionSchema>;
