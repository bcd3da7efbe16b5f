import { beforeAll, describe, expect, it } from 'vitest';
import { isValidCreditCode, isValidIdNumber, organisationCodeCheckChar } from '../../core/identifiers.js';
import { districtInfo } from '../../subgraphs/shared/enums.js';
import { serviceKinds } from '../../subgraphs/service-points/entities/index.js';
import { deductionFailureReasons } from '../../subgraphs/social-security/entities/insurance.js';
import type { Agency } from '../../core/identity.js';
import {
  decideStep,
  disputeStages,
  participantsOf,
  waitingFor,
  type CaseState,
} from '../../subgraphs/shared/disputes/workflow.js';
import { caseSteps } from '../../subgraphs/tax/service-account/workflows.js';
import {
  buildWorld,
  chiefLiaisonSubjects,
  DEMO_LIAISON_NAME,
  DEMO_LIAISON_SUBJECT,
  SERVICE_COUNTS,
  generalLiaisonByIndustry,
  generalLiaisonSubjects,
  generateWorld,
  isScale,
  type World,
} from '../../subgraphs/shared/demo-world/index.js';

const TODAY = '2026-11-30';
const DECIMAL = /^\d+\.\d{2}$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const districtCodes = new Set(Object.values(districtInfo).map((d) => d.code));

function expectUnique(values: readonly unknown[], what: string): void {
  const seen = new Set<unknown>();
  const duplicates = values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
  expect(duplicates, `duplicate ${what}`).toEqual([]);
}

/** Asserts a predicate over many rows with one expectation (per-row expect is slow on 100,000s of rows). */
function expectAll<T>(rows: readonly T[], what: string, ok: (row: T) => boolean): void {
  const bad = rows.filter((r) => !ok(r)).slice(0, 5);
  expect(bad, what).toEqual([]);
}

