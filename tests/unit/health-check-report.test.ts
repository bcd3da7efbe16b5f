// Grading, recommendations and the content hash of health-check reports, and the demo world's year of
// quarterly reports, which must verify like any report the hub issues.
import { describe, expect, it } from 'vitest';
import { indicatorCatalogue } from '../../subgraphs/shared/health/catalogue.js';
import { indicator, type HealthIndicator } from '../../subgraphs/shared/health/indicators.js';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { gradeOf, periodLabel, recommendationsFor } from '../../subgraphs/tax/health/grading.js';
import { canonicalJson, contentHashOf } from '../../subgraphs/tax/health/report.js';

const asOf = new Date('2026-12-01T01:00:00Z');
/** Every catalogue indicator at a value with the wanted rating. */
function indicators(ratings: Partial<Record<string, 'AMBER' | 'RED'>> = {}): HealthIndicator[] {
  return indicatorCatalogue.map((d) => {
    const { amber, red, higherIsWorse } = d.rule;
    const wanted = ratings[d.code];
    const green = higherIsWorse ? Math.min(0, amber - 1) : Math.max(100, amber + 1);
    const value = wanted === 'RED' ? red : wanted === 'AMBER' ? amber : green;
    return indicator(
      { code: d.code, name: d.name, sourceAgency: d.sourceAgency, unit: d.unit },
      value,
      d.rule,
      asOf,
    );
  });
}

describe('grading a report', () => {
  it('is A with at most one amber, B with two, C with one red, D with two', () => {
    expect(gradeOf(indicators())).toBe('A');
    expect(gradeOf(indicators({ TAX_OWED: 'AMBER' }))).toBe('A');
    expect(gradeOf(indicators({ TAX_OWED: 'AMBER', SI_ARREARS: 'AMBER' }))).toBe('B');
    expect(gradeOf(indicators({ COURT_ENFORCEMENT: 'RED' }))).toBe('C');
    expect(gradeOf(indicators({ COURT_ENFORCEMENT: 'RED', MI_ARREARS: 'RED' }))).toBe('D');
    // Lower is worse: a headcount fall of a quarter is red.
    expect(gradeOf(indicators({ SI_HEADCOUNT_TREND: 'RED' }))).toBe('C');
  });

  it('recommends for every amber or red indicator, red first, each naming a policy or guide', () => {
    const all = indicatorCatalogue.map((d) => d.code);
    const recs = recommendationsFor(indicators(Object.fromEntries(all.map((c) => [c, 'AMBER'])) as never));
    // No red among them: the general recommendation comes last.
    expect(recs.map((r) => r.indicatorCode)).toEqual([...all, null]);
    expect(recs.every((r) => /《.+》/.test(r.policy) && r.text.length > 10)).toBe(true);
    const mixed = recommendationsFor(indicators({ TAX_OWED: 'AMBER', SI_ARREARS: 'RED' }));
    expect(mixed.map((r) => r.indicatorCode)).toEqual(['SI_ARREARS', 'TAX_OWED']);
    // No red: a general recommendation (cooperation agreement, advance rulings) closes the list.
    expect(recommendationsFor(indicators()).map((r) => r.indicatorCode)).toEqual([null]);
  });

  it('labels periods in Chinese', () => {
    expect(periodLabel('2026-Q3')).toBe('2026年第三季度');
  });
});

describe('the content hash', () => {
  const report = {
    reportNumber: '巴税体检〔2026〕Q4-0001号',
    creditCode: '91511902068094701C',
    period: '2026-Q4',
    revision: 1,
    grade: 'A' as const,
    summary: '摘要',
    snapshot: {
      enterprise: {
        creditCode: '91511902068094701C',
        name: '企业',
        district: 'BAZHOU',
        industry: 'CONSTRUCTION',
      },
      indicators: indicators().map((i) => ({ ...i, asOf: i.asOf.toISOString() })),
      recommendations: [],
    },
  };

  it('does not depend on key order, and changes with any indicator’s value', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    const hash = contentHashOf(report);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const reordered = JSON.parse(JSON.stringify(report, Object.keys(report).reverse())) as typeof report;
    expect(contentHashOf({ ...reordered, snapshot: report.snapshot })).toBe(hash);
    const changed = structuredClone(report);
    changed.snapshot.indicators[5]!.value += 0.01;
    expect(contentHashOf(changed)).not.toBe(hash);
  });
});

describe('the demo world’s quarterly reports', () => {
  const world = buildWorld('demo');
  const { reports, batches, counters } = world.tax.healthChecks;
  const large = world.tax.enterprises.filter((e) => e.isLargeEnterprise);

  it('cover four quarters of all 296 large enterprises, numbered per period, in one batch a quarter', () => {
    expect(large).toHaveLength(296);
    expect(reports).toHaveLength(296 * 4);
    expect(batches.map((b) => [b.period, b.reportCount])).toEqual([
      ['2025-Q4', 296],
      ['2026-Q1', 296],
      ['2026-Q2', 296],
      ['2026-Q3', 296],
    ]);
    expect(counters.every((c) => c.last === 296)).toBe(true);
    expect(new Set(reports.map((r) => r.reportNumber)).size).toBe(reports.length);
  });

  it('verify: each hash is the hash of its content, with every catalogue indicator', () => {
    const bad = reports.filter((r) => contentHashOf(r) !== r.contentHash).slice(0, 3);
    expect(bad).toEqual([]);
    const codes = indicatorCatalogue.map((d) => d.code);
    expect(reports.every((r) => r.snapshot.indicators.map((i) => i.code).join() === codes.join())).toBe(true);
  });

  it('are not all sound: some enterprises have points to watch or risks', () => {
    const latest = reports.filter((r) => r.period === '2026-Q3');
    const grades = new Set(latest.map((r) => r.grade));
    expect(grades.has('A')).toBe(true);
    expect(grades.has('B') || grades.has('C') || grades.has('D')).toBe(true);
    expect(latest.filter((r) => r.grade === 'A').length / latest.length).toBeLessThan(0.97);
  });
});
