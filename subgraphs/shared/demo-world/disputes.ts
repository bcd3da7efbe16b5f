/**
 * The joint social-insurance-fee dispute mechanism's cases since it began (September 2024): a spread of
 * cases in every stage across the five districts, each walked step by step through the mechanism's own
 * state machine (`decideStep`), so the seeded ledger is one the hub could have written itself. Every
 * step's details go where the department records them: findings and contribution corrections in
 * social-security and medical-insurance, mediation in service-points, confirmations in courts.
 *
 * Each case is planned backwards from "today": a target stage is drawn (most cases are closed and
 * revisited; about one mediation in five fails), the path to it is laid out with working-day gaps, and
 * the registration day follows from the path's length and how long the case has sat in its stage —
 * sometimes past the stage's time limit, so that work queues show overdue cases.
 */
import { createHash } from 'node:crypto';
import type { Agency, Role } from '../../../core/identity.js';
import type { ComposedSubgraphName } from '../../../core/subgraphs.js';
import type { JudicialConfirmation } from '../../courts/entities/index.js';
import type { MedicalCorrection, YearlyPayment } from '../../medical-insurance/entities/index.js';
import type { MediationRecord, ServicePoint } from '../../service-points/entities/index.js';
import type { ContributionCorrection } from '../../social-security/entities/correction.js';
import type { Contribution } from '../../social-security/entities/insurance.js';
import type {
  DisputeCase,
  DisputeCaseCounter,
  DisputeDocument,
  DisputeParty,
  DisputeStep,
} from '../../tax/entities/index.js';
import {
  decideStep,
  executionBySubject,
  participantsOf,
  recordedIn,
  reviewersBySubject,
  stageTimeLimitDays,
  waitingFor,
  type CaseState,
  type DisputeSatisfaction,
  type DisputeStage,
  type DisputeStepKind,
  type DisputeSubject,
} from '../disputes/workflow.js';
import type { DisputeFinding } from '../disputes/finding.js';
import { districtInfo, districts, type District } from '../enums.js';
import type { Base, EmployerInfo, PersonInfo } from './base.js';
import {
  CURRENT_MONTH,
  TODAY,
  beijingTime,
  dayOf,
  money,
  monthOfDay,
  period,
  yearOfDay,
} from './calendar.js';
import { GEO } from './geography.js';
import { FLEXIBLE_DUE, RESIDENT_DUE } from './medical-insurance.js';
import { personName } from './names.js';
import { Rng, apportion, weighted } from './random.js';

export interface DisputesSlice {
  tax: {
    cases: DisputeCase[];
    parties: DisputeParty[];
    steps: DisputeStep[];
    documents: DisputeDocument[];
    counters: DisputeCaseCounter[];
  };
  socialSecurity: { findings: DisputeFinding[]; corrections: ContributionCorrection[] };
  medicalInsurance: { findings: DisputeFinding[]; corrections: MedicalCorrection[] };
  servicePoints: { mediationRecords: MediationRecord[] };
  courts: { confirmations: JudicialConfirmation[] };
  /** A case with steps in all five subgraphs, for the README's timeline example. */
  showcaseCaseNumber: string;
}

/** Cases registered since the mechanism began, by scale. */
export const DISPUTE_COUNTS = { test: 40, demo: 260, city: 1200 } as const;
/** 《巴中市社会保险费争议联合处理机制》 was issued in September 2024. */
const MECHANISM_START = dayOf(2024, 9, 20);

/** Where cases stand today: most are closed and revisited; the rest spread over the open stages. */
const TARGET_STAGES: readonly (readonly [DisputeStage, number])[] = [
  ['REVISITED', 44],
  ['CLOSED', 8],
  ['REGISTERED', 4],
  ['JOINT_REVIEW', 9],
  ['MEDIATION', 7],
  ['AGREED', 4],
  ['NOT_AGREED', 3],
  ['JUDICIALLY_CONFIRMED', 5],
  ['REFERRED', 5],
  ['EXECUTION', 11],
];
const SUBJECTS = weighted<DisputeSubject>([
  ['MISSING_PERIODS', 30],
  ['CONTRIBUTION_BASE', 20],
  ['ARREARS', 20],
  ['FAILED_BATCH_DEDUCTION', 18],
  ['MEDICAL_CONTRIBUTION', 12],
]);
/** Which department a case came in by, and the channel. */
const INTAKE = weighted<readonly [Agency, string]>([
  [['tax', '12366 纳税缴费服务热线'], 14],
  [['tax', '办税服务厅'], 10],
  [['tax', '枫桥式税务分局'], 12],
  [['petitions', '信访接待'], 12],
  [['petitions', '12345 政务服务热线转办'], 8],
  [['hrss', '人社经办窗口'], 12],
  [['hrss', '12333 人社服务热线'], 6],
  [['trade-union', '职工服务中心'], 8],
  [['justice', '人民调解委员会'], 6],
  [['court', '法院诉前调解'], 5],
  [['medical-insurance', '医保经办窗口'], 7],
]);
const SATISFACTION = weighted<DisputeSatisfaction>([
  ['SATISFIED', 78],
  ['BASICALLY_SATISFIED', 17],
  ['DISSATISFIED', 5],
]);
/** Share of mediations that end in an agreement among cases whose path is drawn freely. */
const AGREEMENT_SHARE = 0.8;

