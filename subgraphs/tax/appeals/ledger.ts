import { randomUUID } from 'node:crypto';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertVersion, badInput, hubError, notFound } from '../../../core/errors.js';
import type { District } from '../../shared/enums.js';
import { AppealSchema, AppealStepSchema, type Appeal, type AppealStep } from '../entities/index.js';
import {
  CITY_TASK_FORCE,
  handlingUnitByCode,
  supervisingUnitOf,
  type AppealChannel,
  type AppealKind,
} from './catalogue.js';
import { classify, type Classification } from './topics.js';
import { decideAppealStep, dueAt, type AppealSatisfaction, type AppealStepKind } from './workflow.js';

/**
 * The appeal ledger: intake from every channel and every step of the closed loop. Like the dispute
 * ledger, one appeal's steps are serialised by a row lock, checked against the loop (workflow.ts), the
 * client's version and the idempotency key, and written with the appeal's new stage in one transaction.
 */

export interface AppealActor {
  subject: string;
  name: string;
}

/** Longest appeal text, in characters. */
export const APPEAL_TEXT_MAX = 4000;

/** Appeals of the same party on the same topic within this many days are likely duplicates. */
export const DUPLICATE_WINDOW_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

export interface IntakeInput {
  channel: AppealChannel;
  channelReference: string;
  kind: AppealKind;
  district: District;
  creditCode: string | null;
  personId: string | null;
  appellantName: string | null;
  appellantPhone: string | null;
  content: string;
  receivedAt: Date;
  actor: AppealActor;
}

export interface IntakeResult {
  appeal: Appeal;
  repeated: boolean;
}

const sameAppeal = (appeal: Appeal, input: IntakeInput) =>
  appeal.kind === input.kind &&
  appeal.district === input.district &&
  appeal.content === input.content &&
  appeal.creditCode === input.creditCode &&
  appeal.personId === input.personId;

async function registered(em: EntityManager, input: IntakeInput): Promise<IntakeResult | null> {
  const appeal = await em.findOne(AppealSchema, {
    channel: input.channel,
    channelReference: input.channelReference,
  });
  if (!appeal) return null;
  if (!sameAppeal(appeal, input)) {
    throw hubError(
      'IDEMPOTENCY_KEY_REUSED',
      `该渠道编号已登记为另一诉求 ${appeal.number}（内容不同）(the channel reference is already registered with different content)`,
      { argument: 'input.channelReference' },
    );
  }
  return { appeal, repeated: true };
}

/** The party an appeal is about, for duplicate detection: the taxpayer, else the person, else the phone. */
function partyOf(input: Pick<IntakeInput, 'creditCode' | 'personId' | 'appellantPhone'>) {
  if (input.creditCode) return { creditCode: input.creditCode };
  if (input.personId) return { personId: input.personId };
  if (input.appellantPhone) return { appellantPhone: input.appellantPhone };
  return null;
}

/** The calendar year in Bazhong (UTC+8). */
export const chinaYear = (at: Date) => new Date(at.getTime() + 8 * 60 * 60 * 1000).getUTCFullYear();

export const appealNumber = (year: number, n: number | string) =>
  `巴税诉〔${year}〕${String(n).padStart(7, '0')}号`;

/**
 * An appeal as intake writes it, with its RECEIVE step: classified, linked to `duplicateOf`, due for an
 * answer within its first stage's limit. The ledger and the demo world both build appeals with it.
 */
