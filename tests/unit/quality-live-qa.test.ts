// The service-quality monitoring and the live Q&A without a database: the indicator tree's shape, how a
// value is rated and scored, which thresholds are consistent, the rectification and session state
// machines, and the demo world's figures (every red value has its one task, tasks in every status; the
// live Q&A programme at the study's size: 6 teams, 88 members, 6 studios, 52 sessions, 3.2 million views).
import { describe, expect, it } from 'vitest';
import { buildWorld, LIVE_QA_FIGURES, QUALITY_MONTHS } from '../../subgraphs/shared/demo-world/index.js';
import { topicCodes } from '../../subgraphs/tax/appeals/topics.js';
import { qualityAppealRates, type QualityIndicator } from '../../subgraphs/tax/entities/index.js';
import { assertOutcome, decideLiveQaAction, liveQaActions } from '../../subgraphs/tax/live-qa/ledger.js';
import {
  assertPeriod,
  assertThresholds,
  assertValue,
  compositeScore,
  daysOfPeriod,
  rate,
  scoreOf,
} from '../../subgraphs/tax/quality/rating.js';
import { qualityIndicatorSeed } from '../../subgraphs/tax/quality/tree.js';
import { qualityUnits } from '../../subgraphs/tax/quality/units.js';
import {
  decideRectificationStep,
  rectificationActions,
  rectificationSteps,
} from '../../subgraphs/tax/quality/workflow.js';

const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'allowed';
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code ?? String(error);
  }
};

describe('the indicator tree', () => {
  const tree = qualityIndicatorSeed();
  const areas = tree.filter((i) => i.level === 1);
  const leaves = tree.filter((i) => i.level === 2);

  it('has 7 level-1 areas and 26 level-2 indicators, each under a level-1 area', () => {
    expect(areas).toHaveLength(7);
    expect(leaves).toHaveLength(26);
    expect(tree).toHaveLength(33);
    const areaCodes = new Set(areas.map((a) => a.code));
    expect(areas.every((a) => a.parentCode === null)).toBe(true);
    expect(leaves.filter((l) => !areaCodes.has(l.parentCode ?? ''))).toEqual([]);
    expect(areas.every((a) => leaves.some((l) => l.parentCode === a.code))).toBe(true);
    expect(new Set(tree.map((i) => i.code)).size).toBe(33);
    expect(new Set(tree.map((i) => i.number)).size).toBe(33);
    expect(tree.map((i) => i.position)).toEqual(tree.map((_, k) => k + 1));
    expect(areas.map((a) => a.code)).toEqual([
      'RESPONSE',
      'HANDLING',
      'SATISFACTION',
      'CONVENIENCE',
      'POLICY',
      'RISK',
      'SUPERVISION',
    ]);
  });

  it('weighs the areas to 100 and each area’s indicators to 100', () => {
    expect(areas.reduce((s, a) => s + a.weight, 0)).toBe(100);
    for (const area of areas) {
      expect(
        leaves.filter((l) => l.parentCode === area.code).reduce((s, l) => s + l.weight, 0),
        area.code,
      ).toBe(100);
    }
  });

  it('computes exactly the five appeal rates from the appeals; the rest are entered; areas are composites', () => {
    const computed = leaves.filter((l) => l.source === 'APPEALS');
    expect(computed.map((l) => l.appealRate).sort()).toEqual([...qualityAppealRates].sort());
    expect(leaves.filter((l) => l.source === 'ENTERED' && l.appealRate === null)).toHaveLength(21);
    expect(
      areas.every((a) => a.source === 'COMPOSITE' && a.amberThreshold === null && a.unit === 'SCORE'),
    ).toBe(true);
  });

  it('has consistent thresholds on every level-2 indicator, names in Chinese with English', () => {
    for (const leaf of leaves) {
      expect(
        codeOf(() => assertThresholds(leaf.direction, leaf.unit, leaf.amberThreshold!, leaf.redThreshold!)),
        leaf.code,
      ).toBe('allowed');
    }
    expect(
      tree.filter((i) => !/^[^()]*[\u4e00-\u9fff][^()]* \(.+\)$/.test(i.name)).map((i) => i.name),
    ).toEqual([]);
  });
});

