import { randomUUID } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertVersion, hubError, notFound } from '../../../core/errors.js';
import type { Agency } from '../../../core/identity.js';
import type { District } from '../../shared/enums.js';
import {
  decideStep,
  participantsOf,
  recordedIn,
  waitingFor,
  type CaseState,
  type DisputeSatisfaction,
  type DisputeStepKind,
  type DisputeSubject,
} from '../../shared/disputes/workflow.js';
import {
  DisputeCaseSchema,
  DisputePartySchema,
  DisputeStepSchema,
  type DisputeCase,
  type DisputeParty,
  type DisputeStep,
} from '../entities/index.js';

/**
 * The lead's ledger of the joint dispute mechanism. Every step of every department passes through
 * `applyStep`, which serialises the steps of one case (a row lock on the case), checks the client's
 * version (CONFLICT), the workflow (INVALID_TRANSITION, CASE_CLOSED, FORBIDDEN) and the idempotency key,
 * then appends the step and moves the case in one transaction: a step is either in the ledger with the
 * stage it caused, or refused and absent.
 */

export interface Actor {
  subject: string;
  name: string;
  agency: Agency;
}

export interface StepInput {
  caseId: string;
  kind: DisputeStepKind;
  actor: Actor;
  content: string;
  idempotencyKey: string;
  /** The case version the client last read; omitted: apply to whatever the case is now. */
  expectedVersion?: number;
  /** MEDIATION_OUTCOME only. */
  agreed?: boolean;
  /** REVISIT only. */
  satisfaction?: DisputeSatisfaction;
}

export interface StepResult {
  step: DisputeStep;
  dispute: DisputeCase;
  /** True when the idempotency key was already applied: nothing was written. */
  repeated: boolean;
}

const keyReused = () =>
  hubError(
    'IDEMPOTENCY_KEY_REUSED',
    '该幂等键已用于另一办理步骤，请为新步骤生成新的幂等键 (the idempotency key was used for a different step)',
    { argument: 'input.idempotencyKey' },
  );

/** The earlier step under this key, if it is this very request again; else the key is taken. */
async function earlierStep(
  em: EntityManager,
  key: string,
  same: (step: DisputeStep) => boolean,
): Promise<StepResult | null> {
  const step = await em.findOne(DisputeStepSchema, { idempotencyKey: key });
  if (!step) return null;
  if (!same(step)) throw keyReused();
  const dispute = await em.findOneOrFail(DisputeCaseSchema, { id: step.caseId });
  return { step, dispute, repeated: true };
}

function stateOf(dispute: DisputeCase, steps: DisputeStep[]): CaseState {
  return {
    stage: dispute.stage,
    subject: dispute.subject,
    participants: dispute.participants as Agency[],
    steps: steps.map((s) => ({ kind: s.kind, department: s.department })),
  };
}

export async function applyStep(em: EntityManager, input: StepInput): Promise<StepResult> {
  const same = (step: DisputeStep) =>
    step.caseId === input.caseId &&
    step.kind === input.kind &&
    step.actorSubject === input.actor.subject &&
    step.content === input.content;
  return em.transactional(async (tx) => {
    const dispute = await tx.findOne(
      DisputeCaseSchema,
      { id: input.caseId },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!dispute) throw notFound(`查无此争议案件 ${input.caseId} (no such dispute case)`);
    // Under the case's lock: a repeat of an applied step (even one racing this request) is seen here.
    const earlier = await earlierStep(tx, input.idempotencyKey, same);
    if (earlier) return earlier;
    assertVersion(input.expectedVersion, dispute.version, { zh: '案件', en: 'case' });
    const steps = await tx.find(DisputeStepSchema, { caseId: dispute.id }, { orderBy: { seq: 'asc' } });
    const decision = decideStep(stateOf(dispute, steps), {
      kind: input.kind,
      department: input.actor.agency,
      ...(input.agreed === undefined ? {} : { agreed: input.agreed }),
      ...(input.satisfaction === undefined ? {} : { satisfaction: input.satisfaction }),
    });
    if (!decision.ok) throw hubError(decision.code, decision.reason, { stage: dispute.stage });
    const now = new Date();
    const step: DisputeStep = {
      id: randomUUID(),
      caseId: dispute.id,
      seq: dispute.version + 1,
      kind: input.kind,
      department: input.actor.agency,
      actorSubject: input.actor.subject,
      actorName: input.actor.name,
      content: input.content,
      recordedIn: recordedIn(input.kind, input.actor.agency),
      stageAfter: decision.stage,
      satisfaction: input.satisfaction ?? null,
      at: now,
      idempotencyKey: input.idempotencyKey,
    };
    tx.create(DisputeStepSchema, step);
    if (decision.stage !== dispute.stage) dispute.stageEnteredAt = now;
    dispute.stage = decision.stage;
    dispute.version = step.seq;
    dispute.waitingFor = waitingFor({
      ...stateOf(dispute, steps),
      steps: [...steps, step].map((s) => ({ kind: s.kind, department: s.department })),
    });
    await tx.flush();
    return { step, dispute, repeated: false };
  });
}