export function receivedAppeal(
  input: IntakeInput & { id: string; number: string; stepId: string },
  classification: Classification,
  duplicateOf: string | null,
): { appeal: Appeal; step: AppealStep } {
  const appeal: Appeal = {
    id: input.id,
    number: input.number,
    channel: input.channel,
    channelReference: input.channelReference,
    kind: input.kind,
    district: input.district,
    creditCode: input.creditCode,
    personId: input.personId,
    appellantName: input.appellantName,
    appellantPhone: input.appellantPhone,
    content: input.content,
    topic: classification.topic,
    topicRule: classification.rule,
    classifiedTopic: classification.topic,
    matchedPhrases: classification.matched,
    classifierScore: classification.score,
    runnerUpTopic: classification.runnerUp?.topic ?? null,
    classificationClose: classification.close,
    duplicateOf,
    stage: 'RECEIVED',
    version: 1,
    handlingUnit: null,
    supervisingUnit: supervisingUnitOf(input.district),
    escalated: false,
    receivedAt: input.receivedAt,
    stageEnteredAt: input.receivedAt,
    stageDueAt: dueAt('RECEIVED', input.kind, input.receivedAt),
    respondedAt: null,
    handledAt: null,
    closedAt: null,
    satisfaction: null,
    reopenCount: 0,
    everLate: false,
  };
  const step: AppealStep = {
    id: input.stepId,
    appealId: appeal.id,
    seq: 1,
    kind: 'RECEIVE',
    actorSubject: input.actor.subject,
    actorName: input.actor.name,
    content: `经${input.channel}接收，渠道编号 ${input.channelReference}`,
    stageBefore: 'RECEIVED',
    stageAfter: 'RECEIVED',
    handlingUnit: null,
    satisfaction: null,
    topicBefore: null,
    topicAfter: classification.topic,
    at: input.receivedAt,
    late: false,
    idempotencyKey: `receive:${appeal.id}`,
  };
  return { appeal, step };
}

/**
 * Registers an appeal from any channel: classified, linked to the earlier appeal it likely repeats, with
 * its RECEIVE step. A repeat of the same channel reference (also two at once) returns the appeal already
 * registered.
 */
export async function registerAppeal(em: EntityManager, input: IntakeInput): Promise<IntakeResult> {
  const earlier = await registered(em, input);
  if (earlier) return earlier;
  try {
    return await em.transactional(async (tx) => {
      const classification = classify(input.content);
      const party = partyOf(input);
      // Linked to the first appeal of the chain, so that a tenth call on the same matter points at the first.
      const original = party
        ? await tx.findOne(
            AppealSchema,
            {
              ...party,
              topic: classification.topic,
              duplicateOf: null,
              receivedAt: {
                $gte: new Date(input.receivedAt.getTime() - DUPLICATE_WINDOW_DAYS * DAY),
                $lte: input.receivedAt,
              },
            },
            { orderBy: { receivedAt: 'asc', id: 'asc' }, fields: ['id'] },
          )
        : null;
      const [next] = await tx
        .getConnection()
        .execute<{ n: string }[]>(
          `select nextval('appeal_number_seq') as n`,
          [],
          'all',
          tx.getTransactionContext(),
        );
      const { appeal, step } = receivedAppeal(
        {
          ...input,
          id: randomUUID(),
          stepId: randomUUID(),
          number: appealNumber(chinaYear(input.receivedAt), next!.n),
        },
        classification,
        original?.id ?? null,
      );
      tx.create(AppealSchema, appeal);
      tx.create(AppealStepSchema, step);
      await tx.flush();
      return { appeal, repeated: false };
    });
  } catch (error) {
    // The same channel reference registered twice at once: the unique index let one in.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const winner = await registered(em.fork() as EntityManager, input);
    if (!winner) throw error;
    return winner;
  }
}

export interface AppealStepCommand {
  number: string;
  kind: AppealStepKind;
  content: string;
  handlingUnit: string | null;
  satisfaction: AppealSatisfaction | null;
  topic: string | null;
  expectedVersion: number | null;
  idempotencyKey: string;
  actor: AppealActor;
  /** The step's time; now, except for the demo world's history. */
  at: Date;
}

export interface AppealStepResult {
  appeal: Appeal;
  step: AppealStep;
  repeated: boolean;
}

const keyReused = () =>
  hubError(
    'IDEMPOTENCY_KEY_REUSED',
    '该幂等键已用于另一办理步骤，请为新步骤生成新的幂等键 (the idempotency key was used for a different step)',
    { argument: 'input.idempotencyKey' },
  );