/** The demo persona role each department's staff act as. */
const STAFF_ROLE: Partial<Record<Agency, Role>> = {
  tax: 'appeal-handler',
  hrss: 'hrss-officer',
  'medical-insurance': 'mi-officer',
  court: 'judge',
  justice: 'mediator',
  petitions: 'petitions-clerk',
  'trade-union': 'union-officer',
};

function unitOf(agency: Agency, district: District): string {
  const name = districtInfo[district].name;
  switch (agency) {
    case 'tax':
      return `${name}税务局`;
    case 'hrss':
      return `${name}人社局`;
    case 'medical-insurance':
      return `${name}医保局`;
    case 'court':
      return GEO[district].court.name;
    case 'justice':
      return `${name}司法局`;
    case 'petitions':
      return `${name}信访局`;
    case 'trade-union':
      return `${name}总工会`;
    case 'political-legal':
      return `${name}政法委`;
    default:
      return name;
  }
}

interface Actor {
  subject: string;
  name: string;
  agency: Agency;
}

/** Three staff per department and district, named and numbered, so workloads gather on real people. */
function staffRoster(rng: Rng): (agency: Agency, district: District) => Actor {
  const roster = new Map<string, Actor[]>();
  return (agency, district) => {
    const key = `${agency}:${district}`;
    let staff = roster.get(key);
    if (!staff) {
      staff = [1, 2, 3].map((n) => ({
        subject: `${agency}:${STAFF_ROLE[agency] ?? 'staff'}:${districtInfo[district].code}-${n}`,
        name: `${personName(rng, rng.chance(0.5) ? 'MALE' : 'FEMALE', rng.int(1968, 1996))}（${unitOf(agency, district)}）`,
        agency,
      }));
      roster.set(key, staff);
    }
    return rng.pick(staff);
  };
}

/** One step of a planned case: what it is, who takes it, how many days after the previous step. */
interface PlannedStep {
  kind: DisputeStepKind;
  department: Agency;
  gapDays: number;
  agreed?: boolean;
  satisfaction?: DisputeSatisfaction;
  /** CONTRIBUTION_CORRECTION: the insured person corrected (one correction, one step per person). */
  person?: number;
}

interface Parties {
  employer: EmployerInfo | null;
  persons: PersonInfo[];
  /** Contribution periods in dispute (month indexes), or null for a medical year. */
  fromMonth: number | null;
  toMonth: number | null;
  /** Medical contribution disputes: the year and scheme in dispute. */
  medicalYear: number | null;
  amountCents: number;
}

