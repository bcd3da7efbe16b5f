/**
 * A year of quarterly tax health-check reports (2025-Q4 to 2026-Q3) for every large enterprise, as the
 * large-enterprise team issued them in one batch a few weeks after each quarter. Each indicator is
 * evaluated as of the quarter's end from the world's records where they reach back that far (the tax
 * bureau's compliance records, court cases, service records, the arrears plans and staff of the base);
 * graded, recommended on and hashed exactly as the hub's report builder does, so an issued demo report
 * verifies like any other.
 */
import type { CaseParty, CourtCase } from '../../courts/entities/index.js';
import type { ServiceRecord } from '../../service-points/entities/index.js';
import type { HealthCheckBatch, HealthCheckCounter, HealthCheckReport } from '../../tax/entities/index.js';
import { composeReport, contentHashOf, reportNumberOf } from '../../tax/health/report.js';
import { catalogueIndicator, taxIndicators } from '../../tax/health/indicators.js';
import type { HealthIndicator } from '../health/indicators.js';
import type { Base, EmployerInfo } from './base.js';
import { beijingTime, dayOf, isoDate, monthOfDay } from './calendar.js';
import { Rng } from './random.js';
import { TEAM_LEAD_SUBJECT } from './service-accounts.js';
import type { TaxComplianceSlice } from './tax-compliance.js';

export interface HealthChecksSlice {
  reports: HealthCheckReport[];
  batches: HealthCheckBatch[];
  counters: HealthCheckCounter[];
}

/** The four quarters of demo reports: period, the quarter's last day, and the issuing day. */
const QUARTERS = [
  { period: '2025-Q4', end: dayOf(2025, 12, 31), issued: dayOf(2026, 1, 20) },
  { period: '2026-Q1', end: dayOf(2026, 3, 31), issued: dayOf(2026, 4, 21) },
  { period: '2026-Q2', end: dayOf(2026, 6, 30), issued: dayOf(2026, 7, 17) },
  { period: '2026-Q3', end: dayOf(2026, 9, 30), issued: dayOf(2026, 10, 20) },
];
const TEAM_LEAD = {
  subject: TEAM_LEAD_SUBJECT,
  name: '大企业服务团队负责人 (team lead of the large-enterprise team)',
};
const OPEN_COURT: ReadonlySet<string> = new Set(['FILED', 'IN_MEDIATION', 'IN_TRIAL', 'ENFORCING']);

export function buildHealthChecks(
  base: Base,
  compliance: TaxComplianceSlice,
  courts: { cases: CourtCase[]; parties: CaseParty[] },
  records: ServiceRecord[],
): HealthChecksSlice {
  const rng = new Rng(`bazhong-demo-world:${base.scale}:health-checks`);
  const large = base.enterprises
    .filter((e) => e.isLargeEnterprise)
    .sort((a, b) => (a.creditCode < b.creditCode ? -1 : 1));
  const codes = new Set(large.map((e) => e.creditCode));
  const group = <T extends { creditCode?: string | null }>(rows: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      if (row.creditCode && codes.has(row.creditCode))
        map.set(row.creditCode, [...(map.get(row.creditCode) ?? []), row]);
    }
    return (code: string) => map.get(code) ?? [];
  };
  const filings = group(compliance.filings);
  const anomalies = group(compliance.invoiceAnomalies);
  const arrears = group(compliance.arrears);
  const flags = group(compliance.riskFlags);
  const serviceRecords = group(records);
  const caseById = new Map(courts.cases.map((c) => [c.id, c]));
  const parties = group(courts.parties);
  const employers = new Map<string, EmployerInfo>(base.employers.map((e) => [e.creditCode, e]));

  const slice: HealthChecksSlice = { reports: [], batches: [], counters: [] };
  for (const quarter of QUARTERS) {
    const end = isoDate(quarter.end);
    const yearBefore = isoDate(quarter.end - 365);
    const asOf = beijingTime(quarter.issued, 9, 0);
    const batchId = rng.uuid();
    const issuedAt = beijingTime(quarter.issued, 10, 30);
    const by = <T>(rows: T[], ok: (row: T) => boolean) => rows.filter(ok).length;
    const open = (from: string, to: string | null | undefined) => from <= end && (to == null || to > end);

    large.forEach((enterprise, k) => {
      const code = enterprise.creditCode;
      const due = filings(code).filter((f) => f.dueOn > yearBefore && f.dueOn <= end);
      const onTime = by(due, (f) => f.filedOn != null && f.filedOn <= f.dueOn);
      const owed = arrears(code).filter((a) => open(a.assessedOn, a.paidOn));
      const employer = employers.get(code);
      const cases = parties(code)
        .map((p) => ({ party: p, kase: caseById.get(p.caseId)! }))
        .filter(({ kase }) => kase.filedOn <= end);
      const openCases = cases.filter(
        ({ kase }) => OPEN_COURT.has(kase.status) || (kase.closedOn ?? '') > end,
      );
      const indicators: HealthIndicator[] = [
        // The tax indicators as the tax subgraph computes them, from the records as of the quarter's end.
        ...taxIndicators(
          enterprise,
          {
            due: due.length,
            onTime,
            anomalies: by(anomalies(code), (a) => open(a.detectedOn, a.resolvedOn)),
            owed: owed.reduce((s, a) => s + Number(a.amount), 0),
            owedItems: owed.length,
            flags: by(flags(code), (f) => open(f.raisedOn, f.closedOn)),
            highFlags: by(flags(code), (f) => open(f.raisedOn, f.closedOn) && f.level === 'HIGH'),
          },
          asOf,
        ),
        ...employerIndicators(base, rng, employer, quarter.end, asOf),
        catalogueIndicator('COURT_OPEN_CASES', openCases.length, asOf),
        catalogueIndicator(
          'COURT_ENFORCEMENT',
          by(openCases, ({ kase, party }) => kase.type === 'ENFORCEMENT' && party.role !== 'APPLICANT'),
          asOf,
        ),
        catalogueIndicator(
          'COURT_LABOUR_DEFENDANT',
          by(
            cases,
            ({ kase, party }) =>
              kase.type === 'LABOUR_DISPUTE' &&
              kase.filedOn > yearBefore &&
              (party.role === 'DEFENDANT' || party.role === 'RESPONDENT'),
          ),
          asOf,
        ),
        catalogueIndicator(
          'SP_ASSISTED_SERVICES',
          by(serviceRecords(code), (r) => {
            const day = r.servedAt.toISOString().slice(0, 10);
            return r.mode !== 'ROUTINE' && day > yearBefore && day <= end;
          }),
          asOf,
        ),
      ];
      const content = composeReport(enterprise, quarter.period, indicators);
      const report: HealthCheckReport = {
        id: rng.uuid(),
        reportNumber: reportNumberOf(quarter.period, k + 1),
        creditCode: code,
        period: quarter.period,
        revision: 1,
        ...content,
        contentHash: '',
        issuedAt,
        issuerSubject: TEAM_LEAD.subject,
        issuerName: TEAM_LEAD.name,
        batchId,
      };
      report.contentHash = contentHashOf(report);
      slice.reports.push(report);
    });
    slice.batches.push({
      id: batchId,
      period: quarter.period,
      creditCodes: large.map((e) => e.creditCode),
      issuerSubject: TEAM_LEAD.subject,
      issuedAt,
      reportCount: large.length,
      idempotencyKey: `demo-world:health-check:${quarter.period}`,
    });
    slice.counters.push({ period: quarter.period, last: large.length });
  }
  return slice;
}

