// The medical-insurance subgraph in process, on its own real PostgreSQL database seeded with the 'test'
// world. Every expected value is computed from buildWorld('test'), never written by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar, organisationCodeCheckChar } from '../../core/identifiers.js';
import { money } from '../../subgraphs/shared/demo-world/calendar.js';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import type {
  MiArrears,
  MiEnrolment,
  YearlyPayment,
} from '../../subgraphs/medical-insurance/entities/index.js';
import { execute, startTestSubgraph, type TestSubgraph } from '../support/databases.js';
import {
  expectIndicator,
  healthIndicatorsOf,
  timed,
  type ExpectedSpec,
} from '../support/health-indicators.js';
import { testIdentity } from '../support/identities.js';

const world = buildWorld('test');
const mi = world.medicalInsurance;
let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await startTestSubgraph('medical-insurance');
});
afterAll(async () => subgraph?.dispose());

// What the subgraph should answer, derived from the world's rows.
const unpaid = (a: MiArrears) => a.status === 'OUTSTANDING' || a.status === 'IN_DISPUTE';
/** Code-point order, as PostgreSQL orders these ASCII strings and uuids. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byPeriodThenId = (a: MiArrears, b: MiArrears) =>
  compare(a.periodFrom, b.periodFrom) || compare(a.id, b.id);
const cents = (amount: string) => Math.round(Number(amount) * 100);

function employerArrears(creditCode: string): MiArrears[] {
  return mi.arrears
    .filter((a) => a.debtorKind === 'EMPLOYER' && a.creditCode === creditCode && unpaid(a))
    .sort(byPeriodThenId);
}
function personArrears(personId: string): MiArrears[] {
  return mi.arrears
    .filter((a) => a.debtorKind === 'PERSON' && a.personId === personId && unpaid(a))
    .sort(byPeriodThenId);
}
function arrearsTotal(creditCode: string): string {
  return money(employerArrears(creditCode).reduce((sum, a) => sum + cents(a.amount), 0));
}
function enrolmentsOf(personId: string): MiEnrolment[] {
  return mi.enrolments
    .filter((e) => e.personId === personId)
    .sort((a, b) => compare(a.startedOn, b.startedOn) || compare(a.id, b.id));
}
function paymentsOf(personId: string): YearlyPayment[] {
  return mi.yearlyPayments
    .filter((p) => p.personId === personId)
    .sort((a, b) => b.year - a.year || compare(a.scheme, b.scheme) || compare(a.id, b.id));
}

const arrearsView = (a: MiArrears) => ({
  id: a.id,
  scheme: a.scheme,
  periodFrom: a.periodFrom,
  periodTo: a.periodTo,
  amount: a.amount,
  status: a.status,
  assessedOn: a.assessedOn,
});
const ARREARS_FIELDS = 'id scheme periodFrom periodTo amount status assessedOn';

/** A well-formed credit code that no agency has registered. */
function unregisteredCreditCode(): string {
  const first17 = '91511902' + '87654321' + organisationCodeCheckChar('87654321');
  const code = first17 + creditCodeCheckChar(first17);
  expect(mi.employerAccounts.some((a) => a.creditCode === code)).toBe(false);
  return code;
}

/** Employers with an account and unpaid arrears: the interesting ones for totals. */
const employersInArrears = mi.employerAccounts.filter((a) => employerArrears(a.creditCode).length > 0);
const enrolledPersonIds = [...new Set(mi.enrolments.map((e) => e.personId))].sort();

