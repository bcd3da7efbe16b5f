/** The HRSS bureau's slice: employer accounts, enrolments, monthly contributions, arrears, batch deductions. */
import type { Person } from '../../social-security/entities/person.js';
import type {
  BatchDeduction,
  Contribution,
  EmployerBatchDeduction,
  Enrolment,
  SiArrears,
  SiEmployerAccount,
} from '../../social-security/entities/insurance.js';
import type { Enterprise } from '../../tax/entities/enterprise.js';
import type { ArrearsPlan, Base, EmployerInfo, PersonInfo } from './base.js';
import {
  CURRENT_MONTH,
  TODAY,
  beijingTime,
  dayInMonth,
  isoDate,
  money,
  monthOfDay,
  period,
} from './calendar.js';
import { GEO } from './geography.js';
import { Rng, weighted } from './random.js';

export interface SocialSecuritySlice {
  persons: Person[];
  employerAccounts: SiEmployerAccount[];
  enrolments: Enrolment[];
  contributions: Contribution[];
  arrears: SiArrears[];
  batchDeductions: BatchDeduction[];
  employerBatchDeductions: EmployerBatchDeduction[];
}

type Scheme = Enrolment['scheme'];
type FailureReason = NonNullable<BatchDeduction['failureReason']>;

/** Employee pension: 16% employer + 8% person. */
const PENSION_RATE = 0.24;
/** Unemployment: 0.6% employer + 0.4% person (Sichuan). */
const UNEMPLOYMENT_RATE = 0.01;
/** Flexible workers pay 20% of their chosen base into the pension fund. */
const FLEXIBLE_RATE = 0.2;
/** Work-injury rates by industry risk class (0.2%–1.9%), employer only. */
const WORK_INJURY_RATE: Record<Enterprise['industry'], number> = {
  AGRICULTURE: 0.006,
  MINING: 0.016,
  MANUFACTURING: 0.007,
  UTILITIES: 0.007,
  CONSTRUCTION: 0.012,
  WHOLESALE_RETAIL: 0.004,
  TRANSPORT: 0.009,
  ACCOMMODATION_CATERING: 0.004,
  INFORMATION_TECHNOLOGY: 0.002,
  FINANCE: 0.002,
  REAL_ESTATE: 0.004,
  BUSINESS_SERVICES: 0.002,
  PUBLIC_FACILITIES: 0.005,
  RESIDENT_SERVICES: 0.004,
  EDUCATION: 0.003,
  HEALTH: 0.003,
  CULTURE: 0.003,
};
const FAILURE_REASONS = weighted<FailureReason>([
  ['INSUFFICIENT_BALANCE', 72],
  ['ACCOUNT_FROZEN', 10],
  ['NO_AGREEMENT', 9],
  ['ACCOUNT_CLOSED', 9],
]);
// Disputes arise from the bank's side (a closed card, a lapsed agreement), not from an empty account.
const DISPUTE_REASONS: FailureReason[] = ['ACCOUNT_CLOSED', 'NO_AGREEMENT', 'ACCOUNT_FROZEN'];
/** Banks holding employers' basic accounts (基本存款账户) under a deduction agreement. */
const EMPLOYER_BANKS = weighted<string>([
  ['四川农信', 30],
  ['中国农业银行', 18],
  ['中国建设银行', 16],
  ['中国工商银行', 14],
  ['中国银行', 10],
  ['中国邮政储蓄银行', 7],
  ['巴中农村商业银行', 5],
]);
/** Share of an employer's paid months whose first deduction fails (the retry succeeds). */
const EMPLOYER_FIRST_ATTEMPT_FAILURE = 0.02;

/** Is the month inside the plan's unpaid range? */
function inPlan(plan: ArrearsPlan | null, month: number): boolean {
  return plan !== null && month >= plan.fromMonth && month <= plan.toMonth;
}

/** First month a person contributes for an enrolment starting on `day`: the month itself before the 15th. */
export function firstMonth(day: number): number {
  const m = monthOfDay(day);
  return isoDate(day).slice(8) <= '15' ? m : m + 1;
}

