// The closed loop's rules and the appeal vocabulary, on their own: which step follows which, the time
// limits, the 23 channels in their four groups, the topic enum matching the classifier, the units a work
// order can go to, and the recommendations of the weekly analysis.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type EnumTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../core/paths.js';
import { periodBounds, recommend } from '../../subgraphs/tax/appeals/analysis.js';
import {
  appealChannelCatalogue,
  appealChannels,
  handlingUnits,
  suggestedUnit,
} from '../../subgraphs/tax/appeals/catalogue.js';
import { playbooks } from '../../subgraphs/tax/appeals/playbook.js';
import { ratesOf } from '../../subgraphs/tax/appeals/rates.js';
import { topicCodes } from '../../subgraphs/tax/appeals/topics.js';
import {
  appealStages,
  decideAppealStep,
  dueAt,
  stageLimit,
  type AppealStage,
  type AppealStepKind,
} from '../../subgraphs/tax/appeals/workflow.js';

const sdl = parse(readFileSync(join(repoRoot, 'schema', 'tax', 'appeals.graphql'), 'utf8'));
const enumValues = (name: string) =>
  (
    sdl.definitions.find(
      (d) => d.kind === 'EnumTypeDefinition' && d.name.value === name,
    ) as EnumTypeDefinitionNode
  ).values!.map((v) => v.name.value);

describe('the loop', () => {
  const walk = (stage: AppealStage, kind: AppealStepKind, extra = {}) =>
    decideAppealStep(stage, { kind, ...extra });

  it('goes receive → accept → investigate → handle → feedback → revisit → closed, and nowhere else', () => {
    const path: [AppealStage, AppealStepKind, Record<string, unknown>, AppealStage][] = [
      ['RECEIVED', 'ACCEPT', { handlingUnit: 'BAZHOU_BRANCH_1' }, 'ACCEPTED'],
      ['ACCEPTED', 'START_INVESTIGATION', {}, 'INVESTIGATING'],
      ['INVESTIGATING', 'HANDLE', {}, 'HANDLED'],
      ['HANDLED', 'FEEDBACK', {}, 'FEEDBACK_GIVEN'],
      ['FEEDBACK_GIVEN', 'REVISIT', { satisfaction: 'BASICALLY_SATISFIED' }, 'CLOSED'],
    ];
    for (const [from, kind, extra, to] of path) {
      expect(walk(from, kind, extra)).toEqual({ ok: true, stageAfter: to, reopens: false });
      // Every other progressing step is refused at this stage.
      for (const other of [
        'ACCEPT',
        'START_INVESTIGATION',
        'HANDLE',
        'FEEDBACK',
        'REVISIT',
        'REJECT',
      ] as const) {
        if (other === kind || (from === 'RECEIVED' && other === 'REJECT')) continue;
        const extras =
          other === 'ACCEPT'
            ? { handlingUnit: 'X' }
            : other === 'REVISIT'
              ? { satisfaction: 'SATISFIED' }
              : {};
        expect(walk(from, other, extras), `${other} at ${from}`).toMatchObject({
          ok: false,
          code: 'INVALID_TRANSITION',
        });
      }
    }
  });

  it('reopens on a dissatisfied revisit; refuses everything but a correction once closed or refused', () => {
    expect(walk('FEEDBACK_GIVEN', 'REVISIT', { satisfaction: 'DISSATISFIED' })).toEqual({
      ok: true,
      stageAfter: 'INVESTIGATING',
      reopens: true,
    });
    // Once: a second dissatisfied revisit closes the appeal with the dissatisfaction on record.
    expect(decideAppealStep('FEEDBACK_GIVEN', { kind: 'REVISIT', satisfaction: 'DISSATISFIED' }, 1)).toEqual({
      ok: true,
      stageAfter: 'CLOSED',
      reopens: false,
    });
    for (const stage of ['CLOSED', 'REJECTED'] as const) {
      expect(walk(stage, 'ESCALATE')).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
      expect(walk(stage, 'RECLASSIFY', { topic: 'ETAX' })).toEqual({
        ok: true,
        stageAfter: stage,
        reopens: false,
      });
    }
    expect(walk('RECEIVED', 'RECEIVE')).toMatchObject({ ok: false });
  });

  it('asks for what each step needs and refuses what it does not take', () => {
    expect(walk('RECEIVED', 'ACCEPT')).toMatchObject({
      ok: false,
      code: 'BAD_USER_INPUT',
      argument: 'input.handlingUnit',
    });
    expect(walk('FEEDBACK_GIVEN', 'REVISIT')).toMatchObject({ ok: false, argument: 'input.satisfaction' });
    expect(walk('ACCEPTED', 'START_INVESTIGATION', { satisfaction: 'SATISFIED' })).toMatchObject({
      ok: false,
      argument: 'input.satisfaction',
    });
    expect(walk('ACCEPTED', 'START_INVESTIGATION', { handlingUnit: 'BAZHOU_BRANCH_1' })).toMatchObject({
      ok: false,
    });
    expect(walk('ACCEPTED', 'RECLASSIFY')).toMatchObject({ ok: false, argument: 'input.topic' });
  });

  it('gives every open stage a limit (the investigation by kind) and closed ones none', () => {
    expect(stageLimit('RECEIVED', 'REPORT')).toBe(1);
    expect(stageLimit('INVESTIGATING', 'CONSULTATION')).toBe(1);
    expect(stageLimit('INVESTIGATING', 'REPORT')).toBe(15);
    expect(stageLimit('CLOSED', 'REPORT')).toBeNull();
    expect(dueAt('HANDLED', 'COMPLAINT', new Date('2026-11-30T00:00:00Z'))).toEqual(
      new Date('2026-12-02T00:00:00Z'),
    );
    expect(appealStages.filter((s) => stageLimit(s, 'COMPLAINT') === null)).toEqual(['CLOSED', 'REJECTED']);
    expect(enumValues('AppealStage')).toEqual([...appealStages]);
  });
});

