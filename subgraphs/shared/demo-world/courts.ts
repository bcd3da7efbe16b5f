/** The courts' slice: cases and their parties, referencing the world's enterprises and persons. */
import type { CaseParty, CourtCase } from '../../courts/entities/index.js';
import type { Enterprise } from '../../tax/entities/enterprise.js';
import type { District } from '../enums.js';
import type { Base, EmployerInfo, PersonInfo } from './base.js';
import { TODAY, dayOf, isoDate, money, yearOfDay } from './calendar.js';
import { CITY_COURT, GEO } from './geography.js';
import { Rng, weighted } from './random.js';

export interface CourtsSlice {
  cases: CourtCase[];
  parties: CaseParty[];
}

type CaseType = CourtCase['type'];
type Role = CaseParty['role'];
/** 民初 civil and labour first instance, 行初 administrative first instance, 执 enforcement. */
type NumberKind = '民初' | '行初' | '执';

/** Cases a year per court and kind, so that sequence numbers grow through the year as real ones do. */
const VOLUME: Record<string, Record<NumberKind, number>> = {
  川1902: { 民初: 4200, 行初: 90, 执: 3600 },
  川1903: { 民初: 1600, 行初: 40, 执: 1300 },
  川1921: { 民初: 2600, 行初: 50, 执: 2100 },
  川1922: { 民初: 2300, 行初: 45, 执: 1900 },
  川1923: { 民初: 2900, 行初: 55, 执: 2400 },
  川19: { 民初: 260, 行初: 160, 执: 120 },
};

const CASE_TYPES = weighted<CaseType>([
  ['LABOUR_DISPUTE', 35],
  ['CIVIL', 40],
  ['ADMINISTRATIVE', 8],
  ['ENFORCEMENT', 17],
]);
const LABOUR_CAUSES = weighted<string>([
  ['追索劳动报酬', 35],
  ['劳动争议', 28],
  ['确认劳动关系', 20],
  ['社会保险纠纷', 12],
  ['经济补偿金纠纷', 5],
]);
/** Civil causes with the industry a plaintiff enterprise typically has (null: any) and whether it sues persons. */
const CIVIL_CAUSES = weighted<{
  cause: string;
  plaintiff: Enterprise['industry'] | null;
  againstPerson: number;
}>([
  [{ cause: '买卖合同纠纷', plaintiff: 'WHOLESALE_RETAIL', againstPerson: 0.2 }, 32],
  [{ cause: '建设工程施工合同纠纷', plaintiff: 'CONSTRUCTION', againstPerson: 0.05 }, 14],
  [{ cause: '借款合同纠纷', plaintiff: 'FINANCE', againstPerson: 0.6 }, 12],
  [{ cause: '租赁合同纠纷', plaintiff: null, againstPerson: 0.3 }, 9],
  [{ cause: '物业服务合同纠纷', plaintiff: 'REAL_ESTATE', againstPerson: 0.9 }, 8],
  [{ cause: '承揽合同纠纷', plaintiff: 'MANUFACTURING', againstPerson: 0.1 }, 7],
  [{ cause: '服务合同纠纷', plaintiff: 'BUSINESS_SERVICES', againstPerson: 0.2 }, 7],
  [{ cause: '运输合同纠纷', plaintiff: 'TRANSPORT', againstPerson: 0.1 }, 4],
  [{ cause: '商品房预售合同纠纷', plaintiff: null, againstPerson: 0 }, 4],
  [{ cause: '民间借贷纠纷', plaintiff: null, againstPerson: 0.8 }, 3],
]);
const ENFORCEMENT_CAUSES = weighted<string>([
  ['买卖合同纠纷', 30],
  ['民间借贷纠纷', 20],
  ['借款合同纠纷', 15],
  ['追索劳动报酬', 12],
  ['劳动争议', 8],
  ['建设工程施工合同纠纷', 10],
  ['租赁合同纠纷', 5],
]);

function courtOf(code: string): { code: string; name: string } {
  if (code === CITY_COURT.code) return CITY_COURT;
  return Object.values(GEO).find((g) => g.court.code === code)!.court;
}

