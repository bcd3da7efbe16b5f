import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { industries } from './enterprise.js';

/**
 * The large-enterprise "one account, one handbook" service (一户一册定制性税费服务): the team's directory,
 * one service account per large enterprise, and what the account holds — the versioned basic-information
 * form, visits and their follow-ups, advance rulings, compliance agreements, major appeals and group /
 * cross-region cases with their steps, and the handbook sections the liaisons write. Every write goes
 * through `writeOnce` (service-account/requests.ts): under the account's row lock, once per idempotency key.
 */

export const teamRoles = ['TEAM_LEAD', 'GENERAL_LIAISON', 'CHIEF_LIAISON'] as const;
export type TeamRole = (typeof teamRoles)[number];

/**
 * 服务团队成员 (a member of the large-enterprise team, or a chief liaison seconded from a district bureau),
 * keyed by the token subject the assignments name. The service phone is a published work number.
 */
export const ServiceTeamMemberSchema = defineEntity({
  name: 'ServiceTeamMember',
  tableName: 'service_team_member',
  properties: {
    subject: p.string().length(255).primary(),
    name: p.string().length(50),
    role: p.enum([...teamRoles]),
    /** One of the city bureau's team of 24 (the others are district staff serving as chief liaisons). */
    inCoreTeam: p.boolean(),
    office: p.string().length(100),
    servicePhone: p.string().length(20),
    /** A general liaison's industries (一般联络员按行业分工); empty for the others. */
    industries: p.array().$type<(typeof industries)[number][]>(),
  },
});
export type ServiceTeamMember = InferEntity<typeof ServiceTeamMemberSchema>;

export const groupRoles = ['INDEPENDENT', 'HEADQUARTERS', 'MEMBER'] as const;
export const establishmentKinds = ['BRANCH', 'PLACE_OF_BUSINESS'] as const;

/** 巴中市外的分支机构或经营场所 (a branch or place of business outside Bazhong). */
export interface OutsideEstablishment {
  name: string;
  kind: (typeof establishmentKinds)[number];
  /** Where it is: 四川省成都市, 重庆市, 陕西省汉中市 … */
  region: string;
  creditCode: string | null;
}

/** A person on record (the enterprise's contact, finance director, tax officer); the phone is kept whole. */
export interface PersonOnRecord {
  name: string;
  position: string;
  phone: string;
}

/**
 * 一户一册服务账户 (the service account of one large enterprise): its number, the enterprise's designated
 * contact person, and its group and cross-region facts. The facts are those of the latest approved
 * basic-information form (`factsFromVersion`), copied when a version is approved.
 */
export const ServiceAccountSchema = defineEntity({
  name: 'ServiceAccount',
  tableName: 'service_account',
  properties: {
    creditCode: p.string().length(18).primary(),
    /** 巴税企册〔2024〕001号 */
    accountNumber: p.string().length(40).unique(),
    openedOn: p.date(),
    contactName: p.string().length(50),
    contactPosition: p.string().length(50),
    /** Stored whole, served masked (core/identifiers.ts maskPhone). */
    contactPhone: p.string().length(20),
    groupName: p.string().length(200).nullable(),
    groupRole: p.enum([...groupRoles]),
    groupHeadquarters: p.string().length(100).nullable(),
    outsideBazhong: p.json<OutsideEstablishment[]>(),
    /** The approved form version the facts come from; null before any version is approved. */
    factsFromVersion: p.integer().nullable(),
  },
});
export type ServiceAccount = InferEntity<typeof ServiceAccountSchema>;

export const formStatuses = ['SUBMITTED', 'APPROVED', 'RETURNED'] as const;
export type FormStatus = (typeof formStatuses)[number];
export const accountingStandards = [
  'ACCOUNTING_STANDARDS',
  'SMALL_ENTERPRISE_STANDARDS',
  'ACCOUNTING_SYSTEM',
] as const;

/** What the enterprise declares on its basic-information form (企业基本信息表). */
export interface BasicInfoContent {
  financeDirector: PersonOnRecord;
  taxOfficer: PersonOnRecord;
  mainProducts: string[];
  mainBusiness: string;
  employeeCount: number;
  accountingStandard: (typeof accountingStandards)[number];
  /** 会计核算软件: 用友 NC, 金蝶 EAS … */
  accountingSoftware: string;
  relatedParties: { name: string; creditCode: string | null; relation: string }[];
  groupName: string | null;
  groupRole: (typeof groupRoles)[number];
  groupHeadquarters: string | null;
  outsideBazhong: OutsideEstablishment[];
}

/**
 * One version of an enterprise's basic-information form. Filled by the enterprise contact, reviewed by an
 * assigned liaison (APPROVED, or RETURNED with a comment); every submission is a new version, and at most
 * one version of an enterprise is SUBMITTED (awaiting review) at a time.
 */
