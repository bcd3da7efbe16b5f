import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The service-quality monitoring system (服务质效监控体系): an indicator tree held as data (7 level-1 areas
 * and their 26 level-2 indicators), the values of each level-2 indicator per unit and month with every
 * revision kept, and the rectification tasks (整改任务) that a red value raises, with their follow-up steps.
 * The loop of the study is 指标取数 → 需求响应 → 整改完善 (fetch the indicator → respond → rectify).
 */

/** Longest idempotency key of the quality mutations. */
export const QUALITY_KEY_MAX_LENGTH = 100;

/** SCORE is the 0–100 composite score of a level-1 area. */
export const indicatorUnits = ['PERCENT', 'DAYS', 'HOURS', 'MINUTES', 'SECONDS', 'COUNT', 'SCORE'] as const;
export type IndicatorUnit = (typeof indicatorUnits)[number];

export const indicatorDirections = ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'] as const;
export type IndicatorDirection = (typeof indicatorDirections)[number];

/**
 * How a value is obtained: a level-2 value computed from the appeal records (指标取数) or entered by an
 * analyst; a level-1 area's score is the weighted composite of its indicators' ratings.
 */
export const indicatorSources = ['APPEALS', 'ENTERED', 'COMPOSITE'] as const;
export type IndicatorSource = (typeof indicatorSources)[number];

/** The rates of subgraphs/tax/appeals/rates.ts an appeal-derived indicator takes its value from. */
export const qualityAppealRates = [
  'RESPONSE_RATE',
  'RESOLUTION_RATE',
  'SATISFACTION_RATE',
  'DUPLICATE_RATE',
  'OVERDUE_RATE',
] as const;
export type QualityAppealRate = (typeof qualityAppealRates)[number];

/** A value belongs to a district (区县) or to a handling unit of the appeal catalogue. */
export const qualityUnitKinds = ['DISTRICT', 'HANDLING_UNIT'] as const;
export type QualityUnitKind = (typeof qualityUnitKinds)[number];

export const rectificationStatuses = ['OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED'] as const;
export type RectificationStatus = (typeof rectificationStatuses)[number];

/** RAISE and REMEASURE are written by the monitoring itself; the others by staff. */
export const rectificationStepKinds = [
  'RAISE',
  'REMEASURE',
  'START',
  'PROGRESS',
  'COMPLETE',
  'VERIFY',
  'RETURN',
] as const;
export type RectificationStepKind = (typeof rectificationStepKinds)[number];

/**
 * 服务质效指标 (one indicator of the tree). Level-1 rows are areas (no parent, no thresholds); level-2 rows
 * hang under one of them and carry the amber and red thresholds that rate their values. `weight` is the
 * share of a level-1 area in the whole, or of a level-2 indicator within its area (each set sums to 100).
 * Thresholds change only through `setQualityThresholds`, which bumps `thresholdVersion` and writes a
 * QualityThresholdChange.
 */
export const QualityIndicatorSchema = defineEntity({
  name: 'QualityIndicator',
  tableName: 'quality_indicator',
  properties: {
    code: p.string().length(40).primary(),
    parentCode: p.string().length(40).nullable().index(),
    level: p.integer(),
    /** 1 for an area, 1.3 for the third indicator of the first area. */
    number: p.string().length(10).unique(),
    /** Order of the whole tree (areas and indicators). */
    position: p.integer(),
    /** 中文 (English) */
    name: p.string().length(100),
    /** How the value is defined and obtained. */
    definition: p.text(),
    unit: p.enum([...indicatorUnits]),
    direction: p.enum([...indicatorDirections]),
    source: p.enum([...indicatorSources]),
    /** The appeal rate an APPEALS indicator is computed from. */
    appealRate: p.enum([...qualityAppealRates]).nullable(),
    weight: p.decimal('number').precision(6).scale(2),
    amberThreshold: p.decimal('number').precision(14).scale(4).nullable(),
    redThreshold: p.decimal('number').precision(14).scale(4).nullable(),
    thresholdVersion: p.integer(),
    thresholdsChangedAt: p.datetime().nullable(),
    thresholdsChangedBySubject: p.string().length(255).nullable(),
    thresholdsChangedByName: p.text().nullable(),
  },
});
export type QualityIndicator = InferEntity<typeof QualityIndicatorSchema>;

/** One change of an indicator's thresholds (阈值调整记录): before, after, who, when and why. */
export const QualityThresholdChangeSchema = defineEntity({
  name: 'QualityThresholdChange',
  tableName: 'quality_threshold_change',
  properties: {
    id: p.uuid().primary(),
    indicatorCode: p.string().length(40),
    /** The threshold version this change created (the seeded thresholds are version 1). */
    version: p.integer(),
    amberBefore: p.decimal('number').precision(14).scale(4),
    redBefore: p.decimal('number').precision(14).scale(4),
    amberAfter: p.decimal('number').precision(14).scale(4),
    redAfter: p.decimal('number').precision(14).scale(4),
    reason: p.text(),
    actorSubject: p.string().length(255),
    actorName: p.text(),
    at: p.datetime(),
  },
  uniques: [{ properties: ['indicatorCode', 'version'] }],
});
export type QualityThresholdChange = InferEntity<typeof QualityThresholdChangeSchema>;