describe('the vocabulary', () => {
  it('has the study’s 23 channels: 13 tax-service, 6 publicity, 1 data-risk, 3 other', () => {
    expect(appealChannels).toHaveLength(23);
    const groups = Object.values(appealChannelCatalogue).map((c) => c.group);
    const count = (g: string) => groups.filter((x) => x === g).length;
    expect([
      count('TAX_SERVICE'),
      count('PUBLICITY'),
      count('DATA_RISK'),
      count('OTHER_DEPARTMENTS'),
    ]).toEqual([13, 6, 1, 3]);
    expect(enumValues('AppealChannel')).toEqual(appealChannels);
  });

  it('serves exactly the classifier’s topics, each with a playbook', () => {
    expect(enumValues('AppealTopic')).toEqual([...topicCodes]);
    expect(Object.keys(playbooks).sort()).toEqual([...topicCodes].sort());
  });

  it('dispatches to branches and divisions that exist; the service centres supervise', () => {
    const codes = new Set(handlingUnits.map((u) => u.code));
    for (const topic of topicCodes) {
      for (const district of ['BAZHOU', 'PINGCHANG'] as const) {
        const unit = handlingUnits.find((u) => u.code === suggestedUnit(topic, district))!;
        expect(codes.has(unit.code)).toBe(true);
        expect(['COUNTY_BRANCH', 'CITY_DIVISION']).toContain(unit.level);
      }
    }
    expect(handlingUnits.filter((u) => u.level === 'COUNTY_SERVICE_CENTRE')).toHaveLength(5);
  });
});

describe('the analysis', () => {
  it('accepts Mondays for weeks and first days for quarters only', () => {
    expect(periodBounds('WEEKLY', '2026-11-16')).toEqual({
      start: '2026-11-16',
      next: '2026-11-23',
      previous: '2026-11-09',
    });
    expect(periodBounds('QUARTERLY', '2026-10-01')).toEqual({
      start: '2026-10-01',
      next: '2027-01-01',
      previous: '2026-07-01',
    });
    expect(() => periodBounds('WEEKLY', '2026-11-17')).toThrow(/星期一/);
    expect(() => periodBounds('WEEKLY', '2026-02-30')).toThrow(/不存在/);
    expect(() => periodBounds('QUARTERLY', '2026-11-01')).toThrow(/季度/);
  });

  it('recommends a guide, an action with its targeting rule and a live Q&A per hot topic, and supervision where a district lags', () => {
    const rates = (received: number, respondedInTime: number, overdue: number) =>
      ratesOf({
        received,
        respondedInTime,
        accepted: received,
        resolved: 0,
        revisited: 0,
        satisfied: 0,
        duplicates: 0,
        overdue,
      });
    const out = recommend(
      [{ topic: 'SOCIAL_INSURANCE_DEDUCTION', label: '社保费批扣', count: 21, baselineMean: 6 }],
      [
        { key: 'BAZHOU', label: '巴州区', rates: rates(100, 98, 2) },
        { key: 'TONGJIANG', label: '通江县', rates: rates(40, 30, 1) },
        { key: 'NANJIANG', label: '南江县', rates: rates(40, 40, 8) },
      ],
    );
    expect(out.map((r) => [r.kind, r.topic ?? r.district])).toEqual([
      ['GOVERNANCE_GUIDE', 'SOCIAL_INSURANCE_DEDUCTION'],
      ['PROACTIVE_ACTION', 'SOCIAL_INSURANCE_DEDUCTION'],
      ['LIVE_QA', 'SOCIAL_INSURANCE_DEDUCTION'],
      ['SUPERVISION', 'TONGJIANG'],
      ['SUPERVISION', 'NANJIANG'],
    ]);
    expect(out[0]!.text).toContain('3.5 倍');
    expect(out[1]!.rule).toBe('FAILED_BATCH_DEDUCTIONS');
  });
});
