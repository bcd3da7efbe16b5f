// Live Q&A (巴税巴适) on real PostgreSQL, through the tax subgraph's GraphQL: the seeded programme (6 teams,
// 88 members, 6 studios, 52 sessions held with 3.2 million views), read by any government user but not by
// an enterprise account; sessions scheduled once per key in a free studio by the team's members, moved
// SCHEDULED → LIVE → ENDED or CANCELLED and nothing else, and an outcome that never answers more questions
// than it received.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../core/identity.js';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { dataOf, errorCode, executeAs, startTestSubgraph, type TestSubgraph } from '../support/databases.js';
import { testIdentity } from '../support/identities.js';

const programme = buildWorld('test').tax.liveQa;
let tax: TestSubgraph;

beforeAll(async () => {
  tax = await startTestSubgraph('tax');
});
afterAll(async () => tax?.dispose());

const as = <T = Record<string, unknown>>(
  role: Role,
  query: string,
  variables: Record<string, unknown> = {},
) => executeAs<T>(tax.runtime, role, query, variables);
const codeOf = errorCode;
const ok = dataOf;

const SUMMARY = `query ($from: Date, $to: Date) { liveQaSummary(from: $from, to: $to) { sessionsHeld sessionsScheduled
  sessionsCancelled views questionsReceived questionsAnswered answerRate teams studios members
  byTopic { topic label sessionsHeld views questionsAnswered } byTeam { team { code name } sessionsHeld views questionsAnswered } } }`;
interface Summary {
  liveQaSummary: {
    sessionsHeld: number;
    sessionsScheduled: number;
    sessionsCancelled: number;
    views: number;
    questionsReceived: number;
    questionsAnswered: number;
    answerRate: number;
    teams: number;
    studios: number;
    members: number;
    byTopic: {
      topic: string;
      label: string;
      sessionsHeld: number;
      views: number;
      questionsAnswered: number;
    }[];
    byTeam: { team: { code: string }; sessionsHeld: number; views: number; questionsAnswered: number }[];
  };
}

