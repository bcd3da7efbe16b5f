/**
 * The shared base of the demo world: enterprises, employers, persons and the cross-agency "plans"
 * (who is in arrears, whose deductions fail, the showcase records). Every agency slice derives its rows
 * from this base with its own random stream, so slices can be built lazily and in any order.
 */
import {
  creditCodeCheckChar,
  idNumberCheckChar,
  organisationCodeCheckChar,
} from '../../../core/identifiers.js';
import type { District } from '../enums.js';
import type { Enterprise } from '../../tax/entities/enterprise.js';
import type { Person } from '../../social-security/entities/person.js';
import { CURRENT_MONTH, TODAY, dayInMonth, dayOf, isoDate, monthOfDay, yearOfDay } from './calendar.js';
import { GEO, enterpriseDistricts, populationDistricts } from './geography.js';
import { enterpriseName, mobile, personName } from './names.js';
import { Rng, weighted } from './random.js';

export type Scale = 'test' | 'demo' | 'city';
export const scales: readonly Scale[] = ['test', 'demo', 'city'];

export interface Sizes {
  enterprises: number;
  large: number;
  employers: number;
  employees: number;
  flexible: number;
  /** Of the flexible workers, how many are also in flexible-employment medical insurance. */
  flexibleMedical: number;
  residents: number;
  cases: number;
  serviceRecords: number;
  /** Monthly contributions and batch deductions are generated for this many latest months. */
  contributionMonths: number;
}

// City figures are Bazhong's (end of 2024); residents are a sample of the 433,000 / 2.5 million insured.
export const SIZES: Record<Scale, Sizes> = {
  test: {
    enterprises: 300,
    large: 30,
    employers: 60,
    employees: 240,
    flexible: 200,
    flexibleMedical: 40,
    residents: 160,
    cases: 40,
    serviceRecords: 300,
    contributionMonths: 12,
  },
  demo: {
    enterprises: 3000,
    large: 296,
    employers: 720,
    employees: 3200,
    flexible: 2800,
    flexibleMedical: 505,
    residents: 2000,
    cases: 600,
    serviceRecords: 3000,
    contributionMonths: 12,
  },
  city: {
    enterprises: 80_000,
    large: 296,
    employers: 7200,
    employees: 60_000,
    flexible: 90_800,
    flexibleMedical: 16_400,
    residents: 50_000,
    cases: 6000,
    serviceRecords: 30_000,
    contributionMonths: 6,
  },
};

type Industry = Enterprise['industry'];
type RegistrationType = Enterprise['registrationType'];
type ArrearsStatus = 'OUTSTANDING' | 'IN_DISPUTE' | 'COLLECTED';

export interface ArrearsPlan {
  fromMonth: number;
  toMonth: number;
  status: ArrearsStatus;
  assessedOn: number;
}

export interface EmployerInfo {
  enterprise: Enterprise;
  creditCode: string;
  district: District;
  large: boolean;
  /** Day the social-insurance account was opened. */
  openedOn: number;
  miAccount: boolean;
  /** Month from which the accounts are suspended (停保), or -1. */
  suspendedFrom: number;
  employees: number[];
  formerEmployees: number[];
  siArrears: ArrearsPlan | null;
  miArrears: ArrearsPlan | null;
}

export type Role = 'EMPLOYEE' | 'FLEXIBLE' | 'RESIDENT';

export interface PersonInfo {
  row: Person;
  role: Role;
  birthDay: number;
  /** Index into `employers` of the current employer, or -1. */
  employer: number;
  /** Hired (employee), flexible enrolment (flexible) or resident pension enrolment (resident). */
  startedOn: number;
  /** Medical enrolment day (employees: the hiring day). */
  medicalStart: number;
  /** Monthly contribution base in cents. */
  baseCents: number;
  former: { employer: number; from: number; to: number } | null;
  flexMedical: boolean;
  /** Flexible worker whose batch deductions failed the last three months: the study's dispute case. */
  deductionTrouble: boolean;
  /** Month from which a flexible worker stopped paying (暂停), or -1. */
  suspendedFrom: number;
  /** Bank of the batch-deduction agreement (flexible workers). */
  bank: string;
  /** Resident whose payment is made by subsidy (特困/低保). */
  exempt: boolean;
  /** Resident who tends not to renew. */
  lapses: boolean;
}