const PENSION_RATE = 0.24;
const FLEXIBLE_RATE = 0.2;
const EMPLOYEE_MEDICAL_RATE = 0.095;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function buildDisputes(base: Base, points: readonly ServicePoint[]): DisputesSlice {
  const rng = new Rng(`bazhong-demo-world:${base.scale}:disputes`);
  const staff = staffRoster(rng);
  const branches = new Map<District, ServicePoint[]>();
  for (const p of points) {
    if (p.kind !== 'FENGQIAO_BRANCH') continue;
    branches.set(p.district, [...(branches.get(p.district) ?? []), p]);
  }
  const picker = partiesPicker(rng, base);

  const slice: DisputesSlice = {
    tax: { cases: [], parties: [], steps: [], documents: [], counters: [] },
    socialSecurity: { findings: [], corrections: [] },
    medicalInsurance: { findings: [], corrections: [] },
    servicePoints: { mediationRecords: [] },
    courts: { confirmations: [] },
    showcaseCaseNumber: '',
  };

  const counts = apportion(
    DISPUTE_COUNTS[base.scale],
    TARGET_STAGES.map(([, w]) => w),
  );
  const targets = rng.shuffle(counts.flatMap((n, i) => Array<DisputeStage>(n).fill(TARGET_STAGES[i]![0])));

  interface Draft {
    subject: DisputeSubject;
    district: District;
    intake: Agency;
    channel: string;
    unionRepresents: boolean;
    parties: Parties;
    steps: PlannedStep[];
    registeredDay: number;
    showcase: boolean;
  }
  const drafts: Draft[] = [];

  // The showcase: the showcase person's former employer never paid some of 2019's months. Taken up at
  // the 巴州区 Fengqiao branch on 9 October, mediated there on 20 October, confirmed by the court; HRSS
  // and the medical insurance bureau have corrected their records; the tax bureau is to collect.
  {
    const { person, employer } = base.showcase;
    const fromMonth = 2019 * 12 + 2;
    const toMonth = 2019 * 12 + 7;
    drafts.push({
      subject: 'MISSING_PERIODS',
      district: 'BAZHOU',
      intake: 'tax',
      channel: '枫桥式税务分局',
      unionRepresents: false,
      parties: {
        employer,
        persons: [person],
        fromMonth,
        toMonth,
        medicalYear: null,
        amountCents: 6 * Math.round(person.baseCents * PENSION_RATE),
      },
      steps: [
        { kind: 'REGISTER', department: 'tax', gapDays: 0 },
        { kind: 'OPEN_JOINT_REVIEW', department: 'tax', gapDays: 1 },
        { kind: 'FINDING', department: 'hrss', gapDays: 3 },
        { kind: 'FINDING', department: 'medical-insurance', gapDays: 2 },
        { kind: 'MEDIATION_SESSION', department: 'justice', gapDays: 5 },
        { kind: 'MEDIATION_OUTCOME', department: 'justice', gapDays: 0, agreed: true },
        { kind: 'JUDICIAL_CONFIRMATION', department: 'court', gapDays: 8 },
        { kind: 'CONTRIBUTION_CORRECTION', department: 'hrss', gapDays: 13 },
        { kind: 'MEDICAL_CORRECTION', department: 'medical-insurance', gapDays: 4 },
      ],
      registeredDay: dayOf(2026, 10, 9),
      showcase: true,
    });
    targets.splice(targets.indexOf('EXECUTION'), 1);
  }

  for (const target of targets) {
    const subject = rng.pickWeighted(SUBJECTS);
    let [intake, channel] = rng.pickWeighted(INTAKE);
    // The medical insurance bureau takes in medical disputes; the others come to it through the mechanism.
    if (intake === 'medical-insurance' && subject !== 'MEDICAL_CONTRIBUTION')
      [intake, channel] = ['tax', '办税服务厅'];
    const parties = picker(subject, target);
    const district = parties.employer?.district ?? parties.persons[0]?.row.district ?? rng.pick(districts);
    const unionRepresents = parties.employer !== null && rng.chance(intake === 'trade-union' ? 1 : 0.25);
    const steps = planSteps(rng, subject, target, intake, unionRepresents);
    const span = steps.reduce((n, s) => n + s.gapDays, 0);
    // How long the case has sat in its current stage: within the limit mostly, past it sometimes.
    const limit = stageTimeLimitDays[target];
    const idle =
      target === 'REVISITED'
        ? rng.int(0, Math.max(0, TODAY - MECHANISM_START - span))
        : Math.round((limit ?? 15) * (rng.chance(0.12) ? 1.1 + rng.float() : rng.float() * 0.7));
    const registeredDay = Math.max(MECHANISM_START, TODAY - span - idle);
    drafts.push({
      subject,
      district,
      intake,
      channel,
      unionRepresents,
      parties,
      steps,
      registeredDay,
      showcase: false,
    });
  }

  // Case numbers run per year in registration order: 巴社争〔2025〕0042号.
  drafts.sort((a, b) => a.registeredDay - b.registeredDay);
  const perYear = new Map<number, number>();
  for (const draft of drafts) {
    const year = yearOfDay(draft.registeredDay);
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    const caseNumber = `巴社争〔${year}〕${String(n).padStart(4, '0')}号`;
    writeCase(rng, slice, { ...draft, caseNumber }, staff, branches);
    if (draft.showcase) slice.showcaseCaseNumber = caseNumber;
  }
  slice.tax.counters = [...perYear].map(([year, last]) => ({ year, last }));
  return slice;
}