/**
 * 指标值 (the value of one level-2 indicator for one unit and month, YYYY-MM): one row per (indicator,
 * unit, period), holding the current value; every value it has had is a QualityValueRevision.
 */
export const QualityValueSchema = defineEntity({
  name: 'QualityValue',
  tableName: 'quality_value',
  properties: {
    id: p.uuid().primary(),
    indicatorCode: p.string().length(40),
    unit: p.string().length(40),
    unitKind: p.enum([...qualityUnitKinds]),
    period: p.string().length(7),
    value: p.decimal('number').precision(14).scale(4),
    source: p.enum([...indicatorSources]),
    /** For a computed value, what it was computed from (响应 114 / 接收 120). */
    basis: p.text().nullable(),
    /** How many values it has had: 1 until corrected. */
    revision: p.integer(),
    firstRecordedAt: p.datetime(),
    recordedAt: p.datetime(),
    recordedBySubject: p.string().length(255),
    recordedByName: p.text(),
  },
  uniques: [{ properties: ['indicatorCode', 'unit', 'period'] }],
  indexes: [{ properties: ['period', 'unit'] }],
});
export type QualityValue = InferEntity<typeof QualityValueSchema>;

/** 指标值修订记录 (each value a QualityValue has had, the first included): a correction keeps the previous. */
export const QualityValueRevisionSchema = defineEntity({
  name: 'QualityValueRevision',
  tableName: 'quality_value_revision',
  properties: {
    id: p.uuid().primary(),
    valueId: p.uuid(),
    revision: p.integer(),
    value: p.decimal('number').precision(14).scale(4),
    source: p.enum([...indicatorSources]),
    basis: p.text().nullable(),
    note: p.text().nullable(),
    recordedAt: p.datetime(),
    recordedBySubject: p.string().length(255),
    recordedByName: p.text(),
  },
  uniques: [{ properties: ['valueId', 'revision'] }],
});
export type QualityValueRevision = InferEntity<typeof QualityValueRevisionSchema>;

/**
 * 整改任务 (a rectification task), raised by the first red value of an (indicator, unit, period) — at most
 * one per triple, however often or concurrently values are re-recorded (the unique index decides). It keeps
 * the value and thresholds that raised it; `status` and `version` change only with a RectificationStep.
 */
export const RectificationTaskSchema = defineEntity({
  name: 'RectificationTask',
  tableName: 'rectification_task',
  properties: {
    id: p.uuid().primary(),
    indicatorCode: p.string().length(40),
    unit: p.string().length(40),
    unitKind: p.enum([...qualityUnitKinds]),
    period: p.string().length(7),
    /** The value row of the triple. */
    valueId: p.uuid().unique(),
    triggerValue: p.decimal('number').precision(14).scale(4),
    amberThreshold: p.decimal('number').precision(14).scale(4),
    redThreshold: p.decimal('number').precision(14).scale(4),
    thresholdVersion: p.integer(),
    status: p.enum([...rectificationStatuses]),
    /** Steps recorded (the RAISE step is 1). */
    version: p.integer(),
    raisedAt: p.datetime(),
    /** 整改期限 (Beijing date). */
    dueOn: p.date(),
    startedAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    /** The rectification note of the last COMPLETE step. */
    rectificationNote: p.text().nullable(),
    verifiedAt: p.datetime().nullable(),
    verifiedByName: p.text().nullable(),
    /** Times verification failed and sent the task back. */
    returnCount: p.integer(),
  },
  uniques: [{ properties: ['indicatorCode', 'unit', 'period'] }],
  indexes: [
    { properties: ['raisedAt', 'id'] },
    { properties: ['status', 'dueOn'] },
    { properties: ['period'] },
  ],
});
export type RectificationTask = InferEntity<typeof RectificationTaskSchema>;

/** 整改跟进记录 (one follow-up step of a task): who, when, what; `seq` numbers a task's steps from 1. */
export const RectificationStepSchema = defineEntity({
  name: 'RectificationStep',
  tableName: 'rectification_step',
  properties: {
    id: p.uuid().primary(),
    taskId: p.uuid(),
    seq: p.integer(),
    kind: p.enum([...rectificationStepKinds]),
    statusBefore: p.enum([...rectificationStatuses]),
    statusAfter: p.enum([...rectificationStatuses]),
    actorSubject: p.string().length(255),
    actorName: p.text(),
    content: p.text(),
    at: p.datetime(),
  },
  uniques: [{ properties: ['taskId', 'seq'] }],
});
export type RectificationStep = InferEntity<typeof RectificationStepSchema>;

/**
 * The idempotency keys of the quality mutations: the operation, who sent it, a hash of the request and
 * what it returned, so that a repeat returns the same answer and writes nothing.
 */
export const QualityRequestSchema = defineEntity({
  name: 'QualityRequest',
  tableName: 'quality_request',
  properties: {
    idempotencyKey: p.string().length(QUALITY_KEY_MAX_LENGTH).primary(),
    operation: p.string().length(40),
    actorSubject: p.string().length(255),
    requestHash: p.string().length(64),
    result: p.json<unknown>(),
    at: p.datetime(),
  },
});
export type QualityRequest = InferEntity<typeof QualityRequestSchema>;
