// The social-security subgraph in process, on real PostgreSQL databases seeded from the demo world: the
// 'test' world for values, the 'demo' world where a page needs more employers in arrears than 'test' has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from '../../core/identifiers.js';
import { buildWorld, type World } from '../../subgraphs/shared/demo-world/index.js';
import { loadSubgraphDefinition } from '../../subgraphs/index.js';
import { createSubgraph } from '../../subgraphs/shared/factory.js';
import type { EmployerBatchDeduction, SiArrears } from '../../subgraphs/social-security/entities/index.js';
import { lastMonths, monthsBefore } from '../../subgraphs/shared/health/windows.js';
import { createTestDatabase, execute, startTestSubgraph, type TestSubgraph } from '../support/databases.js';
import {
  expectIndicator,
  healthIndicatorsOf,
  timed,
  type ExpectedSpec,
} from '../support/health-indicators.js';
import { testIdentity } from '../support/identities.js';

/** As startTestSubgraph, seeded with the 'demo' world (720 employers, enough for pages of 60 in arrears). */
async function startDemoSubgraph(): Promise<TestSubgraph> {
  const db = await createTestDatabase('social_security_demo');
  const runtime = await createSubgraph(await loadSubgraphDefinition('social-security'), {
    databaseUrl: db.url,
  });
  await runtime.migrate();
  await runtime.seed('demo');
  return {
    runtime,
    databaseUrl: db.url,
    dispose: async () => {
      await runtime.stop();
      await db.drop();
    },
  };
}

/** Integer cents of a decimal string, so sums are exact. */
const cents = (amount: string): number => Math.round(Number(amount) * 100);
const yuan = (total: number): string => `${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`;
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What the subgraph should answer, computed from the world's rows. */
function expectationsOf(world: World) {
  const slice = world.socialSecurity;
  /** Arrears not yet paid (outstanding or in dispute), newest first: what the `arrears` lists show. */
  const unpaidOf = (filter: (a: SiArrears) => boolean) =>
    slice.arrears
      .filter((a) => a.status !== 'COLLECTED' && filter(a))
      .sort((a, b) => byString(b.periodFrom, a.periodFrom) || byString(a.id, b.id));
  const employerArrears = (creditCode: string) =>
    unpaidOf((a) => a.debtorKind === 'EMPLOYER' && a.creditCode === creditCode);
  return {
    slice,
    employerArrears,
    personArrears: (personId: string) =>
      unpaidOf((a) => a.debtorKind === 'PERSON' && a.personId === personId),
    /** The total is the sum of the list: every unpaid (outstanding or disputed) arrears. */
    arrearsTotal: (creditCode: string) =>
      yuan(employerArrears(creditCode).reduce((s, a) => s + cents(a.amount), 0)),
    /** Employer accounts with at least one unpaid employer arrears, in credit-code order. */
    accountsInArrears: (district?: string) =>
      slice.employerAccounts
        .filter(
          (acc) => (!district || acc.district === district) && employerArrears(acc.creditCode).length > 0,
        )
        .sort((a, b) => byString(a.creditCode, b.creditCode)),
    contributionsOf: (personId: string, last: number) =>
      slice.contributions
        .filter((c) => c.personId === personId)
        .sort((a, b) => byString(b.period, a.period) || byString(a.scheme, b.scheme) || byString(a.id, b.id))
        .slice(0, last),
    enrolmentsOf: (personId: string) =>
      slice.enrolments
        .filter((e) => e.personId === personId)
        .sort(
          (a, b) =>
            byString(b.startedOn, a.startedOn) || byString(a.scheme, b.scheme) || byString(a.id, b.id),
        ),
    deductionsOf: (personId: string) =>
      slice.batchDeductions
        .filter((d) => d.personId === personId)
        .sort(
          (a, b) =>
            new Date(b.attemptedAt).getTime() - new Date(a.attemptedAt).getTime() || byString(a.id, b.id),
        ),
  };
}

/** The HRSS bureau's indicators as the brief states them, in their fixed order. */
const SI_SPECS: ExpectedSpec[] = [
  {
    code: 'SI_ARREARS',
    sourceAgency: 'HRSS',
    unit: '元',
    rule: { amber: 0.01, red: 50_000, higherIsWorse: true },
  },
  {
    code: 'SI_FAILED_DEDUCTIONS',
    sourceAgency: 'HRSS',
    unit: '次',
    rule: { amber: 1, red: 2, higherIsWorse: true },
  },
  {
    code: 'SI_HEADCOUNT_TREND',
    sourceAgency: 'HRSS',
    unit: '%',
    rule: { amber: -10, red: -25, higherIsWorse: false },
  },
];