/** The path to `target`: registration, review, mediation, confirmation or referral, execution, closing. */
function planSteps(
  rng: Rng,
  subject: DisputeSubject,
  target: DisputeStage,
  intake: Agency,
  unionRepresents: boolean,
): PlannedStep[] {
  const steps: PlannedStep[] = [{ kind: 'REGISTER', department: intake, gapDays: 0 }];
  const add = (
    kind: DisputeStepKind,
    department: Agency,
    gapDays: number,
    extra: Partial<PlannedStep> = {},
  ) => steps.push({ kind, department, gapDays, ...extra });
  const reached = (stage: DisputeStage) => stage === target;
  if (reached('REGISTERED')) return steps;

  add('OPEN_JOINT_REVIEW', 'tax', rng.int(0, 3));
  const reviewers = [...reviewersBySubject[subject]];
  if (unionRepresents && rng.chance(0.5)) reviewers.push('trade-union');
  // A case still in review has given some of its findings (possibly none, possibly all).
  const findings = reached('JOINT_REVIEW') ? rng.int(0, reviewers.length) : reviewers.length;
  for (const department of rng.shuffle(reviewers).slice(0, findings))
    add('FINDING', department, rng.int(1, 7));
  if (reached('JOINT_REVIEW')) return steps;

  const sessions = rng.chance(0.3) ? 2 : 1;
  for (let k = 0; k < sessions; k++)
    add('MEDIATION_SESSION', 'justice', k === 0 ? rng.int(2, 9) : rng.int(5, 12));
  if (reached('MEDIATION')) return steps;

  const agreed =
    target === 'NOT_AGREED' || target === 'REFERRED'
      ? false
      : target === 'AGREED' || target === 'JUDICIALLY_CONFIRMED' || target === 'EXECUTION'
        ? true
        : rng.chance(AGREEMENT_SHARE);
  add('MEDIATION_OUTCOME', 'justice', rng.int(0, 2), { agreed });
  if (reached('AGREED') || reached('NOT_AGREED')) return steps;

  if (agreed) {
    add('JUDICIAL_CONFIRMATION', 'court', rng.int(3, 18));
    if (reached('JUDICIALLY_CONFIRMED')) return steps;
    const execution = [...executionBySubject[subject]];
    // HRSS corrects pension periods; in about half the missing-period cases medical insurance does too.
    if (subject === 'MISSING_PERIODS' && rng.chance(0.5)) execution.splice(1, 0, 'MEDICAL_CORRECTION');
    const taken = reached('EXECUTION') ? rng.int(1, execution.length) : execution.length;
    for (const kind of execution.slice(0, taken)) {
      const department: Agency =
        kind === 'CONTRIBUTION_CORRECTION'
          ? 'hrss'
          : kind === 'MEDICAL_CORRECTION'
            ? 'medical-insurance'
            : 'tax';
      add(kind, department, rng.int(4, 20));
    }
    if (reached('EXECUTION')) return steps;
  } else {
    add('REFERRAL', 'tax', rng.int(1, 8));
    if (reached('REFERRED')) return steps;
  }
  add('CLOSE', 'tax', rng.int(1, 8));
  if (reached('CLOSED')) return steps;
  add('REVISIT', 'tax', rng.int(3, 14), { satisfaction: rng.pickWeighted(SATISFACTION) });
  return steps;
}

/**
 * Chooses the parties of a case by subject: employers and their (former) employees for employer
 * disputes — employers whose arrears are in dispute or were collected for arrears cases, as the
 * social-security arrears records say — flexible workers whose deductions failed, insured persons of
 * medical insurance for medical contributions.
 */
function partiesPicker(rng: Rng, base: Base): (subject: DisputeSubject, target: DisputeStage) => Parties {
  const latestPeriod = CURRENT_MONTH - base.sizes.contributionMonths;
  const withStaff = base.employers.filter((e) => e.employees.length + e.formerEmployees.length > 0);
  const arrearsBy = (status: string) => rng.shuffle(withStaff.filter((e) => e.siArrears?.status === status));
  const inDispute = arrearsBy('IN_DISPUTE');
  const collected = arrearsBy('COLLECTED');
  const outstanding = arrearsBy('OUTSTANDING');
  const flexible = base.persons.filter((p) => p.role === 'FLEXIBLE' && p !== base.showcase.person);
  const troubled = rng.shuffle(flexible.filter((p) => p.deductionTrouble));
  // Earlier failures concern workers insured for two years at least.
  const longFlexible = flexible.filter(
    (p) => !p.deductionTrouble && monthOfDay(p.startedOn) <= CURRENT_MONTH - 26,
  );
  const residents = base.persons.filter(
    (p) => p.role === 'RESIDENT' && !p.exempt && p.birthDay < TODAY - 18 * 366,
  );
  const flexibleMedical = flexible.filter((p) => p.flexMedical);
  const closedStages: readonly DisputeStage[] = ['CLOSED', 'REVISITED'];

  const staffOf = (employer: EmployerInfo, count: number): PersonInfo[] =>
    rng.sample([...employer.employees, ...employer.formerEmployees], count).map((i) => base.persons[i]!);
  /** Months the person worked for the employer, older than the generated contribution rows. */
  const workedMonths = (p: PersonInfo, employer: EmployerInfo): [number, number] => {
    const former = p.former && base.employers[p.former.employer] === employer ? p.former : null;
    const start = monthOfDay(former ? former.from : p.startedOn);
    const end = Math.min(former ? monthOfDay(former.to) : CURRENT_MONTH, latestPeriod - 1);
    return [start, end];
  };

  return (subject, target) => {
    if (subject === 'FAILED_BATCH_DEDUCTION') {
      // The failures of the last three months (in dispute in social-security) are still open; closed
      // cases concern earlier failures, before the generated contribution rows.
      const recent = !closedStages.includes(target) && target !== 'EXECUTION' ? troubled.shift() : undefined;
      const person = recent ?? rng.pick(longFlexible);
      const toMonth = recent ? CURRENT_MONTH : Math.min(latestPeriod - 1, CURRENT_MONTH - rng.int(14, 22));
      const fromMonth = toMonth - 2;
      return {
        employer: null,
        persons: [person],
        fromMonth,
        toMonth,
        medicalYear: null,
        amountCents: (toMonth - fromMonth + 1) * Math.round(person.baseCents * FLEXIBLE_RATE),
      };
    }
    if (subject === 'MEDICAL_CONTRIBUTION') {
      const person =
        rng.chance(0.5) && flexibleMedical.length ? rng.pick(flexibleMedical) : rng.pick(residents);
      const year = rng.chance(0.6) ? 2025 : 2024;
      return {
        employer: null,
        persons: [person],
        fromMonth: null,
        toMonth: null,
        medicalYear: year,
        amountCents: (person.role === 'FLEXIBLE' ? FLEXIBLE_DUE : RESIDENT_DUE)[year]!,
      };
    }
    let employer: EmployerInfo | undefined;
    if (subject === 'ARREARS') {
      employer = closedStages.includes(target)
        ? collected.shift()
        : (inDispute.shift() ?? outstanding.shift());
    }
    employer ??= rng.pick(withStaff);
    const persons = staffOf(employer, subject === 'CONTRIBUTION_BASE' ? rng.int(1, 4) : rng.int(1, 3));
    const [start, end] = workedMonths(persons[0]!, employer);
    const months = subject === 'CONTRIBUTION_BASE' ? rng.int(6, 12) : rng.int(3, 10);
    // Arrears cases are over the months social-security records as owed; others over earlier years.
    const plan = subject === 'ARREARS' ? employer.siArrears : null;
    const toMonth = plan ? plan.toMonth : Math.max(start, end - rng.int(0, 24));
    const fromMonth = plan ? plan.fromMonth : Math.max(start, toMonth - months + 1);
    const n = toMonth - fromMonth + 1;
    const perMonth = persons.reduce((c, p) => c + Math.round(p.baseCents * PENSION_RATE), 0);
    // A base dispute is over the difference (about a fifth of the contribution); the rest over all of it.
    const amountCents = subject === 'CONTRIBUTION_BASE' ? Math.round(n * perMonth * 0.2) : n * perMonth;
    return { employer, persons, fromMonth, toMonth, medicalYear: null, amountCents };
  };
}