/**
 * Social and medical insurance as of a quarter's end, from the base's plans: arrears owed then (the
 * months of the plan up to that end at the staff's contribution), failed batch deductions while owing,
 * and the change of headcount over the year from the staff's hiring and leaving days.
 */
function employerIndicators(
  base: Base,
  rng: Rng,
  employer: EmployerInfo | undefined,
  end: number,
  asOf: Date,
): HealthIndicator[] {
  if (!employer) {
    const none = '未在人社、医保部门登记为用人单位 (not an employer on record)';
    return [
      catalogueIndicator('SI_ARREARS', 0, asOf, none),
      catalogueIndicator('SI_FAILED_DEDUCTIONS', 0, asOf, none),
      catalogueIndicator('SI_HEADCOUNT_TREND', 0, asOf, none),
      catalogueIndicator('MI_ARREARS', 0, asOf, none),
    ];
  }
  const endMonth = monthOfDay(end);
  const staff = employer.employees.length;
  const owing = (plan: EmployerInfo['siArrears']) =>
    plan && plan.assessedOn <= end && (plan.status !== 'COLLECTED' || rng.chance(0.5))
      ? Math.max(0, Math.min(plan.toMonth, endMonth) - plan.fromMonth + 1)
      : 0;
  const siMonths = owing(employer.siArrears);
  const miMonths = owing(employer.miArrears);
  // About 8,800 yuan of pension, unemployment and work injury a month for every ten insured staff.
  const monthly = Math.max(1, staff) * 880;
  const headcount = (day: number) =>
    employer.employees.filter((i) => base.persons[i]!.startedOn <= day).length +
    employer.formerEmployees.filter((i) => {
      const former = base.persons[i]!.former!;
      return former.from <= day && former.to > day;
    }).length;
  const then = headcount(end - 365);
  const trend = then ? Math.round((1000 * (headcount(end) - then)) / then) / 10 : 0;
  return [
    catalogueIndicator('SI_ARREARS', siMonths * monthly, asOf, siMonths ? `欠缴 ${siMonths} 期` : null),
    catalogueIndicator(
      'SI_FAILED_DEDUCTIONS',
      siMonths ? Math.min(3, siMonths) : rng.chance(0.04) ? 1 : 0,
      asOf,
    ),
    catalogueIndicator('SI_HEADCOUNT_TREND', trend, asOf),
    catalogueIndicator(
      'MI_ARREARS',
      Math.round(miMonths * monthly * 0.4),
      asOf,
      miMonths ? `欠缴 ${miMonths} 期` : null,
    ),
  ];
}
