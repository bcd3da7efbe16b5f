// The courts subgraph in process, on its own real PostgreSQL database seeded with the 'test' world.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskPersonName } from '../../core/identifiers.js';
import type { CaseParty, CourtCase } from '../../subgraphs/courts/entities/index.js';
import { partyRoles } from '../../subgraphs/courts/entities/index.js';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { lastMonths } from '../../subgraphs/shared/health/windows.js';
import { execute, startTestSubgraph, type TestSubgraph } from '../support/databases.js';
import {
  expectIndicator,
  healthIndicatorsOf,
  timed,
  type ExpectedSpec,
} from '../support/health-indicators.js';
import { testIdentity } from '../support/identities.js';

const world = buildWorld('test');
const { cases, parties } = world.courts;
let courts: TestSubgraph;

beforeAll(async () => {
  courts = await startTestSubgraph('courts');
});
afterAll(async () => courts?.dispose());

// --- Expected values, derived from the world the database was seeded with.

/** Newest first: filedOn desc, then id desc (uuids compare as their lowercase hex text). */
const newestFirst = (a: CourtCase, b: CourtCase) =>
  a.filedOn !== b.filedOn ? (a.filedOn < b.filedOn ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
const roleRank = (p: CaseParty) => partyRoles.indexOf(p.role);

function partiesOf(caseId: string) {
  return parties
    .filter((p) => p.caseId === caseId)
    .sort((a, b) => roleRank(a) - roleRank(b) || (a.id < b.id ? -1 : 1))
    .map((p) => ({
      role: p.role,
      kind: p.kind,
      displayName: p.kind === 'PERSON' ? maskPersonName(p.displayName) : p.displayName,
      enterprise: p.kind === 'ENTERPRISE' ? { creditCode: p.creditCode } : null,
      person: p.kind === 'PERSON' ? { personId: p.personId } : null,
    }));
}

function caseFields(c: CourtCase) {
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    type: c.type,
    cause: c.cause,
    court: c.court,
    district: c.district,
    status: c.status,
    filedOn: c.filedOn,
    closedOn: c.closedOn ?? null,
    amountInDispute: c.amountInDispute ?? null,
  };
}

/** The cases in which a party with this credit code / person id appears, newest first. */
function casesOfParty(key: 'creditCode' | 'personId', value: string) {
  const ids = new Set(parties.filter((p) => p[key] === value).map((p) => p.caseId));
  return cases
    .filter((c) => ids.has(c.id))
    .sort(newestFirst)
    .map((c) => ({ caseNumber: c.caseNumber, filedOn: c.filedOn }));
}

const enterprisesInCases = [...new Set(parties.flatMap((p) => (p.creditCode ? [p.creditCode] : [])))];
const personsInCases = [...new Set(parties.flatMap((p) => (p.personId ? [p.personId] : [])))];
const enterprisesWithoutCases = world.tax.enterprises
  .map((e) => e.creditCode)
  .filter((code) => !enterprisesInCases.includes(code));

const CASE_FIELDS = `id caseNumber type cause court district status filedOn closedOn amountInDispute`;
const PARTY_FIELDS = `role kind displayName enterprise { creditCode } person { personId }`;

interface CasesOfRef {
  __typename: 'Enterprise' | 'Person';
  creditCode?: string;
  personId?: string;
  courtCases: { caseNumber: string; filedOn: string }[] | null;
}