function checkUnit(code: string | null): void {
  if (code === null) return;
  const unit = handlingUnitByCode.get(code);
  if (!unit) throw badInput(`没有编码为 ${code} 的承办单位 (no such handling unit)`, 'input.handlingUnit');
  if (unit.level === 'COUNTY_SERVICE_CENTRE' || unit.level === 'CITY_TASK_FORCE') {
    throw badInput(
      `${unit.name}负责督办或提级办理，不直接承办派发的工单 (a service centre supervises and the task force takes escalations: dispatch to a branch or division)`,
      'input.handlingUnit',
    );
  }
}

/** Applies one step of the loop; the appeal as it is after it. */
export async function applyAppealStep(
  em: EntityManager,
  command: AppealStepCommand,
): Promise<AppealStepResult> {
  checkUnit(command.handlingUnit);
  return em.transactional(async (tx) => {
    const appeal = await tx.findOne(
      AppealSchema,
      { number: command.number },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!appeal) throw notFound(`查无此诉求 ${command.number} (no such appeal)`);
    // Under the appeal's lock: a repeat of an applied step (even one racing this request) is seen here.
    const earlier = await tx.findOne(AppealStepSchema, { idempotencyKey: command.idempotencyKey });
    if (earlier) {
      const same =
        earlier.appealId === appeal.id &&
        earlier.kind === command.kind &&
        earlier.actorSubject === command.actor.subject &&
        earlier.content === command.content;
      if (!same) throw keyReused();
      return { appeal, step: earlier, repeated: true };
    }
    assertVersion(command.expectedVersion, appeal.version, { zh: '诉求', en: 'appeal' });
    const decision = decideAppealStep(appeal.stage, command, appeal.reopenCount);
    if (!decision.ok) {
      if (decision.code === 'BAD_USER_INPUT') throw badInput(decision.reason, decision.argument);
      throw hubError(decision.code, decision.reason, { stage: appeal.stage });
    }
    const at = command.at;
    const progresses = command.kind !== 'RECLASSIFY' && command.kind !== 'ESCALATE';
    const late = progresses && appeal.stageDueAt != null && at > appeal.stageDueAt;
    const step: AppealStep = {
      id: randomUUID(),
      appealId: appeal.id,
      seq: appeal.version + 1,
      kind: command.kind,
      actorSubject: command.actor.subject,
      actorName: command.actor.name,
      content: command.content,
      stageBefore: appeal.stage,
      stageAfter: decision.stageAfter,
      handlingUnit: command.kind === 'ESCALATE' ? CITY_TASK_FORCE : command.handlingUnit,
      satisfaction: command.satisfaction,
      topicBefore: command.kind === 'RECLASSIFY' ? appeal.topic : null,
      topicAfter: command.kind === 'RECLASSIFY' ? command.topic : null,
      at,
      late,
      idempotencyKey: command.idempotencyKey,
    };
    tx.create(AppealStepSchema, step);
    applyToAppeal(appeal, step, decision.reopens);
    await tx.flush();
    return { appeal, step, repeated: false };
  });
}

/** What a step changes on its appeal (also used by the demo world, which writes the loop's history). */
export function applyToAppeal(appeal: Appeal, step: AppealStep, reopens: boolean): void {
  const { at } = step;
  appeal.version = step.seq;
  appeal.everLate ||= step.late;
  if (step.stageAfter !== appeal.stage || reopens) {
    appeal.stage = step.stageAfter;
    appeal.stageEnteredAt = at;
    appeal.stageDueAt = dueAt(step.stageAfter, appeal.kind, at);
  }
  switch (step.kind) {
    case 'ACCEPT':
      appeal.handlingUnit = step.handlingUnit;
      appeal.respondedAt ??= at;
      break;
    case 'REJECT':
      appeal.respondedAt ??= at;
      appeal.closedAt = at;
      break;
    case 'HANDLE':
      appeal.handledAt = at;
      break;
    case 'REVISIT':
      appeal.satisfaction = step.satisfaction;
      if (reopens) appeal.reopenCount += 1;
      else appeal.closedAt = at;
      break;
    case 'ESCALATE':
      appeal.escalated = true;
      appeal.handlingUnit = CITY_TASK_FORCE;
      break;
    case 'RECLASSIFY':
      appeal.topic = step.topicAfter!;
      appeal.topicRule = 'STAFF';
      break;
    default:
      break;
  }
}