/**
 * What the world's rows say of an employer's indicators at `now`: unpaid arrears; FAILED employer
 * deductions attempted in the three calendar months before now's (Beijing); active employee-pension
 * enrolments now against those in force on the same day a year ago. Null where HRSS has no account.
 */
function siHealthOf(world: World, creditCode: string, now: Date) {
  const slice = world.socialSecurity;
  if (!slice.employerAccounts.some((a) => a.creditCode === creditCode)) return null;
  const unpaid = slice.arrears.filter(
    (a) => a.debtorKind === 'EMPLOYER' && a.creditCode === creditCode && a.status !== 'COLLECTED',
  );
  const months = monthsBefore(now, 3);
  const failed = slice.employerBatchDeductions.filter(
    (d) =>
      d.creditCode === creditCode &&
      d.result === 'FAILED' &&
      d.attemptedAt >= months.from &&
      d.attemptedAt < months.until,
  ).length;
  const { fromDate } = lastMonths(now, 12);
  const pension = slice.enrolments.filter(
    (e) => e.scheme === 'EMPLOYEE_PENSION' && e.employerCreditCode === creditCode,
  );
  const insuredNow = pension.filter((e) => e.status === 'ACTIVE').length;
  const insuredThen = pension.filter(
    (e) => e.startedOn <= fromDate && (e.endedOn == null || e.endedOn > fromDate),
  ).length;
  return {
    arrears: unpaid.reduce((sum, a) => sum + cents(a.amount), 0) / 100,
    unpaid,
    failed,
    trend: insuredThen === 0 ? 0 : Math.round(((insuredNow - insuredThen) / insuredThen) * 1000) / 10,
  };
}

const arrearsShape = (a: SiArrears) => ({
  id: a.id,
  scheme: a.scheme,
  periodFrom: a.periodFrom,
  periodTo: a.periodTo,
  amount: a.amount,
  status: a.status,
  assessedOn: a.assessedOn,
});
const ref = (creditCode: string | null | undefined) => (creditCode ? { creditCode } : null);

