/**
 * The follow-up of a rectification task (整改完善), as data: which step may be taken in which status, where
 * it leads and who may take it. OPEN → IN_PROGRESS (START) → DONE (COMPLETE, with the rectification note)
 * → VERIFIED (VERIFY, by the city task force) or back to IN_PROGRESS (RETURN, verification failed);
 * PROGRESS notes progress while in progress. RAISE and REMEASURE are the monitoring's own steps.
 */
import { hubError } from '../../../core/errors.js';
import type { Role } from '../../../core/identity.js';
import type { RectificationStatus, RectificationStepKind } from '../entities/index.js';

export const rectificationActions = ['START', 'PROGRESS', 'COMPLETE', 'VERIFY', 'RETURN'] as const;
export type RectificationAction = (typeof rectificationActions)[number];

export const rectificationSteps: Record<
  RectificationAction,
  { from: readonly RectificationStatus[]; to: RectificationStatus; roles: readonly Role[] }
> = {
  START: { from: ['OPEN'], to: 'IN_PROGRESS', roles: ['appeal-handler', 'analyst'] },
  PROGRESS: { from: ['IN_PROGRESS'], to: 'IN_PROGRESS', roles: ['appeal-handler', 'analyst'] },
  COMPLETE: { from: ['IN_PROGRESS'], to: 'DONE', roles: ['appeal-handler', 'analyst'] },
  VERIFY: { from: ['DONE'], to: 'VERIFIED', roles: ['analyst'] },
  RETURN: { from: ['DONE'], to: 'IN_PROGRESS', roles: ['analyst'] },
};

export const rectificationStatusLabels: Record<RectificationStatus, string> = {
  OPEN: '待整改',
  IN_PROGRESS: '整改中',
  DONE: '已完成待验收',
  VERIFIED: '已验收',
};

export const rectificationStepLabels: Record<RectificationStepKind, string> = {
  RAISE: '触发整改',
  REMEASURE: '指标复测',
  START: '开始整改',
  PROGRESS: '整改进展',
  COMPLETE: '整改完成',
  VERIFY: '验收通过',
  RETURN: '验收不通过退回',
};

/** Tasks still to be rectified: these are overdue once their due date has passed. */
export const unfinishedStatuses: readonly RectificationStatus[] = ['OPEN', 'IN_PROGRESS'];

/** Days allowed to rectify, from the day the task is raised. */
export const RECTIFICATION_DAYS = 30;

/** Where the step leads from `status`, or INVALID_TRANSITION naming both. */
export function decideRectificationStep(
  status: RectificationStatus,
  action: RectificationAction,
): RectificationStatus {
  const step = rectificationSteps[action];
  if (step.from.includes(status)) return step.to;
  const allowed = rectificationActions.filter((a) => rectificationSteps[a].from.includes(status));
  throw hubError(
    'INVALID_TRANSITION',
    `整改任务当前为“${rectificationStatusLabels[status]}”，不能“${rectificationStepLabels[action]}” ` +
      `(the task is ${status}: ${action} is not allowed` +
      (allowed.length ? `; allowed: ${allowed.join(', ')})` : '; it is final)'),
    { status, action },
  );
}

/** Whether a task is overdue on `today` (YYYY-MM-DD, Beijing): unfinished and past its due date. */
export const isOverdue = (task: { status: RectificationStatus; dueOn: string }, today: string) =>
  unfinishedStatuses.includes(task.status) && task.dueOn < today;