export interface Base {
  scale: Scale;
  sizes: Sizes;
  enterprises: Enterprise[];
  employers: EmployerInfo[];
  persons: PersonInfo[];
  showcase: {
    employer: EmployerInfo;
    person: PersonInfo;
    arrearsEmployer: EmployerInfo;
    caseNumber: string;
    caseFiledOn: number;
  };
}

const INDUSTRIES = weighted<Industry>([
  ['WHOLESALE_RETAIL', 27],
  ['ACCOMMODATION_CATERING', 11],
  ['CONSTRUCTION', 10],
  ['AGRICULTURE', 10],
  ['MANUFACTURING', 8],
  ['RESIDENT_SERVICES', 8],
  ['BUSINESS_SERVICES', 7],
  ['TRANSPORT', 4],
  ['REAL_ESTATE', 3],
  ['INFORMATION_TECHNOLOGY', 2],
  ['CULTURE', 2],
  ['HEALTH', 2],
  ['EDUCATION', 1.5],
  ['PUBLIC_FACILITIES', 1.5],
  ['MINING', 0.8],
  ['UTILITIES', 0.7],
  ['FINANCE', 0.5],
]);
// Large enterprises (重点税源) are builders, utilities, manufacturers, developers, retailers and banks.
const LARGE_INDUSTRIES = weighted<Industry>([
  ['CONSTRUCTION', 22],
  ['MANUFACTURING', 16],
  ['WHOLESALE_RETAIL', 14],
  ['REAL_ESTATE', 12],
  ['UTILITIES', 8],
  ['TRANSPORT', 6],
  ['FINANCE', 6],
  ['MINING', 4],
  ['HEALTH', 3],
  ['PUBLIC_FACILITIES', 3],
  ['ACCOMMODATION_CATERING', 2],
  ['INFORMATION_TECHNOLOGY', 2],
  ['AGRICULTURE', 2],
]);
const LARGE_REGISTRATION = weighted<RegistrationType>([
  ['LIMITED_LIABILITY', 50],
  ['STATE_OWNED', 30],
  ['JOINT_STOCK', 16],
  ['FOREIGN_INVESTED', 4],
]);
// Shops and restaurants are mostly individual businesses (个体工商户); farms often cooperatives.
const SHOP_REGISTRATION = weighted<RegistrationType>([
  ['INDIVIDUAL_BUSINESS', 55],
  ['LIMITED_LIABILITY', 30],
  ['PRIVATE', 13],
  ['PARTNERSHIP', 2],
]);
const FARM_REGISTRATION = weighted<RegistrationType>([
  ['COLLECTIVE', 40],
  ['LIMITED_LIABILITY', 35],
  ['INDIVIDUAL_BUSINESS', 20],
  ['PRIVATE', 5],
]);
const COMPANY_REGISTRATION = weighted<RegistrationType>([
  ['LIMITED_LIABILITY', 62],
  ['PRIVATE', 20],
  ['PARTNERSHIP', 5],
  ['STATE_OWNED', 5],
  ['JOINT_STOCK', 3],
  ['COLLECTIVE', 3],
  ['INDIVIDUAL_BUSINESS', 1.5],
  ['FOREIGN_INVESTED', 0.5],
]);
// Established enterprises; newly registered ones are rated M (新设立) separately, which tops M up to ~15%.
const RATINGS = weighted<Enterprise['creditRating']>([
  ['A', 17],
  ['B', 61],
  ['M', 6],
  ['C', 11],
  ['D', 2.5],
]);
const LARGE_RATINGS = weighted<Enterprise['creditRating']>([
  ['A', 62],
  ['B', 34],
  ['C', 3],
  ['D', 1],
]);
const DEDUCTION_BANKS = weighted<string>([
  ['四川农信', 44],
  ['中国邮政储蓄银行', 24],
  ['中国农业银行', 13],
  ['中国建设银行', 8],
  ['中国工商银行', 6],
  ['中国银行', 5],
]);