interface CaseDraft {
  caseNumber: string;
  subject: DisputeSubject;
  district: District;
  intake: Agency;
  channel: string;
  unionRepresents: boolean;
  parties: Parties;
  steps: PlannedStep[];
  registeredDay: number;
}

const SUBJECT_LABEL: Record<DisputeSubject, string> = {
  CONTRIBUTION_BASE: '缴费基数争议',
  MISSING_PERIODS: '漏缴期间争议',
  ARREARS: '欠费争议',
  FAILED_BATCH_DEDUCTION: '批扣失败争议',
  MEDICAL_CONTRIBUTION: '医保缴费争议',
};

/** Writes one case: the ledger's rows in tax and each step's details in the subgraph that records it. */
function writeCase(
  rng: Rng,
  slice: DisputesSlice,
  draft: CaseDraft,
  staff: (agency: Agency, district: District) => Actor,
  branches: Map<District, ServicePoint[]>,
): void {
  const { caseNumber, subject, district, parties } = draft;
  const caseId = rng.uuid();
  const names = parties.persons.map((p) => p.row.name).join('、');
  const periodText =
    parties.fromMonth !== null
      ? `${period(parties.fromMonth)}至${period(parties.toMonth!)}`
      : `${parties.medicalYear}年度`;
  const amount = money(parties.amountCents);
  const employerName = parties.employer?.enterprise.name ?? null;
  const summary = employerName
    ? `${names}反映${employerName}${periodText}${subject === 'CONTRIBUTION_BASE' ? '按最低基数申报社会保险费，低于实际工资' : subject === 'ARREARS' ? '欠缴社会保险费' : '未为其缴纳养老保险费'}，涉及金额 ${amount} 元，申请联合处理。`
    : subject === 'FAILED_BATCH_DEDUCTION'
      ? `${names}（灵活就业）${periodText}养老保险费银行批量扣款连续失败，被记为欠费，申请核实并补扣。`
      : `${names}${periodText}医疗保险费缴费记录与其缴费凭证不一致，申请核实更正，涉及金额 ${amount} 元。`;

  // The case walks through the workflow: each planned step must be one the ledger would accept.
  const participants = participantsOf(subject, draft.intake, draft.unionRepresents);
  let state: CaseState = { stage: null, subject, participants, steps: [] };
  let day = draft.registeredDay;
  let stageEnteredAt = new Date(0);
  const branch = rng.pick(branches.get(district)!);
  const actors = new Map<Agency, Actor>();
  const actorFor = (agency: Agency) => {
    let actor = actors.get(agency);
    if (!actor) actors.set(agency, (actor = staff(agency, district)));
    return actor;
  };

  // A contribution correction is one correction, and one ledger step, per insured person.
  const stepsOfCase = draft.steps.flatMap((s) =>
    s.kind === 'CONTRIBUTION_CORRECTION'
      ? parties.persons.map((_, k) => ({ ...s, person: k, gapDays: k === 0 ? s.gapDays : 0 }))
      : [s],
  );
  let registeredAt: Date | null = null;
  for (const [index, planned] of stepsOfCase.entries()) {
    day += planned.gapDays;
    // Working hours in Beijing; steps of one day follow each other.
    const at = beijingTime(
      day,
      9 + Math.min(8, index % 3 === 0 ? rng.int(0, 3) : rng.int(2, 8)),
      rng.int(0, 59),
    );
    const previous = slice.tax.steps.at(-1);
    const when =
      previous && previous.caseId === caseId && at <= previous.at
        ? new Date(previous.at.getTime() + 600_000)
        : at;
    const decision = decideStep(state, {
      kind: planned.kind,
      department: planned.department,
      ...(planned.agreed === undefined ? {} : { agreed: planned.agreed }),
      ...(planned.satisfaction === undefined ? {} : { satisfaction: planned.satisfaction }),
    });
    if (!decision.ok) throw new Error(`demo world: ${caseNumber} ${planned.kind}: ${decision.reason}`);
    const actor = actorFor(planned.department);
    const where = recordedIn(planned.kind, planned.department);
    const seq = index + 1;
    const key = `demo-world:${rng.uuid()}`;
    const detail = {
      caseNumber,
      caseId,
      actorSubject: actor.subject,
      actorName: actor.name,
      status: 'CONFIRMED' as const,
      ledgerSeq: seq,
      idempotencyKey: key,
      createdAt: when,
      confirmedAt: when,
    };
    let content = stepContent(rng, planned, draft, names, periodText, amount, branch);
    const person = parties.persons[planned.person ?? 0]!;
    registeredAt ??= when;

    switch (planned.kind) {
      case 'FINDING': {
        const finding = { id: rng.uuid(), ...detail, content };
        if (where === 'social-security') slice.socialSecurity.findings.push(finding);
        else if (where === 'medical-insurance') slice.medicalInsurance.findings.push(finding);
        break;
      }
      case 'MEDIATION_SESSION':
      case 'MEDIATION_OUTCOME':
        slice.servicePoints.mediationRecords.push({
          id: rng.uuid(),
          ...detail,
          kind: planned.kind === 'MEDIATION_SESSION' ? 'SESSION' : 'OUTCOME',
          servicePointId: planned.kind === 'MEDIATION_SESSION' ? branch.id : null,
          agreed: planned.kind === 'MEDIATION_OUTCOME' ? planned.agreed! : null,
          content,
        });
        break;
      case 'JUDICIAL_CONFIRMATION': {
        const year = yearOfDay(day);
        const rulingNumber = `（${year}）${GEO[district].court.code}民特${rng.int(10, 420)}号`;
        slice.courts.confirmations.push({ id: rng.uuid(), ...detail, rulingNumber, content });
        content = `${rulingNumber}：${content}`;
        break;
      }
      case 'CONTRIBUTION_CORRECTION': {
        const scheme = subject === 'FAILED_BATCH_DEDUCTION' ? 'FLEXIBLE_PENSION' : 'EMPLOYEE_PENSION';
        const rate = scheme === 'FLEXIBLE_PENSION' ? FLEXIBLE_RATE : PENSION_RATE;
        const periods: string[] = [];
        for (let m = parties.fromMonth!; m <= parties.toMonth!; m++) periods.push(period(m));
        slice.socialSecurity.corrections.push({
          id: rng.uuid(),
          ...detail,
          personId: person.row.personId,
          scheme,
          employerCreditCode: null,
          periods,
          base: money(person.baseCents),
          amount: money(Math.round(person.baseCents * rate)),
          content,
          before: null,
          revertedAt: null,
          revertedByName: null,
          revertReason: null,
        });
        content = `${person.row.name} ${scheme} ${periods[0]}–${periods.at(-1)}（${periods.length} 期）：${content}`;
        break;
      }
      case 'MEDICAL_CORRECTION': {
        const year = parties.medicalYear ?? Math.floor(parties.toMonth! / 12);
        const scheme =
          person.role === 'RESIDENT'
            ? 'RESIDENT'
            : person.role === 'FLEXIBLE' && subject !== 'MISSING_PERIODS'
              ? 'FLEXIBLE'
              : 'EMPLOYEE';
        const months =
          parties.fromMonth === null ? 12 : monthsInYear(parties.fromMonth, parties.toMonth!, year);
        const paid =
          scheme === 'EMPLOYEE'
            ? months * Math.round(person.baseCents * EMPLOYEE_MEDICAL_RATE)
            : parties.amountCents;
        slice.medicalInsurance.corrections.push({
          id: rng.uuid(),
          ...detail,
          personId: person.row.personId,
          year,
          scheme,
          amountPaid: money(paid),
          content,
          before: null,
        });
        content = `${person.row.personId} ${year} 年 ${scheme}：${content}`;
        break;
      }
      default:
        break;
    }

    const step: DisputeStep = {
      id: rng.uuid(),
      caseId,
      seq,
      kind: planned.kind,
      department: planned.department,
      actorSubject: actor.subject,
      actorName: actor.name,
      content: planned.kind === 'REGISTER' ? summary : content,
      recordedIn: where,
      stageAfter: decision.stage,
      satisfaction: planned.satisfaction ?? null,
      at: when,
      // A step recorded elsewhere enters the ledger under that subgraph's namespace, as delegated steps do.
      idempotencyKey: where === 'tax' ? key : `${where}:${key}`,
    };
    slice.tax.steps.push(step);
    if (decision.stage !== state.stage) stageEnteredAt = when;
    state = {
      ...state,
      stage: decision.stage,
      steps: [...state.steps, { kind: step.kind, department: step.department }],
    };
    addDocument(rng, slice, caseId, step, where, draft);
  }

  slice.tax.cases.push({
    id: caseId,
    caseNumber,
    subject,
    stage: state.stage!,
    version: stepsOfCase.length,
    district,
    intakeAgency: draft.intake,
    channel: draft.channel,
    participants,
    unionRepresents: draft.unionRepresents,
    employerCreditCode: parties.employer?.creditCode ?? null,
    amountInDispute: amount,
    periodFrom: parties.fromMonth === null ? null : period(parties.fromMonth),
    periodTo: parties.toMonth === null ? null : period(parties.toMonth),
    summary,
    registeredAt: registeredAt!,
    stageEnteredAt,
    waitingFor: waitingFor(state),
  });
  const party = (role: DisputeParty['role'], fields: Partial<DisputeParty>) =>
    slice.tax.parties.push({
      id: rng.uuid(),
      caseId,
      role,
      creditCode: null,
      personId: null,
      displayName: '',
      ...fields,
    });
  if (parties.employer)
    party('EMPLOYER', { creditCode: parties.employer.creditCode, displayName: employerName! });
  for (const p of parties.persons)
    party('INSURED_PERSON', { personId: p.row.personId, displayName: p.row.name });
  if (draft.unionRepresents) party('REPRESENTATIVE', { displayName: unitOf('trade-union', district) });
}