/** Monthly amounts (cents) an employee's contribution rows carry, per scheme. */
function employeeAmounts(p: PersonInfo, employer: EmployerInfo): [Scheme, number][] {
  return [
    ['EMPLOYEE_PENSION', Math.round(p.baseCents * PENSION_RATE)],
    ['UNEMPLOYMENT', Math.round(p.baseCents * UNEMPLOYMENT_RATE)],
    ['WORK_INJURY', Math.round(p.baseCents * WORK_INJURY_RATE[employer.enterprise.industry])],
  ];
}

export function buildSocialSecurity(base: Base): SocialSecuritySlice {
  const rng = new Rng(`bazhong-demo-world:${base.scale}:social-security`);
  const windowStart = CURRENT_MONTH - base.sizes.contributionMonths + 1;
  const enrolments: Enrolment[] = [];
  const contributions: Contribution[] = [];
  const arrears: SiArrears[] = [];
  const batchDeductions: BatchDeduction[] = [];
  const insured = new Map<string, number>();
  /** What each employer owes each month (cents, all schemes and employees), by credit code and month. */
  const employerDue = new Map<string, Map<number, number>>();

  const paidDay = (month: number) => dayInMonth(month, rng.int(8, 25));

  /** Contribution rows of one employment: every scheme, every month of the window it covers. */
  const employment = (p: PersonInfo, employer: EmployerInfo, from: number, to: number | null) => {
    const code = employer.creditCode;
    const terminated = to !== null;
    const suspended = !terminated && employer.suspendedFrom >= 0;
    for (const scheme of ['EMPLOYEE_PENSION', 'UNEMPLOYMENT', 'WORK_INJURY'] as const) {
      enrolments.push({
        id: rng.uuid(),
        personId: p.row.personId,
        scheme,
        employerCreditCode: code,
        status: terminated ? 'TERMINATED' : suspended ? 'SUSPENDED' : 'ACTIVE',
        startedOn: isoDate(from),
        endedOn: to === null ? null : isoDate(to),
      });
    }
    if (!terminated) insured.set(code, (insured.get(code) ?? 0) + 1);
    let last = to === null ? CURRENT_MONTH : monthOfDay(to);
    if (suspended) last = Math.min(last, employer.suspendedFrom - 1);
    const first = Math.max(windowStart, firstMonth(from));
    if (first > last) return;
    const baseAmount = money(p.baseCents);
    const cents = employeeAmounts(p, employer);
    const amounts = cents.map(([scheme, c]) => [scheme, money(c)] as const);
    const monthly = cents.reduce((sum, [, c]) => sum + c, 0);
    let due = employerDue.get(code);
    if (!due) employerDue.set(code, (due = new Map()));
    const plan = employer.siArrears;
    for (let m = first; m <= last; m++) {
      due.set(m, (due.get(m) ?? 0) + monthly);
      const unpaid = inPlan(plan, m) && plan!.status !== 'COLLECTED';
      // Collected arrears were paid late, some weeks after the assessment.
      const paidOn = unpaid
        ? null
        : inPlan(plan, m)
          ? isoDate(Math.min(TODAY, plan!.assessedOn + rng.int(20, 90)))
          : isoDate(paidDay(m));
      for (const [scheme, amount] of amounts) {
        contributions.push({
          id: rng.uuid(),
          personId: p.row.personId,
          period: period(m),
          scheme,
          employerCreditCode: code,
          base: baseAmount,
          amount,
          status: unpaid ? 'UNPAID' : 'PAID',
          paidOn,
        });
      }
    }
  };

  /** Flexible worker: monthly batch deductions on the 20th, one retry on the 27th after a failure. */
  const flexible = (p: PersonInfo) => {
    const personId = p.row.personId;
    enrolments.push({
      id: rng.uuid(),
      personId,
      scheme: 'FLEXIBLE_PENSION',
      employerCreditCode: null,
      status: p.suspendedFrom >= 0 ? 'SUSPENDED' : 'ACTIVE',
      startedOn: isoDate(p.startedOn),
      endedOn: null,
    });
    const first = Math.max(windowStart, firstMonth(p.startedOn));
    const last = p.suspendedFrom >= 0 ? p.suspendedFrom - 1 : CURRENT_MONTH;
    const baseAmount = money(p.baseCents);
    const amount = money(Math.round(p.baseCents * FLEXIBLE_RATE));
    // The showcase person changed bank cards and the old account was closed under the agreement.
    const disputeReason: FailureReason =
      p === base.showcase.person
        ? 'ACCOUNT_CLOSED'
        : p.deductionTrouble
          ? rng.pick(DISPUTE_REASONS)
          : 'INSUFFICIENT_BALANCE';
    let runStart = -1;
    const closeRun = (end: number) => {
      if (runStart < 0) return;
      arrears.push({
        id: rng.uuid(),
        debtorKind: 'PERSON',
        creditCode: null,
        personId,
        scheme: 'FLEXIBLE_PENSION',
        periodFrom: period(runStart),
        periodTo: period(end),
        amount: money(Math.round(p.baseCents * FLEXIBLE_RATE) * (end - runStart + 1)),
        status: p.deductionTrouble && end === CURRENT_MONTH ? 'IN_DISPUTE' : 'OUTSTANDING',
        assessedOn: isoDate(Math.min(TODAY, dayInMonth(end + 1, 5))),
      });
      runStart = -1;
    };
    for (let m = first; m <= last; m++) {
      const forcedFailure = p.deductionTrouble && m > CURRENT_MONTH - 3;
      let paidOn: number | null = null;
      for (let attempt = 0; attempt < 2 && paidOn === null; attempt++) {
        const day = dayInMonth(m, attempt === 0 ? 20 : 27);
        const failed = forcedFailure || rng.chance(attempt === 0 ? 0.03 : 0.4);
        batchDeductions.push({
          id: rng.uuid(),
          personId,
          period: period(m),
          scheme: 'FLEXIBLE_PENSION',
          amount,
          bank: p.bank,
          result: failed ? 'FAILED' : 'SUCCEEDED',
          failureReason: failed ? (forcedFailure ? disputeReason : rng.pickWeighted(FAILURE_REASONS)) : null,
          attemptedAt: beijingTime(day, 2, rng.int(0, 59), rng.int(0, 59)),
        });
        if (!failed) paidOn = day;
      }
      contributions.push({
        id: rng.uuid(),
        personId,
        period: period(m),
        scheme: 'FLEXIBLE_PENSION',
        employerCreditCode: null,
        base: baseAmount,
        amount,
        status: paidOn === null ? 'UNPAID' : 'PAID',
        paidOn: paidOn === null ? null : isoDate(paidOn),
      });
      if (paidOn === null && runStart < 0) runStart = m;
      if (paidOn !== null) closeRun(m - 1);
    }
    closeRun(last);
  };

  for (const p of base.persons) {
    if (p.former) {
      const employer = base.employers[p.former.employer]!;
      employment(p, employer, p.former.from, p.former.to);
    }
    if (p.role === 'EMPLOYEE') {
      employment(p, base.employers[p.employer]!, p.startedOn, null);
    } else if (p.role === 'FLEXIBLE') {
      flexible(p);
    } else if (p.birthDay + 16 * 365.25 <= TODAY) {
      enrolments.push({
        id: rng.uuid(),
        personId: p.row.personId,
        scheme: 'RESIDENT_PENSION',
        employerCreditCode: null,
        status: 'ACTIVE',
        startedOn: isoDate(p.startedOn),
        endedOn: null,
      });
    }
  }

  // Employer arrears: what the employees' unpaid months add up to (pension, and unemployment for most).
  base.employers.forEach((employer, e) => {
    const plan = employer.siArrears;
    if (!plan) return;
    let pension = 0;
    let unemployment = 0;
    for (const i of [...employer.employees, ...employer.formerEmployees]) {
      const p = base.persons[i]!;
      const current = p.employer === e;
      const from = firstMonth(current ? p.startedOn : p.former!.from);
      const to = current ? CURRENT_MONTH : monthOfDay(p.former!.to);
      const months = Math.max(0, Math.min(to, plan.toMonth) - Math.max(from, plan.fromMonth) + 1);
      pension += months * Math.round(p.baseCents * PENSION_RATE);
      unemployment += months * Math.round(p.baseCents * UNEMPLOYMENT_RATE);
    }
    const months = plan.toMonth - plan.fromMonth + 1;
    // Employees hired after the arrears began still leave the employer owing at least the minimum.
    if (pension === 0)
      pension = months * Math.round(base.persons[employer.employees[0]!]!.baseCents * PENSION_RATE);
    const row = (scheme: Scheme, cents: number): SiArrears => ({
      id: rng.uuid(),
      debtorKind: 'EMPLOYER',
      creditCode: employer.creditCode,
      personId: null,
      scheme,
      periodFrom: period(plan.fromMonth),
      periodTo: period(plan.toMonth),
      amount: money(cents),
      status: plan.status,
      assessedOn: isoDate(plan.assessedOn),
    });
    arrears.push(row('EMPLOYEE_PENSION', pension));
    if (unemployment > 0 && rng.chance(0.7)) arrears.push(row('UNEMPLOYMENT', unemployment));
  });

  const employerAccounts: SiEmployerAccount[] = base.employers.map((employer, i) => ({
    creditCode: employer.creditCode,
    // 社保登记号: district code, 01, an eight-digit sequence.
    accountNumber: `${GEO[employer.district].code}01${String(10_000_000 + i * 13 + rng.int(0, 12)).slice(-8)}`,
    district: employer.district,
    status: employer.suspendedFrom >= 0 ? 'SUSPENDED' : 'ACTIVE',
    openedOn: isoDate(employer.openedOn),
    insuredCount: insured.get(employer.creditCode) ?? 0,
  }));

  return {
    persons: base.persons.map((p) => p.row),
    employerAccounts,
    enrolments,
    contributions,
    arrears,
    batchDeductions,
    employerBatchDeductions: employerDeductions(base, employerDue),
  };
}

