import type { Agency } from '../../../core/identity.js';
import type { ComposedSubgraphName } from '../../../core/subgraphs.js';

/**
 * The joint social-insurance-fee dispute mechanism (社会保险费争议联合处理机制) as a state machine: one
 * table says which step each department may take, in which subgraph it is recorded, from which stages,
 * and where it leads. The lead's ledger (tax) applies it to every step, whichever subgraph records the
 * step's details; the owning subgraphs use it to refuse early what the ledger would refuse.
 */

export const disputeSubjects = [
  'CONTRIBUTION_BASE',
  'MISSING_PERIODS',
  'ARREARS',
  'FAILED_BATCH_DEDUCTION',
  'MEDICAL_CONTRIBUTION',
] as const;
export type DisputeSubject = (typeof disputeSubjects)[number];

export const disputeStages = [
  'REGISTERED',
  'JOINT_REVIEW',
  'MEDIATION',
  'AGREED',
  'NOT_AGREED',
  'JUDICIALLY_CONFIRMED',
  'REFERRED',
  'EXECUTION',
  'CLOSED',
  'REVISITED',
] as const;
export type DisputeStage = (typeof disputeStages)[number];

export const disputeStepKinds = [
  'REGISTER',
  'OPEN_JOINT_REVIEW',
  'FINDING',
  'MEDIATION_SESSION',
  'MEDIATION_OUTCOME',
  'JUDICIAL_CONFIRMATION',
  'REFERRAL',
  'CONTRIBUTION_CORRECTION',
  'MEDICAL_CORRECTION',
  'ARREARS_COLLECTED',
  'CLOSE',
  'REVISIT',
] as const;
export type DisputeStepKind = (typeof disputeStepKinds)[number];

/** The party's satisfaction recorded at the revisit (回访满意度). */
export const disputeSatisfactions = ['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'] as const;
export type DisputeSatisfaction = (typeof disputeSatisfactions)[number];

/**
 * Subjects that are disputes with an employer, which must then be named: a flexible worker's failed
 * batch deductions or a resident's medical contribution concern the person alone.
 */
export const employerRequired: Record<DisputeSubject, boolean> = {
  CONTRIBUTION_BASE: true,
  MISSING_PERIODS: true,
  ARREARS: true,
  FAILED_BATCH_DEDUCTION: false,
  MEDICAL_CONTRIBUTION: false,
};

/** Departments that must give a finding in the joint review (联合研判), by subject. */
export const reviewersBySubject: Record<DisputeSubject, readonly Agency[]> = {
  CONTRIBUTION_BASE: ['hrss'],
  // Unpaid periods of an employee usually miss both pension and employee medical insurance.
  MISSING_PERIODS: ['hrss', 'medical-insurance'],
  ARREARS: ['hrss'],
  FAILED_BATCH_DEDUCTION: ['hrss', 'medical-insurance'],
  MEDICAL_CONTRIBUTION: ['medical-insurance'],
};

/**
 * Execution steps a confirmed agreement needs before the case may close, by subject. Other execution
 * steps of participating departments are welcome (the medical insurance bureau correcting its records in
 * a missing-periods case) but not required.
 */
export const executionBySubject: Record<DisputeSubject, readonly DisputeStepKind[]> = {
  CONTRIBUTION_BASE: ['CONTRIBUTION_CORRECTION', 'ARREARS_COLLECTED'],
  MISSING_PERIODS: ['CONTRIBUTION_CORRECTION', 'ARREARS_COLLECTED'],
  ARREARS: ['ARREARS_COLLECTED'],
  FAILED_BATCH_DEDUCTION: ['CONTRIBUTION_CORRECTION'],
  MEDICAL_CONTRIBUTION: ['MEDICAL_CORRECTION', 'ARREARS_COLLECTED'],
};

/**
 * The departments taking part in a case: the lead (tax), the political-legal committee that coordinates
 * the mechanism, the court and the justice bureau (mediation and confirmation), the reviewers of its
 * subject, the department it came in by, and the trade union when it represents the workers.
 */
export function participantsOf(subject: DisputeSubject, intake: Agency, unionRepresents: boolean): Agency[] {
  const set = new Set<Agency>(['tax', 'political-legal', 'court', 'justice', ...reviewersBySubject[subject]]);
  if (intake !== 'enterprise' && intake !== 'hub') set.add(intake);
  if (unionRepresents) set.add('trade-union');
  return [...set].sort();
}

interface StepRule {
  /**
   * The subgraph that records the step's details (the ledger in tax records every step); a finding is
   * recorded where the reviewing department's data lives (`findingRecordedIn`).
   */
  recordedIn: ComposedSubgraphName | 'BY_DEPARTMENT';
  /** Departments whose staff may take the step (null: any participating department). */
  departments: readonly Agency[] | null;
  from: readonly (DisputeStage | null)[];
  /** The stage after the step; for MEDIATION_OUTCOME it depends on the outcome (see `nextStage`). */
  to: DisputeStage | 'BY_OUTCOME';
}

