import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { districts } from '../../shared/enums.js';

/**
 * Live visual Q&A (可视答疑直播, brand 巴税巴适): the answering teams and their members, the studios, and
 * the sessions — what hot topic each answered, who hosted it where, and how many watched and were answered.
 */

/** Longest idempotency key of the live Q&A mutations. */
export const LIVE_QA_KEY_MAX_LENGTH = 100;

export const liveQaStatuses = ['SCHEDULED', 'LIVE', 'ENDED', 'CANCELLED'] as const;
export type LiveQaStatus = (typeof liveQaStatuses)[number];

/** 答疑团队 (an answering team), with the appeal topics it covers. */
export const LiveQaTeamSchema = defineEntity({
  name: 'LiveQaTeam',
  tableName: 'live_qa_team',
  properties: {
    code: p.string().length(20).primary(),
    name: p.string().length(100),
    /** 擅长领域 (what it answers), in words. */
    focus: p.text(),
    /** The appeal topic codes (AppealTopic) it covers. */
    focusTopics: p.array().$type<string[]>(),
    position: p.integer(),
  },
});
export type LiveQaTeam = InferEntity<typeof LiveQaTeamSchema>;

/** 团队成员 (a member of a team): name, position and office; a published presenter of the broadcasts. */
export const LiveQaMemberSchema = defineEntity({
  name: 'LiveQaMember',
  tableName: 'live_qa_member',
  properties: {
    id: p.uuid().primary(),
    teamCode: p.string().length(20).index(),
    name: p.string().length(50),
    /** 职务或角色: 领队, 主播, 答疑专家 … */
    position: p.string().length(50),
    /** 所在单位 */
    office: p.string().length(100),
    /** Order within the team. */
    seq: p.integer(),
  },
});
export type LiveQaMember = InferEntity<typeof LiveQaMemberSchema>;

/** 直播间 (a studio) and where it is. */
export const LiveQaStudioSchema = defineEntity({
  name: 'LiveQaStudio',
  tableName: 'live_qa_studio',
  properties: {
    code: p.string().length(20).primary(),
    name: p.string().length(100),
    location: p.string().length(200),
    district: p.enum([...districts]),
    position: p.integer(),
  },
});
export type LiveQaStudio = InferEntity<typeof LiveQaStudioSchema>;

/**
 * 直播场次 (one session): SCHEDULED → LIVE → ENDED, or SCHEDULED → CANCELLED; its outcome (views, questions
 * received and answered, key answers) is recorded once it has ended. `episode` numbers the programme
 * (巴税巴适第 N 期) in the order sessions were scheduled.
 */
export const LiveQaSessionSchema = defineEntity({
  name: 'LiveQaSession',
  tableName: 'live_qa_session',
  properties: {
    id: p.uuid().primary(),
    episode: p.integer().unique(),
    title: p.string().length(200),
    /** An appeal topic code (AppealTopic). */
    topic: p.string().length(40),
    /** The hot topic or weekly report it came from, as a free reference. */
    source: p.string().length(200).nullable(),
    scheduledAt: p.datetime(),
    durationMinutes: p.integer(),
    studioCode: p.string().length(20),
    teamCode: p.string().length(20),
    /** LiveQaMember ids, in billing order. */
    hostIds: p.array().$type<string[]>(),
    status: p.enum([...liveQaStatuses]),
    version: p.integer(),
    startedAt: p.datetime().nullable(),
    endedAt: p.datetime().nullable(),
    cancelledAt: p.datetime().nullable(),
    cancelReason: p.text().nullable(),
    views: p.integer().nullable(),
    questionsReceived: p.integer().nullable(),
    questionsAnswered: p.integer().nullable(),
    /** 重点答疑摘要 */
    keyAnswers: p.text().nullable(),
    outcomeRecordedAt: p.datetime().nullable(),
    outcomeRecordedByName: p.text().nullable(),
    scheduledBySubject: p.string().length(255),
    scheduledByName: p.text(),
    createdAt: p.datetime(),
  },
  indexes: [
    { properties: ['scheduledAt', 'id'] },
    { properties: ['studioCode', 'scheduledAt'] },
    { properties: ['topic'] },
    { properties: ['teamCode'] },
  ],
});
export type LiveQaSession = InferEntity<typeof LiveQaSessionSchema>;

/** The idempotency keys of the live Q&A mutations (see QualityRequest). */
export const LiveQaRequestSchema = defineEntity({
  name: 'LiveQaRequest',
  tableName: 'live_qa_request',
  properties: {
    idempotencyKey: p.string().length(LIVE_QA_KEY_MAX_LENGTH).primary(),
    operation: p.string().length(40),
    actorSubject: p.string().length(255),
    requestHash: p.string().length(64),
    result: p.json<unknown>(),
    at: p.datetime(),
  },
});
export type LiveQaRequest = InferEntity<typeof LiveQaRequestSchema>;