const SHOWCASE_NAME = '巴中市秦巴建工集团有限公司';
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_ERA = dayOf(2015, 10, 1);
/** Monthly contribution base range in cents: Sichuan's 2024 floor (60% of the average wage), a 20,000 cap. */
const BASE_MIN = 407_100;
const BASE_MAX = 2_000_000;

function registrationFor(rng: Rng, industry: Industry): RegistrationType {
  switch (industry) {
    case 'WHOLESALE_RETAIL':
    case 'ACCOMMODATION_CATERING':
    case 'RESIDENT_SERVICES':
      return rng.pickWeighted(SHOP_REGISTRATION);
    case 'AGRICULTURE':
      return rng.pickWeighted(FARM_REGISTRATION);
    default:
      return rng.pickWeighted(COMPANY_REGISTRATION);
  }
}

/**
 * A GB 32100 credit code: 9 (registered by market regulation) + 1 enterprise / 2 individual business /
 * 3 farmers' cooperative, the district code, a GB 11714 organisation code with its check character, and
 * the GB 32100 check character. Codes issued since late 2015 have 'MA6…' bodies, older ones numeric.
 */
function creditCode(
  rng: Rng,
  district: District,
  registrationType: RegistrationType,
  registeredOn: number,
  cooperative: boolean,
): string {
  const kind = registrationType === 'INDIVIDUAL_BUSINESS' ? '2' : cooperative ? '3' : '1';
  let body: string;
  if (registeredOn >= CREDIT_CODE_ERA) {
    body = 'MA6';
    for (let i = 0; i < 5; i++) body += CODE_ALPHABET[rng.int(0, 30)];
  } else {
    body = rng.digits(8);
  }
  const first17 = `9${kind}${GEO[district].code}${body}${organisationCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
}

function makeEnterprises(rng: Rng, sizes: Sizes): { enterprises: Enterprise[]; showcaseIndex: number } {
  const n = sizes.enterprises;
  const indexes = Array.from({ length: n }, (_, i) => i);
  const largeList = rng.sample(indexes, sizes.large).sort((a, b) => a - b);
  const large = new Set(largeList);
  const showcaseIndex = largeList[0] ?? 0;
  const codes = new Set<string>();
  // Reserved so that no generated enterprise takes the showcase's name.
  const names = new Set<string>([SHOWCASE_NAME]);
  const enterprises: Enterprise[] = [];
  for (let i = 0; i < n; i++) {
    const isLarge = large.has(i);
    const showcase = i === showcaseIndex;
    const district: District = showcase ? 'BAZHOU' : rng.pickWeighted(enterpriseDistricts);
    const industry: Industry = showcase
      ? 'CONSTRUCTION'
      : isLarge
        ? rng.pickWeighted(LARGE_INDUSTRIES)
        : rng.pickWeighted(INDUSTRIES);
    const registrationType: RegistrationType = showcase
      ? 'STATE_OWNED'
      : isLarge
        ? rng.pickWeighted(LARGE_REGISTRATION)
        : registrationFor(rng, industry);
    const cooperative = registrationType === 'COLLECTIVE' && industry === 'AGRICULTURE';
    // Most enterprises are young: registrations in Bazhong grew fast after the 2014 commercial reform.
    const yearsAgo = isLarge ? 4 + rng.float() * 24 : Math.pow(rng.float(), 1.5) * 28;
    const registeredOn = Math.max(dayOf(1996, 1, 1), TODAY - Math.round(yearsAgo * 365.25) - rng.int(0, 30));
    const r = rng.float();
    const taxStatus: Enterprise['taxStatus'] =
      isLarge || r < 0.9 ? 'NORMAL' : r < 0.93 ? 'ABNORMAL' : 'DEREGISTERED';
    let creditRating: Enterprise['creditRating'];
    if (showcase) creditRating = 'A';
    else if (taxStatus === 'ABNORMAL') creditRating = 'D';
    else if (isLarge) creditRating = rng.pickWeighted(LARGE_RATINGS);
    else if (TODAY - registeredOn < 365 && rng.chance(0.7)) creditRating = 'M';
    else creditRating = rng.pickWeighted(RATINGS);

    // The showcase has a fixed, memorable name for the README's example queries.
    let name = showcase ? SHOWCASE_NAME : enterpriseName(rng, district, industry, registrationType, isLarge);
    for (let attempt = 0; !showcase && names.has(name); attempt++) {
      name = enterpriseName(rng, district, industry, registrationType, isLarge, attempt >= 4);
    }
    names.add(name);

    let code = creditCode(rng, district, registrationType, registeredOn, cooperative);
    while (codes.has(code)) code = creditCode(rng, district, registrationType, registeredOn, cooperative);
    codes.add(code);

    const g = GEO[district];
    // The city-area branches (第一/第二…) look after most enterprises; large ones sit with the first.
    const branch = isLarge
      ? g.branches[0]!
      : rng.chance(0.65)
        ? g.branches[rng.int(0, 1)]!
        : rng.pick(g.branches);
    enterprises.push({
      creditCode: code,
      name,
      district,
      industry,
      registrationType,
      creditRating,
      isLargeEnterprise: isLarge,
      taxOffice: `${g.taxBureau}${branch.name}`,
      taxStatus,
      registeredOn: isoDate(registeredOn),
    });
  }
  return { enterprises, showcaseIndex };
}

function dayFromIso(iso: string): number {
  return (
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000
  );
}

function makeEmployers(
  rng: Rng,
  sizes: Sizes,
  enterprises: Enterprise[],
  showcaseIndex: number,
): EmployerInfo[] {
  const chosen: number[] = [];
  const candidates: number[] = [];
  enterprises.forEach((e, i) => {
    if (e.isLargeEnterprise) chosen.push(i);
    else if (
      e.taxStatus !== 'DEREGISTERED' &&
      (e.registrationType !== 'INDIVIDUAL_BUSINESS' || rng.chance(0.05))
    )
      candidates.push(i);
  });
  chosen.push(...rng.sample(candidates, sizes.employers - chosen.length));
  chosen.sort((a, b) => a - b);
  return chosen.map((i) => {
    const e = enterprises[i]!;
    const registered = dayFromIso(e.registeredOn);
    const openedOn = Math.min(TODAY - 1, registered + rng.int(7, 180));
    // Employers the tax bureau lists as abnormal (非正常户) have stopped paying: accounts suspended.
    const suspendedFrom =
      e.taxStatus === 'ABNORMAL'
        ? Math.min(CURRENT_MONTH, Math.max(monthOfDay(openedOn) + 1, CURRENT_MONTH - rng.int(2, 18)))
        : -1;
    return {
      enterprise: e,
      creditCode: e.creditCode,
      district: e.district,
      large: e.isLargeEnterprise,
      openedOn,
      miAccount: e.isLargeEnterprise || i === showcaseIndex || rng.chance(0.93),
      suspendedFrom,
      employees: [],
      formerEmployees: [],
      siArrears: null,
      miArrears: null,
    };
  });
}

/** Binary search in a cumulative weight array. */
function pickCumulative(rng: Rng, cumulative: Float64Array): number {
  const x = rng.float() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many employees each employer gets: every one at least one, large ones many more. */
function employeeCounts(rng: Rng, employers: EmployerInfo[], total: number): number[] {
  const counts = employers.map(() => 1);
  const cumulative = new Float64Array(employers.length);
  let sum = 0;
  employers.forEach((e, i) => {
    sum += e.large ? 20 + rng.int(0, 40) : 1 + Math.floor(Math.pow(rng.float(), 3) * 24);
    cumulative[i] = sum;
  });
  for (let k = employers.length; k < total; k++) {
    const i = pickCumulative(rng, cumulative);
    counts[i] = counts[i]! + 1;
  }
  return counts;
}

const YEAR = 365.25;

class PersonFactory {
  private readonly idNumbers = new Set<string>();
  readonly persons: PersonInfo[] = [];

  constructor(private readonly rng: Rng) {}

  add(role: Role, district: District, age: { min: number; max: number }, maleShare: number): PersonInfo {
    const rng = this.rng;
    const gender = rng.chance(maleShare) ? 'MALE' : 'FEMALE';
    // At least a month old, so that a newborn's medical enrolment is not before its birth.
    const birthDay = Math.min(
      TODAY - 30,
      TODAY - Math.floor((age.min + (age.max - age.min + 1) * rng.float()) * YEAR),
    );
    const birth = isoDate(birthDay);
    const code = GEO[district].code;
    const datePart = birth.replaceAll('-', '');
    let first17: string;
    do {
      // The 17th digit (the last of the sequence code) is odd for men and even for women.
      const seq = rng.int(0, 99) * 10 + (gender === 'MALE' ? rng.int(0, 4) * 2 + 1 : rng.int(0, 4) * 2);
      first17 = code + datePart + String(seq).padStart(3, '0');
    } while (this.idNumbers.has(first17));
    this.idNumbers.add(first17);
    const personId = `P5119${String(1_000_001 + this.persons.length).padStart(7, '0')}`;
    const birthYear = yearOfDay(birthDay);
    const ageYears = (TODAY - birthDay) / YEAR;
    const hasPhone = ageYears < 16 ? rng.chance(0.1) : rng.chance(role === 'RESIDENT' ? 0.86 : 0.96);
    const info: PersonInfo = {
      row: {
        personId,
        name: personName(rng, gender, birthYear),
        idNumber: first17 + idNumberCheckChar(first17),
        gender,
        birthDate: birth,
        district,
        phone: hasPhone ? mobile(rng) : null,
      },
      role,
      birthDay,
      employer: -1,
      startedOn: TODAY,
      medicalStart: TODAY,
      baseCents: BASE_MIN,
      former: null,
      flexMedical: false,
      deductionTrouble: false,
      suspendedFrom: -1,
      bank: '',
      exempt: false,
      lapses: false,
    };
    this.persons.push(info);
    return info;
  }
}

/** A monthly wage base: about a third at the minimum, the rest spread log-normally, capped. */
function wageBase(rng: Rng, large: boolean): number {
  if (rng.chance(large ? 0.1 : 0.35)) return BASE_MIN;
  const yuan = 4071 * Math.exp(Math.abs(rng.normal()) * (large ? 0.55 : 0.4) + (large ? 0.25 : 0));
  return Math.min(BASE_MAX, Math.round(yuan) * 100);
}

function uniformDay(rng: Rng, from: number, to: number): number {
  return to <= from ? from : rng.int(from, to);
}

/** A terminated earlier employment with another employer, ending before `before`. */
function formerJob(
  rng: Rng,
  person: PersonInfo,
  employers: EmployerInfo[],
  exclude: number,
  before: number,
): PersonInfo['former'] {
  const e = rng.int(0, employers.length - 1);
  if (e === exclude) return null;
  const employer = employers[e]!;
  const to = before - rng.int(20, 500);
  const earliest = Math.max(employer.openedOn, person.birthDay + Math.round(18 * YEAR));
  const from = to - rng.int(300, 3000);
  if (from < earliest || to > TODAY) return null;
  return { employer: e, from, to };
}

function arrearsPlan(rng: Rng, status: ArrearsStatus, suspendedFrom: number): ArrearsPlan {
  let toMonth: number;
  let fromMonth: number;
  if (status === 'COLLECTED') {
    toMonth = CURRENT_MONTH - rng.int(5, 14);
    fromMonth = toMonth - rng.int(1, 6);
  } else {
    toMonth = CURRENT_MONTH - rng.int(0, 1);
    fromMonth = toMonth - rng.int(1, 9);
  }
  if (suspendedFrom >= 0 && toMonth >= suspendedFrom) {
    toMonth = suspendedFrom - 1;
    fromMonth = Math.min(fromMonth, toMonth - 1);
  }
  // Assessed early in the month after the last unpaid period; never after "today".
  const y = Math.floor((toMonth + 1) / 12);
  const m = ((toMonth + 1) % 12) + 1;
  const assessedOn = Math.min(TODAY, dayOf(y, m, rng.int(5, 15)));
  return { fromMonth, toMonth, status, assessedOn };
}

export function buildBase(scale: Scale): Base {
  const sizes = SIZES[scale];
  const rng = new Rng(`bazhong-demo-world:${scale}:base`);
  const { enterprises, showcaseIndex } = makeEnterprises(rng, sizes);
  const employers = makeEmployers(rng, sizes, enterprises, showcaseIndex);
  const showcaseEmployerIndex = employers.findIndex(
    (e) => e.creditCode === enterprises[showcaseIndex]!.creditCode,
  );
  const showcaseEmployer = employers[showcaseEmployerIndex]!;

  const factory = new PersonFactory(rng);

  // Employees, employer by employer.
  const counts = employeeCounts(rng, employers, sizes.employees);
  employers.forEach((employer, e) => {
    for (let k = 0; k < counts[e]!; k++) {
      const district = rng.chance(0.9) ? employer.district : rng.pickWeighted(populationDistricts);
      const p = factory.add('EMPLOYEE', district, { min: 19, max: 59 }, 0.55);
      const earliest = Math.max(
        employer.openedOn,
        p.birthDay + Math.round(18 * YEAR),
        TODAY - Math.round(22 * YEAR),
      );
      p.employer = e;
      // Nobody joins an employer whose accounts are suspended.
      const latest =
        employer.suspendedFrom >= 0
          ? Math.min(TODAY - 14, dayInMonth(employer.suspendedFrom, 1) - 1)
          : TODAY - 14;
      p.startedOn = earliest + Math.floor(Math.pow(rng.float(), 0.7) * Math.max(0, latest - earliest));
      p.medicalStart = p.startedOn;
      p.baseCents = wageBase(rng, employer.large);
      if (rng.chance(0.08)) p.former = formerJob(rng, p, employers, e, p.startedOn);
      employer.employees.push(factory.persons.length - 1);
    }
  });

  // Flexible-employment workers (灵活就业); the first is the showcase person, formerly with the showcase employer.
  const flexibleStart = factory.persons.length;
  for (let k = 0; k < sizes.flexible; k++) {
    const showcase = k === 0;
    const district = showcase ? 'BAZHOU' : rng.pickWeighted(populationDistricts);
    const p = factory.add('FLEXIBLE', district, showcase ? { min: 38, max: 42 } : { min: 22, max: 59 }, 0.5);
    p.bank = showcase ? '中国邮政储蓄银行' : rng.pickWeighted(DEDUCTION_BANKS);
    p.baseCents = rng.chance(0.72) ? BASE_MIN : Math.round(4071 + rng.float() * 2714) * 100;
    if (showcase) {
      p.startedOn = dayOf(2024, 8, 1);
      p.former = { employer: showcaseEmployerIndex, from: dayOf(2016, 3, 1), to: dayOf(2024, 6, 30) };
    } else {
      p.startedOn = uniformDay(
        rng,
        Math.max(dayOf(2012, 1, 1), p.birthDay + Math.round(20 * YEAR)),
        TODAY - 60,
      );
      if (rng.chance(0.15)) p.former = formerJob(rng, p, employers, -1, p.startedOn);
      if (rng.chance(0.03))
        p.suspendedFrom = Math.max(monthOfDay(p.startedOn) + 1, CURRENT_MONTH - rng.int(1, 20));
    }
  }
  const flexibleEnd = factory.persons.length;
  const flexibleIndexes = Array.from(
    { length: flexibleEnd - flexibleStart - 1 },
    (_, k) => flexibleStart + 1 + k,
  );
  const showcasePerson = factory.persons[flexibleStart]!;
  for (const i of [flexibleStart, ...rng.sample(flexibleIndexes, sizes.flexibleMedical - 1)]) {
    const p = factory.persons[i]!;
    p.flexMedical = true;
    p.medicalStart = Math.min(TODAY - 1, p.startedOn + rng.int(0, 180));
  }
  // A few flexible workers whose deductions failed three months running (the study's batch-deduction disputes).
  const troubleCandidates = flexibleIndexes.filter((i) => {
    const p = factory.persons[i]!;
    return p.suspendedFrom < 0 && monthOfDay(p.startedOn) <= CURRENT_MONTH - 6;
  });
  showcasePerson.deductionTrouble = true;
  for (const i of rng.sample(troubleCandidates, Math.max(2, Math.round(sizes.flexible * 0.004)) - 1)) {
    factory.persons[i]!.deductionTrouble = true;
  }

  // Urban-rural residents (城乡居民): children, farmers and the elderly.
  for (let k = 0; k < sizes.residents; k++) {
    const r = rng.float();
    const age = r < 0.24 ? { min: 0, max: 17 } : r < 0.68 ? { min: 18, max: 59 } : { min: 60, max: 92 };
    const p = factory.add('RESIDENT', rng.pickWeighted(populationDistricts), age, 0.49);
    const sixteen = p.birthDay + Math.round(16 * YEAR);
    // Resident pension (新农保/城居保) started here in 2010; residents join at 16 or later.
    p.startedOn = Math.min(TODAY - 1, Math.max(dayOf(2010, 7, 1), sixteen) + rng.int(0, 900));
    p.medicalStart = Math.min(TODAY - 1, Math.max(dayOf(2010, 1, 1), p.birthDay + rng.int(5, 90)));
    p.exempt = rng.chance(age.min >= 60 ? 0.1 : 0.04);
    p.lapses = !p.exempt && rng.chance(0.08);
  }
  const persons = factory.persons;
  for (const [i, p] of persons.entries()) if (p.former) employers[p.former.employer]!.formerEmployees.push(i);

  // Arrears plans: ~9% of employers owe (OUTSTANDING), a few are in dispute, some paid up after collection.
  const eligible = employers.filter((e) => !e.large && e.suspendedFrom < 0);
  const shuffled = rng.shuffle([...eligible]);
  const outstanding = Math.max(2, Math.round(employers.length * 0.09));
  const inDispute = Math.max(1, Math.round(employers.length * 0.01));
  const collected = Math.max(1, Math.round(employers.length * 0.04));
  // The well-known employer in arrears: the first with several employees, preferably in 巴州区.
  const arrearsEmployer =
    shuffled.find((e) => e.district === 'BAZHOU' && e.employees.length >= 2) ??
    shuffled.find((e) => e.employees.length >= 2) ??
    shuffled[0]!;
  shuffled.splice(shuffled.indexOf(arrearsEmployer), 1);
  shuffled.unshift(arrearsEmployer);
  shuffled.forEach((employer, k) => {
    if (k < outstanding) {
      employer.siArrears = arrearsPlan(rng, 'OUTSTANDING', employer.suspendedFrom);
      if (employer.miAccount && (k === 0 || rng.chance(0.7))) {
        const si = employer.siArrears;
        const fromMonth = Math.min(si.toMonth, si.fromMonth + rng.int(0, 2));
        employer.miArrears = { ...si, fromMonth };
      }
    } else if (k < outstanding + inDispute) {
      employer.siArrears = arrearsPlan(rng, 'IN_DISPUTE', employer.suspendedFrom);
    } else if (k < outstanding + inDispute + collected) {
      employer.siArrears = arrearsPlan(rng, 'COLLECTED', employer.suspendedFrom);
      if (employer.miAccount && rng.chance(0.5)) employer.miArrears = { ...employer.siArrears };
    }
  });

  // The showcase labour case: the showcase person against the former employer, filed after the failures.
  const caseFiledOn = dayOf(2026, 10, 16);
  const dayOfYear = caseFiledOn - dayOf(2026, 1, 1) + 1;
  const caseNumber = `（2026）${GEO.BAZHOU.court.code}民初${Math.round((dayOfYear / 366) * 4200) + rng.int(1, 30)}号`;

  return {
    scale,
    sizes,
    enterprises,
    employers,
    persons,
    showcase: {
      employer: showcaseEmployer,
      person: showcasePerson,
      arrearsEmployer,
      caseNumber,
      caseFiledOn,
    },
  };
}
