import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { districts } from '../../shared/enums.js';
import { appealChannels, appealKinds } from '../appeals/catalogue.js';
import { appealSatisfactions, appealStages, appealStepKinds } from '../appeals/workflow.js';

/** Longest client idempotency key and channel reference. */
export const APPEAL_KEY_MAX_LENGTH = 100;

export const topicRuleKinds = ['KEY_PHRASES', 'NO_MATCH', 'STAFF'] as const;

/**
 * 税费诉求 (one appeal, whatever channel it came by): the work order of the closed loop. `stage` and
 * `version` change only by appending an AppealStep in the same transaction. `channel` + `channelReference`
 * is unique: a channel sending the same appeal again gets the appeal already registered.
 */
export const AppealSchema = defineEntity({
  name: 'Appeal',
  tableName: 'appeal',
  properties: {
    id: p.uuid().primary(),
    /** 工单编号, e.g. 巴税诉〔2026〕0012345号 (from a sequence: never reused, not restarted each year). */
    number: p.string().length(40).unique(),
    channel: p.enum([...appealChannels]),
    /** The channel's own reference of the appeal (its ticket number). */
    channelReference: p.string().length(APPEAL_KEY_MAX_LENGTH),
    kind: p.enum([...appealKinds]),
    district: p.enum([...districts]),
    /** The taxpayer it concerns, when known. */
    creditCode: p.string().length(18).nullable().index(),
    /** The natural person it concerns, when known (the social-security person id). */
    personId: p.string().length(40).nullable().index(),
    /** Stored whole, served masked. */
    appellantName: p.string().length(100).nullable(),
    appellantPhone: p.string().length(20).nullable().index(),
    content: p.text(),
    /** The topic now (the classifier's, or staff's correction). */
    topic: p.string().length(40),
    /** How the topic was decided: the classifier's key phrases, no match, or staff. */
    topicRule: p.enum([...topicRuleKinds]),
    /** The classifier's own verdict at intake, kept when staff correct it. */
    classifiedTopic: p.string().length(40),
    matchedPhrases: p.array().$type<string[]>(),
    classifierScore: p.integer(),
    runnerUpTopic: p.string().length(40).nullable(),
    classificationClose: p.boolean(),
    /** The earlier appeal of the same party on the same topic within the window (likely duplicate). */
    duplicateOf: p.uuid().nullable().index(),
    stage: p.enum([...appealStages]),
    version: p.integer(),
    /** The branch or division the work order was dispatched to (直达快处). */
    handlingUnit: p.string().length(40).nullable(),
    /** The county service centre supervising it. */
    supervisingUnit: p.string().length(40),
    /** Escalated to the city task force (提级管理). */
    escalated: p.boolean(),
    receivedAt: p.datetime(),
    stageEnteredAt: p.datetime(),
    /** When the current stage's time limit runs out; null once closed. */
    stageDueAt: p.datetime().nullable(),
    /** First answer (accepted or refused): the response rate counts it. */
    respondedAt: p.datetime().nullable(),
    /** Last handled (a reopened appeal is handled again). */
    handledAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    /** The last revisit's satisfaction. */
    satisfaction: p.enum([...appealSatisfactions]).nullable(),
    reopenCount: p.integer(),
    /** Some step came after its stage's time limit. */
    everLate: p.boolean(),
  },
  uniques: [{ properties: ['channel', 'channelReference'] }],
  indexes: [
    { properties: ['receivedAt'] },
    { properties: ['stage', 'stageDueAt'] },
    { properties: ['topic', 'receivedAt'] },
  ],
});
export type Appeal = InferEntity<typeof AppealSchema>;

/** 办理步骤 (one step of the loop): who, when, what; `seq` numbers an appeal's steps from 1 without gaps. */
export const AppealStepSchema = defineEntity({
  name: 'AppealStep',
  tableName: 'appeal_step',
  properties: {
    id: p.uuid().primary(),
    appealId: p.uuid(),
    seq: p.integer(),
    kind: p.enum([...appealStepKinds]),
    actorSubject: p.string().length(255),
    actorName: p.text(),
    content: p.text(),
    stageBefore: p.enum([...appealStages]),
    stageAfter: p.enum([...appealStages]),
    /** ACCEPT: the unit dispatched to; ESCALATE: the task force. */
    handlingUnit: p.string().length(40).nullable(),
    satisfaction: p.enum([...appealSatisfactions]).nullable(),
    /** RECLASSIFY: the topic before and after. */
    topicBefore: p.string().length(40).nullable(),
    topicAfter: p.string().length(40).nullable(),
    at: p.datetime(),
    /** Taken after the stage's time limit ran out. */
    late: p.boolean(),
    idempotencyKey: p.string().length(APPEAL_KEY_MAX_LENGTH).unique(),
  },
  uniques: [{ properties: ['appealId', 'seq'] }],
});
export type AppealStep = InferEntity<typeof AppealStepSchema>;

/**
 * Yearly figures from before the hub (the legacy 12366 / 12345 statistics of the study's Table 2): valid
 * reports per district and year. Years the hub holds appeals for are counted from the appeals instead.
 */
export const AppealYearlyFigureSchema = defineEntity({
  name: 'AppealYearlyFigure',
  tableName: 'appeal_yearly_figure',
  properties: {
    year: p.integer().primary(),
    district: p.enum([...districts]).primary(),
    validReports: p.integer(),
    /** Where the figure comes from, e.g. the study's table. */
    source: p.text(),
  },
});
export type AppealYearlyFigure = InferEntity<typeof AppealYearlyFigureSchema>;
