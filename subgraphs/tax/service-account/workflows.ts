import { hubError } from '../../../core/errors.js';
import type {
  AdvanceRuling,
  AgreementStatus,
  ComplianceAgreement,
  FollowUp,
  FormStatus,
  RulingStatus,
  ServiceCaseStatus,
  ServiceCaseStepKind,
} from '../entities/index.js';
import { beijingToday } from './calendar.js';

/**
 * The state machines of the service account, as data: which status may follow which. Mutations ask
 * `assertTransition`; anything else is INVALID_TRANSITION with the from and to statuses in the extensions.
 */

export const formTransitions: Record<FormStatus, readonly FormStatus[]> = {
  SUBMITTED: ['APPROVED', 'RETURNED'],
  APPROVED: [],
  RETURNED: [],
};

export const followUpTransitions: Record<FollowUp['status'], readonly FollowUp['status'][]> = {
  OPEN: ['DONE'],
  DONE: [],
};

export const rulingTransitions: Record<RulingStatus, readonly RulingStatus[]> = {
  REQUESTED: ['UNDER_REVIEW'],
  UNDER_REVIEW: ['ISSUED', 'DECLINED'],
  ISSUED: [],
  DECLINED: [],
};

/** ACTIVE → EXPIRED is a liaison ending an agreement early; at its end date it reads as expired by itself. */
export const agreementTransitions: Record<AgreementStatus, readonly AgreementStatus[]> = {
  DRAFT: ['SIGNED'],
  SIGNED: ['ACTIVE'],
  ACTIVE: ['EXPIRED'],
  EXPIRED: [],
};

/** Steps of a major appeal or a group / cross-region case: the statuses each may follow and where it leads. */
export const caseSteps: Record<
  ServiceCaseStepKind,
  { from: readonly (ServiceCaseStatus | null)[]; to: ServiceCaseStatus }
> = {
  ACCEPT: { from: [null], to: 'ACCEPTED' },
  PROGRESS: { from: ['ACCEPTED', 'IN_PROGRESS'], to: 'IN_PROGRESS' },
  COORDINATE: { from: ['ACCEPTED', 'IN_PROGRESS'], to: 'IN_PROGRESS' },
  RESPOND: { from: ['ACCEPTED', 'IN_PROGRESS'], to: 'IN_PROGRESS' },
  RESOLVE: { from: ['IN_PROGRESS'], to: 'RESOLVED' },
  REVISIT: { from: ['RESOLVED'], to: 'CLOSED' },
};

/** Cases still being handled: the handbook lists them among the open matters. */
export const openCaseStatuses: readonly ServiceCaseStatus[] = ['ACCEPTED', 'IN_PROGRESS'];

export const statusLabels: Record<string, string> = {
  SUBMITTED: '待审核',
  APPROVED: '审核通过',
  RETURNED: '退回修改',
  REQUESTED: '已申请',
  UNDER_REVIEW: '审核中',
  ISSUED: '已出具裁定',
  DECLINED: '不予裁定',
  DRAFT: '草拟',
  SIGNED: '已签署',
  ACTIVE: '履行中',
  EXPIRED: '已到期',
  ACCEPTED: '已受理',
  IN_PROGRESS: '办理中',
  RESOLVED: '已办结',
  CLOSED: '已回访归档',
  OPEN: '待办',
  DONE: '已完成',
};

/** Refuses a move the machine does not allow. `what` names the record in Chinese and English. */
export function assertTransition<S extends string>(
  machine: Record<S, readonly S[]>,
  from: S,
  to: S,
  what: { zh: string; en: string },
): void {
  if (machine[from].includes(to)) return;
  const allowed = machine[from];
  throw hubError(
    'INVALID_TRANSITION',
    `${what.zh}当前为“${statusLabels[from] ?? from}”，不能转为“${statusLabels[to] ?? to}” ` +
      `(the ${what.en} is ${from}: it cannot move to ${to}` +
      (allowed.length ? `; it may move to ${allowed.join(' or ')})` : '; it is final)'),
    { from, to },
  );
}

/** The agreement's status as read today: an active agreement past its end date has expired. */
export function agreementStatus(agreement: ComplianceAgreement, today = beijingToday()): AgreementStatus {
  return agreement.status === 'ACTIVE' && agreement.endsOn < today ? 'EXPIRED' : agreement.status;
}

/** The day an agreement expired: ended early by a liaison, or its end date once past. */
export function agreementExpiredOn(agreement: ComplianceAgreement, today = beijingToday()): string | null {
  if (agreement.expiredOn) return agreement.expiredOn;
  return agreementStatus(agreement, today) === 'EXPIRED' ? agreement.endsOn : null;
}

export function rulingInForce(ruling: AdvanceRuling, today = beijingToday()): boolean {
  return (
    ruling.status === 'ISSUED' &&
    ruling.validFrom != null &&
    ruling.validUntil != null &&
    ruling.validFrom <= today &&
    today <= ruling.validUntil
  );
}

export function followUpOverdue(followUp: FollowUp, today = beijingToday()): boolean {
  return followUp.status === 'OPEN' && followUp.dueOn < today;
}
