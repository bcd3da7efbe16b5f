import { createHash, randomUUID } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, hubError, notFound } from '../../../core/errors.js';
import { chinaYear } from '../appeals/ledger.js';
import {
  ProactiveActionSchema,
  type DeliveryChannel,
  type DeliveryOutcome,
  type ProactiveAction,
  type ProactiveKind,
  type ProactiveRule,
  type ProactiveRuleParameters,
  type ProactiveStatus,
} from '../entities/proactive.js';
import { assignGroup, drawAtMost } from './groups.js';
import { MAX_TARGETS, selectCandidates, type Candidate, type FailedDeductionSource } from './rules.js';

/**
 * The ledger of proactive actions: plan (select the targets and fix their groups), send (the reached
 * targets are sent the message; the comparison group never is), cancel, and record deliveries. Each is
 * one transaction; repeats are recognised by idempotency keys (plan, send) or by the one delivery per
 * (action, target), also when two identical requests arrive at once.
 */

export interface Actor {
  subject: string;
  name: string;
}

export interface PlanCommand {
  kind: ProactiveKind;
  topic: string;
  rule: ProactiveRule;
  /** Normalised (rules.ts normaliseParameters). */
  parameters: ProactiveRuleParameters;
  packageCode: string | null;
  title: string;
  body: string;
  policyDocuments: string[];
  holdoutPermille: number;
  idempotencyKey: string;
  actor: Actor;
  now: Date;
  /** FAILED_BATCH_DEDUCTIONS: the HRSS read, stating the new action's id as its purpose. */
  failedDeductions: ((actionId: string) => FailedDeductionSource) | null;
}

export interface ActionResult {
  action: ProactiveAction;
  repeated: boolean;
}

const statusLabels: Record<ProactiveStatus, string> = {
  PLANNED: '已计划 (planned)',
  SENT: '已发送 (sent)',
  CANCELLED: '已取消 (cancelled)',
};

export const actionNumber = (year: number, n: number | string) =>
  `巴税先办〔${year}〕${String(n).padStart(6, '0')}号`;

const keyReused = (what: string) =>
  hubError(
    'IDEMPOTENCY_KEY_REUSED',
    `该幂等键已用于另一${what}请求，请生成新的幂等键 (the idempotency key was used for a different request)`,
    { argument: 'input.idempotencyKey' },
  );

const invalidTransition = (action: ProactiveAction, what: string) =>
  hubError(
    'INVALID_TRANSITION',
    `行动 ${action.number} 当前${statusLabels[action.status]}，不能${what} (the action's status does not allow this)`,
    { status: action.status },
  );

/** Sorted keys, so the same request always hashes the same. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

export function requestHashOf(
  command: Omit<PlanCommand, 'idempotencyKey' | 'actor' | 'now' | 'failedDeductions'>,
) {
  const { kind, topic, rule, parameters, packageCode, title, body, policyDocuments, holdoutPermille } =
    command;
  const request = {
    kind,
    topic,
    rule,
    parameters,
    packageCode,
    title,
    body,
    policyDocuments,
    holdoutPermille,
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(request)), 'utf8')
    .digest('hex');
}

function sameRequest(action: ProactiveAction, hash: string, actor: Actor): ActionResult {
  if (action.requestHash !== hash || action.plannedBySubject !== actor.subject) throw keyReused('行动计划');
  return { action, repeated: true };
}

const keyOf = (c: Candidate) => c.creditCode ?? `person:${c.personId}`;

/** The targets of a new action, their groups fixed by the hash of (action id, taxpayer). */
export function targetRows(actionId: string, candidates: readonly Candidate[], holdoutPermille: number) {
  return candidates.map((c, i) => {
    const { bucket, group } = assignGroup(actionId, c.creditCode ?? c.personId!, holdoutPermille);
    return {
      id: randomUUID(),
      action_id: actionId,
      seq: i + 1,
      credit_code: c.creditCode,
      person_id: c.personId,
      district: c.district,
      assigned_group: group,
      assignment_bucket: bucket,
      reason: c.reason,
    };
  });
}

