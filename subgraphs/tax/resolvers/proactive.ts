import type { FilterQuery } from '@mikro-orm/core';
import { badInput, notFound } from '../../../core/errors.js';
import {
  decodeCursor,
  encodeCursor,
  keysetPage,
  pageSize,
  type Connection,
} from '../../shared/pagination.js';
import { assertCreditCode, assertIdempotencyKey, isUuid, textInput } from '../../shared/validation.js';
import { assertActingRole, assertTaxStaff } from '../appeals/access.js';
import { dayStart, periodOf } from '../appeals/rates.js';
import {
  PROACTIVE_KEY_MAX_LENGTH,
  ProactiveActionSchema,
  type ProactiveAction as ProactiveActionRow,
  type ProactiveTarget as ProactiveTargetRow,
} from '../entities/index.js';
import type {
  MutationResolvers,
  PolicyPackageInfoResolvers,
  ProactiveActionResolvers,
  ProactiveEffectGroupResolvers,
  ProactiveEffectResolvers,
  ProactiveRuleParametersResolvers,
  ProactiveTargetResolvers,
  QueryResolvers,
} from '../generated/resolvers-types.js';
import type { TaxLoaders } from '../loaders.js';
import { policyPackageByCode, policyPackages } from '../proactive/catalogue.js';
import { actionEffect, DEFAULT_WEEKS } from '../proactive/effect.js';
import {
  cancelAction,
  MAX_DELIVERY_BATCH,
  planAction,
  recordDeliveries,
  sendAction,
  type DeliveryReport,
} from '../proactive/ledger.js';
import { explainRule, normaliseParameters } from '../proactive/rules.js';
import { gatewayFailedDeductions, proactivePurpose } from '../proactive/sources.js';
import { proactiveSummary } from '../proactive/summary.js';

/**
 * 未诉先办 (proactive actions): analysts plan, send and record deliveries; tax staff and auditors read the
 * actions, their targets, the summary and the effect. The gateway's field policy says the same; the
 * subgraph checks again (appeals/access.ts) so that a direct call cannot bypass it.
 */