/** Checks that hold at every scale. */
function consistencyChecks(scale: 'test' | 'demo'): void {
  let w: World;
  beforeAll(() => {
    w = buildWorld(scale);
  });

  it('has valid, unique GB 32100 credit codes built from district and organisation codes', () => {
    const codes = w.tax.enterprises.map((e) => e.creditCode);
    expectUnique(codes, 'credit codes');
    expectUnique(
      w.tax.enterprises.map((e) => e.name),
      'enterprise names',
    );
    for (const e of w.tax.enterprises) {
      expect(isValidCreditCode(e.creditCode), e.creditCode).toBe(true);
      expect(e.creditCode[0]).toBe('9');
      expect(['1', '2', '3']).toContain(e.creditCode[1]);
      expect(e.creditCode.slice(2, 8)).toBe(districtInfo[e.district].code);
      expect(organisationCodeCheckChar(e.creditCode.slice(8, 16))).toBe(e.creditCode[16]);
      expect(e.creditCode[1] === '2').toBe(e.registrationType === 'INDIVIDUAL_BUSINESS');
      expect(e.registeredOn <= TODAY).toBe(true);
      expect(e.taxOffice).toMatch(/^国家税务总局.+税务局.+税务分局$/);
    }
  });

  it('has valid, unique citizen ID numbers consistent with birth date, gender and district', () => {
    const persons = w.socialSecurity.persons;
    expectUnique(
      persons.map((p) => p.idNumber),
      'ID numbers',
    );
    expectUnique(
      persons.map((p) => p.personId),
      'person ids',
    );
    for (const p of persons) {
      expect(isValidIdNumber(p.idNumber), p.idNumber).toBe(true);
      expect(districtCodes.has(p.idNumber.slice(0, 6))).toBe(true);
      expect(p.idNumber.slice(6, 14)).toBe(p.birthDate.replaceAll('-', ''));
      expect(Number(p.idNumber[16]) % 2 === 1 ? 'MALE' : 'FEMALE').toBe(p.gender);
      expect(p.personId).toMatch(/^P\d{11}$/);
      expect(p.birthDate < TODAY).toBe(true);
      if (p.phone !== null) expect(p.phone).toMatch(/^1[3589]\d{9}$/);
    }
  });

  it('keeps social and medical insurance consistent with the tax registry and the persons', () => {
    const enterprises = new Set(w.tax.enterprises.map((e) => e.creditCode));
    const persons = new Set(w.socialSecurity.persons.map((p) => p.personId));
    const ss = w.socialSecurity;
    const mi = w.medicalInsurance;
    const siAccounts = new Set(ss.employerAccounts.map((a) => a.creditCode));
    const miAccounts = new Set(mi.employerAccounts.map((a) => a.creditCode));
    for (const code of [...siAccounts, ...miAccounts]) expect(enterprises.has(code)).toBe(true);
    // Every large enterprise is an employer with both accounts.
    for (const e of w.tax.enterprises.filter((x) => x.isLargeEnterprise)) {
      expect(siAccounts.has(e.creditCode) && miAccounts.has(e.creditCode), e.name).toBe(true);
    }
    expect(miAccounts.size / siAccounts.size).toBeGreaterThan(0.85);
    expectUnique(
      ss.employerAccounts.map((a) => a.accountNumber),
      'SI account numbers',
    );
    expectUnique(
      mi.employerAccounts.map((a) => a.accountNumber),
      'MI account numbers',
    );

    expectAll(
      ss.enrolments,
      'SI enrolments',
      (e) =>
        persons.has(e.personId) &&
        (e.employerCreditCode == null || siAccounts.has(e.employerCreditCode)) &&
        (e.employerCreditCode !== null) ===
          ['EMPLOYEE_PENSION', 'UNEMPLOYMENT', 'WORK_INJURY'].includes(e.scheme) &&
        e.startedOn <= TODAY &&
        (e.endedOn == null || e.endedOn >= e.startedOn),
    );
    expectAll(
      mi.enrolments,
      'MI enrolments',
      (e) =>
        persons.has(e.personId) &&
        (e.employerCreditCode == null || miAccounts.has(e.employerCreditCode)) &&
        (e.employerCreditCode !== null) === (e.scheme === 'EMPLOYEE'),
    );
    // insuredCount is what the enrolments say.
    const pensionInsured = new Map<string, number>();
    for (const e of ss.enrolments) {
      if (e.scheme === 'EMPLOYEE_PENSION' && e.status !== 'TERMINATED' && e.employerCreditCode)
        pensionInsured.set(e.employerCreditCode, (pensionInsured.get(e.employerCreditCode) ?? 0) + 1);
    }
    for (const a of ss.employerAccounts) expect(a.insuredCount).toBe(pensionInsured.get(a.creditCode) ?? 0);

    expectAll(
      ss.contributions,
      'contributions',
      (c) =>
        persons.has(c.personId) &&
        (c.employerCreditCode == null || siAccounts.has(c.employerCreditCode)) &&
        c.period <= '2026-11' &&
        DECIMAL.test(c.base) &&
        DECIMAL.test(c.amount) &&
        Number(c.base) >= 4000 &&
        Number(c.base) <= 20_000 &&
        (c.paidOn === null) === (c.status === 'UNPAID') &&
        (c.paidOn == null || c.paidOn <= TODAY),
    );
    const endOfToday = Date.parse('2026-11-30T16:00:00Z');
    expectAll(
      ss.batchDeductions,
      'batch deductions',
      (b) =>
        persons.has(b.personId) &&
        (b.failureReason === null) === (b.result === 'SUCCEEDED') &&
        b.attemptedAt.getTime() <= endOfToday,
    );
    for (const a of [...ss.arrears, ...mi.arrears]) {
      expect(a.amount).toMatch(DECIMAL);
      expect(Number(a.amount)).toBeGreaterThan(0);
      expect(a.periodFrom <= a.periodTo).toBe(true);
      expect(a.assessedOn <= TODAY).toBe(true);
      if (a.debtorKind === 'EMPLOYER') {
        expect(a.personId).toBeNull();
        expect(enterprises.has(a.creditCode ?? '')).toBe(true);
      } else {
        expect(a.creditCode).toBeNull();
        expect(persons.has(a.personId ?? '')).toBe(true);
      }
    }
    const employersOwing = new Set(
      ss.arrears
        .filter((a) => a.debtorKind === 'EMPLOYER' && a.status === 'OUTSTANDING')
        .map((a) => a.creditCode),
    );
    expect(employersOwing.size / siAccounts.size).toBeGreaterThanOrEqual(0.07);
    expect(employersOwing.size / siAccounts.size).toBeLessThanOrEqual(0.11);

    const dues: Record<number, string> = { 2024: '380.00', 2025: '400.00', 2026: '400.00' };
    expectAll(
      mi.yearlyPayments,
      'yearly payments',
      (y) =>
        persons.has(y.personId) &&
        (y.scheme !== 'RESIDENT' || y.amountDue === dues[y.year]) &&
        (!(y.status === 'EXEMPT' || y.status === 'PAID') || y.amountPaid === y.amountDue) &&
        (y.status !== 'UNPAID' || (y.amountPaid === '0.00' && y.paidOn === null)),
    );
  });

  it('deducts every employer’s monthly dues, failing over its arrears months and rarely otherwise', () => {
    const ss = w.socialSecurity;
    const deductions = ss.employerBatchDeductions;
    const accounts = new Set(ss.employerAccounts.map((a) => a.creditCode));
    // What each employer owes each period: its employees' contribution rows, every scheme.
    const due = new Map<string, number>();
    for (const c of ss.contributions) {
      if (!c.employerCreditCode) continue;
      const key = `${c.employerCreditCode} ${c.period}`;
      due.set(key, (due.get(key) ?? 0) + Math.round(Number(c.amount) * 100));
    }
    const months = new Set(ss.contributions.map((c) => c.period));
    const firstPeriod = [...months].sort()[0]!;
    const reasons = new Set<string>(deductionFailureReasons);
    const endOfToday = Date.parse('2026-11-30T16:00:00Z');
    /** The Beijing calendar date of an instant. */
    const beijingDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    expectAll(
      deductions,
      'employer batch deductions',
      (d) =>
        accounts.has(d.creditCode) &&
        DECIMAL.test(d.amount) &&
        Math.round(Number(d.amount) * 100) === due.get(`${d.creditCode} ${d.period}`) &&
        (d.failureReason === null) === (d.result === 'SUCCEEDED') &&
        (d.failureReason == null || reasons.has(d.failureReason)) &&
        d.attemptedAt.getTime() <= endOfToday &&
        beijingDate(d.attemptedAt).slice(0, 7) === d.period,
    );

    // Monthly for every employer over the contribution months: one attempt, a retry after a failure.
    const attempts = new Map<string, typeof deductions>();
    for (const d of deductions) {
      const key = `${d.creditCode} ${d.period}`;
      attempts.set(key, [...(attempts.get(key) ?? []), d]);
    }
    expect(new Set(attempts.keys())).toEqual(
      new Set([...due.keys()].filter((key) => key.split(' ')[1]! >= firstPeriod)),
    );
    expectAll([...attempts.values()], 'attempts of one month', (list) => {
      const sorted = [...list].sort((a, b) => a.attemptedAt.getTime() - b.attemptedAt.getTime());
      const days = sorted.map((d) => beijingDate(d.attemptedAt).slice(8));
      return (
        (days.join() === '15' || days.join() === '15,25') &&
        sorted.slice(0, -1).every((d) => d.result === 'FAILED') &&
        sorted.every((d) => d.bank === sorted[0]!.bank)
      );
    });

    // A month without a successful deduction is a month of the employer's arrears, and every month of
    // an unpaid arrears fails (collected arrears were collected later, by other means).
    const employerArrears = ss.arrears.filter((a) => a.debtorKind === 'EMPLOYER');
    const inArrears = (code: string, period: string, unpaidOnly = false) =>
      employerArrears.some(
        (a) =>
          a.creditCode === code &&
          a.periodFrom <= period &&
          period <= a.periodTo &&
          (!unpaidOnly || a.status !== 'COLLECTED'),
      );
    expectAll([...attempts.entries()], 'months without a success', ([key, list]) => {
      const [code, period] = key.split(' ') as [string, string];
      const paid = list.some((d) => d.result === 'SUCCEEDED');
      return paid ? !inArrears(code, period) : inArrears(code, period) && list.length === 2;
    });
    expect(
      [...attempts.keys()].filter((key) => inArrears(...(key.split(' ') as [string, string]), true)).length,
    ).toBeGreaterThan(0);
    // Each employer's arrears months fail for one reason, a bank-side one where the arrears are disputed.
    for (const code of new Set(employerArrears.map((a) => a.creditCode!))) {
      const failed = deductions.filter(
        (d) => d.creditCode === code && d.result === 'FAILED' && inArrears(code, d.period),
      );
      expect(new Set(failed.map((d) => d.failureReason)).size, code).toBeLessThanOrEqual(1);
      if (employerArrears.some((a) => a.creditCode === code && a.status === 'IN_DISPUTE')) {
        for (const d of failed)
          expect(['ACCOUNT_CLOSED', 'NO_AGREEMENT', 'ACCOUNT_FROZEN']).toContain(d.failureReason);
      }
    }
    // A small share of the others' first attempts fail too.
    const others = deductions.filter(
      (d) =>
        !employerArrears.some((a) => a.creditCode === d.creditCode) &&
        beijingDate(d.attemptedAt).endsWith('15'),
    );
    const share = others.filter((d) => d.result === 'FAILED').length / others.length;
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(0.05);
  });

  it('references existing enterprises and persons from court cases', () => {
    const enterprises = new Map(w.tax.enterprises.map((e) => [e.creditCode, e]));
    const persons = new Map(w.socialSecurity.persons.map((p) => [p.personId, p]));
    const cases = new Set(w.courts.cases.map((c) => c.id));
    expectUnique(
      w.courts.cases.map((c) => c.caseNumber),
      'case numbers',
    );
    for (const c of w.courts.cases) {
      expect(c.caseNumber).toMatch(/^（20(22|23|24|25|26)）川19(02|03|21|22|23)?(民初|行初|执)\d+号$/);
      expect(c.caseNumber.slice(1, 5)).toBe(c.filedOn.slice(0, 4));
      expect(c.caseNumber.includes('行初')).toBe(c.type === 'ADMINISTRATIVE');
      expect(c.caseNumber.includes('执')).toBe(c.type === 'ENFORCEMENT');
      expect(c.court).toMatch(/人民法院$/);
      expect(c.filedOn <= TODAY).toBe(true);
      if (c.closedOn != null) expect(c.closedOn >= c.filedOn && c.closedOn <= TODAY).toBe(true);
      expect(c.closedOn !== null).toBe(c.status === 'CLOSED' || c.status === 'WITHDRAWN');
    }
    for (const p of w.courts.parties) {
      expect(cases.has(p.caseId)).toBe(true);
      if (p.kind === 'ENTERPRISE') {
        expect(p.personId).toBeNull();
        expect(enterprises.get(p.creditCode ?? '')?.name).toBe(p.displayName);
      } else if (p.kind === 'PERSON') {
        expect(p.creditCode).toBeNull();
        expect(persons.get(p.personId ?? '')?.name).toBe(p.displayName);
      } else {
        expect([p.creditCode, p.personId]).toEqual([null, null]);
        expect(p.displayName).toMatch(/局$/);
      }
    }
  });

  it('has the study’s service points and records at existing points for existing subjects', () => {
    const { points, records } = w.servicePoints;
    const counts: Record<string, number> = {};
    for (const p of points) counts[p.kind] = (counts[p.kind] ?? 0) + 1;
    expect(counts).toEqual({
      SOCIAL_INSURANCE_PAYMENT: 621,
      TAX_POST: 108,
      TAX_BANK: 232,
      COMMUNITY: 274,
      FENGQIAO_BRANCH: 31,
      PARTNER_ONE_STOP: 15,
    });
    expectUnique(
      points.map((p) => p.id),
      'point ids',
    );
    for (const p of points) {
      expect(p.id).toMatch(/^SP-5119\d\d-[A-Z]{2}-\d{4}$/);
      expect(p.id.length).toBeLessThanOrEqual(24);
      expect(p.id.slice(3, 9)).toBe(districtInfo[p.district].code);
      expect(p.address.startsWith(`四川省巴中市${districtInfo[p.district].name}`)).toBe(true);
      expect(p.latitude).toBeGreaterThan(31.2);
      expect(p.latitude).toBeLessThan(32.8);
      expect(p.longitude).toBeGreaterThan(106.2);
      expect(p.longitude).toBeLessThan(107.8);
      expect(p.services.length).toBeGreaterThan(0);
      for (const s of p.services) expect(serviceKinds).toContain(s);
    }
    const partnerServices = points.filter((p) => p.kind === 'PARTNER_ONE_STOP').flatMap((p) => p.services);
    for (const s of ['CHILDCARE_DEDUCTION', 'TAX_REGISTRATION', 'VETERANS_TAX_POLICY'] as const)
      expect(partnerServices).toContain(s);

    const pointById = new Map(points.map((p) => [p.id, p]));
    const enterprises = new Set(w.tax.enterprises.map((e) => e.creditCode));
    const persons = new Set(w.socialSecurity.persons.map((p) => p.personId));
    for (const r of records) {
      const point = pointById.get(r.servicePointId);
      expect(point).toBeDefined();
      expect(point!.services).toContain(r.service);
      expect((r.creditCode === null) !== (r.personId === null)).toBe(true);
      if (r.creditCode != null) expect(enterprises.has(r.creditCode)).toBe(true);
      if (r.personId != null) expect(persons.has(r.personId)).toBe(true);
      expect(r.summary.length).toBeGreaterThan(0);
      expect(r.servedAt.getTime()).toBeLessThanOrEqual(Date.parse('2026-11-30T16:00:00Z'));
    }
  });

  it('assigns each large enterprise one chief and one general liaison (by industry); the demo liaison the showcase', () => {
    const enterprises = new Map(w.tax.enterprises.map((e) => [e.creditCode, e]));
    const assignments = w.tax.liaisonAssignments;
    expectUnique(
      assignments.map((a) => `${a.liaisonSubject} ${a.creditCode}`),
      'liaison assignments',
    );
    const subjects = new Set([...chiefLiaisonSubjects, ...generalLiaisonSubjects, DEMO_LIAISON_SUBJECT]);
    expect(chiefLiaisonSubjects).toHaveLength(36);
    expect(chiefLiaisonSubjects[0]).toBe('tax:liaison:C01');
    expect(chiefLiaisonSubjects[35]).toBe('tax:liaison:C36');
    expect(generalLiaisonSubjects).toEqual([1, 2, 3, 4, 5].map((n) => `tax:liaison:G${n}`));
    for (const a of assignments) {
      const e = enterprises.get(a.creditCode);
      expect(e?.isLargeEnterprise, a.creditCode).toBe(true);
      expect(subjects.has(a.liaisonSubject), a.liaisonSubject).toBe(true);
      expect(a.assignedOn >= e!.registeredOn && a.assignedOn <= TODAY).toBe(true);
    }
    for (const e of w.tax.enterprises.filter((x) => x.isLargeEnterprise)) {
      const own = assignments.filter(
        (a) => a.creditCode === e.creditCode && a.liaisonSubject !== DEMO_LIAISON_SUBJECT,
      );
      const chiefs = own.filter((a) => a.kind === 'CHIEF').map((a) => a.liaisonSubject);
      expect(chiefs).toHaveLength(1);
      expect(chiefLiaisonSubjects).toContain(chiefs[0]);
      expect(own.filter((a) => a.kind === 'GENERAL').map((a) => a.liaisonSubject)).toEqual([
        generalLiaisonByIndustry[e.industry],
      ]);
    }
    const demo = assignments
      .filter((a) => a.liaisonSubject === DEMO_LIAISON_SUBJECT)
      .map((a) => a.creditCode);
    expect(demo).toContain(w.showcase.creditCode);
    expect(demo).toHaveLength(6);
  });

  it('has internal notes on existing enterprises by tax and HRSS authors, fitting the columns', () => {
    const enterprises = new Set(w.tax.enterprises.map((e) => e.creditCode));
    const notes = w.tax.internalNotes;
    expect(new Set(notes.map((n) => n.agency))).toEqual(new Set(['tax', 'hrss']));
    expectUnique(
      notes.map((n) => n.idempotencyKey),
      'idempotency keys',
    );
    for (const n of notes) {
      expect(enterprises.has(n.creditCode)).toBe(true);
      expect(n.content.trim()).toBe(n.content);
      expect([...n.content].length).toBeLessThanOrEqual(2000);
      expect(n.idempotencyKey.length).toBeLessThanOrEqual(100);
      expect(n.authorSubject.startsWith(`${n.agency}:`)).toBe(true);
      expect(n.createdAt.getTime()).toBeLessThanOrEqual(Date.parse('2026-11-30T16:00:00Z'));
    }
  });

  it('has v4-shaped uuids, unique within each table, and no undefined fields', () => {
    const tables: Record<string, { id: string }[]> = {
      liaisonAssignments: w.tax.liaisonAssignments,
      internalNotes: w.tax.internalNotes,
      enrolments: w.socialSecurity.enrolments,
      contributions: w.socialSecurity.contributions,
      siArrears: w.socialSecurity.arrears,
      batchDeductions: w.socialSecurity.batchDeductions,
      employerBatchDeductions: w.socialSecurity.employerBatchDeductions,
      miEnrolments: w.medicalInsurance.enrolments,
      yearlyPayments: w.medicalInsurance.yearlyPayments,
      miArrears: w.medicalInsurance.arrears,
      cases: w.courts.cases,
      parties: w.courts.parties,
      records: w.servicePoints.records,
    };
    for (const [name, rows] of Object.entries(tables)) {
      expect(rows.length, name).toBeGreaterThan(0);
      expectUnique(
        rows.map((r) => r.id),
        `${name} ids`,
      );
      expectAll(rows, `${name} ids`, (r) => UUID_V4.test(r.id));
      // Nullable columns are explicit nulls, never missing, so every row has the same shape when seeded.
      expectAll(rows, `${name} fields`, (r) => Object.values(r).every((v) => v !== undefined));
    }
  });

  it('fits the column lengths of the entities', () => {
    const longest = <T>(rows: readonly T[], field: (r: T) => string | null | undefined) =>
      Math.max(0, ...rows.map((r) => [...(field(r) ?? '')].length));
    expect(longest(w.tax.enterprises, (e) => e.name)).toBeLessThanOrEqual(200);
    expect(longest(w.tax.enterprises, (e) => e.taxOffice)).toBeLessThanOrEqual(100);
    expect(longest(w.socialSecurity.persons, (p) => p.name)).toBeLessThanOrEqual(50);
    expect(longest(w.socialSecurity.employerAccounts, (a) => a.accountNumber)).toBeLessThanOrEqual(20);
    expect(longest(w.medicalInsurance.employerAccounts, (a) => a.accountNumber)).toBeLessThanOrEqual(20);
    expect(longest(w.socialSecurity.batchDeductions, (b) => b.bank)).toBeLessThanOrEqual(50);
    expect(longest(w.socialSecurity.employerBatchDeductions, (b) => b.bank)).toBeLessThanOrEqual(50);
    expect(longest(w.courts.cases, (c) => c.caseNumber)).toBeLessThanOrEqual(40);
    expect(longest(w.courts.cases, (c) => c.cause)).toBeLessThanOrEqual(50);
    expect(longest(w.courts.cases, (c) => c.court)).toBeLessThanOrEqual(50);
    expect(longest(w.courts.parties, (p) => p.displayName)).toBeLessThanOrEqual(200);
    const points = w.servicePoints.points;
    expect(longest(points, (p) => p.name)).toBeLessThanOrEqual(100);
    expect(longest(points, (p) => p.address)).toBeLessThanOrEqual(200);
    expect(longest(points, (p) => p.openingHours)).toBeLessThanOrEqual(100);
    expect(longest(points, (p) => p.hostOrganisation)).toBeLessThanOrEqual(100);
    expect(longest(points, (p) => p.phone)).toBeLessThanOrEqual(20);
    expect(longest(w.servicePoints.records, (r) => r.summary)).toBeLessThanOrEqual(300);
  });

  it('has dispute cases in every stage across the five districts, each a path the workflow accepts', () => {
    const { cases, steps, parties, counters } = w.disputes.tax;
    expect(new Set(cases.map((c) => c.stage))).toEqual(new Set(disputeStages));
    expect(new Set(cases.map((c) => c.district))).toEqual(new Set(Object.keys(districtInfo)));
    expectUnique(
      cases.map((c) => c.caseNumber),
      'case numbers',
    );
    expectUnique(
      steps.map((s) => s.idempotencyKey),
      'step keys',
    );
    const stepsOf = new Map<string, typeof steps>();
    for (const s of steps) stepsOf.set(s.caseId, [...(stepsOf.get(s.caseId) ?? []), s]);
    const broken: string[] = [];
    for (const c of cases) {
      const own = stepsOf.get(c.id)!.sort((a, b) => a.seq - b.seq);
      let state: CaseState = {
        stage: null,
        subject: c.subject,
        participants: c.participants as Agency[],
        steps: [],
      };
      let entered = own[0]!.at;
      own.forEach((s, i) => {
        const decision = decideStep(state, {
          kind: s.kind,
          department: s.department,
          ...(s.kind === 'MEDIATION_OUTCOME' ? { agreed: s.stageAfter === 'AGREED' } : {}),
          ...(s.satisfaction ? { satisfaction: s.satisfaction } : {}),
        });
        if (!decision.ok || decision.stage !== s.stageAfter || s.seq !== i + 1)
          broken.push(`${c.caseNumber} #${s.seq}`);
        if (i > 0 && s.at <= own[i - 1]!.at) broken.push(`${c.caseNumber} #${s.seq} time`);
        if (s.at.toISOString().slice(0, 10) > TODAY) broken.push(`${c.caseNumber} #${s.seq} future`);
        if (state.stage !== s.stageAfter) entered = s.at;
        state = {
          ...state,
          stage: s.stageAfter,
          steps: [...state.steps, { kind: s.kind, department: s.department }],
        };
      });
      expect(c).toMatchObject({
        stage: state.stage,
        version: own.length,
        waitingFor: waitingFor(state),
        registeredAt: own[0]!.at,
        stageEnteredAt: entered,
      });
      expect(c.participants).toEqual(participantsOf(c.subject, c.intakeAgency as Agency, c.unionRepresents));
    }
    expect(broken).toEqual([]);
    // Case numbers run per year and the counters continue them.
    for (const { year, last } of counters) {
      expect(cases.filter((c) => c.caseNumber.startsWith(`巴社争〔${year}〕`))).toHaveLength(last);
    }
    // Not a 100% success rate: some mediations fail and go to arbitration or litigation.
    const outcomes = steps.filter((s) => s.kind === 'MEDIATION_OUTCOME');
    const agreed = outcomes.filter((s) => s.stageAfter === 'AGREED').length / outcomes.length;
    expect(agreed).toBeGreaterThan(0.6);
    expect(agreed).toBeLessThan(0.95);
    expect(steps.some((s) => s.kind === 'REFERRAL')).toBe(true);
    // Parties exist in the registries of the agencies.
    const enterprises = new Set(w.tax.enterprises.map((e) => e.creditCode));
    const persons = new Set(w.socialSecurity.persons.map((p) => p.personId));
    expectAll(parties, 'dispute parties', (p) =>
      p.role === 'EMPLOYER'
        ? enterprises.has(p.creditCode!)
        : p.role === 'INSURED_PERSON'
          ? persons.has(p.personId!)
          : p.displayName.endsWith('总工会'),
    );
  });

  it('records each step recorded outside tax in its subgraph, confirmed under the ledger’s key and sequence', () => {
    const d = w.disputes;
    const rows = new Map<string, { caseId?: string | null; ledgerSeq?: number | null; status: string }>();
    const add = (
      subgraph: string,
      list: { idempotencyKey: string; caseId?: string | null; ledgerSeq?: number | null; status: string }[],
    ) => {
      for (const row of list) rows.set(`${subgraph}:${row.idempotencyKey}`, row);
    };
    add('social-security', [...d.socialSecurity.findings, ...d.socialSecurity.corrections]);
    add('medical-insurance', [...d.medicalInsurance.findings, ...d.medicalInsurance.corrections]);
    add('service-points', d.servicePoints.mediationRecords);
    add('courts', d.courts.confirmations);
    const elsewhere = d.tax.steps.filter((s) => s.recordedIn !== 'tax');
    expect(elsewhere.length).toBe(rows.size);
    expectAll(elsewhere, 'steps recorded elsewhere', (s) => {
      const row = rows.get(s.idempotencyKey);
      return !!row && row.caseId === s.caseId && row.ledgerSeq === s.seq && row.status === 'CONFIRMED';
    });
    const branches = new Set(
      w.servicePoints.points.filter((p) => p.kind === 'FENGQIAO_BRANCH').map((p) => p.id),
    );
    expectAll(
      d.servicePoints.mediationRecords.filter((r) => r.kind === 'SESSION'),
      'sessions at Fengqiao branches',
      (r) => branches.has(r.servicePointId!),
    );
    // Corrections are applied to the records they correct, with what each row was before.
    const paid = new Map(
      w.socialSecurity.contributions.map((c) => [`${c.personId}|${c.scheme}|${c.period}`, c] as const),
    );
    expect(d.socialSecurity.corrections.length).toBeGreaterThan(0);
    expectAll(d.socialSecurity.corrections, 'applied contribution corrections', (c) =>
      c.periods.every((period, i) => {
        const row = paid.get(`${c.personId}|${c.scheme}|${period}`);
        return row?.status === 'PAID' && row.base === c.base && c.before?.[i]?.period === period;
      }),
    );
    expectAll(d.medicalInsurance.corrections, 'applied medical corrections', (c) =>
      w.medicalInsurance.yearlyPayments.some(
        (y) =>
          y.personId === c.personId &&
          y.year === c.year &&
          y.scheme === c.scheme &&
          y.amountPaid === c.amountPaid,
      ),
    );
  });

  it('has a showcase with data in all five agencies', () => {
    const { creditCode, personId, caseNumber, employerInArrearsCreditCode } = w.showcase;
    const enterprise = w.tax.enterprises.find((e) => e.creditCode === creditCode);
    expect(enterprise).toMatchObject({ isLargeEnterprise: true, district: 'BAZHOU', taxStatus: 'NORMAL' });
    expect(w.socialSecurity.employerAccounts.some((a) => a.creditCode === creditCode)).toBe(true);
    expect(w.medicalInsurance.employerAccounts.some((a) => a.creditCode === creditCode)).toBe(true);
    const partyCases = (pred: (p: World['courts']['parties'][number]) => boolean) =>
      new Set(w.courts.parties.filter(pred).map((p) => p.caseId));
    expect(partyCases((p) => p.creditCode === creditCode).size).toBeGreaterThan(0);
    expect(w.servicePoints.records.some((r) => r.creditCode === creditCode)).toBe(true);

    // The showcase person: formerly employed by the showcase enterprise, now a flexible worker.
    expect(w.socialSecurity.persons.some((p) => p.personId === personId)).toBe(true);
    const enrolments = w.socialSecurity.enrolments.filter((e) => e.personId === personId);
    expect(enrolments.some((e) => e.employerCreditCode === creditCode)).toBe(true);
    expect(enrolments.some((e) => e.scheme === 'FLEXIBLE_PENSION' && e.status === 'ACTIVE')).toBe(true);
    expect(w.socialSecurity.contributions.some((c) => c.personId === personId)).toBe(true);
    const failedPeriods = new Set(
      w.socialSecurity.batchDeductions
        .filter((b) => b.personId === personId && b.result === 'FAILED')
        .map((b) => b.period),
    );
    expect([...failedPeriods].sort()).toEqual(expect.arrayContaining(['2026-09', '2026-10', '2026-11']));
    expect(w.medicalInsurance.yearlyPayments.filter((y) => y.personId === personId).length).toBeGreaterThan(
      0,
    );
    expect(w.servicePoints.records.some((r) => r.personId === personId)).toBe(true);

    // The showcase case joins the two.
    const kase = w.courts.cases.find((c) => c.caseNumber === caseNumber);
    expect(kase).toBeDefined();
    const parties = w.courts.parties.filter((p) => p.caseId === kase!.id);
    expect(parties.map((p) => p.creditCode ?? p.personId).sort()).toEqual([creditCode, personId].sort());

    // The employer in arrears owes SI and MI and is in court.
    const owes = <T extends { creditCode?: string | null; status: string; debtorKind: string }>(rows: T[]) =>
      rows.some(
        (a) =>
          a.creditCode === employerInArrearsCreditCode &&
          a.status === 'OUTSTANDING' &&
          a.debtorKind === 'EMPLOYER',
      );
    expect(owes(w.socialSecurity.arrears)).toBe(true);
    expect(owes(w.medicalInsurance.arrears)).toBe(true);
    // Its employees' contributions for the arrears months are unpaid.
    const arrears = w.socialSecurity.arrears.find((a) => a.creditCode === employerInArrearsCreditCode)!;
    const unpaid = w.socialSecurity.contributions.filter(
      (c) => c.employerCreditCode === employerInArrearsCreditCode && c.status === 'UNPAID',
    );
    expect(unpaid.length).toBeGreaterThan(0);
    expectAll(
      unpaid,
      'unpaid periods',
      (c) => c.period >= arrears.periodFrom && c.period <= arrears.periodTo,
    );
    expect(partyCases((p) => p.creditCode === employerInArrearsCreditCode).size).toBeGreaterThan(0);
  });

  it('has a service account for every large enterprise, and the team of 24 with every assigned liaison', () => {
    const s = w.tax.serviceAccounts;
    const large = w.tax.enterprises.filter((e) => e.isLargeEnterprise);
    expect(s.accounts.map((a) => a.creditCode).sort()).toEqual(large.map((e) => e.creditCode).sort());
    expectUnique(
      s.accounts.map((a) => a.accountNumber),
      'account numbers',
    );
    expectAll(s.accounts, 'account numbers', (a) => /^巴税企册〔202[4-6]〕\d{3}号$/.test(a.accountNumber));
    expectAll(s.accounts, 'opened', (a) => a.openedOn >= '2024-03-01' && a.openedOn <= TODAY);
    expectAll(s.accounts, 'contact phones', (a) => /^1[3-9]\d{9}$/.test(a.contactPhone));
    // The directory: everyone assigned, the city bureau's team of 24, one published number each.
    const team = new Map(s.teamMembers.map((m) => [m.subject, m]));
    expect(s.teamMembers).toHaveLength(1 + 5 + 1 + 36);
    expect(s.teamMembers.filter((m) => m.inCoreTeam)).toHaveLength(24);
    expect(team.get(DEMO_LIAISON_SUBJECT)?.name).toBe(DEMO_LIAISON_NAME);
    expectAll(w.tax.liaisonAssignments, 'assigned liaisons in the directory', (a) =>
      team.has(a.liaisonSubject),
    );
    expectUnique(
      s.teamMembers.map((m) => m.servicePhone),
      'service phones',
    );
    expectAll(s.teamMembers, 'service phones', (m) => /^0827-\d{7}$/.test(m.servicePhone));
    expect(
      s.teamMembers
        .filter((m) => m.role === 'GENERAL_LIAISON')
        .flatMap((m) => m.industries)
        .sort(),
    ).toEqual(Object.keys(generalLiaisonByIndustry).sort());
    // Branches outside Bazhong that are registered on their own have valid codes.
    const outside = s.accounts.flatMap((a) => a.outsideBazhong);
    expect(outside.length).toBeGreaterThan(0);
    expectAll(
      outside,
      'outside credit codes',
      (o) => o.creditCode === null || isValidCreditCode(o.creditCode),
    );
    expectAll(s.accounts, 'group names', (a) => (a.groupRole === 'INDEPENDENT') === (a.groupName === null));
  });

  it('has one to three form versions per account, at most one pending and only as the latest; the account holds the latest approved facts', () => {
    const s = w.tax.serviceAccounts;
    const byAccount = new Map<string, typeof s.forms>();
    for (const f of s.forms) byAccount.set(f.creditCode, [...(byAccount.get(f.creditCode) ?? []), f]);
    expect(byAccount.size).toBe(s.accounts.length);
    const statuses = new Set(s.forms.map((f) => f.status));
    expect(statuses).toEqual(new Set(['SUBMITTED', 'APPROVED', 'RETURNED']));
    for (const account of s.accounts) {
      const versions = byAccount.get(account.creditCode)!;
      expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
      expect(versions.length).toBeGreaterThanOrEqual(1);
      expect(versions.length).toBeLessThanOrEqual(3);
      versions.slice(0, -1).forEach((v) => expect(v.status).not.toBe('SUBMITTED'));
      for (const v of versions) {
        expect(v.submittedAt.toISOString().slice(0, 10) >= account.openedOn).toBe(true);
        expect(v.submittedAt.getTime()).toBeLessThanOrEqual(Date.parse('2026-11-30T16:00:00Z'));
        expect(v.reviewedAt === null).toBe(v.status === 'SUBMITTED');
        if (v.reviewedAt) expect(v.reviewedAt.getTime()).toBeGreaterThan(v.submittedAt.getTime());
        if (v.status === 'RETURNED') expect(v.reviewComment?.length).toBeGreaterThan(0);
      }
      for (const [earlier, later] of versions.slice(0, -1).map((v, i) => [v, versions[i + 1]!] as const)) {
        expect(later.submittedAt.getTime()).toBeGreaterThan(earlier.reviewedAt!.getTime());
      }
      const approved = versions.filter((v) => v.status === 'APPROVED').at(-1);
      expect(account.factsFromVersion).toBe(approved?.version ?? null);
      if (approved) {
        expect({
          groupName: account.groupName,
          groupRole: account.groupRole,
          groupHeadquarters: account.groupHeadquarters,
          outsideBazhong: account.outsideBazhong,
        }).toEqual({
          groupName: approved.content.groupName,
          groupRole: approved.content.groupRole,
          groupHeadquarters: approved.content.groupHeadquarters,
          outsideBazhong: approved.content.outsideBazhong,
        });
      }
    }
    // The tests submit the showcase's next version: nothing of it waits for review.
    expect(byAccount.get(w.showcase.creditCode)!.at(-1)!.status).toBe('APPROVED');
  });

  it('has visits and high-level dialogues from 2024 to today by the enterprises’ liaisons, with open and done follow-ups', () => {
    const s = w.tax.serviceAccounts;
    const accounts = new Map(s.accounts.map((a) => [a.creditCode, a]));
    const liaisons = new Set(w.tax.liaisonAssignments.map((a) => `${a.liaisonSubject} ${a.creditCode}`));
    expect(new Set(s.visits.map((v) => v.kind))).toEqual(
      new Set(['VISIT', 'HIGH_LEVEL_DIALOGUE', 'ONLINE_CONSULTATION']),
    );
    expect(new Set(s.visits.map((v) => v.heldOn.slice(0, 4)))).toEqual(new Set(['2024', '2025', '2026']));
    expectAll(
      s.visits,
      'visit days',
      (v) => v.heldOn >= accounts.get(v.creditCode)!.openedOn && v.heldOn <= TODAY,
    );
    expectAll(s.visits, 'recorders', (v) => liaisons.has(`${v.recorderSubject} ${v.creditCode}`));
    expectAll(
      s.visits,
      'topics',
      (v) => v.topics.length >= 1 && v.participants.some((p) => p.side === 'ENTERPRISE'),
    );
    const visits = new Map(s.visits.map((v) => [v.id, v]));
    expectAll(s.followUps, 'follow-ups', (f) => {
      const visit = visits.get(f.visitId);
      return (
        visit?.creditCode === f.creditCode &&
        f.dueOn >= visit.heldOn &&
        (f.status === 'DONE') === (f.completedOn !== null) &&
        (f.completedOn == null || (f.completedOn >= visit.heldOn && f.completedOn <= TODAY))
      );
    });
    expect(s.followUps.some((f) => f.status === 'OPEN' && f.dueOn < TODAY)).toBe(true);
    expect(s.followUps.some((f) => f.status === 'OPEN' && f.dueOn >= TODAY)).toBe(true);
    expect(s.followUps.filter((f) => f.status === 'DONE').length).toBeGreaterThan(s.followUps.length / 2);
  });

  it('has advance rulings and compliance agreements in every state, as their workflows leave them', () => {
    const { rulings, agreements, counters } = w.tax.serviceAccounts;
    expect(new Set(rulings.map((r) => r.status))).toEqual(
      new Set(['REQUESTED', 'UNDER_REVIEW', 'ISSUED', 'DECLINED']),
    );
    expectUnique(
      rulings.map((r) => r.number),
      'ruling numbers',
    );
    expectAll(rulings, 'ruling numbers', (r) => /^巴税裁〔202[4-6]〕\d{4}号$/.test(r.number));
    expectAll(rulings, 'issued rulings', (r) =>
      r.status === 'ISSUED'
        ? Boolean(r.rulingText && r.validFrom && r.validUntil && r.validFrom <= r.validUntil && r.issuedAt)
        : r.rulingText === null && r.validFrom === null && r.issuedAt === null,
    );
    expectAll(rulings, 'declined rulings', (r) => (r.status === 'DECLINED') === (r.declineReason !== null));
    expectAll(rulings, 'reviews', (r) => (r.status === 'REQUESTED') === (r.reviewStartedAt === null));
    expect(
      rulings.some(
        (r) => r.creditCode === w.showcase.creditCode && r.status === 'ISSUED' && r.validUntil! > TODAY,
      ),
    ).toBe(true);

    expect(new Set(agreements.map((a) => a.status))).toEqual(
      new Set(['DRAFT', 'SIGNED', 'ACTIVE', 'EXPIRED']),
    );
    // Active ones past their end date read as expired.
    expect(agreements.some((a) => a.status === 'ACTIVE' && a.endsOn < TODAY)).toBe(true);
    expect(agreements.some((a) => a.status === 'ACTIVE' && a.endsOn > TODAY)).toBe(true);
    expectUnique(
      agreements.map((a) => a.number),
      'agreement numbers',
    );
    expectAll(agreements, 'agreement terms', (a) => a.startsOn < a.endsOn);
    expectAll(agreements, 'agreement steps', (a) => {
      const signed = a.signedOn !== null;
      const activated = a.activatedOn !== null;
      return (
        signed === (a.status !== 'DRAFT') &&
        activated === (a.status === 'ACTIVE' || a.status === 'EXPIRED') &&
        (a.expiredOn !== null) === (a.status === 'EXPIRED') &&
        (!signed || a.signedOn! <= TODAY) &&
        (!activated || a.signedOn! <= a.activatedOn!)
      );
    });
    // Numbering carries on from the demo data: each counter is at its series' last number.
    for (const [series, rows] of [
      ['RULING', rulings],
      ['AGREEMENT', agreements],
    ] as const) {
      for (const row of rows) {
        const year = row.number.match(/〔(\d{4})〕(\d+)号/)!;
        const counter = counters.find((c) => c.series === `${series}:${year[1]}`);
        expect(counter!.last).toBeGreaterThanOrEqual(Number(year[2]));
      }
    }
  });

  it('has major appeals and group / cross-region cases whose steps replay through the workflow', () => {
    const { cases, caseSteps: steps, accounts } = w.tax.serviceAccounts;
    const byCase = new Map<string, typeof steps>();
    for (const step of steps) byCase.set(step.caseId, [...(byCase.get(step.caseId) ?? []), step]);
    expect(new Set(cases.map((c) => c.kind))).toEqual(
      new Set(['MAJOR_APPEAL', 'GROUP_WIDE', 'CROSS_REGION']),
    );
    expect(new Set(cases.map((c) => c.status))).toEqual(
      new Set(['ACCEPTED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED']),
    );
    expectUnique(
      cases.map((c) => c.number),
      'case numbers',
    );
    const accountOf = new Map(accounts.map((a) => [a.creditCode, a]));
    for (const c of cases) {
      const own = byCase.get(c.id)!;
      expect(own.map((s) => s.seq)).toEqual(own.map((_, i) => i + 1));
      expect(c.version).toBe(own.length);
      let status: string | null = null;
      for (const step of own) {
        expect(caseSteps[step.kind].from.includes(status as never), `${c.number} ${step.kind}`).toBe(true);
        status = caseSteps[step.kind].to;
        expect(step.statusAfter).toBe(status);
      }
      expect(c.status).toBe(status);
      expect(own.every((s, i) => i === 0 || s.at.getTime() > own[i - 1]!.at.getTime())).toBe(true);
      expect((c.resolvedAt !== null) === (c.status === 'RESOLVED' || c.status === 'CLOSED')).toBe(true);
      expect((c.closedAt !== null) === (c.status === 'CLOSED')).toBe(true);
      expect(own.at(-1)!.at.getTime()).toBeLessThanOrEqual(Date.parse('2026-11-30T16:00:00Z'));
      if (c.kind === 'CROSS_REGION') {
        const regions = new Set(accountOf.get(c.creditCode)!.outsideBazhong.map((o) => o.region));
        expect(c.regions.length).toBeGreaterThan(0);
        expect(c.regions.every((r) => regions.has(r))).toBe(true);
      }
      if (c.kind === 'GROUP_WIDE') {
        expect(accountOf.get(c.creditCode)!.groupRole).not.toBe('INDEPENDENT');
        expect(c.memberEnterprises.length).toBeGreaterThan(1);
      }
    }
    const showcase = cases.filter((c) => c.creditCode === w.showcase.creditCode);
    expect(new Set(showcase.map((c) => c.kind))).toEqual(
      new Set(['MAJOR_APPEAL', 'GROUP_WIDE', 'CROSS_REGION']),
    );
    expect(showcase.some((c) => c.kind === 'MAJOR_APPEAL' && c.status === 'IN_PROGRESS')).toBe(true);
  });

  it('has handbook sections written by the enterprises’ liaisons, some in several versions', () => {
    const { handbookSections: sections } = w.tax.serviceAccounts;
    const liaisons = new Set(w.tax.liaisonAssignments.map((a) => `${a.liaisonSubject} ${a.creditCode}`));
    const bySection = new Map<string, typeof sections>();
    for (const v of sections) bySection.set(v.sectionId, [...(bySection.get(v.sectionId) ?? []), v]);
    for (const versions of bySection.values()) {
      expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
      expect(new Set(versions.map((v) => v.creditCode)).size).toBe(1);
      expect(versions.every((v, i) => i === 0 || v.writtenAt > versions[i - 1]!.writtenAt)).toBe(true);
    }
    expectAll(sections, 'section authors', (v) => liaisons.has(`${v.authorSubject} ${v.creditCode}`));
    expect([...bySection.values()].some((versions) => versions.length > 1)).toBe(true);
    expect(sections.some((v) => v.creditCode === w.showcase.creditCode)).toBe(true);
  });

  it('has service-account rows with v4 uuids, unique ids, no undefined fields, fitting the columns', () => {
    const s = w.tax.serviceAccounts;
    const tables: Record<string, { id: string }[]> = {
      forms: s.forms,
      visits: s.visits,
      followUps: s.followUps,
      rulings: s.rulings,
      agreements: s.agreements,
      cases: s.cases,
      caseSteps: s.caseSteps,
      handbookSections: s.handbookSections,
    };
    for (const [name, rows] of Object.entries(tables)) {
      expect(rows.length, name).toBeGreaterThan(0);
      expectUnique(
        rows.map((r) => r.id),
        `${name} ids`,
      );
      expectAll(rows, `${name} ids`, (r) => UUID_V4.test(r.id));
      expectAll(rows, `${name} fields`, (r) => Object.values(r).every((v) => v !== undefined));
    }
    expectAll(s.accounts, 'account fields', (r) => Object.values(r).every((v) => v !== undefined));
    const longest = <T>(rows: readonly T[], field: (r: T) => string | null | undefined) =>
      Math.max(0, ...rows.map((r) => [...(field(r) ?? '')].length));
    expect(longest(s.teamMembers, (m) => m.name)).toBeLessThanOrEqual(50);
    expect(longest(s.teamMembers, (m) => m.office)).toBeLessThanOrEqual(100);
    expect(longest(s.accounts, (a) => a.contactName)).toBeLessThanOrEqual(50);
    expect(longest(s.accounts, (a) => a.groupName)).toBeLessThanOrEqual(200);
    expect(longest(s.accounts, (a) => a.groupHeadquarters)).toBeLessThanOrEqual(100);
    expect(longest(s.visits, (v) => v.location)).toBeLessThanOrEqual(200);
    expect(longest(s.followUps, (f) => f.owner)).toBeLessThanOrEqual(100);
    expect(longest(s.rulings, (r) => r.topic)).toBeLessThanOrEqual(200);
    expect(longest(s.agreements, (a) => a.title)).toBeLessThanOrEqual(200);
    expect(longest(s.cases, (c) => c.title)).toBeLessThanOrEqual(200);
    expect(longest(s.handbookSections, (h) => h.title)).toBeLessThanOrEqual(100);
    expect(longest(s.counters, (c) => c.series)).toBeLessThanOrEqual(40);
  });
}

