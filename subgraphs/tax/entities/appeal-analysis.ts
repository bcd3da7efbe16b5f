import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { District } from '../../shared/enums.js';
import type { AnalysisContent } from '../appeals/analysis.js';

export const analysisKinds = ['WEEKLY', 'QUARTERLY'] as const;
export const analysisTriggers = ['SCHEDULE', 'ON_DEMAND'] as const;

/**
 * 诉求分析周报 / 季度报告 (an analysis report of appeals): the figures of one week or quarter as generated,
 * kept as they were. Generating the same period again returns it; a regeneration (late channel back-entry)
 * writes the next revision beside it.
 */
export const AppealAnalysisReportSchema = defineEntity({
  name: 'AppealAnalysisReport',
  tableName: 'appeal_analysis_report',
  properties: {
    id: p.uuid().primary(),
    kind: p.enum([...analysisKinds]),
    periodStart: p.string().length(10),
    /** The last day of the period, inclusive. */
    periodEnd: p.string().length(10),
    revision: p.integer(),
    trigger: p.enum([...analysisTriggers]),
    generatedAt: p.datetime(),
    generatedBySubject: p.string().length(255),
    generatedByName: p.text(),
    content: p.json().$type<AnalysisContent>(),
    /** SHA-256 of the canonical content. */
    contentHash: p.string().length(64),
  },
  uniques: [{ properties: ['kind', 'periodStart', 'revision'] }],
});
export type AppealAnalysisReport = InferEntity<typeof AppealAnalysisReportSchema>;

export const guideStatuses = ['DRAFT', 'PUBLISHED', 'WITHDRAWN'] as const;

/**
 * 高频热点税费诉求风险治理业务指引 (a risk-governance guide for a hot topic): key areas, the policies it
 * rests on and the governance plan, drafted from a hot topic and published to county bureaus.
 */
export const GovernanceGuideSchema = defineEntity({
  name: 'GovernanceGuide',
  tableName: 'governance_guide',
  properties: {
    id: p.uuid().primary(),
    /** 巴税诉指〔2026〕N号 */
    number: p.string().length(40).unique(),
    topic: p.string().length(40),
    title: p.string().length(200),
    keyAreas: p.array().$type<string[]>(),
    policies: p.json().$type<{ title: string; document: string }[]>(),
    plan: p.array().$type<string[]>(),
    /** The figures it was drafted from, in words. */
    evidence: p.text(),
    /** The analysis report whose hot topic it answers. */
    sourceReportId: p.uuid().nullable(),
    status: p.enum([...guideStatuses]),
    version: p.integer(),
    draftedAt: p.datetime(),
    draftedBySubject: p.string().length(255),
    draftedByName: p.text(),
    publishedAt: p.datetime().nullable(),
    publishedByName: p.text().nullable(),
    /** The county bureaus it is published to. */
    publishedTo: p.array().$type<District[]>(),
    withdrawnAt: p.datetime().nullable(),
    idempotencyKey: p.string().length(100).unique(),
  },
});
export type GovernanceGuide = InferEntity<typeof GovernanceGuideSchema>;