export function buildCourts(base: Base): CourtsSlice {
  const rng = new Rng(`bazhong-demo-world:${base.scale}:courts`);
  const cases: CourtCase[] = [];
  const parties: CaseParty[] = [];
  const used = new Set<string>([base.showcase.caseNumber]);

  const caseNumber = (courtCode: string, kind: NumberKind, filedOn: number): string => {
    const year = yearOfDay(filedOn);
    const dayOfYear = filedOn - dayOf(year, 1, 1) + 1;
    let seq = Math.max(1, Math.round((dayOfYear / 366) * VOLUME[courtCode]![kind]) + rng.int(-12, 12));
    let number = `（${year}）${courtCode}${kind}${seq}号`;
    while (used.has(number)) number = `（${year}）${courtCode}${kind}${++seq}号`;
    used.add(number);
    return number;
  };

  const enterpriseParty = (role: Role, e: Enterprise): Omit<CaseParty, 'id' | 'caseId'> => ({
    role,
    kind: 'ENTERPRISE',
    displayName: e.name,
    creditCode: e.creditCode,
    personId: null,
  });
  const personParty = (role: Role, p: PersonInfo): Omit<CaseParty, 'id' | 'caseId'> => ({
    role,
    kind: 'PERSON',
    displayName: p.row.name,
    creditCode: null,
    personId: p.row.personId,
  });
  const authorityParty = (role: Role, name: string): Omit<CaseParty, 'id' | 'caseId'> => ({
    role,
    kind: 'AUTHORITY',
    displayName: name,
    creditCode: null,
    personId: null,
  });

  const statusFor = (
    type: CaseType,
    filedOn: number,
  ): { status: CourtCase['status']; closedOn: number | null } => {
    const age = TODAY - filedOn;
    const r = rng.float();
    let status: CourtCase['status'];
    if (type === 'ENFORCEMENT') {
      status = age < 90 || (age < 540 ? r < 0.55 : r < 0.15) ? 'ENFORCING' : 'CLOSED';
    } else if (age < 45) {
      status = r < 0.45 ? 'FILED' : r < 0.8 ? 'IN_MEDIATION' : 'IN_TRIAL';
    } else if (age < 180) {
      status = r < 0.2 ? 'IN_MEDIATION' : r < 0.55 ? 'IN_TRIAL' : r < 0.9 ? 'CLOSED' : 'WITHDRAWN';
    } else {
      status = r < 0.85 ? 'CLOSED' : r < 0.95 ? 'WITHDRAWN' : 'IN_TRIAL';
    }
    // Administrative cases are not mediated (行政诉讼不适用调解, compensation aside).
    if (type === 'ADMINISTRATIVE' && status === 'IN_MEDIATION') status = 'IN_TRIAL';
    const closed = status === 'CLOSED' || status === 'WITHDRAWN';
    return { status, closedOn: closed ? filedOn + rng.int(15, Math.max(16, Math.min(age, 360))) : null };
  };

  const addCase = (
    spec: {
      type: CaseType;
      cause: string;
      courtCode: string;
      kind: NumberKind;
      district: District;
      filedOn: number;
      amountCents: number | null;
      number?: string;
      status?: CourtCase['status'];
    },
    caseParties: Omit<CaseParty, 'id' | 'caseId'>[],
  ) => {
    const id = rng.uuid();
    const { status, closedOn } = spec.status
      ? { status: spec.status, closedOn: null }
      : statusFor(spec.type, spec.filedOn);
    cases.push({
      id,
      caseNumber: spec.number ?? caseNumber(spec.courtCode, spec.kind, spec.filedOn),
      type: spec.type,
      cause: spec.cause,
      court: courtOf(spec.courtCode).name,
      district: spec.district,
      status,
      filedOn: isoDate(spec.filedOn),
      closedOn: closedOn === null ? null : isoDate(Math.min(TODAY, closedOn)),
      amountInDispute: spec.amountCents === null ? null : money(spec.amountCents),
    });
    for (const party of caseParties) parties.push({ id: rng.uuid(), caseId: id, ...party });
  };

  // Pools to draw parties from.
  const persons = base.persons;
  const adults = persons.filter((p) => TODAY - p.birthDay >= 20 * 365.25);
  const active = base.enterprises.filter((e) => e.taxStatus !== 'DEREGISTERED');
  const byIndustry = new Map<string, Enterprise[]>();
  for (const e of active) {
    const list = byIndustry.get(e.industry) ?? [];
    list.push(e);
    byIndustry.set(e.industry, list);
  }
  const weak = active.filter((e) => e.creditRating === 'C' || e.creditRating === 'D');
  const inArrears = base.employers.filter((e) => e.siArrears && e.siArrears.status !== 'COLLECTED');
  const amount = (median: number, spread: number) =>
    Math.round(median * Math.exp(rng.normal() * spread)) * 100;
  const filedDay = () => TODAY - Math.floor(Math.pow(rng.float(), 1.3) * (TODAY - dayOf(2022, 1, 1)));
  const courtFor = (district: District) => GEO[district].court.code;
  const worker = (employer: EmployerInfo): PersonInfo => {
    const pool =
      employer.formerEmployees.length > 0 && rng.chance(0.6) ? employer.formerEmployees : employer.employees;
    return persons[rng.pick(pool)]!;
  };

  // 1. The showcase: the former employee whose deductions failed sues the large employer; mediation under way.
  const { employer: showcaseEmployer, person: showcasePerson, arrearsEmployer } = base.showcase;
  addCase(
    {
      type: 'LABOUR_DISPUTE',
      cause: '劳动争议',
      courtCode: GEO.BAZHOU.court.code,
      kind: '民初',
      district: 'BAZHOU',
      filedOn: base.showcase.caseFiledOn,
      amountCents: 3_864_000,
      number: base.showcase.caseNumber,
      status: 'IN_MEDIATION',
    },
    [personParty('PLAINTIFF', showcasePerson), enterpriseParty('DEFENDANT', showcaseEmployer.enterprise)],
  );
  // 2. The well-known employer in arrears: an employee claims unpaid wages and contributions.
  addCase(
    {
      type: 'LABOUR_DISPUTE',
      cause: '追索劳动报酬',
      courtCode: courtFor(arrearsEmployer.district),
      kind: '民初',
      district: arrearsEmployer.district,
      filedOn: TODAY - rng.int(30, 100),
      amountCents: amount(42_000, 0.4),
      status: 'IN_TRIAL',
    },
    [
      personParty('PLAINTIFF', worker(arrearsEmployer)),
      enterpriseParty('DEFENDANT', arrearsEmployer.enterprise),
    ],
  );

  while (cases.length < base.sizes.cases) {
    const type = rng.pickWeighted(CASE_TYPES);
    const filedOn = filedDay();
    if (type === 'LABOUR_DISPUTE') {
      // Employers in arrears are over-represented: unpaid contributions come with unpaid wages.
      const employer =
        inArrears.length > 0 && rng.chance(0.45) ? rng.pick(inArrears) : rng.pick(base.employers);
      const cause = employer.siArrears && rng.chance(0.3) ? '社会保险纠纷' : rng.pickWeighted(LABOUR_CAUSES);
      const person = worker(employer);
      // Sometimes the employer sues, disputing the arbitration award (不服仲裁裁决).
      const employerSues = rng.chance(0.12);
      addCase(
        {
          type,
          cause,
          courtCode: courtFor(employer.district),
          kind: '民初',
          district: employer.district,
          filedOn,
          amountCents: cause === '确认劳动关系' ? null : amount(30_000, 0.7),
        },
        employerSues
          ? [enterpriseParty('PLAINTIFF', employer.enterprise), personParty('DEFENDANT', person)]
          : [personParty('PLAINTIFF', person), enterpriseParty('DEFENDANT', employer.enterprise)],
      );
    } else if (type === 'CIVIL') {
      const spec = rng.pickWeighted(CIVIL_CAUSES);
      const pool = (spec.plaintiff && byIndustry.get(spec.plaintiff)) || active;
      const plaintiff = rng.pick(pool);
      const againstPerson = rng.chance(spec.againstPerson);
      let defendant = rng.pick(active);
      if (defendant === plaintiff) defendant = rng.pick(active);
      const person = rng.pick(adults);
      const district = againstPerson ? person.row.district : defendant.district;
      const cents = amount(againstPerson ? 60_000 : 180_000, 1.1);
      // Claims over 50 million go to the intermediate court at first instance.
      const courtCode = cents > 5_000_000_000 ? CITY_COURT.code : courtFor(district);
      const list = [
        enterpriseParty('PLAINTIFF', plaintiff),
        againstPerson ? personParty('DEFENDANT', person) : enterpriseParty('DEFENDANT', defendant),
      ];
      if (rng.chance(0.05)) list.push(enterpriseParty('THIRD_PARTY', rng.pick(active)));
      addCase(
        { type, cause: spec.cause, courtCode, kind: '民初', district, filedOn, amountCents: cents },
        list,
      );
    } else if (type === 'ADMINISTRATIVE') {
      const byPerson = rng.chance(0.25);
      const person = rng.pick(adults);
      const arrearsCase = !byPerson && inArrears.length > 0 && rng.chance(0.3);
      const enterprise = arrearsCase ? rng.pick(inArrears).enterprise : rng.pick(active);
      const district = byPerson ? person.row.district : enterprise.district;
      const g = GEO[district];
      let cause: string;
      let authority: string;
      let cents: number | null = null;
      if (byPerson) {
        [cause, authority] = rng.chance(0.6)
          ? ['工伤认定', g.hrssBureau]
          : ['社会保险行政确认', g.hrssBureau];
      } else if (arrearsCase) {
        [cause, authority] = ['社会保险费征缴', g.taxBureau];
        cents = amount(80_000, 0.6);
      } else {
        const r = rng.float();
        if (r < 0.55) {
          [cause, authority] = ['税务行政处罚', g.taxBureau];
          cents = amount(20_000, 1);
        } else if (r < 0.75) {
          [cause, authority] = ['税务行政强制', g.taxBureau];
          cents = amount(150_000, 1);
        } else {
          [cause, authority] = ['社会保险行政确认', g.hrssBureau];
        }
      }
      addCase(
        {
          type,
          cause,
          courtCode: rng.chance(0.2) ? CITY_COURT.code : g.court.code,
          kind: '行初',
          district,
          filedOn,
          amountCents: cents,
        },
        [
          byPerson ? personParty('PLAINTIFF', person) : enterpriseParty('PLAINTIFF', enterprise),
          authorityParty('DEFENDANT', authority),
        ],
      );
    } else {
      // Enforcement: mostly against weak payers; some are the tax bureau enforcing unpaid contributions.
      const byAuthority = inArrears.length > 0 && rng.chance(0.15);
      const respondent = byAuthority
        ? rng.pick(inArrears).enterprise
        : weak.length > 0 && rng.chance(0.6)
          ? rng.pick(weak)
          : rng.pick(active);
      const g = GEO[respondent.district];
      const applicantIsPerson = !byAuthority && rng.chance(0.35);
      const cause = byAuthority ? '社会保险费征缴' : rng.pickWeighted(ENFORCEMENT_CAUSES);
      let applicant = rng.pick(active);
      if (applicant === respondent) applicant = rng.pick(active);
      addCase(
        {
          type,
          cause,
          courtCode: g.court.code,
          kind: '执',
          district: respondent.district,
          filedOn,
          amountCents: amount(byAuthority ? 60_000 : 90_000, 0.9),
        },
        [
          byAuthority
            ? authorityParty('APPLICANT', g.taxBureau)
            : applicantIsPerson
              ? personParty('APPLICANT', rng.pick(adults))
              : enterpriseParty('APPLICANT', applicant),
          enterpriseParty('RESPONDENT', respondent),
        ],
      );
    }
  }
  return { cases, parties };
}