/**
 * Plans an action: runs its rule, caps the selection when asked, fixes each target's group and stores
 * the action with its targets in one transaction. A repeat of the key returns the action already planned.
 */
export async function planAction(em: EntityManager, command: PlanCommand): Promise<ActionResult> {
  const hash = requestHashOf(command);
  const { idempotencyKey, actor } = command;
  const earlier = await em.findOne(ProactiveActionSchema, { idempotencyKey });
  if (earlier) return sameRequest(earlier, hash, actor);

  const actionId = randomUUID();
  const source =
    command.rule === 'FAILED_BATCH_DEDUCTIONS' ? (command.failedDeductions?.(actionId) ?? null) : null;
  if (command.rule === 'FAILED_BATCH_DEDUCTIONS' && !source) {
    throw hubError(
      'FORBIDDEN',
      '批扣失败数据须经网关读取，请经网关提交 (plan this action through the gateway)',
    );
  }
  const candidates = await selectCandidates(em, command.rule, command.parameters, {
    topic: command.topic,
    now: command.now,
    failedDeductions: source,
  });
  if (!candidates.length) {
    throw badInput(
      '该规则目前未选出任何纳税人，行动未创建 (the rule selects no taxpayer: nothing was planned)',
      'input.parameters',
    );
  }
  const { maxTargets } = command.parameters;
  if (!maxTargets && candidates.length > MAX_TARGETS) {
    throw badInput(
      `规则选出 ${candidates.length} 户，超过单次行动上限 ${MAX_TARGETS} 户：请缩小范围或设置 maxTargets (too many taxpayers: narrow the rule or set maxTargets)`,
      'input.parameters',
    );
  }
  const chosen = maxTargets ? drawAtMost(actionId, candidates, keyOf, maxTargets) : candidates;
  const targets = targetRows(actionId, chosen, command.holdoutPermille);
  const comparisonCount = targets.filter((t) => t.assigned_group === 'COMPARISON').length;

  try {
    return await em.transactional(async (tx) => {
      const [next] = await tx.execute<{ n: string }[]>(`select nextval('proactive_action_number_seq') as n`);
      const action: ProactiveAction = {
        id: actionId,
        number: actionNumber(chinaYear(command.now), next!.n),
        kind: command.kind,
        topic: command.topic,
        rule: command.rule,
        ruleParameters: command.parameters,
        packageCode: command.packageCode,
        title: command.title,
        body: command.body,
        policyDocuments: command.policyDocuments,
        holdoutPermille: command.holdoutPermille,
        status: 'PLANNED',
        candidateCount: candidates.length,
        targetCount: targets.length,
        reachedCount: targets.length - comparisonCount,
        comparisonCount,
        plannedBySubject: actor.subject,
        plannedByName: actor.name,
        plannedAt: command.now,
        sentBySubject: null,
        sentByName: null,
        sentAt: null,
        sendKey: null,
        cancelledAt: null,
        cancelledByName: null,
        cancelReason: null,
        idempotencyKey,
        requestHash: hash,
      };
      tx.create(ProactiveActionSchema, action);
      await tx.flush();
      // All targets in one statement, whatever their number (one JSON parameter, not one per value).
      await tx.execute(
        `insert into proactive_target
           (id, action_id, seq, credit_code, person_id, district, assigned_group, assignment_bucket, reason, sent_at)
         select id, action_id, seq, credit_code, person_id, district, assigned_group, assignment_bucket, reason, null
           from jsonb_to_recordset(?::jsonb) as r(id uuid, action_id uuid, seq int, credit_code varchar,
                person_id varchar, district text, assigned_group text, assignment_bucket int, reason text)`,
        [JSON.stringify(targets)],
        'run',
      );
      return { action, repeated: false };
    });
  } catch (error) {
    // The same key planned twice at once: the unique index let one in; this one returns the winner.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const winner = await (em.fork() as EntityManager).findOne(ProactiveActionSchema, { idempotencyKey });
    if (!winner) throw error;
    return sameRequest(winner, hash, actor);
  }
}

