import type { EntityManager } from '@mikro-orm/postgresql';
import { topicLabel } from '../appeals/topics.js';

/**
 * The programme's figures over the sessions scheduled in a period (or all time): sessions held, scheduled
 * and cancelled, views and questions of the sessions held, by topic and by team — one grouping-sets
 * statement — and the size of the programme (teams, studios, members) in another.
 */

export interface LiveQaFigures {
  sessionsHeld: number;
  sessionsScheduled: number;
  sessionsCancelled: number;
  views: number;
  questionsReceived: number;
  questionsAnswered: number;
  /** Answered ÷ received over the sessions held; null without questions. */
  answerRate: number | null;
}

export type TopicFigures = LiveQaFigures & { topic: string; label: string };
export type TeamFigures = LiveQaFigures & { teamCode: string };

export interface LiveQaSummary extends LiveQaFigures {
  from: string | null;
  to: string | null;
  byTopic: TopicFigures[];
  byTeam: TeamFigures[];
  teams: number;
  studios: number;
  members: number;
}

interface Row {
  topic: string | null;
  team_code: string | null;
  grouping: number;
  held: number;
  scheduled: number;
  cancelled: number;
  views: string;
  received: string;
  answered: string;
}

const figures = (row: Row | undefined): LiveQaFigures => {
  const received = Number(row?.received ?? 0);
  const answered = Number(row?.answered ?? 0);
  return {
    sessionsHeld: row?.held ?? 0,
    sessionsScheduled: row?.scheduled ?? 0,
    sessionsCancelled: row?.cancelled ?? 0,
    views: Number(row?.views ?? 0),
    questionsReceived: received,
    questionsAnswered: answered,
    answerRate: received === 0 ? null : answered / received,
  };
};

/** `start`–`end` bound the scheduled time, [start, end); either may be open. */
export async function liveQaSummary(
  em: EntityManager,
  scope: { from: string | null; to: string | null; start: Date | null; end: Date | null },
): Promise<LiveQaSummary> {
  const connection = em.getConnection();
  const rows = await connection.execute<Row[]>(
    `select s.topic, s.team_code, grouping(s.topic, s.team_code)::int as grouping,
            count(*) filter (where s.status = 'ENDED')::int as held,
            count(*) filter (where s.status in ('SCHEDULED', 'LIVE'))::int as scheduled,
            count(*) filter (where s.status = 'CANCELLED')::int as cancelled,
            coalesce(sum(s.views) filter (where s.status = 'ENDED'), 0) as views,
            coalesce(sum(s.questions_received) filter (where s.status = 'ENDED'), 0) as received,
            coalesce(sum(s.questions_answered) filter (where s.status = 'ENDED'), 0) as answered
       from live_qa_session s
      where (?::timestamptz is null or s.scheduled_at >= ?) and (?::timestamptz is null or s.scheduled_at < ?)
      group by grouping sets ((s.topic), (s.team_code), ())`,
    [scope.start, scope.start, scope.end, scope.end],
  );
  const [size] = await connection.execute<{ teams: number; studios: number; members: number }[]>(
    `select (select count(*) from live_qa_team)::int as teams,
            (select count(*) from live_qa_studio)::int as studios,
            (select count(*) from live_qa_member)::int as members`,
  );
  // grouping(): 1 = grouped by topic (team rolled up), 2 = by team, 3 = the total.
  const byViews = <T extends LiveQaFigures>(a: T, b: T) =>
    b.views - a.views || b.sessionsHeld - a.sessionsHeld;
  return {
    from: scope.from,
    to: scope.to,
    ...figures(rows.find((r) => r.grouping === 3)),
    byTopic: rows
      .filter((r) => r.grouping === 1)
      .map((r) => ({ topic: r.topic!, label: topicLabel(r.topic!), ...figures(r) }))
      .sort((a, b) => byViews(a, b) || (a.topic < b.topic ? -1 : 1)),
    byTeam: rows
      .filter((r) => r.grouping === 2)
      .map((r) => ({ teamCode: r.team_code!, ...figures(r) }))
      .sort((a, b) => (a.teamCode < b.teamCode ? -1 : 1)),
    teams: size?.teams ?? 0,
    studios: size?.studios ?? 0,
    members: size?.members ?? 0,
  };
}