export const BasicInfoFormSchema = defineEntity({
  name: 'BasicInfoForm',
  tableName: 'basic_info_form',
  properties: {
    id: p.uuid().primary(),
    creditCode: p.string().length(18),
    version: p.integer(),
    status: p.enum([...formStatuses]),
    content: p.json<BasicInfoContent>(),
    submittedAt: p.datetime(),
    submitterSubject: p.string().length(255),
    submitterName: p.text(),
    reviewedAt: p.datetime().nullable(),
    reviewerSubject: p.string().length(255).nullable(),
    reviewerName: p.text().nullable(),
    reviewComment: p.text().nullable(),
  },
  uniques: [{ properties: ['creditCode', 'version'] }],
});
export type BasicInfoForm = InferEntity<typeof BasicInfoFormSchema>;

export const visitKinds = ['VISIT', 'HIGH_LEVEL_DIALOGUE', 'ONLINE_CONSULTATION'] as const;
export const participantSides = ['TAX', 'ENTERPRISE', 'OTHER_AGENCY'] as const;
export type ParticipantSide = (typeof participantSides)[number];

export interface VisitParticipant {
  name: string;
  side: ParticipantSide;
  /** 职务: 财务总监, 首席联络员, 副局长 … */
  title: string;
}

/** 走访、高层对话 (a visit, a high-level dialogue or an online consultation), recorded by a liaison. */
export const ServiceVisitSchema = defineEntity({
  name: 'ServiceVisit',
  tableName: 'service_visit',
  properties: {
    id: p.uuid().primary(),
    creditCode: p.string().length(18),
    kind: p.enum([...visitKinds]),
    heldOn: p.date(),
    location: p.string().length(200),
    participants: p.json<VisitParticipant[]>(),
    topics: p.json<string[]>(),
    summary: p.text(),
    recorderSubject: p.string().length(255),
    recorderName: p.text(),
    recordedAt: p.datetime(),
  },
  indexes: [{ properties: ['creditCode', 'heldOn'] }],
});
export type ServiceVisit = InferEntity<typeof ServiceVisitSchema>;

export const followUpStatuses = ['OPEN', 'DONE'] as const;

/** 跟进事项 (a follow-up of a visit): what, who owns it, by when; open until a liaison completes it. */
export const FollowUpSchema = defineEntity({
  name: 'FollowUp',
  tableName: 'service_follow_up',
  properties: {
    id: p.uuid().primary(),
    visitId: p.uuid().index(),
    creditCode: p.string().length(18).index(),
    /** Its place among the visit's follow-ups, from 1. */
    seq: p.integer(),
    description: p.text(),
    owner: p.string().length(100),
    ownerSide: p.enum([...participantSides]),
    dueOn: p.date(),
    status: p.enum([...followUpStatuses]),
    completedOn: p.date().nullable(),
    completedByName: p.text().nullable(),
    completionNote: p.text().nullable(),
  },
});
export type FollowUp = InferEntity<typeof FollowUpSchema>;

export const rulingStatuses = ['REQUESTED', 'UNDER_REVIEW', 'ISSUED', 'DECLINED'] as const;
export type RulingStatus = (typeof rulingStatuses)[number];
export const rulingCategories = [
  'RESTRUCTURING',
  'RELATED_PARTY',
  'REVENUE_RECOGNITION',
  'PREFERENTIAL_POLICY',
  'CROSS_REGION',
  'OTHER',
] as const;

/** 事先裁定 (an advance ruling on a complex matter): requested → under review → issued or declined. */
export const AdvanceRulingSchema = defineEntity({
  name: 'AdvanceRuling',
  tableName: 'advance_ruling',
  properties: {
    id: p.uuid().primary(),
    /** 巴税裁〔2026〕0001号, given on request. */
    number: p.string().length(40).unique(),
    creditCode: p.string().length(18).index(),
    topic: p.string().length(200),
    category: p.enum([...rulingCategories]),
    question: p.text(),
    status: p.enum([...rulingStatuses]),
    requestedAt: p.datetime(),
    requesterSubject: p.string().length(255),
    requesterName: p.text(),
    reviewStartedAt: p.datetime().nullable(),
    reviewerSubject: p.string().length(255).nullable(),
    reviewerName: p.text().nullable(),
    rulingText: p.text().nullable(),
    validFrom: p.date().nullable(),
    validUntil: p.date().nullable(),
    issuedAt: p.datetime().nullable(),
    declineReason: p.text().nullable(),
    declinedAt: p.datetime().nullable(),
  },
});
export type AdvanceRuling = InferEntity<typeof AdvanceRulingSchema>;

