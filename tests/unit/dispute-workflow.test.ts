// The joint dispute mechanism's state machine: the whole path of the study's case, and every refusal.
import { describe, expect, it } from 'vitest';
import type { Agency } from '../../core/identity.js';
import {
  decideStep,
  participantsOf,
  recordedIn,
  waitingFor,
  type CaseState,
  type DisputeSatisfaction,
  type DisputeStepKind,
  type StepRequest,
} from '../../subgraphs/shared/disputes/workflow.js';

/** Applies steps one after another, failing the test on the first refusal. */
function walk(start: CaseState, steps: StepRequest[]): CaseState {
  let state = start;
  for (const step of steps) {
    const decision = decideStep(state, step);
    if (!decision.ok) throw new Error(`${step.kind} by ${step.department}: ${decision.reason}`);
    state = {
      ...state,
      stage: decision.stage,
      steps: [...state.steps, { kind: step.kind, department: step.department }],
    };
  }
  return state;
}

const missingPeriods = (): CaseState => ({
  stage: null,
  subject: 'MISSING_PERIODS',
  participants: participantsOf('MISSING_PERIODS', 'petitions', true),
  steps: [],
});

const step = (kind: DisputeStepKind, department: Agency, agreed?: boolean): StepRequest => ({
  kind,
  department,
  ...(agreed === undefined ? {} : { agreed }),
});

const revisit = (satisfaction: DisputeSatisfaction): StepRequest => ({
  kind: 'REVISIT',
  department: 'tax',
  satisfaction,
});

const toAgreement: StepRequest[] = [
  step('REGISTER', 'petitions'),
  step('OPEN_JOINT_REVIEW', 'tax'),
  step('FINDING', 'hrss'),
  step('FINDING', 'medical-insurance'),
  step('MEDIATION_SESSION', 'justice'),
  step('MEDIATION_OUTCOME', 'justice', true),
];

describe('the dispute workflow', () => {
  it('takes part: lead, coordinator, court, justice, reviewers, the intake department and the union', () => {
    expect(participantsOf('MISSING_PERIODS', 'petitions', true)).toEqual([
      'court',
      'hrss',
      'justice',
      'medical-insurance',
      'petitions',
      'political-legal',
      'tax',
      'trade-union',
    ]);
    expect(participantsOf('ARREARS', 'tax', false)).toEqual([
      'court',
      'hrss',
      'justice',
      'political-legal',
      'tax',
    ]);
  });

  it('walks the whole path of a missing-periods case, each stage waiting for the right department', () => {
    let state = walk(missingPeriods(), toAgreement.slice(0, 2));
    expect(state.stage).toBe('JOINT_REVIEW');
    expect(waitingFor(state)).toEqual(['hrss', 'medical-insurance']);
    state = walk(state, toAgreement.slice(2, 4));
    expect(waitingFor(state)).toEqual(['justice']);
    state = walk(state, toAgreement.slice(4));
    expect(state.stage).toBe('AGREED');
    expect(waitingFor(state)).toEqual(['court']);
    state = walk(state, [step('JUDICIAL_CONFIRMATION', 'court'), step('CONTRIBUTION_CORRECTION', 'hrss')]);
    expect(state.stage).toBe('EXECUTION');
    expect(waitingFor(state)).toEqual(['tax']); // arrears still to be collected
    state = walk(state, [step('ARREARS_COLLECTED', 'tax'), step('CLOSE', 'tax'), revisit('SATISFIED')]);
    expect(state.stage).toBe('REVISITED');
    expect(waitingFor(state)).toEqual([]);
  });

  it('ends a failed mediation by referral to arbitration or litigation', () => {
    const state = walk(missingPeriods(), [
      ...toAgreement.slice(0, 5),
      step('MEDIATION_OUTCOME', 'justice', false),
      step('REFERRAL', 'tax'),
      step('CLOSE', 'tax'),
    ]);
    expect(state.stage).toBe('CLOSED');
  });

  it('refuses steps out of order with INVALID_TRANSITION', () => {
    const registered = walk(missingPeriods(), toAgreement.slice(0, 1));
    expect(decideStep(registered, step('JUDICIAL_CONFIRMATION', 'court'))).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
    const reviewing = walk(missingPeriods(), toAgreement.slice(0, 3));
    // Mediation waits for every reviewer's finding; a department gives one finding only.
    expect(decideStep(reviewing, step('MEDIATION_SESSION', 'justice'))).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
    expect(decideStep(reviewing, step('FINDING', 'hrss'))).toMatchObject({ code: 'INVALID_TRANSITION' });
    const executing = walk(missingPeriods(), [
      ...toAgreement,
      step('JUDICIAL_CONFIRMATION', 'court'),
      step('CONTRIBUTION_CORRECTION', 'hrss'),
    ]);
    expect(decideStep(executing, step('CLOSE', 'tax'))).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('refuses a department outside the case, or taking another department’s step, with FORBIDDEN', () => {
    const state = walk({ ...missingPeriods(), participants: participantsOf('ARREARS', 'tax', false) }, [
      step('REGISTER', 'tax'),
      step('OPEN_JOINT_REVIEW', 'tax'),
    ]);
    expect(decideStep(state, step('FINDING', 'medical-insurance'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(decideStep(state, step('OPEN_JOINT_REVIEW', 'hrss'))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses everything but a revisit once the case is closed, with CASE_CLOSED', () => {
    const closed = walk(missingPeriods(), [
      ...toAgreement.slice(0, 5),
      step('MEDIATION_OUTCOME', 'justice', false),
      step('REFERRAL', 'tax'),
      step('CLOSE', 'tax'),
    ]);
    expect(decideStep(closed, step('ARREARS_COLLECTED', 'tax'))).toMatchObject({ code: 'CASE_CLOSED' });
    expect(decideStep(closed, revisit('DISSATISFIED'))).toMatchObject({ ok: true, stage: 'REVISITED' });
  });

  it('takes the satisfaction at the revisit and the outcome at mediation, and neither elsewhere', () => {
    const closed = walk(missingPeriods(), [
      ...toAgreement.slice(0, 5),
      step('MEDIATION_OUTCOME', 'justice', false),
      step('REFERRAL', 'tax'),
      step('CLOSE', 'tax'),
    ]);
    expect(decideStep(closed, step('REVISIT', 'tax'))).toMatchObject({ code: 'INVALID_TRANSITION' });
    const mediating = walk(missingPeriods(), toAgreement.slice(0, 5));
    expect(decideStep(mediating, step('MEDIATION_OUTCOME', 'justice'))).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    expect(
      decideStep(mediating, { ...step('MEDIATION_SESSION', 'justice'), satisfaction: 'SATISFIED' }),
    ).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(decideStep(mediating, step('MEDIATION_SESSION', 'justice', true))).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });

  it('records each step where its department’s data lives', () => {
    expect(recordedIn('FINDING', 'hrss')).toBe('social-security');
    expect(recordedIn('FINDING', 'medical-insurance')).toBe('medical-insurance');
    expect(recordedIn('MEDIATION_SESSION', 'justice')).toBe('service-points');
    expect(recordedIn('JUDICIAL_CONFIRMATION', 'court')).toBe('courts');
    expect(recordedIn('CONTRIBUTION_CORRECTION', 'hrss')).toBe('social-security');
    expect(recordedIn('REGISTER', 'petitions')).toBe('tax');
  });
});