/**
 * Employers' monthly batch deductions (单位社保费批扣) of what they owe for the month: on the 15th, one
 * retry on the 25th after a failure. Over an employer's arrears months both attempts fail (that is how
 * the arrears arose, collected later or not), always for the same reason; in other months a small share
 * of first attempts fail and the retry succeeds, as the paid contributions say. A generator of its own,
 * so the rest of the slice stays as it was.
 */
function employerDeductions(
  base: Base,
  employerDue: Map<string, Map<number, number>>,
): EmployerBatchDeduction[] {
  const rng = new Rng(`bazhong-demo-world:${base.scale}:employer-batch-deductions`);
  const rows: EmployerBatchDeduction[] = [];
  for (const employer of base.employers) {
    const due = employerDue.get(employer.creditCode);
    if (!due) continue;
    const bank = rng.pickWeighted(EMPLOYER_BANKS);
    const plan = employer.siArrears;
    const planReason: FailureReason =
      plan?.status === 'IN_DISPUTE' ? rng.pick(DISPUTE_REASONS) : rng.pickWeighted(FAILURE_REASONS);
    for (const m of [...due.keys()].sort((a, b) => a - b)) {
      const amount = money(due.get(m)!);
      const unpaid = inPlan(plan, m);
      for (let attempt = 0; attempt < 2; attempt++) {
        const failed = unpaid || (attempt === 0 && rng.chance(EMPLOYER_FIRST_ATTEMPT_FAILURE));
        rows.push({
          id: rng.uuid(),
          creditCode: employer.creditCode,
          period: period(m),
          amount,
          bank,
          result: failed ? 'FAILED' : 'SUCCEEDED',
          failureReason: failed ? (unpaid ? planReason : rng.pickWeighted(FAILURE_REASONS)) : null,
          attemptedAt: beijingTime(dayInMonth(m, attempt === 0 ? 15 : 25), 3, rng.int(0, 59), rng.int(0, 59)),
        });
        if (!failed) break;
      }
    }
  }
  return rows;
}