describe('the seeded programme', () => {
  it('has 6 teams of 88 members and 6 studios, readable by any government user, not by an enterprise', async () => {
    const query = `{ liveQaTeams { code name focusTopics members { name position office team { code } } }
      liveQaStudios { code name location district } }`;
    type Teams = {
      liveQaTeams: { code: string; members: { team: { code: string } }[] }[];
      liveQaStudios: { code: string }[];
    };
    for (const role of ['judge', 'hrss-officer', 'petitions-clerk', 'appeal-handler', 'auditor'] as const) {
      const data = ok(await as<Teams>(role, query));
      expect(data.liveQaTeams).toHaveLength(6);
      expect(data.liveQaStudios).toHaveLength(6);
      expect(data.liveQaTeams.flatMap((t) => t.members)).toHaveLength(88);
      expect(data.liveQaTeams.every((t) => t.members.every((m) => m.team.code === t.code))).toBe(true);
    }
    expect(codeOf(await as('enterprise-contact', query))).toBe('FORBIDDEN');
  });

  it('held 52 sessions with 3.2 million views, by topic and by team adding up', async () => {
    const all = ok(await as<Summary>('mediator', SUMMARY)).liveQaSummary;
    expect(all).toMatchObject({
      sessionsHeld: 52,
      sessionsScheduled: 2,
      sessionsCancelled: 1,
      views: 3_200_000,
      teams: 6,
      studios: 6,
      members: 88,
    });
    const held = programme.sessions.filter((s) => s.status === 'ENDED');
    expect(all.questionsAnswered).toBe(held.reduce((s, x) => s + x.questionsAnswered!, 0));
    expect(all.questionsAnswered).toBeLessThanOrEqual(all.questionsReceived);
    expect(all.answerRate).toBeCloseTo(all.questionsAnswered / all.questionsReceived, 10);
    for (const split of [all.byTopic, all.byTeam]) {
      expect(split.reduce((s, x) => s + x.sessionsHeld, 0)).toBe(52);
      expect(split.reduce((s, x) => s + x.views, 0)).toBe(3_200_000);
      expect(split.reduce((s, x) => s + x.questionsAnswered, 0)).toBe(all.questionsAnswered);
    }
    expect(all.byTeam.map((t) => t.team.code).sort()).toEqual(programme.teams.map((t) => t.code).sort());
    expect(all.byTopic[0]!.label).toMatch(/[\u4e00-\u9fff]/);
    // From June 2024 to November 2026 the 52 sessions held are all there is.
    const range = ok(
      await as<Summary>('judge', SUMMARY, { from: '2024-06-01', to: '2026-11-30' }),
    ).liveQaSummary;
    expect(range).toMatchObject({
      sessionsHeld: 52,
      sessionsScheduled: 0,
      sessionsCancelled: 0,
      views: 3_200_000,
    });
    const year = ok(
      await as<Summary>('judge', SUMMARY, { from: '2025-01-01', to: '2025-12-31' }),
    ).liveQaSummary;
    const heldIn2025 = held.filter(
      (s) => s.scheduledAt.toISOString() >= '2024-12-31T16' && s.scheduledAt.toISOString() < '2025-12-31T16',
    );
    expect(year.sessionsHeld).toBe(heldIn2025.length);
    expect(year.views).toBe(heldIn2025.reduce((s, x) => s + x.views!, 0));
  });

  it('pages the sessions newest first with filters, at a constant number of statements', async () => {
    const query = `query ($first: Int, $after: String, $filter: LiveQaSessionFilter) {
      liveQaSessions(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { id episode title topic topicLabel status views questionsAnswered scheduledAt
          studio { name location } team { name } hosts { name position team { code } } } } } }`;
    type Page = {
      liveQaSessions: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: {
          node: {
            id: string;
            episode: number;
            topic: string;
            status: string;
            hosts: { team: { code: string } }[];
          };
        }[];
      };
    };
    const counts: number[] = [];
    for (const first of [4, 40]) {
      const before = tax.runtime.sql.count;
      const page = ok(await as<Page>('union-officer', query, { first })).liveQaSessions;
      counts.push(tax.runtime.sql.count - before);
      expect(page.edges).toHaveLength(first);
      expect(page.edges.every((e) => e.node.hosts.length === 2)).toBe(true);
    }
    // The page, its count, one batch each of studios, teams and hosts (the hosts' team is cached).
    expect(counts).toEqual([5, 5]);

    const episodes: number[] = [];
    let after: string | null = null;
    do {
      const page: Page['liveQaSessions'] = ok(
        await as<Page>('judge', query, { first: 10, after, filter: { status: 'ENDED' } }),
      ).liveQaSessions;
      episodes.push(...page.edges.map((e) => e.node.episode));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(episodes).toEqual(Array.from({ length: 52 }, (_, k) => 52 - k));

    const deedTax = ok(
      await as<Page>('judge', query, { first: 100, filter: { topic: 'DEED_TAX' } }),
    ).liveQaSessions;
    expect(deedTax.totalCount).toBe(programme.sessions.filter((s) => s.topic === 'DEED_TAX').length);
    expect(deedTax.edges.every((e) => e.node.topic === 'DEED_TAX')).toBe(true);
    expect(codeOf(await as('enterprise-contact', query, { first: 1 }))).toBe('FORBIDDEN');
  });
});

const SESSION = `id episode status version title topic source scheduledAt durationMinutes studio { code } team { code }
  hosts { id } startedAt endedAt cancelledAt cancelReason views questionsReceived questionsAnswered keyAnswers
  outcomeRecordedBy scheduledBy`;
