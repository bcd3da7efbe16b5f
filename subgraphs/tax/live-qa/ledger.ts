import { randomUUID } from 'node:crypto';
import { LockMode, type EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, hubError, notFound } from '../../../core/errors.js';
import {
  LiveQaMemberSchema,
  LiveQaRequestSchema,
  LiveQaSessionSchema,
  LiveQaStudioSchema,
  LiveQaTeamSchema,
  type LiveQaSession,
  type LiveQaStatus,
  type LiveQaStudio,
} from '../entities/index.js';
import { writeOnce, type KeyRow } from '../quality/requests.js';

/**
 * The live Q&A programme's writes (巴税巴适): scheduling a session in a studio, moving it SCHEDULED → LIVE
 * → ENDED or SCHEDULED → CANCELLED, and recording its outcome once ended. Each runs once per idempotency
 * key; a session's writes are serialised by its row lock, a studio's bookings by the studio's.
 */

export interface LiveQaActor {
  subject: string;
  name: string;
}

const keys = LiveQaRequestSchema as never as EntityName<KeyRow>;

export const liveQaActions = ['START', 'END', 'CANCEL'] as const;
export type LiveQaAction = (typeof liveQaActions)[number];

export const liveQaTransitions: Record<LiveQaAction, { from: LiveQaStatus; to: LiveQaStatus }> = {
  START: { from: 'SCHEDULED', to: 'LIVE' },
  END: { from: 'LIVE', to: 'ENDED' },
  CANCEL: { from: 'SCHEDULED', to: 'CANCELLED' },
};

export const liveQaStatusLabels: Record<LiveQaStatus, string> = {
  SCHEDULED: '已排期',
  LIVE: '直播中',
  ENDED: '已结束',
  CANCELLED: '已取消',
};

const actionLabels: Record<LiveQaAction, string> = { START: '开播', END: '结束直播', CANCEL: '取消' };

/** Where an action leads from `status`, or INVALID_TRANSITION. */
export function decideLiveQaAction(status: LiveQaStatus, action: LiveQaAction): LiveQaStatus {
  const move = liveQaTransitions[action];
  if (move.from === status) return move.to;
  throw hubError(
    'INVALID_TRANSITION',
    `直播当前为“${liveQaStatusLabels[status]}”，不能${actionLabels[action]} (the session is ${status}: ${action} needs ${move.from})`,
    { status, action },
  );
}

/** Checks an outcome: whole numbers, not negative, and no more questions answered than received. */
export function assertOutcome(outcome: {
  views: number;
  questionsReceived: number;
  questionsAnswered: number;
}): void {
  for (const field of ['views', 'questionsReceived', 'questionsAnswered'] as const) {
    const n = outcome[field];
    if (!Number.isInteger(n) || n < 0 || n > 1_000_000_000)
      throw badInput(`${field} 须为非负整数 (${field} must be a whole number, 0 or more)`, `input.${field}`);
  }
  if (outcome.questionsAnswered > outcome.questionsReceived)
    throw badInput(
      `答复问题数 ${outcome.questionsAnswered} 不能多于收到问题数 ${outcome.questionsReceived} (answered cannot exceed received)`,
      'input.questionsAnswered',
    );
}

const MINUTE = 60_000;

export interface ScheduleCommand {
  title: string;
  topic: string;
  source: string | null;
  scheduledAt: Date;
  durationMinutes: number;
  studio: string;
  team: string;
  hosts: string[];
  actor: LiveQaActor;
  idempotencyKey: string;
}

/**
 * Schedules a session under the studio's row lock: the studio must be free for the whole slot (no other
 * scheduled or live session overlaps it), the hosts members of the team. The episode number is the next
 * of the programme.
 */
