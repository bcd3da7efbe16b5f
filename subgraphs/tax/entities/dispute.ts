import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { agencies } from '../../../core/identity.js';
import { composedSubgraphNames } from '../../../core/subgraphs.js';
import { districts } from '../../shared/enums.js';
import {
  disputeSatisfactions,
  disputeStages,
  disputeStepKinds,
  disputeSubjects,
} from '../../shared/disputes/workflow.js';

/** Longest client idempotency key of a dispute step. */
export const STEP_KEY_MAX_LENGTH = 100;

/**
 * 社保费争议案件 (a joint social-insurance-fee dispute case): the lead's (tax bureau's) ledger entry for
 * one case. `stage` and `version` change only by appending a step (DisputeStep) in the same
 * transaction; `version` is the number of steps, so a client that read version n may apply step n+1.
 */
export const DisputeCaseSchema = defineEntity({
  name: 'DisputeCase',
  tableName: 'dispute_case',
  properties: {
    id: p.uuid().primary(),
    /** 案件编号, e.g. 巴社争〔2026〕0042号. */
    caseNumber: p.string().length(40).unique(),
    subject: p.enum([...disputeSubjects]),
    stage: p.enum([...disputeStages]),
    version: p.integer(),
    district: p.enum([...districts]),
    /** The department the case came in by. */
    intakeAgency: p.enum([...agencies]),
    /** The channel it came in by (hotline, petitions visit, service point, online, ...). */
    channel: p.string().length(40),
    /** Departments taking part (workflow `participantsOf`), sorted. */
    participants: p.array().$type<string[]>(),
    unionRepresents: p.boolean(),
    /** Null in a flexible worker's or a resident's own dispute (failed deductions, medical contributions). */
    employerCreditCode: p.string().length(18).nullable(),
    amountInDispute: p.decimal().precision(14).scale(2).nullable(),
    /** Contribution periods in dispute, YYYY-MM. */
    periodFrom: p.string().length(7).nullable(),
    periodTo: p.string().length(7).nullable(),
    summary: p.text(),
    registeredAt: p.datetime(),
    stageEnteredAt: p.datetime(),
    /** The departments the case waits for now (workflow `waitingFor`): the work queues, kept by each step. */
    waitingFor: p.array().$type<string[]>(),
  },
  indexes: [{ properties: ['stage', 'district'] }, { properties: ['employerCreditCode'] }],
});
export type DisputeCase = InferEntity<typeof DisputeCaseSchema>;

export const disputePartyRoles = ['EMPLOYER', 'INSURED_PERSON', 'REPRESENTATIVE'] as const;

/** 当事人 (a party): the employer, an insured person, or a representative such as the trade union. */
export const DisputePartySchema = defineEntity({
  name: 'DisputeParty',
  tableName: 'dispute_party',
  properties: {
    id: p.uuid().primary(),
    caseId: p.uuid().index(),
    role: p.enum([...disputePartyRoles]),
    creditCode: p.string().length(18).nullable(),
    personId: p.string().length(40).nullable().index(),
    displayName: p.text(),
  },
});
export type DisputeParty = InferEntity<typeof DisputePartySchema>;

/**
 * 办理步骤 (one step of a case, in the lead's ledger): who took it, for which department, when, what it
 * says, and which subgraph holds its details. `seq` numbers a case's steps from 1 without gaps (unique
 * per case); `idempotencyKey` makes a repeated submission return the step already applied.
 */
export const DisputeStepSchema = defineEntity({
  name: 'DisputeStep',
  tableName: 'dispute_step',
  properties: {
    id: p.uuid().primary(),
    caseId: p.uuid(),
    seq: p.integer(),
    kind: p.enum([...disputeStepKinds]),
    department: p.enum([...agencies]),
    actorSubject: p.string().length(255),
    actorName: p.text(),
    content: p.text(),
    /** The subgraph holding the step's details (social-security for a contribution correction, ...). */
    recordedIn: p.enum([...composedSubgraphNames]),
    /** The stage the case reached with this step. */
    stageAfter: p.enum([...disputeStages]),
    /** REVISIT steps: the party's satisfaction (the mechanism's satisfaction rate counts these). */
    satisfaction: p.enum([...disputeSatisfactions]).nullable(),
    at: p.datetime(),
    idempotencyKey: p.string().length(STEP_KEY_MAX_LENGTH).unique(),
  },
  uniques: [{ properties: ['caseId', 'seq'] }],
});
export type DisputeStep = InferEntity<typeof DisputeStepSchema>;

export const disputeDocumentKinds = [
  'APPLICATION',
  'EVIDENCE',
  'FINDING_REPORT',
  'MEDIATION_AGREEMENT',
  'RULING',
  'CORRECTION_NOTICE',
  'OTHER',
] as const;

/**
 * 案件材料 (a document of a case): its title, kind, the department that issued it and the hash of its
 * content. The document itself stays with the issuing department; the case holds what identifies it.
 */
export const DisputeDocumentSchema = defineEntity({
  name: 'DisputeDocument',
  tableName: 'dispute_document',
  properties: {
    id: p.uuid().primary(),
    caseId: p.uuid().index(),
    title: p.string().length(200),
    kind: p.enum([...disputeDocumentKinds]),
    issuingAgency: p.enum([...agencies]),
    /** SHA-256 of the content, lowercase hex. */
    contentHash: p.string().length(64),
    addedByName: p.text(),
    addedAt: p.datetime(),
    idempotencyKey: p.string().length(STEP_KEY_MAX_LENGTH).unique(),
  },
});
export type DisputeDocument = InferEntity<typeof DisputeDocumentSchema>;

/** The last case number given in each year (巴社争〔year〕NNNN号), taken one at a time under a row lock. */
export const DisputeCaseCounterSchema = defineEntity({
  name: 'DisputeCaseCounter',
  tableName: 'dispute_case_counter',
  properties: {
    year: p.integer().primary(),
    last: p.integer(),
  },
});
export type DisputeCaseCounter = InferEntity<typeof DisputeCaseCounterSchema>;