const ENTITIES_QUERY = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  __typename
  ... on Enterprise { creditCode courtCases { caseNumber filedOn } }
  ... on Person { personId courtCases { caseNumber filedOn } } } }`;

type Rep = { __typename: 'Enterprise'; creditCode: string } | { __typename: 'Person'; personId: string };

async function entities(representations: Rep[]) {
  const before = courts.runtime.sql.count;
  const result = await execute<{ _entities: CasesOfRef[] }>(courts.runtime, ENTITIES_QUERY, {
    representations,
  });
  return { result, statements: courts.runtime.sql.count - before };
}

function expectedFor(rep: Rep) {
  return rep.__typename === 'Enterprise'
    ? {
        __typename: 'Enterprise',
        creditCode: rep.creditCode,
        courtCases: casesOfParty('creditCode', rep.creditCode),
      }
    : { __typename: 'Person', personId: rep.personId, courtCases: casesOfParty('personId', rep.personId) };
}

/** The court's indicators as the brief states them, in their fixed order. */
const COURT_SPECS: ExpectedSpec[] = [
  {
    code: 'COURT_OPEN_CASES',
    sourceAgency: 'COURT',
    unit: '件',
    rule: { amber: 1, red: 3, higherIsWorse: true },
  },
  {
    code: 'COURT_ENFORCEMENT',
    sourceAgency: 'COURT',
    unit: '件',
    rule: { amber: 1, red: 2, higherIsWorse: true },
  },
  {
    code: 'COURT_LABOUR_DEFENDANT',
    sourceAgency: 'COURT',
    unit: '件',
    rule: { amber: 1, red: 3, higherIsWorse: true },
  },
];

/**
 * What the world's cases say of an enterprise at `now`, null where it is party to none: open cases (not
 * closed or withdrawn) in any role; open enforcement cases against it (respondent or defendant); labour
 * disputes against it filed on or after the same day a year ago.
 */
function courtHealthOf(creditCode: string, now: Date) {
  const own = parties.filter((p) => p.creditCode === creditCode);
  if (own.length === 0) return null;
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const isOpen = (c: CourtCase) => c.status !== 'CLOSED' && c.status !== 'WITHDRAWN';
  const against = (p: CaseParty) => p.role === 'DEFENDANT' || p.role === 'RESPONDENT';
  const count = (keep: (p: CaseParty, c: CourtCase) => boolean) =>
    new Set(own.filter((p) => keep(p, caseById.get(p.caseId)!)).map((p) => p.caseId)).size;
  const { fromDate } = lastMonths(now, 12);
  return [
    count((_, c) => isOpen(c)),
    count((p, c) => c.type === 'ENFORCEMENT' && isOpen(c) && against(p)),
    count((p, c) => c.type === 'LABOUR_DISPUTE' && against(p) && c.filedOn >= fromDate),
  ];
}

describe('courts subgraph', () => {
  it('has a world with enough cases and parties for these tests', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(enterprisesInCases.length).toBeGreaterThanOrEqual(10);
    expect(personsInCases.length).toBeGreaterThanOrEqual(5);
    expect(parties.some((p) => p.kind === 'AUTHORITY')).toBe(true);
  });

  it('returns the showcase case by its number, with its parties (person names masked)', async () => {
    const expected = cases.find((c) => c.caseNumber === world.showcase.caseNumber)!;
    const result = await execute(
      courts.runtime,
      `query ($n: String!) { courtCase(caseNumber: $n) { ${CASE_FIELDS} parties { ${PARTY_FIELDS} } } }`,
      { n: expected.caseNumber },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ courtCase: { ...caseFields(expected), parties: partiesOf(expected.id) } });
    // The showcase: the person sues the employer.
    const showcaseParties = partiesOf(expected.id);
    expect(showcaseParties.map((p) => p.person?.personId ?? p.enterprise?.creditCode)).toEqual([
      world.showcase.personId,
      world.showcase.creditCode,
    ]);
  });

  it('masks the names of natural persons and names enterprises and authorities in full', async () => {
    const withAll = cases.filter((c) => parties.some((p) => p.caseId === c.id && p.kind !== 'ENTERPRISE'));
    const query = `query ($n: String!) { courtCase(caseNumber: $n) { parties { kind displayName person { personId } } } }`;
    let persons = 0;
    let authorities = 0;
    for (const c of withAll.slice(0, 10)) {
      const result = await execute<{
        courtCase: { parties: { kind: string; displayName: string; person: { personId: string } | null }[] };
      }>(courts.runtime, query, { n: c.caseNumber });
      expect(result.errors).toBeUndefined();
      for (const shown of result.data!.courtCase.parties) {
        const stored = parties.filter((p) => p.caseId === c.id && p.kind === shown.kind);
        if (shown.kind === 'PERSON') {
          persons++;
          const row = stored.find((p) => p.personId === shown.person!.personId)!;
          expect(shown.displayName).not.toBe(row.displayName);
          expect(shown.displayName).toBe(
            [...row.displayName][0] + '*'.repeat([...row.displayName].length - 1 || 1),
          );
        } else {
          if (shown.kind === 'AUTHORITY') authorities++;
          expect(stored.map((p) => p.displayName)).toContain(shown.displayName);
        }
      }
    }
    expect(persons).toBeGreaterThan(0);
    expect(authorities).toBeGreaterThan(0);
  });

  it('answers NOT_FOUND for an unknown case number and BAD_USER_INPUT for a blank or absurd one', async () => {
    const query = `query ($n: String!) { courtCase(caseNumber: $n) { id } }`;
    const unknown = await execute(courts.runtime, query, { n: '（2019）川1902民初999999号' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.data?.courtCase).toBeNull();
    for (const n of ['', '   ', '案'.repeat(41)]) {
      const bad = await execute(courts.runtime, query, { n });
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0]?.extensions?.argument).toBe('caseNumber');
    }
  });

  it('pages through all cases newest first, with cursors and a total', async () => {
    await walk({}, cases);
  });

  it('pages through cases with a filter', async () => {
    const type = 'LABOUR_DISPUTE';
    const district = 'BAZHOU';
    await walk(
      { type },
      cases.filter((c) => c.type === type),
    );
    await walk(
      { district },
      cases.filter((c) => c.district === district),
    );
    const status = cases[0]!.status;
    await walk(
      { status, type: cases[0]!.type },
      cases.filter((c) => c.status === status && c.type === cases[0]!.type),
    );
  });

  it('costs the same number of statements for a page of 5 cases as for a page of 25, parties included', async () => {
    const query = `query ($first: Int) { courtCases(first: $first) { totalCount edges { node { caseNumber
      parties { ${PARTY_FIELDS} } } } } }`;
    const counts: number[] = [];
    for (const first of [5, 25]) {
      const before = courts.runtime.sql.count;
      const result = await execute<{ courtCases: { edges: { node: { caseNumber: string } }[] } }>(
        courts.runtime,
        query,
        { first },
      );
      expect(result.errors).toBeUndefined();
      const expected = [...cases].sort(newestFirst).slice(0, first);
      expect(result.data!.courtCases.edges.map((e) => e.node.caseNumber)).toEqual(
        expected.map((c) => c.caseNumber),
      );
      counts.push(courts.runtime.sql.count - before);
    }
    // One page, one count, one batch of parties.
    expect(counts).toEqual([3, 3]);
  });

  it('refuses out-of-range page sizes and forged cursors with stable codes', async () => {
    for (const first of [0, -1, 501]) {
      const result = await execute(
        courts.runtime,
        `query ($f: Int) { courtCases(first: $f) { totalCount } }`,
        {
          f: first,
        },
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const forged = await execute(courts.runtime, `{ courtCases(after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(forged.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
    // A well-formed cursor of another list is refused too.
    const foreign = Buffer.from(JSON.stringify(['enterprises', 'x'])).toString('base64url');
    const other = await execute(
      courts.runtime,
      `query ($a: String) { courtCases(after: $a) { totalCount } }`,
      {
        a: foreign,
      },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });

  it('resolves Enterprise and Person references as the gateway sends them, cases in key order', async () => {
    const reps: Rep[] = [
      { __typename: 'Person', personId: world.showcase.personId },
      { __typename: 'Enterprise', creditCode: world.showcase.creditCode },
      { __typename: 'Enterprise', creditCode: enterprisesWithoutCases[0]! },
      { __typename: 'Enterprise', creditCode: world.showcase.employerInArrearsCreditCode },
      ...personsInCases.slice(0, 4).map((personId): Rep => ({ __typename: 'Person', personId })),
      ...enterprisesInCases.slice(0, 6).map((creditCode): Rep => ({ __typename: 'Enterprise', creditCode })),
      { __typename: 'Person', personId: 'P-NOT-IN-ANY-CASE' },
    ];
    const { result, statements } = await entities(reps);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual(reps.map(expectedFor));
    // The showcase parties have their case; a party without a case gets an empty list.
    expect(result.data!._entities[0]!.courtCases!.map((c) => c.caseNumber)).toContain(
      world.showcase.caseNumber,
    );
    expect(result.data!._entities[2]!.courtCases).toEqual([]);
    expect(result.data!._entities.at(-1)!.courtCases).toEqual([]);
    // Two statements per kind of key: the parties, then their cases.
    expect(statements).toBe(4);
  });

  it('costs the same number of statements for 5 enterprise keys as for 25', async () => {
    // Both sets mix enterprises with and without cases.
    const keys = [...enterprisesInCases.slice(0, 20), ...enterprisesWithoutCases.slice(0, 5)];
    const small = [keys[0]!, keys[1]!, keys[2]!, keys[20]!, keys[21]!];
    const counts: number[] = [];
    for (const set of [small, keys]) {
      const reps = set.map((creditCode): Rep => ({ __typename: 'Enterprise', creditCode }));
      const { result, statements } = await entities(reps);
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities).toEqual(reps.map(expectedFor));
      counts.push(statements);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBe(2);
  });

  it('resolves CaseParty references to the keys the other subgraphs own', async () => {
    const c = cases.find((x) => parties.some((p) => p.caseId === x.id && p.kind === 'AUTHORITY'))!;
    const result = await execute<{
      courtCase: { parties: { kind: string; enterprise: unknown; person: unknown }[] };
    }>(
      courts.runtime,
      `query ($n: String!) { courtCase(caseNumber: $n) { parties { kind enterprise { creditCode } person { personId } } } }`,
      { n: c.caseNumber },
    );
    expect(result.errors).toBeUndefined();
    const authority = result.data!.courtCase.parties.find((p) => p.kind === 'AUTHORITY')!;
    expect(authority.enterprise).toBeNull();
    expect(authority.person).toBeNull();
  });

  describe('health-check indicators (Enterprise.courtHealthIndicators)', () => {
    const FIELD = 'courtHealthIndicators';

    it('counts each party enterprise’s open, enforcement and labour cases as the world’s cases say', async () => {
      const { indicators, errors, window } = await timed(() =>
        healthIndicatorsOf(courts.runtime, FIELD, enterprisesInCases),
      );
      expect(errors).toBeUndefined();
      const ratings = COURT_SPECS.map(() => new Set<string>());
      enterprisesInCases.forEach((code, i) => {
        const served = indicators[i]!;
        expect(served.map((ind) => ind.code)).toEqual(COURT_SPECS.map((s) => s.code));
        served.forEach((ind, k) => {
          expectIndicator(ind, COURT_SPECS[k]!, courtHealthOf(code, new Date(ind.asOf))![k]!, window);
          ratings[k]!.add(ind.rating);
        });
      });
      // Not all green: the world has open cases and enforcements against its weak payers.
      expect(ratings[0]).toContain('AMBER');
      expect(ratings[1]).toContain('AMBER');
      // The well-known employer in arrears is being sued for wages (open, in trial).
      const inArrears = indicators[enterprisesInCases.indexOf(world.showcase.employerInArrearsCreditCode)]!;
      expect(inArrears[0]!.value).toBeGreaterThanOrEqual(1);
    });

    it('gives an enterprise in no case zeros, with a note that says so', async () => {
      const codes = enterprisesWithoutCases.slice(0, 3);
      const { indicators, errors, window } = await timed(() =>
        healthIndicatorsOf(courts.runtime, FIELD, codes),
      );
      expect(errors).toBeUndefined();
      for (const served of indicators) {
        COURT_SPECS.forEach((spec, k) => expectIndicator(served![k]!, spec, 0, window));
        for (const ind of served!) expect(ind.note).toContain('法院无该企业作为当事人的案件');
      }
    });

    it('costs one SQL statement for one enterprise as for every party enterprise and more', async () => {
      const one = await healthIndicatorsOf(courts.runtime, FIELD, [world.showcase.creditCode]);
      const many = await healthIndicatorsOf(courts.runtime, FIELD, [
        ...enterprisesInCases,
        ...enterprisesWithoutCases.slice(0, 20),
      ]);
      expect(one.errors).toBeUndefined();
      expect(many.errors).toBeUndefined();
      expect(many.statements).toBe(one.statements);
      expect(one.statements).toBe(1);
    });

    it('gives an enterprise contact the indicators of its own enterprise only', async () => {
      const own = world.showcase.creditCode;
      const contact = testIdentity('enterprise-contact', { creditCode: own });
      const other = enterprisesInCases.find((code) => code !== own)!;
      const { indicators, errors } = await healthIndicatorsOf(courts.runtime, FIELD, [own, other], contact);
      expect(errors).toBeUndefined();
      expect(indicators[0]!.map((ind) => ind.code)).toEqual(COURT_SPECS.map((s) => s.code));
      expect(indicators[1]).toBeNull();
      // The other enterprise of a case between two, reached inside this subgraph: null, not served.
      const between = cases.find(
        (c) =>
          new Set(parties.filter((p) => p.caseId === c.id && p.creditCode).map((p) => p.creditCode)).size ===
          2,
      )!;
      const [mine, theirs] = partiesOf(between.id).flatMap((p) =>
        p.enterprise ? [p.enterprise.creditCode!] : [],
      );
      const inside = await execute<{
        courtCase: {
          parties: { enterprise: { creditCode: string; courtHealthIndicators: unknown[] } | null }[];
        };
      }>(
        courts.runtime,
        `query ($n: String!) { courtCase(caseNumber: $n) { parties { enterprise { creditCode ${FIELD} { code } } } } }`,
        { n: between.caseNumber },
        { identity: testIdentity('enterprise-contact', { creditCode: mine! }), purpose: null },
      );
      expect(inside.errors).toBeUndefined();
      const served = inside.data!.courtCase.parties.flatMap((p) => (p.enterprise ? [p.enterprise] : []));
      expect(served.map((e) => e.creditCode)).toEqual([mine]);
      expect(served[0]!.courtHealthIndicators).toHaveLength(3);
      expect(theirs).not.toBe(mine);
    });
  });

  it('keeps migrations in step with the entities (no pending schema difference)', async () => {
    const diff = await courts.runtime.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});

/** Walks every page of `courtCases(filter)` and compares with the world's cases, newest first. */
async function walk(filter: Record<string, string>, expected: CourtCase[]) {
  const want = [...expected].sort(newestFirst);
  expect(want.length).toBeGreaterThan(0);
  const query = `query ($filter: CourtCaseFilter, $after: String) { courtCases(filter: $filter, first: 7, after: $after) {
    edges { cursor node { ${CASE_FIELDS} } } pageInfo { hasNextPage endCursor } totalCount } }`;
  const seen: ReturnType<typeof caseFields>[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const result: Awaited<ReturnType<typeof execute<{ courtCases: Page }>>> = await execute<{
      courtCases: Page;
    }>(courts.runtime, query, { filter, after });
    expect(result.errors).toBeUndefined();
    const page: Page = result.data!.courtCases;
    expect(page.totalCount).toBe(want.length);
    expect(page.edges.length).toBeLessThanOrEqual(7);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    seen.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(seen).toEqual(want.map(caseFields));
}

interface Page {
  edges: { cursor: string; node: ReturnType<typeof caseFields> }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}