function monthsInYear(fromMonth: number, toMonth: number, year: number): number {
  return Math.max(0, Math.min(toMonth, year * 12 + 11) - Math.max(fromMonth, year * 12) + 1);
}

function stepContent(
  rng: Rng,
  planned: PlannedStep,
  draft: CaseDraft,
  names: string,
  periodText: string,
  amount: string,
  branch: ServicePoint,
): string {
  const label = SUBJECT_LABEL[draft.subject];
  switch (planned.kind) {
    case 'REGISTER':
      return '';
    case 'OPEN_JOINT_REVIEW':
      return `启动联合研判：${label}，通知人社、医保等部门限期提出意见。`;
    case 'FINDING':
      switch (planned.department) {
        case 'hrss':
          return rng.pick([
            `经核查参保缴费记录，${periodText}确有未足额缴费情形，建议按实际工资补缴。`,
            `${periodText}参保登记与劳动关系材料相符，申报基数低于规定下限，应予补足。`,
            `经调取银行批扣记录，${periodText}扣款失败系扣款账户状态异常所致，非本人主观欠费。`,
          ]);
        case 'medical-insurance':
          return rng.pick([
            `医保缴费记录显示${periodText}存在欠缴，同意随养老保险一并处理。`,
            `${periodText}医疗保险费已由银行代收但未到账，建议核实后更正缴费记录。`,
          ]);
        default:
          return `工会意见：支持职工依法维权，建议通过调解尽快补缴，保障职工权益。`;
      }
    case 'MEDIATION_SESSION':
      return `在${branch.name}组织双方调解，${draft.parties.employer ? '用人单位到场说明情况' : '银行与当事人到场核对扣款记录'}。`;
    case 'MEDIATION_OUTCOME':
      return planned.agreed
        ? `达成调解协议：${draft.parties.employer ? `用人单位同意补缴 ${amount} 元` : `同意按核实结果补缴 ${amount} 元并更正记录`}。`
        : `调解未达成协议：${draft.parties.employer ? '用人单位对劳动关系存续期间有异议' : '当事人对核定金额有异议'}。`;
    case 'JUDICIAL_CONFIRMATION':
      return '经审查，调解协议合法有效，予以司法确认。';
    case 'REFERRAL':
      return rng.pick([
        '告知当事人申请劳动人事争议仲裁，移送相关材料。',
        '引导当事人向人民法院提起诉讼，移送相关材料。',
      ]);
    case 'CONTRIBUTION_CORRECTION':
      return '按司法确认的调解协议更正缴费记录。';
    case 'MEDICAL_CORRECTION':
      return '按调解协议更正医疗保险缴费记录。';
    case 'ARREARS_COLLECTED':
      return `欠费 ${amount} 元已征收入库。`;
    case 'CLOSE':
      return '协议履行完毕（或已移送），案件办结。';
    case 'REVISIT':
      return planned.satisfaction === 'DISSATISFIED'
        ? `回访${names}：对办理时长不满意，已记录并反馈。`
        : `回访${names}：对处理结果${planned.satisfaction === 'SATISFIED' ? '满意' : '基本满意'}。`;
  }
}

