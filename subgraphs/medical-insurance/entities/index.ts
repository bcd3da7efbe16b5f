import { DisputeFindingSchema } from '../../shared/disputes/finding.js';
import { recordedStepProperties } from '../../shared/disputes/recorded-step.js';
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { accountStatuses, arrearsStatuses } from '../../shared/enums.js';

export const medicalSchemes = ['EMPLOYEE', 'FLEXIBLE', 'RESIDENT'] as const;
export const medicalEnrolmentStatuses = ['ACTIVE', 'SUSPENDED', 'TERMINATED'] as const;
export const medicalPaymentStatuses = ['PAID', 'PARTIAL', 'UNPAID', 'EXEMPT'] as const;
export const debtorKinds = ['EMPLOYER', 'PERSON'] as const;

/** 单位职工医保账户 (employer account), keyed by the employer's credit code. */
export const MiEmployerAccountSchema = defineEntity({
  name: 'MiEmployerAccount',
  tableName: 'mi_employer_account',
  properties: {
    creditCode: p.string().length(18).primary(),
    accountNumber: p.string().length(20).unique(),
    status: p.enum([...accountStatuses]),
    openedOn: p.date(),
    insuredCount: p.integer(),
  },
});
export type MiEmployerAccount = InferEntity<typeof MiEmployerAccountSchema>;

/** 医保参保登记 (a person's medical enrolment). */
export const MiEnrolmentSchema = defineEntity({
  name: 'MiEnrolment',
  tableName: 'mi_enrolment',
  properties: {
    id: p.uuid().primary(),
    personId: p.string().length(20).index(),
    scheme: p.enum([...medicalSchemes]),
    employerCreditCode: p.string().length(18).nullable().index(),
    status: p.enum([...medicalEnrolmentStatuses]),
    startedOn: p.date(),
    endedOn: p.date().nullable(),
  },
});
export type MiEnrolment = InferEntity<typeof MiEnrolmentSchema>;

/** 年度缴费 (a person's payment for one year). */
export const YearlyPaymentSchema = defineEntity({
  name: 'YearlyPayment',
  tableName: 'mi_yearly_payment',
  properties: {
    id: p.uuid().primary(),
    personId: p.string().length(20),
    year: p.integer(),
    scheme: p.enum([...medicalSchemes]),
    amountDue: p.decimal().precision(12).scale(2),
    amountPaid: p.decimal().precision(12).scale(2),
    status: p.enum([...medicalPaymentStatuses]),
    paidOn: p.date().nullable(),
  },
  indexes: [{ properties: ['personId', 'year'] }],
});
export type YearlyPayment = InferEntity<typeof YearlyPaymentSchema>;

/** 医保欠费 (medical-insurance arrears of an employer or a person). */
export const MiArrearsSchema = defineEntity({
  name: 'MiArrears',
  tableName: 'mi_arrears',
  properties: {
    id: p.uuid().primary(),
    debtorKind: p.enum([...debtorKinds]),
    creditCode: p.string().length(18).nullable().index(),
    personId: p.string().length(20).nullable().index(),
    scheme: p.enum([...medicalSchemes]),
    periodFrom: p.string().length(7),
    periodTo: p.string().length(7),
    amount: p.decimal().precision(14).scale(2),
    status: p.enum([...arrearsStatuses]),
    assessedOn: p.date(),
  },
});
export type MiArrears = InferEntity<typeof MiArrearsSchema>;

/**
 * 医保记录更正 (the medical insurance bureau's correction of a person's yearly payment, executing a
 * dispute's agreement): recorded here, applied to mi_yearly_payment only once the lead's ledger has the
 * step (in the same transaction), with the row as it was kept in `before`.
 */
export const MedicalCorrectionSchema = defineEntity({
  name: 'MedicalCorrection',
  tableName: 'mi_correction',
  properties: {
    id: p.uuid().primary(),
    ...recordedStepProperties(),
    personId: p.string().length(20).index(),
    year: p.integer(),
    scheme: p.enum([...medicalSchemes]),
    amountPaid: p.decimal().precision(12).scale(2),
    content: p.text(),
    before: p
      .json<{ id: string; amountDue: string; amountPaid: string; status: string; paidOn: string | null }>()
      .nullable(),
  },
});
export type MedicalCorrection = InferEntity<typeof MedicalCorrectionSchema>;

export const medicalInsuranceEntities = [
  MiEmployerAccountSchema,
  MiEnrolmentSchema,
  YearlyPaymentSchema,
  MiArrearsSchema,
  DisputeFindingSchema,
  MedicalCorrectionSchema,
];

export { DisputeFindingSchema, type DisputeFinding } from '../../shared/disputes/finding.js';