interface Session {
  id: string;
  episode: number;
  status: string;
  version: number;
  views: number | null;
  questionsReceived: number | null;
  questionsAnswered: number | null;
  cancelReason: string | null;
  scheduledBy: string;
  outcomeRecordedBy: string | null;
}

describe('scheduling and running a session', () => {
  const team = programme.teams.find((t) => t.code === 'PROPERTY')!;
  const members = programme.members.filter((m) => m.teamCode === team.code);
  const stranger = programme.members.find((m) => m.teamCode !== team.code)!;
  const DAY = 24 * 60 * 60 * 1000;
  const soon = (days: number, hour = 15) => {
    const d = new Date(Date.now() + days * DAY);
    d.setUTCHours(hour - 8, 0, 0, 0);
    return d.toISOString();
  };
  const schedule = (overrides: Record<string, unknown> = {}, role: Role = 'analyst') =>
    as<{ scheduleLiveQaSession: Session }>(
      role,
      `mutation ($input: ScheduleLiveQaSessionInput!) { scheduleLiveQaSession(input: $input) { ${SESSION} } }`,
      {
        input: {
          title: '契税优惠政策直播答疑',
          topic: 'DEED_TAX',
          source: '诉求分析周报〔2026〕第 48 期：契税诉求上升',
          scheduledAt: soon(20),
          durationMinutes: 60,
          studio: 'PINGCHANG',
          team: team.code,
          hosts: [members[1]!.id, members[2]!.id],
          idempotencyKey: randomUUID(),
          ...overrides,
        },
      },
    );
  const change = (session: string, action: string, extra: Record<string, unknown> = {}, key = randomUUID()) =>
    as<{ changeLiveQaSessionStatus: Session }>(
      'appeal-handler',
      `mutation ($input: LiveQaStatusInput!) { changeLiveQaSessionStatus(input: $input) { ${SESSION} } }`,
      { input: { session, action, idempotencyKey: key, ...extra } },
    );
  const outcome = (session: string, figures: Record<string, unknown>, key = randomUUID()) =>
    as<{ recordLiveQaOutcome: Session }>(
      'analyst',
      `mutation ($input: LiveQaOutcomeInput!) { recordLiveQaOutcome(input: $input) { ${SESSION} } }`,
      { input: { session, idempotencyKey: key, ...figures } },
    );

  let id: string;

  it('schedules once per key, numbering the next episode; refuses a busy studio, outsiders as hosts and other roles', async () => {
    const key = randomUUID();
    const first = ok(await schedule({ idempotencyKey: key })).scheduleLiveQaSession;
    expect(first).toMatchObject({
      episode: 56,
      status: 'SCHEDULED',
      version: 1,
      scheduledBy: testIdentity('analyst').name,
    });
    id = first.id;
    const again = ok(await schedule({ idempotencyKey: key })).scheduleLiveQaSession;
    expect(again.id).toBe(id);
    expect(codeOf(await schedule({ idempotencyKey: key, title: '另一场' }))).toBe('IDEMPOTENCY_KEY_REUSED');
    // The studio is taken for that hour; half an hour later it still is, two hours later it is free.
    expect(codeOf(await schedule({ scheduledAt: soon(20) }))).toBe('BAD_USER_INPUT');
    const clash = new Date(Date.parse(soon(20)) + 30 * 60_000).toISOString();
    expect(codeOf(await schedule({ scheduledAt: clash }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await schedule({ hosts: [stranger.id] }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await schedule({ hosts: [] }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await schedule({ topic: 'NOT_A_TOPIC' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await schedule({ studio: 'MOON' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await schedule({ scheduledAt: '2020-01-01T07:00:00Z' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await schedule({ durationMinutes: 5 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await schedule({ scheduledAt: soon(30) }, 'judge'))).toBe('FORBIDDEN');
    expect(codeOf(await schedule({ scheduledAt: soon(30) }, 'auditor'))).toBe('FORBIDDEN');
    const later = ok(await schedule({ scheduledAt: soon(20, 18) })).scheduleLiveQaSession;
    expect(later.episode).toBe(57);
  });

  it('numbers sessions scheduled at once in different studios one after another', async () => {
    const studios = ['CITY', 'BAZHOU', 'ENYANG', 'TONGJIANG', 'NANJIANG'];
    const results = await Promise.all(studios.map((studio) => schedule({ studio, scheduledAt: soon(40) })));
    const episodes = results.map((r) => ok(r).scheduleLiveQaSession.episode).sort((a, b) => a - b);
    expect(episodes).toEqual([58, 59, 60, 61, 62]);
  });

  it('goes SCHEDULED → LIVE → ENDED only, then records an outcome that never answers more than it received', async () => {
    expect(codeOf(await change(id, 'END'))).toBe('INVALID_TRANSITION');
    expect(codeOf(await outcome(id, { views: 1, questionsReceived: 1, questionsAnswered: 1 }))).toBe(
      'INVALID_TRANSITION',
    );
    const key = randomUUID();
    expect(ok(await change(id, 'START', {}, key)).changeLiveQaSessionStatus).toMatchObject({
      status: 'LIVE',
      version: 2,
    });
    // The same request again changes nothing; a new START is refused.
    expect(ok(await change(id, 'START', {}, key)).changeLiveQaSessionStatus.version).toBe(2);
    expect(codeOf(await change(id, 'START'))).toBe('INVALID_TRANSITION');
    expect(codeOf(await change(id, 'CANCEL', { reason: '临时取消' }))).toBe('INVALID_TRANSITION');
    expect(ok(await change(id, 'END')).changeLiveQaSessionStatus.status).toBe('ENDED');

    expect(codeOf(await outcome(id, { views: 1000, questionsReceived: 10, questionsAnswered: 11 }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await outcome(id, { views: -1, questionsReceived: 10, questionsAnswered: 1 }))).toBe(
      'BAD_USER_INPUT',
    );
    const recorded = ok(
      await outcome(id, {
        views: 5200,
        questionsReceived: 48,
        questionsAnswered: 45,
        keyAnswers: '契税由购房人申报缴纳。',
      }),
    ).recordLiveQaOutcome;
    expect(recorded).toMatchObject({
      status: 'ENDED',
      views: 5200,
      questionsReceived: 48,
      questionsAnswered: 45,
      outcomeRecordedBy: testIdentity('analyst').name,
    });
    // The replay's views grow: recorded again.
    const replay = ok(
      await outcome(id, { views: 8800, questionsReceived: 48, questionsAnswered: 48 }),
    ).recordLiveQaOutcome;
    expect(replay).toMatchObject({ views: 8800, questionsAnswered: 48 });
    expect(codeOf(await change(id, 'START'))).toBe('INVALID_TRANSITION');

    const summary = ok(await as<Summary>('judge', SUMMARY)).liveQaSummary;
    expect(summary).toMatchObject({ sessionsHeld: 53, views: 3_208_800 });
  });

  it('cancels a scheduled session only with a reason, and a cancelled one cannot start', async () => {
    const s = ok(await schedule({ scheduledAt: soon(50) })).scheduleLiveQaSession;
    expect(codeOf(await change(s.id, 'CANCEL'))).toBe('BAD_USER_INPUT');
    const cancelled = ok(
      await change(s.id, 'CANCEL', { reason: '与征期辅导冲突，改期' }),
    ).changeLiveQaSessionStatus;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: '与征期辅导冲突，改期' });
    expect(codeOf(await change(s.id, 'START'))).toBe('INVALID_TRANSITION');
    // Its studio slot is free again.
    ok(await schedule({ scheduledAt: soon(50) }));
    expect(codeOf(await change(randomUUID(), 'START'))).toBe('NOT_FOUND');
    expect(codeOf(await as('judge', `{ liveQaSession(id: "${s.id}") { status } }`))).toBe('OK');
  });
});