export async function scheduleSession(
  em: EntityManager,
  command: ScheduleCommand,
): Promise<{ sessionId: string; repeated: boolean }> {
  let studio: LiveQaStudio | null = null;
  const { actor, idempotencyKey, ...request } = command;
  const { result, repeated } = await writeOnce<{ sessionId: string }>(
    em,
    keys,
    {
      operation: 'scheduleLiveQaSession',
      actorSubject: actor.subject,
      idempotencyKey,
      request: { ...request, scheduledAt: command.scheduledAt.toISOString() },
    },
    async (tx) => {
      const team = await tx.findOne(LiveQaTeamSchema, { code: command.team });
      if (!team) throw badInput(`没有编码为 ${command.team} 的答疑团队 (no such team)`, 'input.team');
      const hosts = await tx.find(LiveQaMemberSchema, { id: { $in: command.hosts } });
      const strangers = command.hosts.filter(
        (id) => !hosts.some((h) => h.id === id && h.teamCode === team.code),
      );
      if (strangers.length)
        throw badInput(
          `主持人须为${team.name}成员：${strangers.join('、')} (hosts must be members of the team)`,
          'input.hosts',
        );
      const start = command.scheduledAt;
      const end = new Date(start.getTime() + command.durationMinutes * MINUTE);
      const [clash] = await tx.getConnection().execute<{ episode: number; title: string }[]>(
        `select episode, title from live_qa_session
            where studio_code = ? and status in ('SCHEDULED', 'LIVE')
              and scheduled_at < ? and scheduled_at + duration_minutes * interval '1 minute' > ?
            limit 1`,
        [studio!.code, end, start],
        'all',
        tx.getTransactionContext(),
      );
      if (clash)
        throw badInput(
          `${studio!.name}该时段已排第 ${clash.episode} 期“${clash.title}” (the studio is booked then)`,
          'input.scheduledAt',
        );
      // The programme's episodes are one series: numbered under a lock held until the transaction ends,
      // and read by a statement after it (a new snapshot), so two studios' bookings take 52 and 53.
      const connection = tx.getConnection();
      const context = tx.getTransactionContext();
      await connection.execute(
        `select pg_advisory_xact_lock(hashtext('live_qa_session.episode'))`,
        [],
        'all',
        context,
      );
      const [next] = await connection.execute<{ episode: number }[]>(
        'select (coalesce(max(episode), 0) + 1)::int as episode from live_qa_session',
        [],
        'all',
        context,
      );
      const session: LiveQaSession = {
        id: randomUUID(),
        episode: next!.episode,
        title: command.title,
        topic: command.topic,
        source: command.source,
        scheduledAt: start,
        durationMinutes: command.durationMinutes,
        studioCode: studio!.code,
        teamCode: team.code,
        hostIds: command.hosts,
        status: 'SCHEDULED',
        version: 1,
        startedAt: null,
        endedAt: null,
        cancelledAt: null,
        cancelReason: null,
        views: null,
        questionsReceived: null,
        questionsAnswered: null,
        keyAnswers: null,
        outcomeRecordedAt: null,
        outcomeRecordedByName: null,
        scheduledBySubject: actor.subject,
        scheduledByName: actor.name,
        createdAt: new Date(),
      };
      tx.create(LiveQaSessionSchema, session);
      await tx.flush();
      return { sessionId: session.id };
    },
    async (tx) => {
      studio = await tx.findOne(
        LiveQaStudioSchema,
        { code: command.studio },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      if (!studio) throw badInput(`没有编码为 ${command.studio} 的直播间 (no such studio)`, 'input.studio');
    },
  );
  return { sessionId: result.sessionId, repeated };
}

/** Runs `write` on a session under its row lock, once per key. */
async function onSession(
  em: EntityManager,
  operation: string,
  sessionId: string,
  actor: LiveQaActor,
  idempotencyKey: string,
  request: unknown,
  write: (session: LiveQaSession, at: Date) => void,
): Promise<{ sessionId: string; repeated: boolean }> {
  let session: LiveQaSession | null = null;
  const { result, repeated } = await writeOnce<{ sessionId: string }>(
    em,
    keys,
    {
      operation,
      actorSubject: actor.subject,
      idempotencyKey,
      request: { sessionId, ...(request as object) },
    },
    async (tx) => {
      write(session!, new Date());
      session!.version += 1;
      await tx.flush();
      return { sessionId };
    },
    async (tx) => {
      session = await tx.findOne(
        LiveQaSessionSchema,
        { id: sessionId },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      if (!session) throw notFound(`查无此直播场次 ${sessionId} (no such session)`);
    },
  );
  return { sessionId: result.sessionId, repeated };
}

/** START, END or CANCEL (with a reason). */
export function changeSessionStatus(
  em: EntityManager,
  command: {
    sessionId: string;
    action: LiveQaAction;
    reason: string | null;
    actor: LiveQaActor;
    idempotencyKey: string;
  },
) {
  if (command.action === 'CANCEL' && !command.reason)
    throw badInput('取消直播须说明原因 (a cancellation needs a reason)', 'input.reason');
  return onSession(
    em,
    'changeLiveQaSessionStatus',
    command.sessionId,
    command.actor,
    command.idempotencyKey,
    { action: command.action, reason: command.reason },
    (session, at) => {
      session.status = decideLiveQaAction(session.status, command.action);
      if (command.action === 'START') session.startedAt = at;
      if (command.action === 'END') session.endedAt = at;
      if (command.action === 'CANCEL') {
        session.cancelledAt = at;
        session.cancelReason = command.reason;
      }
    },
  );
}

/**
 * The outcome of an ended session: views, questions received and answered, and the key answers. It may
 * be recorded again (the replay's views grow): the latest is kept with who recorded it and when.
 */
export function recordOutcome(
  em: EntityManager,
  command: {
    sessionId: string;
    views: number;
    questionsReceived: number;
    questionsAnswered: number;
    keyAnswers: string | null;
    actor: LiveQaActor;
    idempotencyKey: string;
  },
) {
  assertOutcome(command);
  const { sessionId, actor, idempotencyKey, ...request } = command;
  return onSession(em, 'recordLiveQaOutcome', sessionId, actor, idempotencyKey, request, (session, at) => {
    if (session.status !== 'ENDED')
      throw hubError(
        'INVALID_TRANSITION',
        `直播当前为“${liveQaStatusLabels[session.status]}”，结束后才能记录成效 (the session is ${session.status}: record the outcome once it has ended)`,
        { status: session.status },
      );
    Object.assign(session, {
      views: command.views,
      questionsReceived: command.questionsReceived,
      questionsAnswered: command.questionsAnswered,
      keyAnswers: command.keyAnswers,
      outcomeRecordedAt: at,
      outcomeRecordedByName: actor.name,
    });
  });
}