export interface RegistrationInput {
  subject: DisputeSubject;
  district: District;
  channel: string;
  /** Absent in a flexible worker's or a resident's own dispute (see `employerRequired`). */
  employer: { creditCode: string; displayName: string } | null;
  insuredPersons: { personId: string; displayName: string }[];
  representative?: { displayName: string; tradeUnion: boolean } | null;
  amountInDispute?: string | null;
  periodFrom?: string | null;
  periodTo?: string | null;
  summary: string;
  actor: Actor;
  idempotencyKey: string;
}

/**
 * Opens a case: the case, its parties and its first ledger step (REGISTER), in one transaction. Any
 * department of the mechanism may register; it then takes part in the case. Case numbers run per year:
 * 巴社争〔2026〕0001号.
 */
export async function registerCase(em: EntityManager, input: RegistrationInput): Promise<StepResult> {
  const same = (step: DisputeStep) =>
    step.kind === 'REGISTER' && step.actorSubject === input.actor.subject && step.content === input.summary;
  const earlier = await earlierStep(em, input.idempotencyKey, same);
  if (earlier) return earlier;
  const decision = decideStep(
    { stage: null, subject: input.subject, participants: [], steps: [] },
    { kind: 'REGISTER', department: input.actor.agency },
  );
  if (!decision.ok) throw hubError(decision.code, decision.reason);
  try {
    return await insertCase(em, input, decision.stage);
  } catch (error) {
    // The same registration submitted twice at once: the key's unique index let one in.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const winner = await earlierStep(em.fork() as EntityManager, input.idempotencyKey, same);
    if (!winner) throw error;
    return winner;
  }
}

function insertCase(
  em: EntityManager,
  input: RegistrationInput,
  stage: DisputeCase['stage'],
): Promise<StepResult> {
  return em.transactional(async (tx) => {
    const now = new Date();
    const year = now.getFullYear();
    // One numbering per year: concurrent registrations take the next number one after another.
    // The year's next number: an upsert on one counter row, locked until this transaction ends, so
    // concurrent registrations number one after another and no count over the cases is needed. Raw SQL
    // runs on the transaction's own connection only when given its context.
    const counted = await tx.getConnection().execute<{ last: number }[]>(
      `insert into dispute_case_counter (year, last) values (?, 1)
           on conflict (year) do update set last = dispute_case_counter.last + 1 returning last`,
      [year],
      'all',
      tx.getTransactionContext(),
    );
    const n = counted[0]!.last - 1;
    const prefix = `巴社争〔${year}〕`;
    const unionRepresents = input.representative?.tradeUnion ?? false;
    const dispute: DisputeCase = {
      id: randomUUID(),
      caseNumber: `${prefix}${String(n + 1).padStart(4, '0')}号`,
      subject: input.subject,
      stage,
      version: 1,
      district: input.district,
      intakeAgency: input.actor.agency,
      channel: input.channel,
      participants: participantsOf(input.subject, input.actor.agency, unionRepresents),
      unionRepresents,
      employerCreditCode: input.employer?.creditCode ?? null,
      amountInDispute: input.amountInDispute ?? null,
      periodFrom: input.periodFrom ?? null,
      periodTo: input.periodTo ?? null,
      summary: input.summary,
      registeredAt: now,
      stageEnteredAt: now,
      waitingFor: ['tax'],
    };
    tx.create(DisputeCaseSchema, dispute);
    const parties: DisputeParty[] = [
      ...(input.employer
        ? [
            {
              role: 'EMPLOYER' as const,
              creditCode: input.employer.creditCode,
              personId: null,
              displayName: input.employer.displayName,
            },
          ]
        : []),
      ...input.insuredPersons.map((p) => ({
        role: 'INSURED_PERSON' as const,
        creditCode: null,
        personId: p.personId,
        displayName: p.displayName,
      })),
      ...(input.representative
        ? [
            {
              role: 'REPRESENTATIVE' as const,
              creditCode: null,
              personId: null,
              displayName: input.representative.displayName,
            },
          ]
        : []),
    ].map((party) => ({ id: randomUUID(), caseId: dispute.id, ...party }));
    for (const party of parties) tx.create(DisputePartySchema, party);
    const step: DisputeStep = {
      id: randomUUID(),
      caseId: dispute.id,
      seq: 1,
      kind: 'REGISTER',
      department: input.actor.agency,
      actorSubject: input.actor.subject,
      actorName: input.actor.name,
      content: input.summary,
      recordedIn: 'tax',
      stageAfter: stage,
      satisfaction: null,
      at: now,
      idempotencyKey: input.idempotencyKey,
    };
    tx.create(DisputeStepSchema, step);
    await tx.flush();
    return { step, dispute, repeated: false };
  });
}