export const stepRules: Record<DisputeStepKind, StepRule> = {
  REGISTER: { recordedIn: 'tax', departments: null, from: [null], to: 'REGISTERED' },
  OPEN_JOINT_REVIEW: { recordedIn: 'tax', departments: ['tax'], from: ['REGISTERED'], to: 'JOINT_REVIEW' },
  // Each reviewer's finding is recorded where its data lives: HRSS in social-security, the medical
  // insurance bureau in medical-insurance.
  FINDING: {
    recordedIn: 'BY_DEPARTMENT',
    departments: ['hrss', 'medical-insurance', 'tax', 'court', 'justice', 'trade-union'],
    from: ['JOINT_REVIEW'],
    to: 'JOINT_REVIEW',
  },
  MEDIATION_SESSION: {
    recordedIn: 'service-points',
    departments: ['justice'],
    from: ['JOINT_REVIEW', 'MEDIATION'],
    to: 'MEDIATION',
  },
  MEDIATION_OUTCOME: {
    recordedIn: 'service-points',
    departments: ['justice'],
    from: ['MEDIATION'],
    to: 'BY_OUTCOME',
  },
  JUDICIAL_CONFIRMATION: {
    recordedIn: 'courts',
    departments: ['court'],
    from: ['AGREED'],
    to: 'JUDICIALLY_CONFIRMED',
  },
  REFERRAL: { recordedIn: 'tax', departments: ['tax'], from: ['NOT_AGREED'], to: 'REFERRED' },
  CONTRIBUTION_CORRECTION: {
    recordedIn: 'social-security',
    departments: ['hrss'],
    from: ['JUDICIALLY_CONFIRMED', 'EXECUTION'],
    to: 'EXECUTION',
  },
  MEDICAL_CORRECTION: {
    recordedIn: 'medical-insurance',
    departments: ['medical-insurance'],
    from: ['JUDICIALLY_CONFIRMED', 'EXECUTION'],
    to: 'EXECUTION',
  },
  ARREARS_COLLECTED: {
    recordedIn: 'tax',
    departments: ['tax'],
    from: ['JUDICIALLY_CONFIRMED', 'EXECUTION'],
    to: 'EXECUTION',
  },
  CLOSE: { recordedIn: 'tax', departments: ['tax'], from: ['EXECUTION', 'REFERRED'], to: 'CLOSED' },
  REVISIT: { recordedIn: 'tax', departments: ['tax'], from: ['CLOSED'], to: 'REVISITED' },
};

/** The subgraph that records a step's details: a finding goes where the department's data lives. */
export function recordedIn(kind: DisputeStepKind, department: Agency): ComposedSubgraphName {
  const rule = stepRules[kind].recordedIn;
  if (rule !== 'BY_DEPARTMENT') return rule;
  if (department === 'hrss') return 'social-security';
  if (department === 'medical-insurance') return 'medical-insurance';
  if (department === 'court') return 'courts';
  return 'tax';
}

/** What the ledger knows of a case when a step arrives. */
export interface CaseState {
  stage: DisputeStage | null;
  subject: DisputeSubject;
  participants: readonly Agency[];
  /** Steps already applied, in order. */
  steps: readonly { kind: DisputeStepKind; department: Agency }[];
}

export interface StepRequest {
  kind: DisputeStepKind;
  department: Agency;
  /** MEDIATION_OUTCOME only: whether the parties reached an agreement. */
  agreed?: boolean;
  /** REVISIT only: the party's satisfaction. */
  satisfaction?: DisputeSatisfaction;
}

export type StepDecision =
  | { ok: true; stage: DisputeStage }
  | { ok: false; code: 'INVALID_TRANSITION' | 'CASE_CLOSED' | 'FORBIDDEN'; reason: string };

const refuse = (code: 'INVALID_TRANSITION' | 'CASE_CLOSED' | 'FORBIDDEN', reason: string): StepDecision => ({
  ok: false,
  code,
  reason,
});

const done = (state: CaseState, kind: DisputeStepKind, department?: Agency) =>
  state.steps.some((s) => s.kind === kind && (department === undefined || s.department === department));

/** Reviewers of the subject that have not given their finding yet. */
export function missingFindings(state: CaseState): Agency[] {
  return reviewersBySubject[state.subject].filter((a) => !done(state, 'FINDING', a));
}

/** Execution steps the subject needs that are not recorded yet. */
export function missingExecution(state: CaseState): DisputeStepKind[] {
  return executionBySubject[state.subject].filter((kind) => !done(state, kind));
}

