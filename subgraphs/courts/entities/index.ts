import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { recordedStepProperties } from '../../shared/disputes/recorded-step.js';
import { districts } from '../../shared/enums.js';

export const courtCaseTypes = ['LABOUR_DISPUTE', 'ADMINISTRATIVE', 'CIVIL', 'ENFORCEMENT'] as const;
export const courtCaseStatuses = [
  'FILED',
  'IN_MEDIATION',
  'IN_TRIAL',
  'ENFORCING',
  'CLOSED',
  'WITHDRAWN',
] as const;
export const partyRoles = ['PLAINTIFF', 'DEFENDANT', 'APPLICANT', 'RESPONDENT', 'THIRD_PARTY'] as const;
export const partyKinds = ['ENTERPRISE', 'PERSON', 'AUTHORITY'] as const;

/** 案件 (a court case). */
export const CourtCaseSchema = defineEntity({
  name: 'CourtCase',
  tableName: 'court_case',
  properties: {
    id: p.uuid().primary(),
    caseNumber: p.string().length(40).unique(),
    type: p.enum([...courtCaseTypes]),
    cause: p.string().length(50),
    court: p.string().length(50),
    district: p.enum([...districts]),
    status: p.enum([...courtCaseStatuses]),
    filedOn: p.date(),
    closedOn: p.date().nullable(),
    amountInDispute: p.decimal().precision(14).scale(2).nullable(),
  },
  // Case lists run newest first: (filed_on desc, id) is the keyset.
  indexes: [{ properties: ['filedOn', 'id'] }],
});
export type CourtCase = InferEntity<typeof CourtCaseSchema>;

/** 当事人 (a party to a case): an enterprise, a person or an authority. */
export const CasePartySchema = defineEntity({
  name: 'CaseParty',
  tableName: 'case_party',
  properties: {
    id: p.uuid().primary(),
    caseId: p.uuid().index(),
    role: p.enum([...partyRoles]),
    kind: p.enum([...partyKinds]),
    displayName: p.string().length(200),
    creditCode: p.string().length(18).nullable().index(),
    personId: p.string().length(20).nullable().index(),
  },
});
export type CaseParty = InferEntity<typeof CasePartySchema>;

/**
 * 司法确认 (the court's judicial confirmation of a mediation agreement in a joint dispute case), recorded
 * here by the judge and confirmed with the lead's ledger (see recordConfirmedStep).
 */
export const JudicialConfirmationSchema = defineEntity({
  name: 'JudicialConfirmation',
  tableName: 'judicial_confirmation',
  properties: {
    id: p.uuid().primary(),
    ...recordedStepProperties(),
    /** The ruling's number, e.g. （2026）川1902民特45号. */
    rulingNumber: p.string().length(60),
    content: p.text(),
  },
});
export type JudicialConfirmation = InferEntity<typeof JudicialConfirmationSchema>;

export const courtsEntities = [CourtCaseSchema, CasePartySchema, JudicialConfirmationSchema];
