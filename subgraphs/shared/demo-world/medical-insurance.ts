/** The medical insurance bureau's slice: employer accounts, enrolments, yearly payments, arrears. */
import type {
  MiArrears,
  MiEmployerAccount,
  MiEnrolment,
  YearlyPayment,
} from '../../medical-insurance/entities/index.js';
import type { Base, PersonInfo } from './base.js';
import { CURRENT_MONTH, TODAY, dayOf, isoDate, money, monthOfDay, period, yearOfDay } from './calendar.js';
import { GEO } from './geography.js';
import { Rng } from './random.js';
import { firstMonth } from './social-security.js';

export interface MedicalInsuranceSlice {
  employerAccounts: MiEmployerAccount[];
  enrolments: MiEnrolment[];
  yearlyPayments: YearlyPayment[];
  arrears: MiArrears[];
}

const YEARS = [2024, 2025, 2026] as const;
/** Personal contribution of urban-rural residents (城乡居民医保), cents per year. */
export const RESIDENT_DUE: Record<number, number> = { 2024: 38_000, 2025: 40_000, 2026: 40_000 };
/** Flexible workers: the minimum base (60% of the average wage) × 12 × 7.5%, cents per year. */
export const FLEXIBLE_DUE: Record<number, number> = { 2024: 366_390, 2025: 377_820, 2026: 389_160 };
/** Employee medical insurance: 7.5% employer + 2% person of the base. */
const EMPLOYEE_RATE = 0.095;