describe('demo world: test scale', () => {
  it('is deterministic', () => {
    const a = JSON.stringify(generateWorld('test'));
    const b = JSON.stringify(generateWorld('test'));
    expect(a.length).toBeGreaterThan(100_000);
    expect(a === b).toBe(true);
  });

  it('is memoised per scale', () => {
    expect(buildWorld('test')).toBe(buildWorld('test'));
  });

  it('recognises scales', () => {
    expect(['test', 'demo', 'city'].every(isScale)).toBe(true);
    expect(isScale('huge')).toBe(false);
  });

  it('has the test sizes', () => {
    const w = buildWorld('test');
    expect(w.tax.enterprises).toHaveLength(300);
    expect(w.tax.enterprises.filter((e) => e.isLargeEnterprise)).toHaveLength(30);
    expect(w.socialSecurity.employerAccounts).toHaveLength(60);
    expect(w.socialSecurity.persons).toHaveLength(600);
    expect(w.courts.cases).toHaveLength(40);
    expect(w.servicePoints.records).toHaveLength(300);
  });

  it('has the test scale’s service accounts', () => {
    const s = buildWorld('test').tax.serviceAccounts;
    expect(s.accounts).toHaveLength(30);
    expect(s.rulings).toHaveLength(SERVICE_COUNTS.test.rulings);
    expect(s.agreements).toHaveLength(SERVICE_COUNTS.test.agreements);
    expect(s.cases.filter((c) => c.kind === 'MAJOR_APPEAL')).toHaveLength(SERVICE_COUNTS.test.majorAppeals);
    expect(s.cases.filter((c) => c.kind !== 'MAJOR_APPEAL')).toHaveLength(SERVICE_COUNTS.test.groupCases);
  });

  consistencyChecks('test');
});

