/**
 * The closed loop of an appeal (全过程闭环): receive → accept → investigate → handle → feedback → revisit.
 * `decideAppealStep` is the one place that says which step may follow which; it is pure so that the loop
 * is tested on its own, and the ledger (loop.ts) applies its decision in one transaction.
 */
import type { AppealKind } from './catalogue.js';

export const appealStages = [
  'RECEIVED',
  'ACCEPTED',
  'INVESTIGATING',
  'HANDLED',
  'FEEDBACK_GIVEN',
  'CLOSED',
  'REJECTED',
] as const;
export type AppealStage = (typeof appealStages)[number];

export const appealStepKinds = [
  'RECEIVE',
  'ACCEPT',
  'REJECT',
  'START_INVESTIGATION',
  'HANDLE',
  'FEEDBACK',
  'REVISIT',
  'ESCALATE',
  'RECLASSIFY',
] as const;
export type AppealStepKind = (typeof appealStepKinds)[number];

export const appealSatisfactions = ['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'] as const;
export type AppealSatisfaction = (typeof appealSatisfactions)[number];

export const closedAppealStages: readonly AppealStage[] = ['CLOSED', 'REJECTED'];
export const isOpenStage = (stage: AppealStage) => !closedAppealStages.includes(stage);

/** Days allowed in each open stage; the investigation's limit depends on the kind. */
const stageLimitDays: Partial<Record<AppealStage, number>> = {
  RECEIVED: 1, // respond (accept or refuse) within a day
  ACCEPTED: 1, // the handling unit starts within a day of dispatch
  HANDLED: 2, // tell the appellant within two days of handling
  FEEDBACK_GIVEN: 3, // revisit within three days of the feedback
};

export const investigationLimitDays: Record<AppealKind, number> = {
  CONSULTATION: 1,
  OPINION: 2,
  HELP_REQUEST: 3,
  COMPLAINT: 5,
  SUGGESTION: 10,
  REPORT: 15,
};

/** The time limit of a stage in days, null for a closed appeal. */
export function stageLimit(stage: AppealStage, kind: AppealKind): number | null {
  if (!isOpenStage(stage)) return null;
  if (stage === 'INVESTIGATING') return investigationLimitDays[kind];
  return stageLimitDays[stage] ?? null;
}

const DAY = 24 * 60 * 60 * 1000;
export const dueAt = (stage: AppealStage, kind: AppealKind, enteredAt: Date): Date | null => {
  const days = stageLimit(stage, kind);
  return days === null ? null : new Date(enteredAt.getTime() + days * DAY);
};

export type AppealDecision =
  | { ok: true; stageAfter: AppealStage; reopens: boolean }
  | { ok: false; code: 'INVALID_TRANSITION' | 'BAD_USER_INPUT'; reason: string; argument?: string };

export interface AppealStepRequest {
  kind: AppealStepKind;
  handlingUnit?: string | null;
  satisfaction?: AppealSatisfaction | null;
  topic?: string | null;
}

const next: Partial<Record<AppealStepKind, { from: AppealStage; to: AppealStage }>> = {
  ACCEPT: { from: 'RECEIVED', to: 'ACCEPTED' },
  REJECT: { from: 'RECEIVED', to: 'REJECTED' },
  START_INVESTIGATION: { from: 'ACCEPTED', to: 'INVESTIGATING' },
  HANDLE: { from: 'INVESTIGATING', to: 'HANDLED' },
  FEEDBACK: { from: 'HANDLED', to: 'FEEDBACK_GIVEN' },
  REVISIT: { from: 'FEEDBACK_GIVEN', to: 'CLOSED' },
};

const refuse = (reason: string): AppealDecision => ({ ok: false, code: 'INVALID_TRANSITION', reason });
const badInput = (reason: string, argument: string): AppealDecision => ({
  ok: false,
  code: 'BAD_USER_INPUT',
  reason,
  argument,
});

/**
 * How often an unsatisfied revisit sends an appeal back: once. A second dissatisfied revisit closes the
 * appeal with the dissatisfaction on record (handled again and still not satisfied: 重办后仍不满意), so the
 * satisfaction rate tells the truth and no appeal circles for ever.
 */
export const MAX_REOPENS = 1;

export function decideAppealStep(
  stage: AppealStage,
  request: AppealStepRequest,
  reopenCount = 0,
): AppealDecision {
  const { kind } = request;
  if (kind !== 'ACCEPT' && request.handlingUnit)
    return badInput(
      '仅受理（ACCEPT）时指定承办单位 (a handling unit is named on ACCEPT only)',
      'input.handlingUnit',
    );
  if (kind !== 'REVISIT' && request.satisfaction)
    return badInput(
      '仅回访（REVISIT）记录满意度 (satisfaction is recorded on REVISIT only)',
      'input.satisfaction',
    );
  if (kind !== 'RECLASSIFY' && request.topic)
    return badInput(
      '仅改正分类（RECLASSIFY）时指定主题 (a topic is named on RECLASSIFY only)',
      'input.topic',
    );
  if (kind === 'RECEIVE') return refuse('接收由登记诉求完成 (receiving is done by registerAppeal)');
  // Correcting the topic is allowed at any stage, so that the statistics of closed appeals can be fixed.
  if (kind === 'RECLASSIFY') {
    if (!request.topic) return badInput('改正分类须指定主题 (RECLASSIFY names the topic)', 'input.topic');
    return { ok: true, stageAfter: stage, reopens: false };
  }
  if (!isOpenStage(stage))
    return refuse(`诉求已${stage === 'CLOSED' ? '办结' : '不予受理'}，不能再办理 (the appeal is ${stage})`);
  if (kind === 'ESCALATE') return { ok: true, stageAfter: stage, reopens: false };
  const rule = next[kind]!;
  if (rule.from !== stage)
    return refuse(
      `${kind} 须在 ${rule.from} 阶段，诉求当前为 ${stage} (${kind} follows ${rule.from}; the appeal is ${stage})`,
    );
  if (kind === 'ACCEPT' && !request.handlingUnit)
    return badInput('受理须指定承办单位 (ACCEPT dispatches to a handling unit)', 'input.handlingUnit');
  if (kind === 'REVISIT') {
    if (!request.satisfaction)
      return badInput('回访须记录满意度 (REVISIT records satisfaction)', 'input.satisfaction');
    // An unsatisfied appellant reopens the appeal once: it goes back to the handling unit's investigation.
    if (request.satisfaction === 'DISSATISFIED' && reopenCount < MAX_REOPENS)
      return { ok: true, stageAfter: 'INVESTIGATING', reopens: true };
  }
  return { ok: true, stageAfter: rule.to, reopens: false };
}
