import { randomUUID } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertVersion, badInput, hubError, notFound } from '../../../core/errors.js';
import { districtInfo, type District } from '../../shared/enums.js';
import {
  AppealAnalysisReportSchema,
  GovernanceGuideSchema,
  type GovernanceGuide,
} from '../entities/index.js';
import { isUuid } from '../../shared/validation.js';
import { chinaYear } from './ledger.js';
import { playbookOf } from './playbook.js';
import { topicLabel } from './topics.js';

/**
 * Risk-governance guides (高频热点税费诉求风险治理业务指引): drafted from a hot topic — the playbook's key
 * areas, policies and plan, with the figures of the analysis that found it — revised while a draft,
 * then published to county bureaus, which read the guides published to them.
 */

interface Actor {
  subject: string;
  name: string;
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

export async function draftGuide(
  em: EntityManager,
  input: { topic: string; sourceReportId: string | null; idempotencyKey: string; actor: Actor },
): Promise<GovernanceGuide> {
  const earlier = await em.findOne(GovernanceGuideSchema, { idempotencyKey: input.idempotencyKey });
  if (earlier) {
    if (earlier.topic !== input.topic || earlier.sourceReportId !== input.sourceReportId)
      throw hubError(
        'IDEMPOTENCY_KEY_REUSED',
        '该幂等键已用于另一份指引 (the key was used for another guide)',
        {
          argument: 'input.idempotencyKey',
        },
      );
    return earlier;
  }
  let evidence = '未关联分析报告 (drafted without an analysis report)';
  if (input.sourceReportId) {
    const report = isUuid(input.sourceReportId)
      ? await em.findOne(AppealAnalysisReportSchema, { id: input.sourceReportId })
      : null;
    if (!report) throw notFound(`查无此分析报告 ${input.sourceReportId} (no such analysis report)`);
    const hot = report.content.hotTopics.find((h) => h.topic === input.topic);
    if (!hot)
      throw badInput(
        `${topicLabel(input.topic)} 不是该报告的热点主题 (the topic is not hot in that report)`,
        'input.topic',
      );
    const where = hot.districts
      .slice(0, 3)
      .map((d) => `${d.label} ${d.count} 件`)
      .join('、');
    evidence =
      `${report.content.title}：${hot.label} ${hot.count} 件，基线均值 ${hot.baselineMean.toFixed(1)} 件，` +
      `阈值 ${hot.threshold.toFixed(1)} 件（${pct(hot.count / Math.max(hot.baselineMean, 1))} of baseline）；主要来自 ${where}`;
  }
  const play = playbookOf(input.topic);
  const now = new Date();
  const db = em.getConnection();
  const [next] = await db.execute<{ n: string }[]>(`select nextval('governance_guide_number_seq') as n`);
  const guide: GovernanceGuide = {
    id: randomUUID(),
    number: `巴税诉指〔${chinaYear(now)}〕${next!.n}号`,
    topic: input.topic,
    title: `${topicLabel(input.topic).split(' (')[0]}类税费诉求风险治理业务指引`,
    keyAreas: play.keyAreas,
    policies: play.policies,
    plan: play.plan,
    evidence,
    sourceReportId: input.sourceReportId,
    status: 'DRAFT',
    version: 1,
    draftedAt: now,
    draftedBySubject: input.actor.subject,
    draftedByName: input.actor.name,
    publishedAt: null,
    publishedByName: null,
    publishedTo: [],
    withdrawnAt: null,
    idempotencyKey: input.idempotencyKey,
  };
  try {
    await em.insert(GovernanceGuideSchema, guide);
    return guide;
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const winner = await em.fork().findOne(GovernanceGuideSchema, { idempotencyKey: input.idempotencyKey });
    if (!winner) throw error;
    return winner;
  }
}

export type GuideChange =
  | { action: 'REVISE'; title?: string | null; keyAreas?: string[] | null; plan?: string[] | null }
  | { action: 'PUBLISH'; districts: District[] }
  | { action: 'WITHDRAW' };

/** Revise a draft, publish it to county bureaus, or withdraw a published guide; under the guide's row lock. */
export async function changeGuide(
  em: EntityManager,
  id: string,
  change: GuideChange,
  expectedVersion: number | null,
  actor: Actor,
): Promise<GovernanceGuide> {
  return em.transactional(async (tx) => {
    const guide = isUuid(id)
      ? await tx.findOne(GovernanceGuideSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE })
      : null;
    if (!guide) throw notFound(`查无此指引 ${id} (no such guide)`);
    const refuse = (why: string) =>
      hubError('INVALID_TRANSITION', `${why}（指引当前为 ${guide.status}）(the guide is ${guide.status})`);
    if (change.action === 'PUBLISH' && guide.status === 'PUBLISHED') {
      // Publishing again to the same bureaus is a repeat, not a change.
      const same = [...change.districts].sort().join() === [...guide.publishedTo].sort().join();
      if (same) return guide;
      throw refuse('指引已发布，如需调整请撤回后重新起草');
    }
    if (
      change.action === 'REVISE' &&
      guide.status === 'DRAFT' &&
      (change.title ?? guide.title) === guide.title &&
      JSON.stringify(change.keyAreas ?? guide.keyAreas) === JSON.stringify(guide.keyAreas) &&
      JSON.stringify(change.plan ?? guide.plan) === JSON.stringify(guide.plan)
    )
      return guide; // the same revision sent again (its version is already past what the client read)
    assertVersion(expectedVersion, guide.version, { zh: '指引', en: 'guide' });
    const now = new Date();
    switch (change.action) {
      case 'REVISE': {
        if (guide.status !== 'DRAFT') throw refuse('仅草稿可修改');
        if (change.title) guide.title = change.title;
        if (change.keyAreas) guide.keyAreas = change.keyAreas;
        if (change.plan) guide.plan = change.plan;
        break;
      }
      case 'PUBLISH':
        if (guide.status !== 'DRAFT') throw refuse('仅草稿可发布');
        if (change.districts.length === 0)
          throw badInput('须指定至少一个县区局 (publish to at least one county bureau)', 'input.districts');
        guide.status = 'PUBLISHED';
        guide.publishedAt = now;
        guide.publishedByName = actor.name;
        guide.publishedTo = [...new Set(change.districts)].sort((a, b) =>
          districtInfo[a].code.localeCompare(districtInfo[b].code),
        );
        break;
      case 'WITHDRAW':
        if (guide.status !== 'PUBLISHED') throw refuse('仅已发布的指引可撤回');
        guide.status = 'WITHDRAWN';
        guide.withdrawnAt = now;
        break;
    }
    guide.version += 1;
    await tx.flush();
    return guide;
  });
}