describe('rating a value', () => {
  const higher = { direction: 'HIGHER_IS_BETTER', amberThreshold: 95, redThreshold: 90 } as const;
  const lower = { direction: 'LOWER_IS_BETTER', amberThreshold: 3, redThreshold: 5 } as const;

  it('where higher is better: below red is RED, below amber AMBER; a value at a threshold has not breached it', () => {
    expect([100, 95, 94.99, 90, 89.99, 0].map((v) => rate(higher, v))).toEqual([
      'GREEN',
      'GREEN',
      'AMBER',
      'AMBER',
      'RED',
      'RED',
    ]);
  });

  it('where lower is better: above red is RED, above amber AMBER', () => {
    expect([0, 3, 3.01, 5, 5.01, 50].map((v) => rate(lower, v))).toEqual([
      'GREEN',
      'GREEN',
      'AMBER',
      'AMBER',
      'RED',
      'RED',
    ]);
  });

  it('refuses thresholds in the wrong order, percentages over 100, and bad values', () => {
    expect(codeOf(() => assertThresholds('HIGHER_IS_BETTER', 'PERCENT', 90, 95))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertThresholds('HIGHER_IS_BETTER', 'PERCENT', 90, 90))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertThresholds('LOWER_IS_BETTER', 'DAYS', 8, 5))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertThresholds('HIGHER_IS_BETTER', 'PERCENT', 101, 90))).toBe('BAD_USER_INPUT');
    expect(assertThresholds('LOWER_IS_BETTER', 'DAYS', 5, 8)).toEqual({ amber: 5, red: 8 });
    expect(codeOf(() => assertValue('PERCENT', 100.5, 'v'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertValue('COUNT', 1.5, 'v'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertValue('DAYS', -1, 'v'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertValue('DAYS', Number.NaN, 'v'))).toBe('BAD_USER_INPUT');
    expect(assertValue('DAYS', 4.123456, 'v')).toBe(4.1235);
  });

  it('scores GREEN 100, AMBER 60, RED 0, weighted within an area and then across areas, skipping what has no value', () => {
    expect(compositeScore([])).toBeNull();
    expect(
      compositeScore([
        { weight: 30, points: 100 },
        { weight: 70, points: 0 },
      ]),
    ).toBe(30);
    const areas = [
      { code: 'A', weight: 60 },
      { code: 'B', weight: 40 },
      { code: 'C', weight: 100 },
    ];
    const of = (parentCode: string, weight: number) =>
      ({ parentCode, weight }) as Pick<QualityIndicator, 'parentCode' | 'weight'>;
    const { score, byArea } = scoreOf(
      [
        { indicator: of('A', 50), rating: 'GREEN' },
        { indicator: of('A', 50), rating: 'AMBER' },
        { indicator: of('B', 100), rating: 'RED' },
      ],
      areas,
    );
    expect(byArea.get('A')).toBe(80);
    expect(byArea.get('B')).toBe(0);
    expect(byArea.get('C')).toBeNull();
    expect(score).toBe(48);
  });

  it('takes months as YYYY-MM, none in the future, and knows their days', () => {
    const now = new Date('2026-11-30T20:00:00Z'); // already December in Bazhong
    expect(assertPeriod('2026-12', 'p', now)).toBe('2026-12');
    expect(codeOf(() => assertPeriod('2027-01', 'p', now))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertPeriod('2026-13', 'p', now))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertPeriod('26-01', 'p', now))).toBe('BAD_USER_INPUT');
    expect(daysOfPeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(daysOfPeriod('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('knows the districts and the handling units, with distinct codes', () => {
    expect(qualityUnits.filter((u) => u.kind === 'DISTRICT')).toHaveLength(5);
    expect(new Set(qualityUnits.map((u) => u.code)).size).toBe(qualityUnits.length);
  });
});

describe('the rectification follow-up', () => {
  const statuses = ['OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED'] as const;

  it('moves OPEN → IN_PROGRESS → DONE → VERIFIED, or back to IN_PROGRESS when verification fails; nothing else', () => {
    const allowed: Record<string, string> = {};
    for (const status of statuses)
      for (const action of rectificationActions) {
        const code = codeOf(() => (allowed[`${status} ${action}`] = decideRectificationStep(status, action)));
        if (code !== 'allowed') expect(code, `${status} ${action}`).toBe('INVALID_TRANSITION');
      }
    expect(allowed).toEqual({
      'OPEN START': 'IN_PROGRESS',
      'IN_PROGRESS PROGRESS': 'IN_PROGRESS',
      'IN_PROGRESS COMPLETE': 'DONE',
      'DONE VERIFY': 'VERIFIED',
      'DONE RETURN': 'IN_PROGRESS',
    });
  });

  it('lets only analysts (the city task force) verify or return', () => {
    expect(rectificationSteps.VERIFY.roles).toEqual(['analyst']);
    expect(rectificationSteps.RETURN.roles).toEqual(['analyst']);
    expect(rectificationSteps.START.roles).toEqual(['appeal-handler', 'analyst']);
  });
});

describe('the live Q&A rules', () => {
  it('moves SCHEDULED → LIVE → ENDED or SCHEDULED → CANCELLED only', () => {
    const moves: Record<string, string> = {};
    for (const status of ['SCHEDULED', 'LIVE', 'ENDED', 'CANCELLED'] as const)
      for (const action of liveQaActions) {
        const code = codeOf(() => (moves[`${status} ${action}`] = decideLiveQaAction(status, action)));
        if (code !== 'allowed') expect(code).toBe('INVALID_TRANSITION');
      }
    expect(moves).toEqual({
      'SCHEDULED START': 'LIVE',
      'SCHEDULED CANCEL': 'CANCELLED',
      'LIVE END': 'ENDED',
    });
  });

  it('refuses more questions answered than received, and negative or fractional figures', () => {
    expect(codeOf(() => assertOutcome({ views: 10, questionsReceived: 5, questionsAnswered: 6 }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(() => assertOutcome({ views: -1, questionsReceived: 5, questionsAnswered: 5 }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(() => assertOutcome({ views: 1.5, questionsReceived: 5, questionsAnswered: 5 }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(() => assertOutcome({ views: 10, questionsReceived: 5, questionsAnswered: 5 }))).toBe(
      'allowed',
    );
  });
});

const END_OF_TODAY = new Date('2026-11-30T10:00:00Z'); // 18:00 in Bazhong

for (const scale of ['test', 'demo'] as const) {
  describe(`demo world (${scale}): service quality`, () => {
    const q = buildWorld(scale).tax.quality;
    const indicators = new Map(q.indicators.map((i) => [i.code, i]));

    it(`has the tree and ${QUALITY_MONTHS[scale]} months of values for every district, and some units`, () => {
      expect(q.indicators).toHaveLength(33);
      const periods = [...new Set(q.values.map((v) => v.period))].sort();
      expect(periods).toHaveLength(QUALITY_MONTHS[scale]);
      expect(periods.at(-1)).toBe('2026-10');
      for (const district of ['BAZHOU', 'ENYANG', 'TONGJIANG', 'NANJIANG', 'PINGCHANG'])
        expect(q.values.filter((v) => v.unit === district)).toHaveLength(26 * QUALITY_MONTHS[scale]);
      expect(q.values.some((v) => v.unitKind === 'HANDLING_UNIT')).toBe(true);
      const triples = q.values.map((v) => `${v.indicatorCode} ${v.unit} ${v.period}`);
      expect(new Set(triples).size).toBe(triples.length);
    });

    it('raises exactly one task for every red value, and none for the others', () => {
      const red = q.values.filter((v) => rate(indicators.get(v.indicatorCode)!, v.value) === 'RED');
      expect(red.length).toBeGreaterThan(10);
      expect(q.tasks.map((t) => t.valueId).sort()).toEqual(red.map((v) => v.id).sort());
      for (const task of q.tasks) {
        const value = red.find((v) => v.id === task.valueId)!;
        expect([task.indicatorCode, task.unit, task.period]).toEqual([
          value.indicatorCode,
          value.unit,
          value.period,
        ]);
      }
    });

    it('has tasks in every status, some overdue and some sent back, whose steps replay through the workflow', () => {
      expect(new Set(q.tasks.map((t) => t.status))).toEqual(
        new Set(['OPEN', 'IN_PROGRESS', 'DONE', 'VERIFIED']),
      );
      expect(
        q.tasks.some((t) => (t.status === 'OPEN' || t.status === 'IN_PROGRESS') && t.dueOn < '2026-11-30'),
      ).toBe(true);
      expect(q.tasks.some((t) => t.returnCount > 0)).toBe(true);
      for (const task of q.tasks) {
        const steps = q.steps.filter((s) => s.taskId === task.id);
        expect(steps.map((s) => s.seq)).toEqual(steps.map((_, k) => k + 1));
        expect(steps[0]!.kind).toBe('RAISE');
        let status: string = 'OPEN';
        for (const step of steps.slice(1)) {
          expect(step.statusBefore).toBe(status);
          status = decideRectificationStep(step.statusBefore, step.kind as never);
          expect(step.statusAfter).toBe(status);
          expect(step.at <= END_OF_TODAY).toBe(true);
        }
        expect(task.status).toBe(status);
        expect(task.version).toBe(steps.length);
      }
    });

    it('keeps every value’s revisions, the last one the value now; corrected values keep the first', () => {
      for (const value of q.values) {
        const revisions = q.revisions.filter((r) => r.valueId === value.id);
        expect(revisions.map((r) => r.revision)).toEqual(revisions.map((_, k) => k + 1));
        expect(revisions.at(-1)!.value).toBe(value.value);
        expect(value.revision).toBe(revisions.length);
      }
      expect(q.values.some((v) => v.revision > 1)).toBe(true);
      expect(q.thresholdChanges.length).toBeGreaterThan(0);
    });
  });
}

describe('demo world (demo): live Q&A at the study’s size', () => {
  const l = buildWorld('demo').tax.liveQa;
  const held = l.sessions.filter((s) => s.status === 'ENDED');

  it('has 6 teams of 88 members and 6 studios', () => {
    expect(l.teams).toHaveLength(LIVE_QA_FIGURES.teams);
    expect(l.studios).toHaveLength(LIVE_QA_FIGURES.studios);
    expect(l.members).toHaveLength(88);
    expect(l.teams.every((t) => l.members.some((m) => m.teamCode === t.code))).toBe(true);
  });

  it('held exactly 52 sessions from June 2024 to November 2026, with exactly 3,200,000 views', () => {
    expect(held).toHaveLength(52);
    const inRange = l.sessions.filter(
      (s) =>
        s.scheduledAt >= new Date('2024-05-31T16:00:00Z') && s.scheduledAt < new Date('2026-11-30T16:00:00Z'),
    );
    expect(inRange).toEqual(held);
    expect(held.reduce((s, x) => s + x.views!, 0)).toBe(3_200_000);
    expect(l.sessions.map((s) => s.episode)).toEqual(l.sessions.map((_, k) => k + 1));
  });

  it('answers appeal topics the team covers, by its members, never more questions than received', () => {
    for (const s of l.sessions) {
      const team = l.teams.find((t) => t.code === s.teamCode)!;
      expect(topicCodes).toContain(s.topic);
      expect(team.focusTopics).toContain(s.topic);
      expect(s.hostIds.every((id) => l.members.find((m) => m.id === id)?.teamCode === team.code)).toBe(true);
      expect(l.studios.some((st) => st.code === s.studioCode)).toBe(true);
    }
    expect(held.every((s) => s.questionsAnswered! <= s.questionsReceived! && s.questionsAnswered! > 0)).toBe(
      true,
    );
    expect(new Set(l.sessions.map((s) => s.status))).toEqual(new Set(['ENDED', 'SCHEDULED', 'CANCELLED']));
  });

  it('is the same at test scale (the study’s programme whatever the scale)', () => {
    expect(buildWorld('test').tax.liveQa).toEqual(l);
  });
});