export function buildMedicalInsurance(base: Base): MedicalInsuranceSlice {
  const rng = new Rng(`bazhong-demo-world:${base.scale}:medical-insurance`);
  const enrolments: MiEnrolment[] = [];
  const yearlyPayments: YearlyPayment[] = [];
  const arrears: MiArrears[] = [];
  const insured = new Map<string, number>();

  const enrol = (
    p: PersonInfo,
    scheme: MiEnrolment['scheme'],
    from: number,
    employer: string | null,
    end: number | null,
    suspended = false,
  ) => {
    enrolments.push({
      id: rng.uuid(),
      personId: p.row.personId,
      scheme,
      employerCreditCode: employer,
      status: end !== null ? 'TERMINATED' : suspended ? 'SUSPENDED' : 'ACTIVE',
      startedOn: isoDate(from),
      endedOn: end === null ? null : isoDate(end),
    });
  };

  /** Residents pay for a year from September of the year before (集中征缴期) to February. */
  const residentYear = (p: PersonInfo, year: number) => {
    const due = RESIDENT_DUE[year]!;
    // Newcomers (newborns, movers) pay within weeks of enrolling instead.
    const collection = Math.min(
      TODAY,
      Math.max(p.medicalStart + rng.int(0, 30), dayOf(year - 1, 9, 1) + rng.int(0, 180)),
    );
    let status: YearlyPayment['status'] = 'PAID';
    if (p.exempt) status = 'EXEMPT';
    else if (rng.chance(p.lapses ? 0.6 : 0.03)) status = 'UNPAID';
    yearlyPayments.push({
      id: rng.uuid(),
      personId: p.row.personId,
      year,
      scheme: 'RESIDENT',
      amountDue: money(due),
      // Exempt residents (特困、低保) are paid for by the medical-assistance subsidy.
      amountPaid: money(status === 'UNPAID' ? 0 : due),
      status,
      paidOn:
        status === 'UNPAID'
          ? null
          : isoDate(
              status === 'EXEMPT'
                ? Math.min(TODAY, Math.max(p.medicalStart, dayOf(year - 1, 12, rng.int(1, 28))))
                : collection,
            ),
    });
  };

  /** Flexible workers pay the year at its start; shortfalls become arrears, some collected later. */
  const flexibleYear = (p: PersonInfo, year: number) => {
    const due = FLEXIBLE_DUE[year]!;
    const firstPeriod = yearOfDay(p.medicalStart) === year ? monthOfDay(p.medicalStart) : year * 12;
    const lastPeriod = year === 2026 ? CURRENT_MONTH : year * 12 + 11;
    let paid = due;
    let paidOn: number | null = Math.max(p.medicalStart, dayOf(year, 1, 5)) + rng.int(0, 60);
    let shortfall: 'NONE' | 'OUTSTANDING' | 'COLLECTED' = 'NONE';
    if (p === base.showcase.person && year === 2026) {
      // Paid monthly through August from the card whose account was later closed.
      paid = Math.round((due * 8) / 12);
      paidOn = dayOf(2026, 8, 20);
      shortfall = 'OUTSTANDING';
    } else if (rng.chance(0.07)) {
      // Earlier years' shortfalls were mostly collected after the assessment.
      shortfall = year < 2026 && rng.chance(0.5) ? 'COLLECTED' : 'OUTSTANDING';
      if (shortfall === 'OUTSTANDING') {
        paid = rng.chance(0.6) ? 0 : Math.round((due * rng.int(3, 9)) / 12);
        paidOn = paid === 0 ? null : paidOn;
      }
    }
    const assessedOn = Math.min(
      TODAY,
      Math.max(
        p.medicalStart + 30,
        year === 2026 ? TODAY - rng.int(0, 20) : dayOf(year + 1, 1, rng.int(10, 25)),
      ),
    );
    if (shortfall === 'COLLECTED') paidOn = assessedOn + rng.int(10, 60);
    yearlyPayments.push({
      id: rng.uuid(),
      personId: p.row.personId,
      year,
      scheme: 'FLEXIBLE',
      amountDue: money(due),
      amountPaid: money(paid),
      status: paid === due ? 'PAID' : paid === 0 ? 'UNPAID' : 'PARTIAL',
      paidOn: paidOn === null ? null : isoDate(Math.min(TODAY, paidOn)),
    });
    if (shortfall !== 'NONE') {
      arrears.push({
        id: rng.uuid(),
        debtorKind: 'PERSON',
        creditCode: null,
        personId: p.row.personId,
        scheme: 'FLEXIBLE',
        periodFrom: period(firstPeriod),
        periodTo: period(lastPeriod),
        amount: money(shortfall === 'COLLECTED' ? Math.round(due * (0.25 + rng.float() * 0.75)) : due - paid),
        status: shortfall,
        assessedOn: isoDate(assessedOn),
      });
    }
  };

  for (const p of base.persons) {
    if (p.former) {
      const employer = base.employers[p.former.employer]!;
      if (employer.miAccount) enrol(p, 'EMPLOYEE', p.former.from, employer.creditCode, p.former.to);
    }
    if (p.role === 'EMPLOYEE') {
      const employer = base.employers[p.employer]!;
      if (!employer.miAccount) continue;
      enrol(p, 'EMPLOYEE', p.startedOn, employer.creditCode, null, employer.suspendedFrom >= 0);
      insured.set(employer.creditCode, (insured.get(employer.creditCode) ?? 0) + 1);
    } else if (p.role === 'FLEXIBLE') {
      if (!p.flexMedical) continue;
      enrol(p, 'FLEXIBLE', p.medicalStart, null, null);
      for (const year of YEARS) if (year >= yearOfDay(p.medicalStart)) flexibleYear(p, year);
    } else {
      enrol(p, 'RESIDENT', p.medicalStart, null, null);
      for (const year of YEARS) if (year >= yearOfDay(p.medicalStart)) residentYear(p, year);
    }
  }

  // Employer arrears follow the same months as the social-insurance arrears plan (or a shorter tail).
  base.employers.forEach((employer, e) => {
    const plan = employer.miArrears;
    if (!plan) return;
    let cents = 0;
    for (const i of employer.employees) {
      const p = base.persons[i]!;
      if (p.employer !== e) continue;
      const months = Math.max(0, plan.toMonth - Math.max(firstMonth(p.startedOn), plan.fromMonth) + 1);
      cents += months * Math.round(p.baseCents * EMPLOYEE_RATE);
    }
    if (cents === 0) {
      const first = base.persons[employer.employees[0]!]!;
      cents = (plan.toMonth - plan.fromMonth + 1) * Math.round(first.baseCents * EMPLOYEE_RATE);
    }
    arrears.push({
      id: rng.uuid(),
      debtorKind: 'EMPLOYER',
      creditCode: employer.creditCode,
      personId: null,
      scheme: 'EMPLOYEE',
      periodFrom: period(plan.fromMonth),
      periodTo: period(plan.toMonth),
      amount: money(cents),
      status: plan.status,
      assessedOn: isoDate(plan.assessedOn),
    });
  });

  const employerAccounts: MiEmployerAccount[] = [];
  base.employers.forEach((employer, i) => {
    if (!employer.miAccount) return;
    employerAccounts.push({
      creditCode: employer.creditCode,
      // 医保单位编号: YB, district code, an eight-digit sequence.
      accountNumber: `YB${GEO[employer.district].code}${String(20_000_000 + i * 11 + rng.int(0, 10)).slice(-8)}`,
      status: employer.suspendedFrom >= 0 ? 'SUSPENDED' : 'ACTIVE',
      // Medical accounts are opened with, or a few weeks after, the social-insurance account.
      openedOn: isoDate(Math.min(TODAY - 1, employer.openedOn + rng.int(0, 45))),
      insuredCount: insured.get(employer.creditCode) ?? 0,
    });
  });

  return { employerAccounts, enrolments, yearlyPayments, arrears };
}