describe('demo world: demo scale', () => {
  it('has the demo sizes', () => {
    const w = buildWorld('demo');
    expect(w.tax.enterprises).toHaveLength(3000);
    expect(w.tax.enterprises.filter((e) => e.isLargeEnterprise)).toHaveLength(296);
    expect(w.socialSecurity.employerAccounts).toHaveLength(720);
    expect(w.socialSecurity.persons).toHaveLength(8000);
    expect(w.courts.cases).toHaveLength(600);
    expect(w.servicePoints.records).toHaveLength(3000);
  });

  it('gives each of the 36 chief liaisons a share of the 296 large enterprises', () => {
    const w = buildWorld('demo');
    const chiefs = w.tax.liaisonAssignments.filter(
      (a) => a.kind === 'CHIEF' && a.liaisonSubject !== DEMO_LIAISON_SUBJECT,
    );
    expect(chiefs).toHaveLength(296);
    const perChief = new Map<string, number>();
    for (const a of chiefs) perChief.set(a.liaisonSubject, (perChief.get(a.liaisonSubject) ?? 0) + 1);
    expect(perChief.size).toBe(36);
    expect(Math.min(...perChief.values())).toBeGreaterThanOrEqual(8);
    expect(Math.max(...perChief.values())).toBeLessThanOrEqual(9);
    expect(
      new Set(w.tax.liaisonAssignments.filter((a) => a.kind === 'GENERAL').map((a) => a.liaisonSubject)).size,
    ).toBe(5);
  });

  it('has the study’s service accounts: 296, about 40 rulings, 85 major appeals and 32 group / cross-region cases', () => {
    const s = buildWorld('demo').tax.serviceAccounts;
    expect(s.accounts).toHaveLength(296);
    expect(s.rulings).toHaveLength(40);
    expect(s.agreements).toHaveLength(60);
    expect(s.cases.filter((c) => c.kind === 'MAJOR_APPEAL')).toHaveLength(85);
    expect(s.cases.filter((c) => c.kind === 'GROUP_WIDE' || c.kind === 'CROSS_REGION')).toHaveLength(32);
    expect(s.visits.filter((v) => v.kind === 'HIGH_LEVEL_DIALOGUE').length).toBeGreaterThan(100);
    expect(new Set(s.handbookSections.map((h) => h.creditCode)).size).toBeGreaterThan(50);
  });

  it('has the same service points as the test scale', () => {
    expect(buildWorld('demo').servicePoints.points).toEqual(buildWorld('test').servicePoints.points);
  });

  consistencyChecks('demo');
});
