// The health-check indicator contract every agency builds its indicators with, and the shared helpers:
// calendar windows in Beijing time, specs, and the Agency enum's values.
import { describe, expect, it } from 'vitest';
import { agencies } from '../../core/identity.js';
import { agencyEnumValues } from '../../subgraphs/shared/health/agency-enum.js';
import { indicator, rate, type HealthRule } from '../../subgraphs/shared/health/indicators.js';
import type { IndicatorDefinition } from '../../subgraphs/shared/health/catalogue.js';
import { counted, measure, noRecordIndicators } from '../../subgraphs/shared/health/specs.js';
import { lastMonths, monthsBefore } from '../../subgraphs/shared/health/windows.js';

describe('rate', () => {
  const arrears: HealthRule = { amber: 0.01, red: 50_000, higherIsWorse: true };
  const headcount: HealthRule = { amber: -10, red: -25, higherIsWorse: false };

  it.each([
    [0, 'GREEN'],
    [0.009, 'GREEN'],
    [0.01, 'AMBER'],
    [49_999.99, 'AMBER'],
    [50_000, 'RED'],
    [1_000_000, 'RED'],
  ] as const)('higher is worse: %s is %s (at a threshold counts as past it)', (value, rating) => {
    expect(rate(value, arrears)).toBe(rating);
  });

  it.each([
    [50, 'GREEN'],
    [0, 'GREEN'],
    [-9.9, 'GREEN'],
    [-10, 'AMBER'],
    [-24.9, 'AMBER'],
    [-25, 'RED'],
    [-100, 'RED'],
  ] as const)('lower is worse: %s is %s', (value, rating) => {
    expect(rate(value, headcount)).toBe(rating);
  });

  it('counts thresholds of whole things: one failure is amber, two red', () => {
    const failures: HealthRule = { amber: 1, red: 2, higherIsWorse: true };
    expect([0, 1, 2, 3].map((n) => rate(n, failures))).toEqual(['GREEN', 'AMBER', 'RED', 'RED']);
  });
});

describe('indicator', () => {
  const asOf = new Date('2026-12-05T02:00:00Z');

  it('carries the value, its rule, the rating the rule gives and when it was computed', () => {
    expect(
      indicator(
        {
          code: 'SI_ARREARS',
          name: '社保费欠费 (social-insurance arrears)',
          sourceAgency: 'hrss',
          unit: '元',
          note: 'n',
        },
        61_234.5,
        { amber: 0.01, red: 50_000, higherIsWorse: true },
        asOf,
      ),
    ).toEqual({
      code: 'SI_ARREARS',
      name: '社保费欠费 (social-insurance arrears)',
      sourceAgency: 'hrss',
      value: 61_234.5,
      unit: '元',
      amberThreshold: 0.01,
      redThreshold: 50_000,
      higherIsWorse: true,
      rating: 'RED',
      asOf,
      note: 'n',
    });
  });

  it('has a null note when none is given', () => {
    const built = indicator(
      { code: 'X', name: 'x', sourceAgency: 'court', unit: '件' },
      0,
      { amber: 1, red: 3, higherIsWorse: true },
      asOf,
    );
    expect(built.note).toBeNull();
    expect(built.rating).toBe('GREEN');
  });

  it('is what measure builds from a definition, and every one at zero for an enterprise without records', () => {
    const spec: IndicatorDefinition = {
      code: 'COURT_ENFORCEMENT',
      name: '被执行案件 (open enforcement cases)',
      sourceAgency: 'court',
      unit: '件',
      rule: { amber: 1, red: 2, higherIsWorse: true },
    };
    expect(measure(spec, 2, 'two', asOf)).toEqual(indicator({ ...spec, note: 'two' }, 2, spec.rule, asOf));
    const trend: IndicatorDefinition = {
      ...spec,
      code: 'T',
      rule: { amber: -10, red: -25, higherIsWorse: false },
    };
    const zeros = noRecordIndicators([spec, trend], 'none', asOf);
    expect(zeros.map((z) => [z.code, z.value, z.rating, z.note])).toEqual([
      ['COURT_ENFORCEMENT', 0, 'GREEN', 'none'],
      ['T', 0, 'GREEN', 'none'],
    ]);
  });
});

describe('notes', () => {
  it('count in English with the noun in the right number', () => {
    expect([0, 1, 2].map((n) => counted(n, 'open case'))).toEqual([
      '0 open cases',
      '1 open case',
      '2 open cases',
    ]);
  });
});

describe('calendar windows (Beijing time)', () => {
  it('takes the three calendar months before the current Beijing month', () => {
    expect(monthsBefore(new Date('2026-12-05T02:00:00Z'), 3)).toEqual({
      from: new Date('2026-08-31T16:00:00Z'),
      until: new Date('2026-11-30T16:00:00Z'),
      firstPeriod: '2026-09',
      lastPeriod: '2026-11',
    });
  });

  it('counts the month in Beijing: 30 November 17:00 UTC is already December there', () => {
    expect(monthsBefore(new Date('2026-11-30T17:00:00Z'), 1).firstPeriod).toBe('2026-11');
    expect(monthsBefore(new Date('2026-11-30T15:59:59Z'), 1).firstPeriod).toBe('2026-10');
  });

  it('crosses a year', () => {
    const window = monthsBefore(new Date('2027-01-10T00:00:00Z'), 3);
    expect([window.firstPeriod, window.lastPeriod]).toEqual(['2026-10', '2026-12']);
    expect(window.until).toEqual(new Date('2026-12-31T16:00:00Z'));
  });

  it('runs the last 12 months from the same Beijing day a year ago, or the month’s last day', () => {
    expect(lastMonths(new Date('2026-12-05T02:00:00Z'), 12)).toEqual({
      fromDate: '2025-12-05',
      from: new Date('2025-12-04T16:00:00Z'),
    });
    expect(lastMonths(new Date('2028-02-29T04:00:00Z'), 12).fromDate).toBe('2027-02-28');
    expect(lastMonths(new Date('2026-03-31T04:00:00Z'), 1).fromDate).toBe('2026-02-28');
    // 23:30 UTC on 4 December is 5 December in Beijing.
    expect(lastMonths(new Date('2026-12-04T23:30:00Z'), 12).fromDate).toBe('2025-12-05');
  });
});

describe('the Agency enum', () => {
  it('serves every agency id of core/identity.ts as its SDL value', () => {
    expect(Object.values(agencyEnumValues).sort()).toEqual([...agencies].sort());
    expect(agencyEnumValues.MEDICAL_INSURANCE).toBe('medical-insurance');
    expect(agencyEnumValues.TRADE_UNION).toBe('trade-union');
    expect(agencyEnumValues.HRSS).toBe('hrss');
  });
});