const DOCUMENTS: Partial<Record<DisputeStepKind, readonly [DisputeDocument['kind'], string]>> = {
  REGISTER: ['APPLICATION', '社会保险费争议处理申请书'],
  FINDING: ['FINDING_REPORT', '联合研判意见书'],
  MEDIATION_OUTCOME: ['MEDIATION_AGREEMENT', '人民调解协议书'],
  JUDICIAL_CONFIRMATION: ['RULING', '民事裁定书（确认调解协议）'],
  CONTRIBUTION_CORRECTION: ['CORRECTION_NOTICE', '社会保险缴费记录更正通知'],
  MEDICAL_CORRECTION: ['CORRECTION_NOTICE', '医疗保险缴费记录更正通知'],
};

/** The paper each step leaves: the application, findings, the agreement, the ruling, correction notices. */
function addDocument(
  rng: Rng,
  slice: DisputesSlice,
  caseId: string,
  step: DisputeStep,
  where: ComposedSubgraphName,
  draft: CaseDraft,
): void {
  const entry = DOCUMENTS[step.kind];
  if (!entry || (step.kind === 'MEDIATION_OUTCOME' && step.stageAfter !== 'AGREED')) return;
  const [kind, title] = entry;
  slice.tax.documents.push({
    id: rng.uuid(),
    caseId,
    title: `${draft.caseNumber} ${title}`,
    kind,
    issuingAgency: step.department,
    contentHash: sha256(`${draft.caseNumber}|${where}|${step.seq}|${step.content}`),
    addedByName: step.actorName,
    addedAt: new Date(step.at.getTime() + 60_000),
    idempotencyKey: `demo-world:${rng.uuid()}`,
  });
}