/**
 * Sends a planned action: marks it SENT and its REACHED targets as sent, in one transaction under the
 * action's row lock. The COMPARISON targets are never marked or contacted. A repeat of the send key
 * returns the action as sent; sending an action already sent (another key) or cancelled is refused.
 */
export async function sendAction(
  em: EntityManager,
  command: { id: string; idempotencyKey: string; actor: Actor; now: Date },
): Promise<ActionResult> {
  const { id, idempotencyKey, actor, now } = command;
  try {
    return await em.transactional(async (tx) => {
      const action = await tx.findOne(
        ProactiveActionSchema,
        { id },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!action) throw notFound(`查无此行动 ${id} (no such proactive action)`);
      if (action.sendKey === idempotencyKey) {
        if (action.sentBySubject !== actor.subject) throw keyReused('发送');
        return { action, repeated: true };
      }
      const other = await tx.findOne(ProactiveActionSchema, { sendKey: idempotencyKey }, { fields: ['id'] });
      if (other) throw keyReused('发送');
      if (action.status !== 'PLANNED') throw invalidTransition(action, '发送');
      await tx.execute(
        `update proactive_target set sent_at = ? where action_id = ? and assigned_group = 'REACHED'`,
        [now, id],
        'run',
      );
      action.status = 'SENT';
      action.sentAt = now;
      action.sentBySubject = actor.subject;
      action.sentByName = actor.name;
      action.sendKey = idempotencyKey;
      await tx.flush();
      return { action, repeated: false };
    });
  } catch (error) {
    // The key sent another action at the same moment.
    if (error instanceof UniqueConstraintViolationException) throw keyReused('发送');
    throw error;
  }
}

/** Cancels a planned action (nothing was sent); cancelling it again changes nothing. */
export async function cancelAction(
  em: EntityManager,
  command: { id: string; reason: string; actor: Actor; now: Date },
): Promise<ActionResult> {
  return em.transactional(async (tx) => {
    const action = await tx.findOne(
      ProactiveActionSchema,
      { id: command.id },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!action) throw notFound(`查无此行动 ${command.id} (no such proactive action)`);
    if (action.status === 'CANCELLED') return { action, repeated: true };
    if (action.status !== 'PLANNED') throw invalidTransition(action, '取消');
    action.status = 'CANCELLED';
    action.cancelledAt = command.now;
    action.cancelledByName = command.actor.name;
    action.cancelReason = command.reason;
    await tx.flush();
    return { action, repeated: false };
  });
}

export interface DeliveryReport {
  creditCode: string | null;
  personId: string | null;
  outcome: DeliveryOutcome;
  channel: DeliveryChannel;
  at: Date;
  failureReason: string | null;
}

export interface DeliveryReceipt {
  action: ProactiveAction;
  /** Deliveries recorded for the first time. */
  recorded: number;
  /** Failed deliveries now delivered (a later attempt succeeded). */
  updated: number;
  /** Already recorded as they are (a repeat), or delivered already. */
  unchanged: number;
}

/** Most deliveries in one batch. */
export const MAX_DELIVERY_BATCH = 1000;

/**
 * Records a batch of deliveries of a sent action. There is one delivery per (action, target): a repeat
 * changes nothing, a FAILED one becomes DELIVERED when a later attempt succeeds, and a DELIVERED one
 * stays delivered. Only REACHED targets of the action are accepted. One statement writes the batch.
 */