/**
 * Whether `request` may be applied to a case in `state`, and the stage it leads to. Refusals carry a
 * stable code: CASE_CLOSED for anything but a revisit after closing, FORBIDDEN for a department that
 * does not take part or may not take this step, INVALID_TRANSITION for a step out of order.
 */
export function decideStep(state: CaseState, request: StepRequest): StepDecision {
  const rule = stepRules[request.kind];
  const { stage } = state;
  if ((stage === 'CLOSED' && request.kind !== 'REVISIT') || stage === 'REVISITED') {
    return refuse('CASE_CLOSED', '案件已办结，不再接受办理步骤 (the case is closed)');
  }
  if (request.kind !== 'REGISTER' && !state.participants.includes(request.department)) {
    return refuse('FORBIDDEN', '本部门未参与该案件 (the department does not take part in this case)');
  }
  if (rule.departments && !rule.departments.includes(request.department)) {
    return refuse('FORBIDDEN', `该步骤须由 ${rule.departments.join('/')} 办理 (not this department's step)`);
  }
  if (!rule.from.includes(stage)) {
    return refuse(
      'INVALID_TRANSITION',
      `案件处于 ${stage ?? '未登记'} 阶段，不能办理 ${request.kind} (a ${request.kind} step cannot follow stage ${stage ?? 'none'})`,
    );
  }
  if (request.agreed !== undefined && request.kind !== 'MEDIATION_OUTCOME') {
    return refuse('INVALID_TRANSITION', '仅调解结果注明是否达成协议 (only an outcome says agreed)');
  }
  if (request.satisfaction !== undefined && request.kind !== 'REVISIT') {
    return refuse('INVALID_TRANSITION', '仅回访记录满意度 (only a revisit records satisfaction)');
  }
  switch (request.kind) {
    case 'FINDING':
      if (done(state, 'FINDING', request.department)) {
        return refuse(
          'INVALID_TRANSITION',
          '本部门已提交研判意见 (this department already gave its finding)',
        );
      }
      break;
    case 'MEDIATION_SESSION': {
      const missing = stage === 'JOINT_REVIEW' ? missingFindings(state) : [];
      if (missing.length) {
        return refuse(
          'INVALID_TRANSITION',
          `联合研判尚缺 ${missing.join('、')} 的意见 (the joint review still lacks findings of ${missing.join(', ')})`,
        );
      }
      break;
    }
    case 'MEDIATION_OUTCOME':
      if (request.agreed === undefined) {
        return refuse('INVALID_TRANSITION', '调解结果须注明是否达成协议 (an outcome says agreed or not)');
      }
      return { ok: true, stage: request.agreed ? 'AGREED' : 'NOT_AGREED' };
    case 'REVISIT':
      if (request.satisfaction === undefined) {
        return refuse('INVALID_TRANSITION', '回访须记录当事人满意度 (a revisit records the satisfaction)');
      }
      break;
    case 'CLOSE': {
      const missing = stage === 'EXECUTION' ? missingExecution(state) : [];
      if (missing.length) {
        return refuse(
          'INVALID_TRANSITION',
          `执行尚缺 ${missing.join('、')} (execution still lacks ${missing.join(', ')})`,
        );
      }
      break;
    }
    default:
      break;
  }
  return { ok: true, stage: rule.to === 'BY_OUTCOME' ? stage! : rule.to };
}

/** Days a case may stay in each stage before it is flagged overdue (null: no limit). */
export const stageTimeLimitDays: Record<DisputeStage, number | null> = {
  REGISTERED: 3,
  JOINT_REVIEW: 10,
  MEDIATION: 15,
  AGREED: 30,
  NOT_AGREED: 10,
  JUDICIALLY_CONFIRMED: 30,
  REFERRED: 30,
  EXECUTION: 30,
  CLOSED: 15,
  REVISITED: null,
};

/** The departments a case waits for in its current stage (its work queues). */
export function waitingFor(state: CaseState): Agency[] {
  switch (state.stage) {
    case 'REGISTERED':
    case 'NOT_AGREED':
    case 'REFERRED':
    case 'CLOSED':
      return ['tax'];
    case 'JOINT_REVIEW': {
      const missing = missingFindings(state);
      return missing.length ? missing : ['justice'];
    }
    case 'MEDIATION':
      return ['justice'];
    case 'AGREED':
      return ['court'];
    case 'JUDICIALLY_CONFIRMED':
    case 'EXECUTION': {
      const owners = new Set<Agency>();
      for (const kind of missingExecution(state)) owners.add(stepRules[kind].departments![0]!);
      return owners.size ? [...owners].sort() : ['tax'];
    }
    default:
      return [];
  }
}