const utcDate = (at: Date | null | undefined) =>
  (at ?? new Date(TODAY * 86_400_000)).toISOString().slice(0, 10);

/**
 * Applies the confirmed contribution corrections to the generated rows as `correctContributions` does:
 * each period paid at the agreed base, the row as it was kept in the correction's `before`.
 */
export function applyContributionCorrections(
  contributions: Contribution[],
  corrections: ContributionCorrection[],
  rng: Rng,
): void {
  const persons = new Set(corrections.map((c) => c.personId));
  const rows = new Map<string, Contribution>();
  for (const row of contributions) {
    if (persons.has(row.personId)) rows.set(`${row.personId}|${row.scheme}|${row.period}`, row);
  }
  for (const correction of corrections) {
    const paidOn = utcDate(correction.confirmedAt);
    correction.before = correction.periods.map((period) => {
      const key = `${correction.personId}|${correction.scheme}|${period}`;
      const row = rows.get(key);
      const corrected = { base: correction.base, amount: correction.amount, status: 'PAID' as const, paidOn };
      if (row) {
        const before = {
          id: row.id,
          base: String(row.base),
          amount: String(row.amount),
          status: row.status,
          paidOn: row.paidOn ?? null,
        };
        Object.assign(row, corrected);
        return { period, row: before };
      }
      const added: Contribution = {
        id: rng.uuid(),
        personId: correction.personId,
        period,
        scheme: correction.scheme,
        employerCreditCode: correction.employerCreditCode ?? null,
        ...corrected,
      };
      contributions.push(added);
      rows.set(key, added);
      return { period, row: null };
    });
  }
}

/** Applies the confirmed medical corrections to the yearly payments as `recordMedicalCorrection` does. */
export function applyMedicalCorrections(
  payments: YearlyPayment[],
  corrections: MedicalCorrection[],
  rng: Rng,
): void {
  const persons = new Set(corrections.map((c) => c.personId));
  const rows = new Map<string, YearlyPayment>();
  for (const row of payments) {
    if (persons.has(row.personId)) rows.set(`${row.personId}|${row.scheme}|${row.year}`, row);
  }
  for (const correction of corrections) {
    const key = `${correction.personId}|${correction.scheme}|${correction.year}`;
    const row = rows.get(key);
    const paidOn = utcDate(correction.confirmedAt);
    if (!row) {
      const added: YearlyPayment = {
        id: rng.uuid(),
        personId: correction.personId,
        year: correction.year,
        scheme: correction.scheme,
        amountDue: correction.amountPaid,
        amountPaid: correction.amountPaid,
        status: 'PAID',
        paidOn,
      };
      payments.push(added);
      rows.set(key, added);
      correction.before = null;
      continue;
    }
    correction.before = {
      id: row.id,
      amountDue: String(row.amountDue),
      amountPaid: String(row.amountPaid),
      status: row.status,
      paidOn: row.paidOn ?? null,
    };
    row.amountPaid = correction.amountPaid;
    row.status = Number(correction.amountPaid) >= Number(row.amountDue) ? 'PAID' : 'PARTIAL';
    row.paidOn = paidOn;
  }
}