export async function recordDeliveries(
  em: EntityManager,
  command: { actionId: string; deliveries: DeliveryReport[]; actor: Actor; now: Date },
): Promise<DeliveryReceipt> {
  const { actionId, deliveries, actor, now } = command;
  return em.transactional(async (tx) => {
    // A shared lock: batches record side by side, while a send or cancel waits.
    const action = await tx.findOne(
      ProactiveActionSchema,
      { id: actionId },
      { lockMode: LockMode.PESSIMISTIC_READ },
    );
    if (!action) throw notFound(`查无此行动 ${actionId} (no such proactive action)`);
    if (action.status !== 'SENT') throw invalidTransition(action, '登记送达');
    const early = deliveries.findIndex((d) => d.at.getTime() < action.sentAt!.getTime());
    if (early >= 0) {
      throw badInput(
        '送达时间早于行动发送时间 (a delivery before the action was sent)',
        `input.deliveries.${early}.at`,
      );
    }
    const codes = deliveries.flatMap((d) => (d.creditCode ? [d.creditCode] : []));
    const persons = deliveries.flatMap((d) => (d.personId ? [d.personId] : []));
    const targets = await tx.execute<
      { id: string; credit_code: string | null; person_id: string | null; assigned_group: string }[]
    >(
      `select id, credit_code, person_id, assigned_group from proactive_target
        where action_id = ?
          and (credit_code in (select jsonb_array_elements_text(?::jsonb))
               or person_id in (select jsonb_array_elements_text(?::jsonb)))`,
      [actionId, JSON.stringify(codes), JSON.stringify(persons)],
    );
    const byKey = new Map(targets.map((t) => [t.credit_code ?? `person:${t.person_id}`, t]));
    const keyOfReport = (d: DeliveryReport) => d.creditCode ?? `person:${d.personId}`;
    const unknown = deliveries.filter((d) => !byKey.has(keyOfReport(d)));
    if (unknown.length) {
      throw badInput(
        `以下纳税人不是该行动的对象：${unknown
          .slice(0, 5)
          .map((d) => d.creditCode ?? d.personId)
          .join('、')}${unknown.length > 5 ? ` 等 ${unknown.length} 户` : ''} (not targets of this action)`,
        'input.deliveries',
      );
    }
    const held = deliveries.filter((d) => byKey.get(keyOfReport(d))!.assigned_group !== 'REACHED');
    if (held.length) {
      throw badInput(
        `对照组不接触，不能登记送达：${held
          .slice(0, 5)
          .map((d) => d.creditCode ?? d.personId)
          .join('、')} (comparison targets are never contacted)`,
        'input.deliveries',
      );
    }
    const rows = deliveries.map((d) => ({
      id: randomUUID(),
      action_id: actionId,
      target_id: byKey.get(keyOfReport(d))!.id,
      outcome: d.outcome,
      channel: d.channel,
      at: d.at.toISOString(),
      failure_reason: d.failureReason,
      recorded_by_subject: actor.subject,
      recorded_at: now.toISOString(),
    }));
    const written = await tx.execute<{ inserted: boolean }[]>(
      `insert into proactive_delivery
         (id, action_id, target_id, outcome, channel, "at", failure_reason, recorded_by_subject, recorded_at)
       select id, action_id, target_id, outcome, channel, "at", failure_reason, recorded_by_subject, recorded_at
         from jsonb_to_recordset(?::jsonb) as r(id uuid, action_id uuid, target_id uuid, outcome text, channel text,
              "at" timestamptz, failure_reason text, recorded_by_subject varchar, recorded_at timestamptz)
       on conflict (target_id) do update
          set outcome = excluded.outcome, channel = excluded.channel, "at" = excluded."at",
              failure_reason = excluded.failure_reason, recorded_by_subject = excluded.recorded_by_subject,
              recorded_at = excluded.recorded_at
        where proactive_delivery.outcome = 'FAILED' and excluded.outcome = 'DELIVERED'
       returning (xmax = 0) as inserted`,
      [JSON.stringify(rows)],
    );
    const recorded = written.filter((w) => w.inserted).length;
    return {
      action,
      recorded,
      updated: written.length - recorded,
      unchanged: deliveries.length - written.length,
    };
  });
}