export const agreementStatuses = ['DRAFT', 'SIGNED', 'ACTIVE', 'EXPIRED'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

/**
 * 税费遵从合作协议 (a compliance cooperation agreement): draft → signed → active → expired. `status` is
 * what was recorded; an ACTIVE agreement past `endsOn` reads as EXPIRED (service-account/workflows.ts).
 */
export const ComplianceAgreementSchema = defineEntity({
  name: 'ComplianceAgreement',
  tableName: 'compliance_agreement',
  properties: {
    id: p.uuid().primary(),
    /** 巴税遵协〔2026〕001号 */
    number: p.string().length(40).unique(),
    creditCode: p.string().length(18).index(),
    title: p.string().length(200),
    commitments: p.text(),
    startsOn: p.date(),
    endsOn: p.date(),
    status: p.enum([...agreementStatuses]),
    draftedAt: p.datetime(),
    drafterName: p.text(),
    signedOn: p.date().nullable(),
    activatedOn: p.date().nullable(),
    /** Ended before its term by a liaison; an agreement that ran its term has none (it ends on `endsOn`). */
    expiredOn: p.date().nullable(),
  },
});
export type ComplianceAgreement = InferEntity<typeof ComplianceAgreementSchema>;

export const serviceCaseKinds = ['MAJOR_APPEAL', 'GROUP_WIDE', 'CROSS_REGION'] as const;
export type ServiceCaseKind = (typeof serviceCaseKinds)[number];
export const serviceCaseStatuses = ['ACCEPTED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'] as const;
export type ServiceCaseStatus = (typeof serviceCaseStatuses)[number];
export const serviceCaseStepKinds = [
  'ACCEPT',
  'PROGRESS',
  'COORDINATE',
  'RESPOND',
  'RESOLVE',
  'REVISIT',
] as const;
export type ServiceCaseStepKind = (typeof serviceCaseStepKinds)[number];

/**
 * 重大疑难诉求 (a major difficult appeal handled end to end by the team) or 集团统办 / 区域通办 (a
 * group-wide or cross-region handling case). `version` is the number of steps; `status` moves only with a
 * step appended in the same transaction.
 */
export const ServiceCaseSchema = defineEntity({
  name: 'ServiceCase',
  tableName: 'service_case',
  properties: {
    id: p.uuid().primary(),
    /** 巴税大企诉〔2026〕001号, 巴税统办〔2026〕001号, 巴税通办〔2026〕001号 */
    number: p.string().length(40).unique(),
    creditCode: p.string().length(18).index(),
    kind: p.enum([...serviceCaseKinds]),
    title: p.string().length(200),
    description: p.text(),
    /** Other regions concerned (区域通办): 四川省成都市, 重庆市 … */
    regions: p.json<string[]>(),
    /** The group's member enterprises concerned (集团统办), by name. */
    memberEnterprises: p.json<string[]>(),
    status: p.enum([...serviceCaseStatuses]),
    version: p.integer(),
    handlerName: p.text(),
    openedAt: p.datetime(),
    resolvedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
  },
});
export type ServiceCase = InferEntity<typeof ServiceCaseSchema>;

/** One step of a service case, numbered from 1 without gaps. */
export const ServiceCaseStepSchema = defineEntity({
  name: 'ServiceCaseStep',
  tableName: 'service_case_step',
  properties: {
    id: p.uuid().primary(),
    caseId: p.uuid(),
    seq: p.integer(),
    kind: p.enum([...serviceCaseStepKinds]),
    content: p.text(),
    actorSubject: p.string().length(255),
    actorName: p.text(),
    at: p.datetime(),
    statusAfter: p.enum([...serviceCaseStatuses]),
  },
  uniques: [{ properties: ['caseId', 'seq'] }],
});
export type ServiceCaseStep = InferEntity<typeof ServiceCaseStepSchema>;

/**
 * A version of a handbook section written by a liaison. Editing writes the next version of the same
 * `sectionId`; the handbook shows each section's latest.
 */
export const HandbookSectionSchema = defineEntity({
  name: 'HandbookSection',
  tableName: 'handbook_section',
  properties: {
    id: p.uuid().primary(),
    sectionId: p.uuid(),
    creditCode: p.string().length(18).index(),
    version: p.integer(),
    title: p.string().length(100),
    body: p.text(),
    authorSubject: p.string().length(255),
    authorName: p.text(),
    writtenAt: p.datetime(),
  },
  uniques: [{ properties: ['sectionId', 'version'] }],
});
export type HandbookSection = InferEntity<typeof HandbookSectionSchema>;

/**
 * The idempotency log of the service account's writes: a request's key, who sent it, a hash of what it
 * asked, and the record it wrote. A repeat returns that record; the same key for another request is refused.
 */
export const ServiceRequestSchema = defineEntity({
  name: 'ServiceRequest',
  tableName: 'service_request',
  properties: {
    idempotencyKey: p.string().length(100).primary(),
    operation: p.string().length(40),
    actorSubject: p.string().length(255),
    /** SHA-256 of the request's canonical JSON, its key left out. */
    requestHash: p.string().length(64),
    resultId: p.uuid(),
    at: p.datetime(),
  },
});
export type ServiceRequest = InferEntity<typeof ServiceRequestSchema>;

/** The last number given in each series and year (`RULING:2026` …), taken under a row lock. */
export const ServiceNumberCounterSchema = defineEntity({
  name: 'ServiceNumberCounter',
  tableName: 'service_number_counter',
  properties: {
    series: p.string().length(40).primary(),
    last: p.integer(),
  },
});
export type ServiceNumberCounter = InferEntity<typeof ServiceNumberCounterSchema>;