interface Page {
  employersInArrears: {
    edges: { cursor: string; node: { enterprise: { creditCode: string }; arrearsTotal: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  };
}

const EMPLOYER_PAGE = `query ($district: District, $first: Int, $after: String) {
  employersInArrears(district: $district, first: $first, after: $after) {
    edges { cursor node { accountNumber district status openedOn insuredCount arrearsTotal
      enterprise { creditCode } arrears { id scheme periodFrom periodTo amount status assessedOn } } }
    pageInfo { hasNextPage endCursor }
    totalCount } }`;

const PERSON_DETAIL = `query ($id: ID!) { person(personId: $id) { socialInsurance {
  enrolments { scheme employer { creditCode } status startedOn endedOn }
  contributions { period scheme employer { creditCode } base amount status paidOn }
  recent: contributions(last: 3) { period scheme }
  arrears { id scheme periodFrom periodTo amount status assessedOn }
  batchDeductions { id period scheme amount bank result failureReason attemptedAt } } } }`;

describe('social-security subgraph', () => {
  const world = buildWorld('test');
  const x = expectationsOf(world);
  let ss: TestSubgraph;

  beforeAll(async () => {
    ss = await startTestSubgraph('social-security');
  });
  afterAll(async () => ss?.dispose());

  it('applies row-level rules itself: an enterprise contact gets no person, an employer only its own account', async () => {
    const contact = {
      identity: testIdentity('enterprise-contact', { creditCode: world.showcase.creditCode }),
      purpose: null,
    };
    const person = await execute(
      ss.runtime,
      `query ($id: ID!) { person(personId: $id) { name } }`,
      { id: world.showcase.personId },
      contact,
    );
    expect(person.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = x.slice.employerAccounts.find(
      (a) => a.creditCode !== world.showcase.creditCode,
    )!.creditCode;
    const refs = await execute<{ _entities: ({ socialInsurance: unknown } | null)[] }>(
      ss.runtime,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { socialInsurance { accountNumber } } } }`,
      {
        r: [world.showcase.creditCode, other].map((creditCode) => ({ __typename: 'Enterprise', creditCode })),
      },
      contact,
    );
    expect(refs.data!._entities[0]).not.toBeNull();
    expect(refs.data!._entities[1]).toBeNull();
  });

  it('returns a person with the core registry fields, the ID number and phone masked', async () => {
    const expected = x.slice.persons.find((p) => p.personId === world.showcase.personId)!;
    const result = await execute(
      ss.runtime,
      `query ($id: ID!) { person(personId: $id) { personId name idNumber gender birthDate district phone } }`,
      { id: expected.personId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      person: {
        personId: expected.personId,
        name: expected.name,
        idNumber: maskIdNumber(expected.idNumber),
        gender: expected.gender,
        birthDate: expected.birthDate,
        district: expected.district,
        phone: expected.phone ? maskPhone(expected.phone) : null,
      },
    });
  });

  it('never returns a stored ID number or phone whole', async () => {
    const persons = x.slice.persons.filter((p) => p.phone).slice(0, 20);
    const result = await execute<{ _entities: { idNumber: string; phone: string }[] }>(
      ss.runtime,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber phone } } }`,
      { r: persons.map((p) => ({ __typename: 'Person', personId: p.personId })) },
    );
    expect(result.errors).toBeUndefined();
    result.data!._entities.forEach((shown, i) => {
      const stored = persons[i]!;
      expect(shown.idNumber).not.toBe(stored.idNumber);
      expect(shown.idNumber).toBe(stored.idNumber.slice(0, 6) + '********' + stored.idNumber.slice(-4));
      expect(shown.phone).not.toBe(stored.phone);
      expect(shown.phone).toBe(stored.phone!.slice(0, 3) + '****' + stored.phone!.slice(-4));
    });
  });

  // The showcase person (a flexible worker whose deductions fail, formerly employed) and an employee
  // of the well-known employer in arrears: between them every part of PersonSocialInsurance has rows.
  const employeeInArrears = () =>
    x.slice.contributions.find(
      (c) => c.employerCreditCode === world.showcase.employerInArrearsCreditCode && c.status === 'UNPAID',
    )!.personId;
  it.each([
    ['the showcase person', () => world.showcase.personId],
    ['an employee of an employer in arrears', employeeInArrears],
  ])(
    "returns %s's enrolments, newest contributions, unpaid arrears and batch deductions",
    async (_, pick) => {
      const personId = pick();
      const result = await execute<{
        person: {
          socialInsurance: Record<
            'enrolments' | 'contributions' | 'recent' | 'arrears' | 'batchDeductions',
            unknown[]
          >;
        };
      }>(ss.runtime, PERSON_DETAIL, { id: personId });
      expect(result.errors).toBeUndefined();
      const si = result.data!.person.socialInsurance;
      expect(si.enrolments.length).toBeGreaterThan(0);
      expect(si.enrolments).toEqual(
        x.enrolmentsOf(personId).map((e) => ({
          scheme: e.scheme,
          employer: ref(e.employerCreditCode),
          status: e.status,
          startedOn: e.startedOn,
          endedOn: e.endedOn ?? null,
        })),
      );
      // The default is the newest 24 periods; `last` takes fewer.
      expect(si.contributions.length).toBeGreaterThan(3);
      expect(si.contributions).toEqual(
        x.contributionsOf(personId, 24).map((c) => ({
          period: c.period,
          scheme: c.scheme,
          employer: ref(c.employerCreditCode),
          base: c.base,
          amount: c.amount,
          status: c.status,
          paidOn: c.paidOn ?? null,
        })),
      );
      expect(si.recent).toEqual(
        x.contributionsOf(personId, 3).map((c) => ({ period: c.period, scheme: c.scheme })),
      );
      expect(si.arrears).toEqual(x.personArrears(personId).map(arrearsShape));
      expect(si.batchDeductions).toEqual(
        x.deductionsOf(personId).map((d) => ({
          id: d.id,
          period: d.period,
          scheme: d.scheme,
          amount: d.amount,
          bank: d.bank,
          result: d.result,
          failureReason: d.failureReason ?? null,
          attemptedAt: new Date(d.attemptedAt).toISOString(),
        })),
      );
    },
  );

  it("shows the showcase person's disputed arrears, and counts an employer's disputed arrears as owed", async () => {
    const person = await execute<{ person: { socialInsurance: { arrears: { status: string }[] } } }>(
      ss.runtime,
      `query ($id: ID!) { person(personId: $id) { socialInsurance { arrears { status } } } }`,
      { id: world.showcase.personId },
    );
    expect(person.data!.person.socialInsurance.arrears.map((a) => a.status)).toContain('IN_DISPUTE');

    const disputed = x.slice.arrears.find((a) => a.debtorKind === 'EMPLOYER' && a.status === 'IN_DISPUTE')!;
    const code = disputed.creditCode!;
    const result = await execute<{
      _entities: { socialInsurance: { arrearsTotal: string; arrears: unknown[] } }[];
    }>(
      ss.runtime,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise {
        socialInsurance { arrearsTotal arrears { id scheme periodFrom periodTo amount status assessedOn } } } } }`,
      { r: [{ __typename: 'Enterprise', creditCode: code }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0]!.socialInsurance).toEqual({
      arrearsTotal: x.arrearsTotal(code),
      arrears: x.employerArrears(code).map(arrearsShape),
    });
    // Listed among employers in arrears because disputed arrears are still owed.
    const listed = await execute<Page>(ss.runtime, EMPLOYER_PAGE, { first: 500 });
    const codes = listed.data!.employersInArrears.edges.map((e) => e.node.enterprise.creditCode);
    expect(codes).toContain(code);
  });

  it('resolves Person and Enterprise references in key order, at a cost that does not grow with the keys', async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on Person { personId name si: socialInsurance { enrolments { scheme } contributions(last: 2) { period }
        arrears { amount } batchDeductions { result } } }
      ... on Enterprise { creditCode socialInsurance { accountNumber arrearsTotal arrears { amount }
        enterprise { creditCode } } } } }`;
    // An enterprise without a social-insurance account gets null for the added field.
    const registered = new Set(x.slice.employerAccounts.map((a) => a.creditCode));
    const unregistered = world.tax.enterprises.find((e) => !registered.has(e.creditCode))!.creditCode;
    const codes = [...x.slice.employerAccounts.slice(0, 24).map((a) => a.creditCode), unregistered];
    const personIds = x.slice.persons.slice(0, 25).map((p) => p.personId);

    const run = async (n: number) => {
      // Both types interleaved, as the gateway sends them when one plan step needs both.
      const representations = Array.from({ length: n }, (_, i) => [
        { __typename: 'Enterprise', creditCode: codes[codes.length - n + i]! },
        { __typename: 'Person', personId: personIds[i]! },
      ]).flat();
      const before = ss.runtime.sql.count;
      const result = await execute<{
        _entities: {
          creditCode?: string;
          personId?: string;
          name?: string;
          socialInsurance?: {
            accountNumber: string;
            arrearsTotal: string;
            enterprise: { creditCode: string };
          } | null;
          si?: { enrolments: unknown[]; contributions: { period: string }[]; batchDeductions: unknown[] };
        }[];
      }>(ss.runtime, query, { r: representations });
      const statements = ss.runtime.sql.count - before;
      expect(result.errors).toBeUndefined();
      const entities = result.data!._entities;
      expect(entities).toHaveLength(representations.length);
      representations.forEach((rep, i) => {
        const entity = entities[i]!;
        if (rep.personId) {
          const person = x.slice.persons.find((p) => p.personId === rep.personId)!;
          expect(entity.personId).toBe(person.personId);
          expect(entity.name).toBe(person.name);
          expect(entity.si!.enrolments).toHaveLength(x.enrolmentsOf(person.personId).length);
          expect(entity.si!.contributions.map((c) => c.period)).toEqual(
            x.contributionsOf(person.personId, 2).map((c) => c.period),
          );
          expect(entity.si!.batchDeductions).toHaveLength(x.deductionsOf(person.personId).length);
        } else {
          expect(entity.creditCode).toBe(rep.creditCode);
          const account = x.slice.employerAccounts.find((a) => a.creditCode === rep.creditCode);
          expect(entity.socialInsurance).toEqual(
            account
              ? {
                  accountNumber: account.accountNumber,
                  arrearsTotal: x.arrearsTotal(account.creditCode),
                  arrears: x.employerArrears(account.creditCode).map((a) => ({ amount: a.amount })),
                  enterprise: { creditCode: account.creditCode },
                }
              : null,
          );
        }
      });
      return statements;
    };
    const five = await run(5);
    const twentyFive = await run(25);
    expect(twentyFive).toBe(five);
    // person, enrolments, contributions, person arrears, deductions; account, arrears total, employer arrears.
    expect(five).toBe(8);
  });

  it('pages through all employers in arrears with their totals, matching the world', async () => {
    const expected = x.accountsInArrears();
    expect(expected.length).toBeGreaterThan(2);
    const seen: { creditCode: string; arrearsTotal: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const result: { data?: Page | null; errors?: unknown[] } = await execute<Page>(
        ss.runtime,
        EMPLOYER_PAGE,
        {
          first: 2,
          after,
        },
      );
      expect(result.errors).toBeUndefined();
      const page = result.data!.employersInArrears;
      expect(page.totalCount).toBe(expected.length);
      seen.push(
        ...page.edges.map((e) => ({
          creditCode: e.node.enterprise.creditCode,
          arrearsTotal: e.node.arrearsTotal,
        })),
      );
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(
      expected.map((a) => ({ creditCode: a.creditCode, arrearsTotal: x.arrearsTotal(a.creditCode) })),
    );
    expect(seen.map((s) => s.creditCode)).toContain(world.showcase.employerInArrearsCreditCode);
  });

  it('filters employers in arrears by district, with each account and its unpaid arrears', async () => {
    const district = x.slice.employerAccounts.find(
      (acc) => acc.creditCode === world.showcase.employerInArrearsCreditCode,
    )!.district;
    const expected = x.accountsInArrears(district);
    const result = await execute<{
      employersInArrears: { edges: { node: Record<string, unknown> }[]; totalCount: number };
    }>(ss.runtime, EMPLOYER_PAGE, { district, first: 500 });
    expect(result.errors).toBeUndefined();
    expect(result.data!.employersInArrears.totalCount).toBe(expected.length);
    expect(result.data!.employersInArrears.edges.map((e) => e.node)).toEqual(
      expected.map((acc) => ({
        accountNumber: acc.accountNumber,
        district: acc.district,
        status: acc.status,
        openedOn: acc.openedOn,
        insuredCount: acc.insuredCount,
        arrearsTotal: x.arrearsTotal(acc.creditCode),
        enterprise: { creditCode: acc.creditCode },
        arrears: x.employerArrears(acc.creditCode).map(arrearsShape),
      })),
    );
  });

  it('answers NOT_FOUND for an unknown person id', async () => {
    const unknown = '0'.repeat(20);
    expect(x.slice.persons.some((p) => p.personId === unknown)).toBe(false);
    const result = await execute(ss.runtime, `query ($id: ID!) { person(personId: $id) { name } }`, {
      id: unknown,
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.data?.person).toBeNull();
  });

  it('refuses out-of-range page sizes, contribution counts and forged cursors with stable codes', async () => {
    for (const last of [0, 121, -3]) {
      const result = await execute(
        ss.runtime,
        `query ($id: ID!, $last: Int) { person(personId: $id) { socialInsurance { contributions(last: $last) { period } } } }`,
        { id: world.showcase.personId, last },
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.argument).toBe('last');
    }
    for (const first of [0, 501, -1]) {
      const result = await execute(
        ss.runtime,
        `query ($first: Int) { employersInArrears(first: $first) { totalCount } }`,
        {
          first,
        },
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.argument).toBe('first');
    }
    const forged = await execute(
      ss.runtime,
      `{ employersInArrears(after: "bm90LWEtY3Vyc29y") { totalCount } }`,
    );
    expect(forged.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });

  describe('health-check indicators (Enterprise.socialInsuranceHealthIndicators)', () => {
    const FIELD = 'socialInsuranceHealthIndicators';
    const accounts = () => x.slice.employerAccounts.map((a) => a.creditCode);
    const registered = () => new Set(accounts());
    const unregistered = () =>
      world.tax.enterprises.map((e) => e.creditCode).filter((code) => !registered().has(code));

    it("gives every employer the three indicators its rows say, in order, rated by the brief's thresholds", async () => {
      const codes = accounts();
      const { indicators, errors, window } = await timed(() => healthIndicatorsOf(ss.runtime, FIELD, codes));
      expect(errors).toBeUndefined();
      const ratings = new Map<string, Set<string>>(SI_SPECS.map((s) => [s.code, new Set()]));
      codes.forEach((code, i) => {
        const served = indicators[i]!;
        expect(served.map((ind) => ind.code)).toEqual(SI_SPECS.map((s) => s.code));
        // Each value as of the moment its group was read.
        const at = (k: number) => siHealthOf(world, code, new Date(served[k]!.asOf))!;
        [at(0).arrears, at(1).failed, at(2).trend].forEach((value, k) =>
          expectIndicator(served[k]!, SI_SPECS[k]!, value, window),
        );
        const expected = at(0);
        if (expected.unpaid.length > 0) {
          const periods = expected.unpaid
            .map((a) => [a.periodFrom, a.periodTo])
            .flat()
            .sort();
          expect(served[0]!.note).toContain(
            `欠缴 ${expected.unpaid.length} 笔，所属期 ${periods[0]} 至 ${periods.at(-1)}`,
          );
        }
        served.forEach((ind) => ratings.get(ind.code)!.add(ind.rating));
      });
      // Employers with and without arrears; and, while the window still covers the world's months (its
      // "today" is 2026-11-30), employers with no, one and several failed deductions.
      expect(ratings.get('SI_ARREARS')).toEqual(new Set(['GREEN', 'AMBER']));
      const months = monthsBefore(new Date(indicators[0]![0]!.asOf), 3);
      if (months.firstPeriod <= '2026-11') {
        expect(ratings.get('SI_FAILED_DEDUCTIONS')).toEqual(new Set(['GREEN', 'AMBER', 'RED']));
      }
    });

    it('gives an enterprise HRSS holds no account of zeros, with a note that says so', async () => {
      const codes = unregistered().slice(0, 3);
      const { indicators, errors, window } = await timed(() => healthIndicatorsOf(ss.runtime, FIELD, codes));
      expect(errors).toBeUndefined();
      for (const served of indicators) {
        SI_SPECS.forEach((spec, k) => expectIndicator(served![k]!, spec, 0, window));
        expect(served!.map((ind) => ind.rating)).toEqual(['GREEN', 'GREEN', 'GREEN']);
        for (const ind of served!) expect(ind.note).toContain('无该企业的单位社保登记');
      }
    });

    it('costs the same SQL statements for one enterprise as for every employer and more', async () => {
      const one = await healthIndicatorsOf(ss.runtime, FIELD, [world.showcase.creditCode]);
      const many = await healthIndicatorsOf(ss.runtime, FIELD, [
        ...accounts(),
        ...unregistered().slice(0, 20),
      ]);
      expect(one.errors).toBeUndefined();
      expect(many.errors).toBeUndefined();
      expect(many.indicators).toHaveLength(x.slice.employerAccounts.length + 20);
      expect(many.statements).toBe(one.statements);
      // The accounts, then arrears, failed deductions and enrolments, each grouped by employer.
      expect(one.statements).toBe(4);
    });

    it('gives an enterprise contact the indicators of its own enterprise only', async () => {
      const own = world.showcase.creditCode;
      const contact = testIdentity('enterprise-contact', { creditCode: own });
      const other = world.showcase.employerInArrearsCreditCode;
      const { indicators, errors } = await healthIndicatorsOf(ss.runtime, FIELD, [own, other], contact);
      expect(errors).toBeUndefined();
      expect(indicators[0]!.map((ind) => ind.code)).toEqual(SI_SPECS.map((s) => s.code));
      expect(indicators[1]).toBeNull();
      // Reached inside this subgraph (an account's employer) rather than as a reference: null, as documented.
      const inside = await execute<{
        employersInArrears: { edges: { node: { enterprise: unknown } }[] };
      }>(
        ss.runtime,
        `{ employersInArrears(first: 5) { edges { node { enterprise { ${FIELD} { code } } } } } }`,
        {},
        { identity: contact, purpose: null },
      );
      expect(inside.errors).toBeUndefined();
      expect(inside.data!.employersInArrears.edges.map((e) => e.node.enterprise)).toEqual(
        Array(5).fill(null),
      );
    });
  });

  describe('employer batch deductions (EmployerSocialInsuranceAccount.batchDeductions)', () => {
    const QUERY = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { socialInsurance {
      batchDeductions { id } recent: batchDeductions(last: 3) { id period amount bank result failureReason attemptedAt } } } } }`;
    const newest = (creditCode: string) =>
      x.slice.employerBatchDeductions
        .filter((d) => d.creditCode === creditCode)
        .sort((a, b) => b.attemptedAt.getTime() - a.attemptedAt.getTime() || byString(b.id, a.id));
    const shape = (d: EmployerBatchDeduction) => ({
      id: d.id,
      period: d.period,
      amount: d.amount,
      bank: d.bank,
      result: d.result,
      failureReason: d.failureReason ?? null,
      attemptedAt: d.attemptedAt.toISOString(),
    });
    const run = async (codes: string[]) => {
      const before = ss.runtime.sql.count;
      const result = await execute<{
        _entities: { socialInsurance: { batchDeductions: { id: string }[]; recent: unknown[] } }[];
      }>(ss.runtime, QUERY, { r: codes.map((creditCode) => ({ __typename: 'Enterprise', creditCode })) });
      return { result, statements: ss.runtime.sql.count - before };
    };

    it("lists each employer's newest deductions (12 by default, or `last`), batched", async () => {
      const codes = x.slice.employerAccounts.map((a) => a.creditCode);
      const few = await run(codes.slice(0, 2));
      const all = await run(codes);
      expect(all.result.errors).toBeUndefined();
      expect(all.statements).toBe(few.statements);
      codes.forEach((code, i) => {
        const si = all.result.data!._entities[i]!.socialInsurance;
        expect(si.batchDeductions.map((d) => d.id)).toEqual(
          newest(code)
            .slice(0, 12)
            .map((d) => d.id),
        );
        expect(si.recent).toEqual(newest(code).slice(0, 3).map(shape));
      });
      const inArrears =
        all.result.data!._entities[codes.indexOf(world.showcase.employerInArrearsCreditCode)]!;
      expect(inArrears.socialInsurance.recent).toContainEqual(
        expect.objectContaining({ result: 'FAILED', failureReason: expect.any(String) }),
      );
    });

    it('refuses a `last` out of 1–120 with BAD_USER_INPUT', async () => {
      for (const last of [0, 121]) {
        const result = await execute(
          ss.runtime,
          `query ($r: [_Any!]!, $last: Int) { _entities(representations: $r) { ... on Enterprise {
            socialInsurance { batchDeductions(last: $last) { id } } } } }`,
          { r: [{ __typename: 'Enterprise', creditCode: world.showcase.creditCode }], last },
        );
        expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(result.errors?.[0]?.extensions?.argument).toBe('last');
      }
    });
  });

  describe('employers whose batch deductions failed in a month (Query.employersWithFailedDeductions)', () => {
    const LIST = `query ($month: String!, $district: District, $unresolvedOnly: Boolean, $first: Int, $after: String) {
      employersWithFailedDeductions(month: $month, district: $district, unresolvedOnly: $unresolvedOnly, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { creditCode district month failedCount amount unresolved latestFailureReason lastFailedAt
          account { accountNumber arrearsTotal } enterprise { creditCode } } } } }`;
    interface Row {
      creditCode: string;
      district: string;
      month: string;
      failedCount: number;
      amount: string;
      unresolved: boolean;
      latestFailureReason: string | null;
      lastFailedAt: string;
    }
    interface Page {
      employersWithFailedDeductions: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: Row & { account: { accountNumber: string }; enterprise: { creditCode: string } } }[];
      };
    }
    /** What the world's deductions say of a month, per employer, in credit-code order. */
    const expectedOf = (
      month: string,
      filter: { district?: string; unresolvedOnly?: boolean } = {},
    ): Row[] => {
      const byEmployer = new Map<string, EmployerBatchDeduction[]>();
      for (const d of x.slice.employerBatchDeductions.filter((d) => d.period === month)) {
        byEmployer.set(d.creditCode, [...(byEmployer.get(d.creditCode) ?? []), d]);
      }
      const district = new Map(x.slice.employerAccounts.map((a) => [a.creditCode, a.district]));
      return [...byEmployer]
        .map(([creditCode, list]) => {
          const failed = list
            .filter((d) => d.result === 'FAILED')
            .sort((a, b) => b.attemptedAt.getTime() - a.attemptedAt.getTime() || byString(b.id, a.id));
          return {
            creditCode,
            district: district.get(creditCode)!,
            month,
            failedCount: failed.length,
            amount: failed[0]?.amount ?? '',
            unresolved: list.every((d) => d.result === 'FAILED'),
            latestFailureReason: failed[0]?.failureReason ?? null,
            lastFailedAt: failed[0]?.attemptedAt.toISOString() ?? '',
          };
        })
        .filter((r) => r.failedCount > 0)
        .filter((r) => !filter.district || r.district === filter.district)
        .filter((r) => !filter.unresolvedOnly || r.unresolved)
        .sort((a, b) => byString(a.creditCode, b.creditCode));
    };
    /** The month of the world with the most employers whose deductions failed. */
    const month = () => {
      const months = [...new Set(x.slice.employerBatchDeductions.map((d) => d.period))];
      return months.sort((a, b) => expectedOf(b).length - expectedOf(a).length || byString(a, b))[0]!;
    };
    const strip = (page: Page) =>
      page.employersWithFailedDeductions.edges.map(
        ({ node: { account: _a, enterprise: _e, ...row } }) => row,
      );

    it('lists each employer with its failed count, amount and whether the retry failed too, as the world holds them', async () => {
      const m = month();
      const expected = expectedOf(m);
      expect(expected.length).toBeGreaterThan(1);
      expect(expected.some((r) => !r.unresolved)).toBe(true);
      const seen: Row[] = [];
      let after: string | null = null;
      for (;;) {
        const result: { data?: Page | null; errors?: unknown[] } = await execute<Page>(ss.runtime, LIST, {
          month: m,
          first: 2,
          after,
        });
        expect(result.errors).toBeUndefined();
        const page = result.data!;
        expect(page.employersWithFailedDeductions.totalCount).toBe(expected.length);
        for (const { node } of page.employersWithFailedDeductions.edges) {
          expect(node.enterprise.creditCode).toBe(node.creditCode);
          expect(node.account.accountNumber).toMatch(/^\d{16}$/);
        }
        seen.push(...strip(page));
        if (!page.employersWithFailedDeductions.pageInfo.hasNextPage) break;
        after = page.employersWithFailedDeductions.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
      const unresolved = await execute<Page>(ss.runtime, LIST, {
        month: m,
        unresolvedOnly: true,
        first: 500,
      });
      expect(strip(unresolved.data!)).toEqual(expectedOf(m, { unresolvedOnly: true }));
      const district = expected[0]!.district;
      const one = await execute<Page>(ss.runtime, LIST, { month: m, district, first: 500 });
      expect(strip(one.data!)).toEqual(expectedOf(m, { district }));
    });

    it('costs the same SQL statements for a page of 2 as for every employer, accounts included', async () => {
      const cost = async (first: number) => {
        const before = ss.runtime.sql.count;
        const result = await execute<Page>(ss.runtime, LIST, { month: month(), first });
        expect(result.errors).toBeUndefined();
        return ss.runtime.sql.count - before;
      };
      expect(await cost(500)).toBe(await cost(2));
    });

    it('is for government agencies only, and refuses a malformed month or a foreign cursor', async () => {
      const contact = {
        identity: testIdentity('enterprise-contact', { creditCode: world.showcase.creditCode }),
        purpose: null,
      };
      const refused = await execute(ss.runtime, LIST, { month: month() }, contact);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      for (const m of ['2026-13', '2026/10', '']) {
        const result = await execute(ss.runtime, LIST, { month: m });
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'month' });
      }
      const foreign = await execute(ss.runtime, LIST, { month: month(), after: 'bm90LWEtY3Vyc29y' });
      expect(foreign.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
    });
  });

  it('keeps migrations in step with the entities (no pending schema difference)', async () => {
    const diff = await ss.runtime.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});

describe('social-security subgraph at demo scale', () => {
  const x = expectationsOf(buildWorld('demo'));
  let ss: TestSubgraph;

  beforeAll(async () => {
    ss = await startDemoSubgraph();
  });
  afterAll(async () => ss?.dispose());

  it('costs the same number of SQL statements for a page of 60 employers in arrears as for a page of 6', async () => {
    const expected = x.accountsInArrears();
    expect(expected.length).toBeGreaterThanOrEqual(60);
    const page = async (first: number) => {
      const before = ss.runtime.sql.count;
      const result = await execute<Page>(ss.runtime, EMPLOYER_PAGE, { first });
      const statements = ss.runtime.sql.count - before;
      expect(result.errors).toBeUndefined();
      const edges = result.data!.employersInArrears.edges;
      expect(edges.map((e) => [e.node.enterprise.creditCode, e.node.arrearsTotal])).toEqual(
        expected.slice(0, first).map((acc) => [acc.creditCode, x.arrearsTotal(acc.creditCode)]),
      );
      return statements;
    };
    const small = await page(6);
    const large = await page(60);
    expect(large).toBe(small);
    // The page, its total, the arrears totals of all its accounts, the arrears lists of all its accounts.
    expect(large).toBe(4);
  });
});
