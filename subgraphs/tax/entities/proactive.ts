import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { districts, type District } from '../../shared/enums.js';

/**
 * 未诉先办 (proactive actions): a risk reminder, a precise policy push or a personalised policy package,
 * sent to the taxpayers a targeting rule selected; the targets with their randomised group (reached or
 * held out for comparison); and the delivery of each message. The effect on appeals is measured from these
 * and the `appeal` table (proactive/effect.ts).
 */

export const proactiveKinds = ['RISK_REMINDER', 'POLICY_PUSH', 'POLICY_PACKAGE'] as const;
export type ProactiveKind = (typeof proactiveKinds)[number];

export const proactiveRules = [
  'FAILED_BATCH_DEDUCTIONS',
  'OPEN_INVOICE_ANOMALIES',
  'LATE_FILINGS',
  'HOT_TOPIC_PEERS',
  'TAXPAYER_PROFILE',
] as const;
export type ProactiveRule = (typeof proactiveRules)[number];

export const proactiveStatuses = ['PLANNED', 'SENT', 'CANCELLED'] as const;
export type ProactiveStatus = (typeof proactiveStatuses)[number];

export const proactiveGroups = ['REACHED', 'COMPARISON'] as const;
export type ProactiveGroup = (typeof proactiveGroups)[number];

export const deliveryOutcomes = ['DELIVERED', 'FAILED'] as const;
export type DeliveryOutcome = (typeof deliveryOutcomes)[number];

/** 电子税务局消息, 短信, 征纳互动平台, 电话. */
export const deliveryChannels = ['ETAX_MESSAGE', 'SMS', 'INTERACTION_PLATFORM', 'PHONE'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

/** Longest client idempotency key. */
export const PROACTIVE_KEY_MAX_LENGTH = 100;

/**
 * The targeting rule's parameters as planned, normalised (only the rule's own keys, lists sorted), so the
 * action says exactly how its targets were chosen.
 */
export interface ProactiveRuleParameters {
  /** FAILED_BATCH_DEDUCTIONS: the deductions' period, YYYY-MM. */
  month?: string;
  /** FAILED_BATCH_DEDUCTIONS: only employers whose retry failed too. */
  unresolvedOnly?: boolean;
  /** Every rule: only taxpayers of this district. */
  district?: District;
  /** OPEN_INVOICE_ANOMALIES: only these kinds of anomaly. */
  anomalyKinds?: string[];
  /** LATE_FILINGS: filings due from … to (dates, inclusive). */
  dueFrom?: string;
  dueTo?: string;
  /** HOT_TOPIC_PEERS: the week's first day (seven days from it). */
  weekStarting?: string;
  /** TAXPAYER_PROFILE */
  industries?: string[];
  creditRatings?: string[];
  registrationTypes?: string[];
  registeredFrom?: string;
  largeEnterprise?: boolean;
  /** Every rule: at most this many taxpayers, drawn by a hash of (action, taxpayer) when more qualify. */
  maxTargets?: number;
}

/** 未诉先办行动 (one proactive action). */
export const ProactiveActionSchema = defineEntity({
  name: 'ProactiveAction',
  tableName: 'proactive_action',
  properties: {
    id: p.uuid().primary(),
    /** 巴税先办〔2026〕000123号 (from a sequence: never reused). */
    number: p.string().length(40).unique(),
    kind: p.enum([...proactiveKinds]),
    /** The appeal topic it addresses (AppealTopic): the effect counts appeals on this topic. */
    topic: p.string().length(40),
    rule: p.enum([...proactiveRules]),
    ruleParameters: p.json().$type<ProactiveRuleParameters>(),
    /** POLICY_PACKAGE: which of the 33 kinds of package (proactive/catalogue.ts). */
    packageCode: p.string().length(40).nullable(),
    title: p.string().length(100),
    body: p.text(),
    /** The policy documents cited, as published (《…》（…号）). */
    policyDocuments: p.array().$type<string[]>(),
    /** The share held out for comparison, in thousandths (200 = 20%). */
    holdoutPermille: p.integer(),
    status: p.enum([...proactiveStatuses]),
    /** Taxpayers the rule found (before maxTargets). */
    candidateCount: p.integer(),
    targetCount: p.integer(),
    reachedCount: p.integer(),
    comparisonCount: p.integer(),
    plannedBySubject: p.string().length(255),
    plannedByName: p.text(),
    plannedAt: p.datetime(),
    sentBySubject: p.string().length(255).nullable(),
    sentByName: p.text().nullable(),
    sentAt: p.datetime().nullable(),
    /** The idempotency key of the send. */
    sendKey: p.string().length(PROACTIVE_KEY_MAX_LENGTH).nullable().unique(),
    cancelledAt: p.datetime().nullable(),
    cancelledByName: p.text().nullable(),
    cancelReason: p.text().nullable(),
    /** The plan's idempotency key and a hash of what was asked (a reused key with another request is refused). */
    idempotencyKey: p.string().length(PROACTIVE_KEY_MAX_LENGTH).unique(),
    requestHash: p.string().length(64),
  },
  indexes: [{ properties: ['plannedAt', 'number'] }],
});
export type ProactiveAction = InferEntity<typeof ProactiveActionSchema>;

/**
 * 行动对象 (a taxpayer the rule selected): its group is fixed at planning by a hash of (action id,
 * taxpayer) against the holdout share, so the comparison group is a random draw from the same population.
 */
export const ProactiveTargetSchema = defineEntity({
  name: 'ProactiveTarget',
  tableName: 'proactive_target',
  properties: {
    id: p.uuid().primary(),
    actionId: p.uuid(),
    /** 1, 2, … within the action, in the rule's order (credit code). */
    seq: p.integer(),
    creditCode: p.string().length(18).nullable(),
    personId: p.string().length(40).nullable(),
    district: p.enum([...districts]).nullable(),
    assignedGroup: p.enum([...proactiveGroups]),
    /** The hash of (action id, taxpayer) in millionths, 0–999999: below holdoutPermille × 1000 is COMPARISON. */
    assignmentBucket: p.integer(),
    /** Why the rule selected it, in words. */
    reason: p.text(),
    /** When it was sent the message (REACHED targets, once the action is sent). */
    sentAt: p.datetime().nullable(),
  },
  // A target is a taxpayer (credit code) or a natural person, never both nor neither.
  checks: [
    { name: 'proactive_target_one_key_check', expression: '(credit_code is null) <> (person_id is null)' },
  ],
  uniques: [
    { properties: ['actionId', 'seq'] },
    { properties: ['actionId', 'creditCode'] },
    { properties: ['actionId', 'personId'] },
  ],
  indexes: [{ properties: ['creditCode'] }],
});
export type ProactiveTarget = InferEntity<typeof ProactiveTargetSchema>;

/** 送达记录 (the delivery of one target's message): one per (action, target). */
export const ProactiveDeliverySchema = defineEntity({
  name: 'ProactiveDelivery',
  tableName: 'proactive_delivery',
  properties: {
    id: p.uuid().primary(),
    actionId: p.uuid().index(),
    targetId: p.uuid().unique(),
    outcome: p.enum([...deliveryOutcomes]),
    channel: p.enum([...deliveryChannels]),
    /** When the channel delivered it or gave up. */
    at: p.datetime(),
    failureReason: p.text().nullable(),
    recordedBySubject: p.string().length(255),
    recordedAt: p.datetime(),
  },
});
export type ProactiveDelivery = InferEntity<typeof ProactiveDeliverySchema>;