export type ProactiveActionConnectionParent = Connection<ProactiveActionRow>;
export interface ProactiveTargetConnectionParent {
  edges: { cursor: string; node: ProactiveTargetRow }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const DAY = 24 * 60 * 60 * 1000;
const TITLE_MAX = 100;
const BODY_MAX = 2000;
const DOCUMENT_MAX = 300;
const DOCUMENTS_MAX = 20;
const REASON_MAX = 500;
const FAILURE_REASON_MAX = 200;

async function loadAction(id: string, loaders: TaxLoaders): Promise<ProactiveActionRow> {
  const action = isUuid(id) ? await loaders.proactive.action.load(id) : null;
  if (!action) throw notFound(`查无此行动 ${id} (no such proactive action)`);
  return action;
}

/** An id that cannot be an action's is no action (and never reaches PostgreSQL's uuid parser). */
const assertActionId = (id: string) => {
  if (!isUuid(id)) throw notFound(`查无此行动 ${id} (no such proactive action)`);
  return id;
};

export const ProactiveAction: ProactiveActionResolvers = {
  topic: (action) => action.topic as never,
  policyPackage: (action) =>
    action.packageCode ? (policyPackageByCode.get(action.packageCode) ?? null) : null,
  ruleExplanation: (action) => explainRule(action.rule, action.ruleParameters, action.topic),
  holdoutShare: (action) => action.holdoutPermille / 1000,
  deliveries: async (action, _args, { loaders }) => {
    const counts = await loaders.proactive.deliveryCounts.load(action.id);
    const pending = action.status === 'SENT' ? action.reachedCount - counts.delivered - counts.failed : 0;
    return { ...counts, pending };
  },
  targets: async (action, { group, first, after }, { loaders }) => {
    const size = pageSize(first, 50);
    const list = `proactiveTargets:${action.id}:${group ?? 'ALL'}`;
    const afterSeq = after ? Number(decodeCursor(list, after, 1)[0]) : 0;
    if (!Number.isInteger(afterSeq) || afterSeq < 0) throw badInput('分页游标无效 (bad cursor)', 'after');
    const rows = await loaders.proactive
      .targets({ group: group ?? null, first: size, afterSeq })
      .load(action.id);
    const edges = rows.slice(0, size).map((node) => ({ node, cursor: encodeCursor(list, [node.seq]) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount:
        group === 'REACHED'
          ? action.reachedCount
          : group === 'COMPARISON'
            ? action.comparisonCount
            : action.targetCount,
    };
  },
};

export const ProactiveRuleParameters: ProactiveRuleParametersResolvers = {
  anomalyKinds: (p) => (p.anomalyKinds ?? null) as never,
  industries: (p) => (p.industries ?? null) as never,
  creditRatings: (p) => (p.creditRatings ?? null) as never,
  registrationTypes: (p) => (p.registrationTypes ?? null) as never,
};

export const ProactiveTarget: ProactiveTargetResolvers = {
  enterprise: (target, _args, { loaders }) =>
    target.creditCode ? loaders.enterprise.load(target.creditCode) : null,
  group: (target) => target.assignedGroup,
  assignmentScore: (target) => target.assignmentBucket / 1_000_000,
  delivery: (target, _args, { loaders }) => loaders.proactive.delivery.load(target.id),
};

export const ProactiveEffect: ProactiveEffectResolvers = {
  topic: (effect) => effect.topic as never,
};

export const ProactiveEffectGroup: ProactiveEffectGroupResolvers = {
  size: (group) => group.n,
};

export const PolicyPackageInfo: PolicyPackageInfoResolvers = {
  audience: (pkg) => pkg.audienceText,
  topic: (pkg) => pkg.topic as never,
  policyDocuments: (pkg) => pkg.documents,
};

export const proactiveQueries: Pick<
  QueryResolvers,
  'proactiveActions' | 'proactiveAction' | 'proactiveSummary' | 'proactiveEffect' | 'proactivePolicyPackages'
> = {
  proactiveActions: (_parent, { filter, first, after }, { em, viewer }) => {
    assertTaxStaff(viewer);
    const where: Record<string, unknown> = {};
    if (filter?.kind) where.kind = filter.kind;
    if (filter?.topic) where.topic = filter.topic;
    if (filter?.status) where.status = filter.status;
    if (filter?.rule) where.rule = filter.rule;
    if (filter?.plannedFrom || filter?.plannedTo) {
      const planned: Record<string, Date> = {};
      if (filter.plannedFrom) planned.$gte = dayStart(filter.plannedFrom);
      if (filter.plannedTo) planned.$lt = new Date(dayStart(filter.plannedTo).getTime() + DAY);
      if (Object.values(planned).some((d) => Number.isNaN(d.getTime()))) {
        throw badInput('日期不存在 (no such day)', 'filter');
      }
      where.plannedAt = planned;
    }
    return keysetPage(em, ProactiveActionSchema, where as FilterQuery<ProactiveActionRow>, {
      list: 'proactiveActions',
      keys: ['plannedAt', 'number'],
      direction: 'desc',
      first,
      after,
    });
  },
  proactiveAction: (_parent, { id }, { loaders, viewer }) => {
    assertTaxStaff(viewer);
    return loadAction(id, loaders);
  },
  proactiveSummary: async (_parent, { from, to }, { em, viewer }) => {
    assertTaxStaff(viewer);
    const period = periodOf(from, to);
    return { ...(await proactiveSummary(em, period)), from, to };
  },
  proactiveEffect: async (_parent, { id, weeks }, { em, loaders, viewer }) => {
    assertTaxStaff(viewer);
    const action = await loadAction(id, loaders);
    return actionEffect(em, action, weeks ?? DEFAULT_WEEKS, new Date());
  },
  proactivePolicyPackages: (_parent, _args, { viewer }) => {
    assertTaxStaff(viewer);
    return [...policyPackages];
  },
};

/** Thousandths of the holdout share: 0.05–0.5, to a thousandth. */
function holdoutPermille(share: number): number {
  const permille = Math.round(share * 1000);
  if (
    !Number.isFinite(share) ||
    Math.abs(share * 1000 - permille) > 1e-6 ||
    permille < 50 ||
    permille > 500
  ) {
    throw badInput(
      `留出比例须在 0.05–0.5 之间，精确到 0.001，收到 ${share} (holdoutShare must be 0.05–0.5)`,
      'input.holdoutShare',
    );
  }
  return permille;
}

const text = textInput;

export const proactiveMutations: Pick<
  MutationResolvers,
  'planProactiveAction' | 'sendProactiveAction' | 'cancelProactiveAction' | 'recordProactiveDeliveries'
> = {
  planProactiveAction: async (_parent, { input }, context) => {
    const { em, viewer } = context;
    const actor = assertActingRole(viewer, ['analyst'], '计划未诉先办行动');
    const now = new Date();
    const idempotencyKey = assertIdempotencyKey(
      input.idempotencyKey,
      'input.idempotencyKey',
      PROACTIVE_KEY_MAX_LENGTH,
    );
    const title = text(input.title, 'input.title', '标题', 'title', TITLE_MAX);
    const body = text(input.body, 'input.body', '正文', 'body', BODY_MAX);
    let packageCode: string | null = null;
    if (input.kind === 'POLICY_PACKAGE') {
      if (!input.policyPackage || !policyPackageByCode.has(input.policyPackage)) {
        throw badInput(
          '礼包须为目录中的编码 (policyPackage must be a code of the catalogue)',
          'input.policyPackage',
        );
      }
      packageCode = input.policyPackage;
    } else if (input.policyPackage != null) {
      throw badInput(
        '仅优惠政策礼包填写礼包编码 (policyPackage is for POLICY_PACKAGE only)',
        'input.policyPackage',
      );
    }
    const documents = (input.policyDocuments ?? []).map((d, i) =>
      text(d, `input.policyDocuments.${i}`, '政策文件', 'document', DOCUMENT_MAX),
    );
    if (documents.length > DOCUMENTS_MAX) {
      throw badInput(
        `政策文件至多 ${DOCUMENTS_MAX} 件 (at most ${DOCUMENTS_MAX} documents)`,
        'input.policyDocuments',
      );
    }
    const policyDocuments =
      documents.length || !packageCode ? documents : policyPackageByCode.get(packageCode)!.documents;
    if (input.kind === 'POLICY_PUSH' && policyDocuments.length === 0) {
      throw badInput(
        '政策推送须引用至少一件政策文件 (a policy push cites at least one document)',
        'input.policyDocuments',
      );
    }
    const parameters = normaliseParameters(input.rule, input.parameters as never, now);
    const gateway = context.gateway;
    return planAction(em, {
      kind: input.kind,
      topic: input.topic,
      rule: input.rule,
      parameters,
      packageCode,
      title,
      body,
      policyDocuments,
      holdoutPermille: holdoutPermille(input.holdoutShare ?? 0.2),
      idempotencyKey,
      actor: { subject: actor.subject, name: actor.name },
      now,
      // The HRSS read runs through the gateway as this caller, stating the new action as its purpose.
      failedDeductions: gateway
        ? (actionId) => gatewayFailedDeductions(gateway, proactivePurpose(actionId))
        : null,
    });
  },
  sendProactiveAction: (_parent, { input }, { em, viewer }) => {
    const actor = assertActingRole(viewer, ['analyst'], '发送未诉先办行动');
    return sendAction(em, {
      id: assertActionId(input.id),
      idempotencyKey: assertIdempotencyKey(
        input.idempotencyKey,
        'input.idempotencyKey',
        PROACTIVE_KEY_MAX_LENGTH,
      ),
      actor: { subject: actor.subject, name: actor.name },
      now: new Date(),
    });
  },
  cancelProactiveAction: (_parent, { input }, { em, viewer }) => {
    const actor = assertActingRole(viewer, ['analyst'], '取消未诉先办行动');
    return cancelAction(em, {
      id: assertActionId(input.id),
      reason: text(input.reason, 'input.reason', '取消原因', 'reason', REASON_MAX),
      actor: { subject: actor.subject, name: actor.name },
      now: new Date(),
    });
  },
  recordProactiveDeliveries: (_parent, { input }, { em, viewer }) => {
    const actor = assertActingRole(viewer, ['analyst'], '登记送达');
    const now = new Date();
    if (input.deliveries.length < 1 || input.deliveries.length > MAX_DELIVERY_BATCH) {
      throw badInput(
        `每批 1–${MAX_DELIVERY_BATCH} 条 (1 to ${MAX_DELIVERY_BATCH} deliveries)`,
        'input.deliveries',
      );
    }
    const seen = new Set<string>();
    const deliveries: DeliveryReport[] = input.deliveries.map((d, i) => {
      const argument = `input.deliveries.${i}`;
      if ((d.creditCode == null) === (d.personId == null)) {
        throw badInput(
          'creditCode 与 personId 须且只须填一个 (exactly one of creditCode and personId)',
          argument,
        );
      }
      if (d.creditCode != null) assertCreditCode(d.creditCode);
      const key = d.creditCode ?? `person:${d.personId}`;
      if (seen.has(key))
        throw badInput(
          `同一对象在一批中重复 ${d.creditCode ?? d.personId} (a target twice in one batch)`,
          argument,
        );
      seen.add(key);
      const at = d.at ? new Date(d.at) : now;
      if (at.getTime() > now.getTime() + 5 * 60 * 1000) {
        throw badInput('送达时间不能晚于当前时间 (at is in the future)', `${argument}.at`);
      }
      const failureReason =
        d.failureReason == null || d.failureReason.trim() === ''
          ? null
          : text(
              d.failureReason,
              `${argument}.failureReason`,
              '失败原因',
              'failure reason',
              FAILURE_REASON_MAX,
            );
      return {
        creditCode: d.creditCode ?? null,
        personId: d.personId ?? null,
        outcome: d.outcome,
        channel: d.channel,
        at,
        failureReason: d.outcome === 'FAILED' ? failureReason : null,
      };
    });
    return recordDeliveries(em, {
      actionId: assertActionId(input.actionId),
      deliveries,
      actor: { subject: actor.subject, name: actor.name },
      now,
    });
  },
};