describe('medical-insurance subgraph', () => {
  it('the test world has what these tests need', () => {
    expect(employersInArrears.length).toBeGreaterThan(0);
    expect(mi.employerAccounts.length).toBeGreaterThanOrEqual(25);
    expect(enrolledPersonIds.length).toBeGreaterThanOrEqual(25);
    expect(mi.yearlyPayments.length).toBeGreaterThan(0);
  });

  it('returns an employer account with its outstanding arrears and their total', async () => {
    const account =
      mi.employerAccounts.find((a) => a.creditCode === world.showcase.employerInArrearsCreditCode) ??
      employersInArrears[0]!;
    const result = await execute(
      subgraph.runtime,
      `query ($code: ID!) { medicalEmployerAccount(creditCode: $code) { accountNumber enterprise { creditCode }
        status openedOn insuredCount arrearsTotal arrears { ${ARREARS_FIELDS} } } }`,
      { code: account.creditCode },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      medicalEmployerAccount: {
        accountNumber: account.accountNumber,
        enterprise: { creditCode: account.creditCode },
        status: account.status,
        openedOn: account.openedOn,
        insuredCount: account.insuredCount,
        arrearsTotal: arrearsTotal(account.creditCode),
        arrears: employerArrears(account.creditCode).map(arrearsView),
      },
    });
  });

  it('sums outstanding arrears per employer in SQL, to the cent, and answers 0.00 where none', async () => {
    const accounts = mi.employerAccounts;
    const result = await execute<{ _entities: { medicalInsurance: { arrearsTotal: string } }[] }>(
      subgraph.runtime,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { medicalInsurance { arrearsTotal } } } }`,
      { r: accounts.map((a) => ({ __typename: 'Enterprise', creditCode: a.creditCode })) },
    );
    expect(result.errors).toBeUndefined();
    const totals = result.data!._entities.map((e) => e.medicalInsurance.arrearsTotal);
    expect(totals).toEqual(accounts.map((a) => arrearsTotal(a.creditCode)));
    expect(totals.filter((t) => t !== '0.00')).toHaveLength(employersInArrears.length);
  });

  it('adds medicalInsurance to enterprises as the gateway asks (_entities), null where no account', async () => {
    const codes = [
      ...mi.employerAccounts.slice(0, 3).map((a) => a.creditCode),
      // A registered taxpayer that is no medical-insurance employer, and a code nobody registered.
      world.tax.enterprises.find((e) => !mi.employerAccounts.some((a) => a.creditCode === e.creditCode))!
        .creditCode,
      unregisteredCreditCode(),
      ...employersInArrears.slice(0, 2).map((a) => a.creditCode),
    ];
    const result = await execute<{
      _entities: {
        creditCode: string;
        medicalInsurance: { accountNumber: string; arrearsTotal: string } | null;
      }[];
    }>(
      subgraph.runtime,
      `query ($r: [_Any!]!) { _entities(representations: $r) {
        ... on Enterprise { creditCode medicalInsurance { accountNumber arrearsTotal } } } }`,
      { r: codes.map((creditCode) => ({ __typename: 'Enterprise', creditCode })) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual(
      codes.map((creditCode) => {
        const account = mi.employerAccounts.find((a) => a.creditCode === creditCode);
        return {
          creditCode,
          medicalInsurance: account
            ? { accountNumber: account.accountNumber, arrearsTotal: arrearsTotal(creditCode) }
            : null,
        };
      }),
    );
  });

  it('adds medicalInsurance to persons: enrolments, yearly payments newest first, arrears; null if never enrolled', async () => {
    const withArrears = mi.arrears
      .filter((a) => a.debtorKind === 'PERSON' && unpaid(a) && enrolledPersonIds.includes(a.personId!))
      .map((a) => a.personId!);
    // Collected arrears are paid: they must not be listed.
    const withCollectedArrears = mi.arrears
      .filter((a) => a.debtorKind === 'PERSON' && !unpaid(a) && enrolledPersonIds.includes(a.personId!))
      .map((a) => a.personId!);
    expect(withCollectedArrears.length).toBeGreaterThan(0);
    const withEmployer = mi.enrolments.filter((e) => e.employerCreditCode).map((e) => e.personId);
    const withoutEmployer = mi.enrolments.filter((e) => !e.employerCreditCode).map((e) => e.personId);
    // A person the HRSS bureau knows who never enrolled in medical insurance.
    const neverEnrolled = world.socialSecurity.persons.find(
      (p) => !enrolledPersonIds.includes(p.personId),
    )!.personId;
    const ids = [
      ...new Set([
        world.showcase.personId,
        ...enrolledPersonIds.slice(0, 3),
        neverEnrolled,
        ...withCollectedArrears.slice(0, 1),
        ...withArrears.slice(0, 2),
        ...withEmployer.slice(0, 1),
        ...withoutEmployer.slice(0, 1),
      ]),
    ];
    const result = await execute<{ _entities: unknown[] }>(
      subgraph.runtime,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { personId medicalInsurance {
        enrolments { scheme employer { creditCode } status startedOn endedOn }
        yearlyPayments { year scheme amountDue amountPaid status paidOn }
        arrears { ${ARREARS_FIELDS} } } } } }`,
      { r: ids.map((personId) => ({ __typename: 'Person', personId })) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual(
      ids.map((personId) => {
        const enrolments = enrolmentsOf(personId);
        return {
          personId,
          medicalInsurance:
            enrolments.length === 0
              ? null
              : {
                  enrolments: enrolments.map((e) => ({
                    scheme: e.scheme,
                    employer: e.employerCreditCode ? { creditCode: e.employerCreditCode } : null,
                    status: e.status,
                    startedOn: e.startedOn,
                    endedOn: e.endedOn ?? null,
                  })),
                  yearlyPayments: paymentsOf(personId).map((p) => ({
                    year: p.year,
                    scheme: p.scheme,
                    amountDue: p.amountDue,
                    amountPaid: p.amountPaid,
                    status: p.status,
                    paidOn: p.paidOn ?? null,
                  })),
                  arrears: personArrears(personId).map(arrearsView),
                },
        };
      }),
    );
  });

  it('costs the same number of SQL statements for 5 keys as for 25 (no N+1)', async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on Enterprise { creditCode medicalInsurance { accountNumber arrearsTotal arrears { id amount } enterprise { creditCode } } }
      ... on Person { personId medicalInsurance { enrolments { scheme employer { creditCode } } yearlyPayments { year }
        arrears { id amount } } } } }`;
    const statementsFor = async (n: number) => {
      const representations = [
        ...mi.employerAccounts
          .slice(0, n)
          .map((a) => ({ __typename: 'Enterprise', creditCode: a.creditCode })),
        ...enrolledPersonIds.slice(0, n).map((personId) => ({ __typename: 'Person', personId })),
      ];
      const before = subgraph.runtime.sql.count;
      const result = await execute<{ _entities: unknown[] }>(subgraph.runtime, query, { r: representations });
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities).toHaveLength(2 * n);
      return subgraph.runtime.sql.count - before;
    };
    const five = await statementsFor(5);
    const twentyFive = await statementsFor(25);
    expect(twentyFive).toBe(five);
    // account, arrears, arrears total; enrolments, yearly payments, person arrears
    expect(five).toBe(6);
  });

  it('returns no personal data of the persons it knows: keys only, no ID number, name or phone', async () => {
    const ids = enrolledPersonIds.slice(0, 20);
    const result = await execute(
      subgraph.runtime,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { personId medicalInsurance {
        enrolments { scheme employer { creditCode } } yearlyPayments { year amountDue } arrears { id amount } } } } }`,
      { r: ids.map((personId) => ({ __typename: 'Person', personId })) },
    );
    expect(result.errors).toBeUndefined();
    const text = JSON.stringify(result.data);
    const persons = world.socialSecurity.persons.filter((p) => ids.includes(p.personId));
    expect(persons.length).toBeGreaterThan(0);
    for (const person of persons) {
      expect(text).not.toContain(person.idNumber);
      expect(text).not.toContain(person.name);
      if (person.phone) expect(text).not.toContain(person.phone);
    }
  });

  it('refuses a credit code whose GB 32100 check character is wrong', async () => {
    const good = mi.employerAccounts[0]!.creditCode;
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const result = await execute(
      subgraph.runtime,
      `query ($c: ID!) { medicalEmployerAccount(creditCode: $c) { status } }`,
      {
        c: bad,
      },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_CREDIT_CODE');
    expect(result.errors?.[0]?.message).toContain('校验位');
  });

  it('answers NOT_FOUND for a valid credit code without a medical-insurance account', async () => {
    const result = await execute(
      subgraph.runtime,
      `query ($c: ID!) { medicalEmployerAccount(creditCode: $c) { status } }`,
      {
        c: unregisteredCreditCode(),
      },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.data?.medicalEmployerAccount).toBeNull();
  });

  it('refuses an entity representation without its key with BAD_USER_INPUT', async () => {
    const result = await execute(
      subgraph.runtime,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { medicalInsurance { arrears { id } } } } }`,
      { r: [{ __typename: 'Person' }] },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  describe('health-check indicators (Enterprise.medicalInsuranceHealthIndicators)', () => {
    const FIELD = 'medicalInsuranceHealthIndicators';
    /** As the brief states it. */
    const MI_ARREARS: ExpectedSpec = {
      code: 'MI_ARREARS',
      sourceAgency: 'MEDICAL_INSURANCE',
      unit: '元',
      rule: { amber: 0.01, red: 20_000, higherIsWorse: true },
    };
    const accounts = () => mi.employerAccounts.map((a) => a.creditCode);
    const withoutAccount = () =>
      world.tax.enterprises
        .map((e) => e.creditCode)
        .filter((code) => !mi.employerAccounts.some((a) => a.creditCode === code));

    it('gives every employer its unpaid arrears total, rated by the thresholds, with what it rests on', async () => {
      const codes = accounts();
      const { indicators, errors, window } = await timed(() =>
        healthIndicatorsOf(subgraph.runtime, FIELD, codes),
      );
      expect(errors).toBeUndefined();
      const ratings = new Set<string>();
      codes.forEach((code, i) => {
        const served = indicators[i]!;
        expect(served).toHaveLength(1);
        const owed = employerArrears(code);
        expectIndicator(
          served[0]!,
          MI_ARREARS,
          owed.reduce((sum, a) => sum + cents(a.amount), 0) / 100,
          window,
        );
        if (owed.length > 0) {
          const periods = owed.flatMap((a) => [a.periodFrom, a.periodTo]).sort();
          expect(served[0]!.note).toContain(
            `欠缴 ${owed.length} 笔，所属期 ${periods[0]} 至 ${periods.at(-1)}`,
          );
        }
        ratings.add(served[0]!.rating);
      });
      expect(ratings).toContain('GREEN');
      expect(ratings.size).toBeGreaterThan(1);
    });

    it('gives an enterprise it holds no account of a zero, with a note that says so', async () => {
      const codes = [...withoutAccount().slice(0, 2), unregisteredCreditCode()];
      const { indicators, errors, window } = await timed(() =>
        healthIndicatorsOf(subgraph.runtime, FIELD, codes),
      );
      expect(errors).toBeUndefined();
      for (const served of indicators) {
        expectIndicator(served![0]!, MI_ARREARS, 0, window);
        expect(served![0]!.rating).toBe('GREEN');
        expect(served![0]!.note).toContain('无该企业的单位医保登记');
      }
    });

    it('costs the same SQL statements for one enterprise as for every employer and more', async () => {
      const one = await healthIndicatorsOf(subgraph.runtime, FIELD, [world.showcase.creditCode]);
      const many = await healthIndicatorsOf(subgraph.runtime, FIELD, [
        ...accounts(),
        ...withoutAccount().slice(0, 20),
      ]);
      expect(one.errors).toBeUndefined();
      expect(many.errors).toBeUndefined();
      expect(many.statements).toBe(one.statements);
      // The accounts and the grouped arrears.
      expect(one.statements).toBe(2);
    });

    it('gives an enterprise contact the indicators of its own enterprise only', async () => {
      const own = world.showcase.creditCode;
      const contact = testIdentity('enterprise-contact', { creditCode: own });
      const other = employersInArrears[0]!.creditCode;
      const { indicators, errors } = await healthIndicatorsOf(subgraph.runtime, FIELD, [own, other], contact);
      expect(errors).toBeUndefined();
      expect(indicators[0]!.map((ind) => ind.code)).toEqual(['MI_ARREARS']);
      expect(indicators[1]).toBeNull();
    });
  });

  it('keeps migrations in step with the entities (no pending schema difference)', async () => {
    const diff = await subgraph.runtime.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});
