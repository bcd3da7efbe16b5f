import type { FilterQuery } from '@mikro-orm/core';
import { badInput, hubError, notFound } from '../../../core/errors.js';
import type { Identity } from '../../../core/identity.js';
import { keysetPage, type Connection } from '../../shared/pagination.js';
import { assertIdempotencyKey, assertText, isUuid, textInput } from '../../shared/validation.js';
import { assertActingRole } from '../appeals/access.js';
import { dayStart, periodOf } from '../appeals/rates.js';
import { topicCodes, topicLabel } from '../appeals/topics.js';
import {
  LIVE_QA_KEY_MAX_LENGTH,
  LiveQaSessionSchema,
  LiveQaStudioSchema,
  LiveQaTeamSchema,
  type LiveQaSession as LiveQaSessionRow,
} from '../entities/index.js';
import type {
  LiveQaMemberResolvers,
  LiveQaSessionResolvers,
  LiveQaTeamFiguresResolvers,
  LiveQaTeamResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../generated/resolvers-types.js';
import { changeSessionStatus, recordOutcome, scheduleSession } from '../live-qa/ledger.js';
import { liveQaSummary } from '../live-qa/summary.js';

export type LiveQaSessionConnectionParent = Connection<LiveQaSessionRow>;

const DAY = 24 * 60 * 60 * 1000;
const MAX_HOSTS = 4;

/**
 * The broadcasts are public, so any government department may read the programme (the gateway's
 * `government` policy says the same); enterprise accounts and callers without an identity may not.
 */
function assertGovernment(viewer: Identity | null): Identity {
  if (!viewer || viewer.agency === 'enterprise')
    throw hubError('FORBIDDEN', '直播排期与成效仅供政府部门人员查阅 (the programme is for government users)');
  return viewer;
}

const writer = (viewer: Identity | null, what: string) =>
  assertActingRole(viewer, ['analyst', 'appeal-handler'], what);

function assertTopic(topic: string, argument: string): string {
  if (!topicCodes.includes(topic)) throw badInput(`没有 ${topic} 这一诉求主题 (no such topic)`, argument);
  return topic;
}

export const LiveQaSession: LiveQaSessionResolvers = {
  topic: (session) => session.topic as never,
  topicLabel: (session) => topicLabel(session.topic),
  studio: async (session, _args, { loaders }) => (await loaders.liveQaStudio.load(session.studioCode))!,
  team: async (session, _args, { loaders }) => (await loaders.liveQaTeam.load(session.teamCode))!,
  hosts: async (session, _args, { loaders }) =>
    (await loaders.liveQaMember.loadMany(session.hostIds)).flatMap((m) =>
      m && !(m instanceof Error) ? [m] : [],
    ),
  outcomeRecordedBy: (session) => session.outcomeRecordedByName ?? null,
  scheduledBy: (session) => session.scheduledByName,
};

export const LiveQaTeam: LiveQaTeamResolvers = {
  focusTopics: (team) => team.focusTopics as never,
  members: (team, _args, { loaders }) => loaders.liveQaTeamMembers.load(team.code),
};

export const LiveQaMember: LiveQaMemberResolvers = {
  team: async (member, _args, { loaders }) => (await loaders.liveQaTeam.load(member.teamCode))!,
};

export const LiveQaTeamFigures: LiveQaTeamFiguresResolvers = {
  team: async (figures, _args, { loaders }) => (await loaders.liveQaTeam.load(figures.teamCode))!,
};

export const liveQaQueries: Pick<
  QueryResolvers,
  'liveQaSessions' | 'liveQaSession' | 'liveQaSummary' | 'liveQaTeams' | 'liveQaStudios'
> = {
  liveQaSessions: (_parent, { filter, first, after }, { em, viewer }) => {
    assertGovernment(viewer);
    const where: Record<string, unknown> = {};
    if (filter?.status) where.status = filter.status;
    if (filter?.topic) where.topic = filter.topic;
    if (filter?.team) where.teamCode = filter.team;
    if (filter?.studio) where.studioCode = filter.studio;
    if (filter?.from || filter?.to) {
      const scheduled: Record<string, Date> = {};
      if (filter.from) scheduled.$gte = dayStart(filter.from);
      if (filter.to) scheduled.$lt = new Date(dayStart(filter.to).getTime() + DAY);
      if (Object.values(scheduled).some((d) => Number.isNaN(d.getTime())))
        throw badInput('日期不存在 (no such day)', 'filter');
      where.scheduledAt = scheduled;
    }
    return keysetPage(em, LiveQaSessionSchema, where as FilterQuery<LiveQaSessionRow>, {
      list: 'liveQaSessions',
      keys: ['scheduledAt', 'id'],
      direction: 'desc',
      first,
      after,
    });
  },
  liveQaSession: async (_parent, { id }, { loaders, viewer }) => {
    assertGovernment(viewer);
    const session = isUuid(id) ? await loaders.liveQaSession.load(id) : null;
    if (!session) throw notFound(`查无此直播场次 ${id} (no such session)`);
    return session;
  },
  liveQaSummary: (_parent, { from, to }, { em, viewer }) => {
    assertGovernment(viewer);
    let start: Date | null = null;
    let end: Date | null = null;
    if (from && to) ({ start, end } = periodOf(from, to, 36_600));
    else if (from) start = periodOf(from, from).start;
    else if (to) end = periodOf(to, to).end;
    return liveQaSummary(em, { from: from ?? null, to: to ?? null, start, end });
  },
  liveQaTeams: (_parent, _args, { em, viewer }) => {
    assertGovernment(viewer);
    return em.find(LiveQaTeamSchema, {}, { orderBy: { position: 'asc' } });
  },
  liveQaStudios: (_parent, _args, { em, viewer }) => {
    assertGovernment(viewer);
    return em.find(LiveQaStudioSchema, {}, { orderBy: { position: 'asc' } });
  },
};

const optionalText = (
  value: string | null | undefined,
  argument: string,
  zh: string,
  en: string,
  max: number,
) => (value == null || value.trim() === '' ? null : assertText(value, { argument, label: { zh, en }, max }));

const key = (value: string) => assertIdempotencyKey(value, 'input.idempotencyKey', LIVE_QA_KEY_MAX_LENGTH);

export const liveQaMutations: Pick<
  MutationResolvers,
  'scheduleLiveQaSession' | 'changeLiveQaSessionStatus' | 'recordLiveQaOutcome'
> = {
  scheduleLiveQaSession: async (_parent, { input }, { em, viewer }) => {
    const actor = writer(viewer, '排期直播');
    const scheduledAt = new Date(input.scheduledAt);
    if (Number.isNaN(scheduledAt.getTime()))
      throw badInput('开播时间无效 (invalid time)', 'input.scheduledAt');
    const now = Date.now();
    if (scheduledAt.getTime() < now - 60 * 60 * 1000)
      throw badInput('开播时间不能早于当前 (the start is in the past)', 'input.scheduledAt');
    if (scheduledAt.getTime() > now + 366 * DAY)
      throw badInput('只能排期一年以内的直播 (at most a year ahead)', 'input.scheduledAt');
    if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 15 || input.durationMinutes > 240)
      throw badInput('计划时长须为 15–240 分钟 (15 to 240 minutes)', 'input.durationMinutes');
    const hosts = [...new Set(input.hosts)];
    if (hosts.length < 1 || hosts.length > MAX_HOSTS || hosts.length !== input.hosts.length)
      throw badInput(
        `主持人须为 1–${MAX_HOSTS} 名不重复的团队成员 (1 to ${MAX_HOSTS} distinct hosts)`,
        'input.hosts',
      );
    if (hosts.some((h) => !isUuid(h))) throw badInput('主持人标识无效 (invalid member id)', 'input.hosts');
    const { sessionId } = await scheduleSession(em, {
      title: textInput(input.title, 'input.title', '标题', 'title', 200),
      topic: assertTopic(input.topic, 'input.topic'),
      source: optionalText(input.source, 'input.source', '选题来源', 'source', 200),
      scheduledAt,
      durationMinutes: input.durationMinutes,
      studio: input.studio,
      team: input.team,
      hosts,
      actor: { subject: actor.subject, name: actor.name },
      idempotencyKey: key(input.idempotencyKey),
    });
    return em.findOneOrFail(LiveQaSessionSchema, { id: sessionId }, { refresh: true });
  },
  changeLiveQaSessionStatus: async (_parent, { input }, { em, viewer }) => {
    const actor = writer(viewer, '变更直播状态');
    if (!isUuid(input.session)) throw notFound(`查无此直播场次 ${input.session} (no such session)`);
    const { sessionId } = await changeSessionStatus(em, {
      sessionId: input.session,
      action: input.action,
      reason: optionalText(input.reason, 'input.reason', '取消原因', 'reason', 500),
      actor: { subject: actor.subject, name: actor.name },
      idempotencyKey: key(input.idempotencyKey),
    });
    return em.findOneOrFail(LiveQaSessionSchema, { id: sessionId }, { refresh: true });
  },
  recordLiveQaOutcome: async (_parent, { input }, { em, viewer }) => {
    const actor = writer(viewer, '记录直播成效');
    if (!isUuid(input.session)) throw notFound(`查无此直播场次 ${input.session} (no such session)`);
    const { sessionId } = await recordOutcome(em, {
      sessionId: input.session,
      views: input.views,
      questionsReceived: input.questionsReceived,
      questionsAnswered: input.questionsAnswered,
      keyAnswers: optionalText(input.keyAnswers, 'input.keyAnswers', '重点答疑摘要', 'key answers', 4000),
      actor: { subject: actor.subject, name: actor.name },
      idempotencyKey: key(input.idempotencyKey),
    });
    return em.findOneOrFail(LiveQaSessionSchema, { id: sessionId }, { refresh: true });
  },
};
