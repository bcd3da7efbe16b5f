// The tax subgraph in process, on its own real PostgreSQL database seeded with the 'test' world.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity, Role } from '../../core/identity.js';
import { creditCodeCheckChar, organisationCodeCheckChar } from '../../core/identifiers.js';
import type { Assertion } from '../../core/tokens.js';
import { buildWorld, DEMO_LIAISON_SUBJECT } from '../../subgraphs/shared/demo-world/index.js';
import { execute, startTestSubgraph, type TestSubgraph } from '../support/databases.js';
import { testIdentity } from '../support/identities.js';

const world = buildWorld('test');
let tax: TestSubgraph;

beforeAll(async () => {
  tax = await startTestSubgraph('tax');
});
afterAll(async () => tax?.dispose());

describe('tax subgraph', () => {
  it('returns an enterprise by credit code with its core registry fields', async () => {
    const expected = world.tax.enterprises.find((e) => e.creditCode === world.showcase.creditCode)!;
    const result = await execute(
      tax.runtime,
      `query ($code: ID!) { enterprise(creditCode: $code) { creditCode name district industry registrationType
        creditRating isLargeEnterprise taxOffice taxStatus registeredOn } }`,
      { code: expected.creditCode },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      enterprise: {
        creditCode: expected.creditCode,
        name: expected.name,
        district: expected.district,
        industry: expected.industry,
        registrationType: expected.registrationType,
        creditRating: expected.creditRating,
        isLargeEnterprise: expected.isLargeEnterprise,
        taxOffice: expected.taxOffice,
        taxStatus: expected.taxStatus,
        registeredOn: expected.registeredOn,
      },
    });
  });

  it('resolves entity references in one batch, as the gateway sends them (_entities)', async () => {
    const codes = world.tax.enterprises.slice(0, 25).map((e) => e.creditCode);
    const before = tax.runtime.sql.count;
    const result = await execute<{ _entities: { creditCode: string; name: string }[] }>(
      tax.runtime,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Enterprise { creditCode name } } }`,
      { representations: [...codes.map((creditCode) => ({ __typename: 'Enterprise', creditCode }))] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((e) => e.creditCode)).toEqual(codes);
    expect(tax.runtime.sql.count - before).toBe(1);
  });

  it('refuses a credit code whose GB 32100 check character is wrong', async () => {
    const good = world.showcase.creditCode;
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const result = await execute(tax.runtime, `query ($c: ID!) { enterprise(creditCode: $c) { name } }`, {
      c: bad,
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_CREDIT_CODE');
    expect(result.errors?.[0]?.message).toContain('校验位');
  });

  it('answers NOT_FOUND for a valid but unregistered credit code', async () => {
    const first17 = '91511902' + '12345678' + organisationCodeCheckChar('12345678');
    const unregistered = first17 + creditCodeCheckChar(first17);
    expect(world.tax.enterprises.some((e) => e.creditCode === unregistered)).toBe(false);
    const result = await execute(tax.runtime, `query ($c: ID!) { enterprise(creditCode: $c) { name } }`, {
      c: unregistered,
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.data?.enterprise).toBeNull();
  });

  it('pages through enterprises with a filter, with cursors and a total', async () => {
    const large = world.tax.enterprises
      .filter((e) => e.isLargeEnterprise)
      .map((e) => e.creditCode)
      .sort();
    const query = `query ($after: String) { enterprises(filter: { isLargeEnterprise: true }, first: 7, after: $after) {
      edges { node { creditCode } } pageInfo { hasNextPage endCursor } totalCount } }`;
    const seen: string[] = [];
    let after: string | null = null;
    type Page = {
      enterprises: {
        edges: { node: { creditCode: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
        totalCount: number;
      };
    };
    for (;;) {
      const result: Awaited<ReturnType<typeof execute<Page>>> = await execute<Page>(tax.runtime, query, {
        after,
      });
      expect(result.errors).toBeUndefined();
      const page = result.data!.enterprises;
      expect(page.totalCount).toBe(large.length);
      seen.push(...page.edges.map((e) => e.node.creditCode));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(large);
  });

  it('refuses a negative page size and a forged cursor with stable codes', async () => {
    const negative = await execute(tax.runtime, `{ enterprises(first: -1) { totalCount } }`);
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forged = await execute(tax.runtime, `{ enterprises(after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(forged.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });

  it('keeps migrations in step with the entities (no pending schema difference)', async () => {
    const diff = await tax.runtime.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});

const as = (role: Role, overrides: Partial<Identity> = {}): Assertion => ({
  identity: testIdentity(role, overrides),
  purpose: null,
});
const assignedTo = (subject: string) =>
  world.tax.liaisonAssignments
    .filter((a) => a.liaisonSubject === subject)
    .map((a) => a.creditCode)
    .sort();
/** SQL statements the tax subgraph sends while `run` executes. */
async function statements(run: () => Promise<unknown>): Promise<number> {
  const before = tax.runtime.sql.count;
  await run();
  return tax.runtime.sql.count - before;
}
type Page = {
  enterprises: {
    edges: { node: { creditCode: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  };
};
const PAGE = `query ($first: Int, $after: String) { enterprises(first: $first, after: $after) {
  edges { node { creditCode } } pageInfo { hasNextPage endCursor } totalCount } }`;
const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Enterprise { creditCode name } } }`;
const refs = (codes: string[]) => codes.map((creditCode) => ({ __typename: 'Enterprise', creditCode }));

describe('tax subgraph: a liaison sees only the enterprises assigned to them', () => {
  // At 'test' scale G2 looks after 8 large enterprises by industry; C01 after one; the demo liaison after six.
  const general = 'tax:liaison:G2';
  const chief = 'tax:liaison:C01';
  const largeCodes = world.tax.enterprises.filter((e) => e.isLargeEnterprise).map((e) => e.creditCode);

  it('the world assigns every large enterprise to one chief and one general liaison', () => {
    expect(assignedTo(general).length).toBeGreaterThan(5);
    expect(assignedTo(chief)).toHaveLength(1);
    expect(assignedTo(DEMO_LIAISON_SUBJECT)).toContain(world.showcase.creditCode);
  });

  it('enterprise(creditCode): an assigned one is served, any other is FORBIDDEN', async () => {
    const query = `query ($c: ID!) { enterprise(creditCode: $c) { creditCode } }`;
    const [mine] = assignedTo(chief);
    const served = await execute(tax.runtime, query, { c: mine }, as('liaison', { subject: chief }));
    expect(served.errors).toBeUndefined();
    expect(served.data).toEqual({ enterprise: { creditCode: mine } });
    const other = largeCodes.find((c) => c !== mine)!;
    const refused = await execute(tax.runtime, query, { c: other }, as('liaison', { subject: chief }));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data?.enterprise).toBeNull();
    // Another liaison, to whom it is assigned, is served.
    const theirs = world.tax.liaisonAssignments.find((a) => a.creditCode === other)!.liaisonSubject;
    const ok = await execute(tax.runtime, query, { c: other }, as('liaison', { subject: theirs }));
    expect(ok.errors).toBeUndefined();
  });

  it('a liaison with no assignments gets FORBIDDEN for everything and an empty list', async () => {
    const nobody = as('liaison', { subject: 'tax:liaison:nobody' });
    const single = await execute(
      tax.runtime,
      `query ($c: ID!) { enterprise(creditCode: $c) { name } }`,
      { c: world.showcase.creditCode },
      nobody,
    );
    expect(single.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await execute<Page>(tax.runtime, PAGE, { first: 50 }, nobody);
    expect(list.data!.enterprises).toMatchObject({ edges: [], totalCount: 0 });
  });

  it('enterprises(...) lists exactly the assigned ones, page by page, with their total', async () => {
    const expected = assignedTo(general);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: Awaited<ReturnType<typeof execute<Page>>> = await execute<Page>(
        tax.runtime,
        PAGE,
        { first: 3, after },
        as('liaison', { subject: general }),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.enterprises.totalCount).toBe(expected.length);
      seen.push(...result.data!.enterprises.edges.map((e) => e.node.creditCode));
      if (!result.data!.enterprises.pageInfo.hasNextPage) break;
      after = result.data!.enterprises.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    // A filter narrows the assigned ones further.
    const industry = world.tax.enterprises.find((e) => e.creditCode === expected[0])!.industry;
    const filtered = await execute<Page>(
      tax.runtime,
      `query ($industry: Industry) { enterprises(filter: { industry: $industry }, first: 50) {
        edges { node { creditCode } } totalCount } }`,
      { industry },
      as('liaison', { subject: general }),
    );
    const inIndustry = expected.filter(
      (c) => world.tax.enterprises.find((e) => e.creditCode === c)!.industry === industry,
    );
    expect(filtered.data!.enterprises.edges.map((e) => e.node.creditCode)).toEqual(inIndustry);
  });

  it('a page of 5 and a page of 25 cost the same statements (a semi-join, not a per-row check)', async () => {
    const liaison = as('liaison', { subject: general });
    await execute(tax.runtime, PAGE, { first: 2 }, liaison); // warm-up
    let small: Page | null | undefined;
    let large: Page | null | undefined;
    const five = await statements(async () => {
      small = (await execute<Page>(tax.runtime, PAGE, { first: 5 }, liaison)).data;
    });
    const twentyFive = await statements(async () => {
      large = (await execute<Page>(tax.runtime, PAGE, { first: 25 }, liaison)).data;
    });
    expect(small!.enterprises.edges).toHaveLength(5);
    expect(large!.enterprises.edges).toHaveLength(assignedTo(general).length);
    // One statement for the page and one for totalCount.
    expect(five).toBe(2);
    expect(twentyFive).toBe(five);
  });

  it('__resolveReference: unassigned references are null; the check is one statement per request', async () => {
    const liaison = as('liaison', { subject: general });
    const mine = new Set(assignedTo(general));
    const codes25 = world.tax.enterprises.slice(0, 20).map((e) => e.creditCode);
    codes25.push(...[...mine].slice(0, 5));
    const codes5 = [...codes25.slice(0, 3), ...[...mine].slice(0, 2)];
    let result: Awaited<ReturnType<typeof execute<{ _entities: ({ creditCode: string } | null)[] }>>>;
    const five = await statements(async () => {
      const r = await execute(tax.runtime, ENTITIES, { representations: refs(codes5) }, liaison);
      expect(r.errors).toBeUndefined();
    });
    const twentyFive = await statements(async () => {
      result = await execute(tax.runtime, ENTITIES, { representations: refs(codes25) }, liaison);
    });
    expect(result!.errors).toBeUndefined();
    expect(result!.data!._entities.map((e) => e?.creditCode ?? null)).toEqual(
      codes25.map((c) => (mine.has(c) ? c : null)),
    );
    // The viewer's assignments, then the visible rows: two statements at any size.
    expect(five).toBe(2);
    expect(twentyFive).toBe(five);
  });

  it('a liaison who also holds a broader role sees every enterprise', async () => {
    const both = as('liaison', { subject: chief, roles: ['liaison', 'analyst'] });
    const result = await execute<{ _entities: ({ creditCode: string } | null)[] }>(
      tax.runtime,
      ENTITIES,
      { representations: refs(largeCodes) },
      both,
    );
    expect(result.data!._entities.map((e) => e?.creditCode)).toEqual(largeCodes);
    const list = await execute<Page>(tax.runtime, PAGE, { first: 1 }, both);
    expect(list.data!.enterprises.totalCount).toBe(world.tax.enterprises.length);
  });
});

describe('tax subgraph: internal notes, visible to the author’s own agency only', () => {
  type Note = {
    id: string;
    creditCode: string;
    agency: string;
    authorName: string;
    content: string;
    createdAt: string;
  };
  const NOTE_FIELDS = 'id creditCode agency authorName content createdAt';
  const ADD = `mutation ($input: AddInternalNoteInput!) { addInternalNote(input: $input) { ${NOTE_FIELDS} } }`;
  const NOTES = `query ($c: ID!) { enterprise(creditCode: $c) { internalNotes { ${NOTE_FIELDS} } } }`;
  // A large enterprise that is not the showcase (which carries the world's seeded notes).
  const target = world.tax.enterprises.find(
    (e) => e.isLargeEnterprise && e.creditCode !== world.showcase.creditCode,
  )!;
  const add = (assertion: Assertion, input: Record<string, unknown>) =>
    execute<{ addInternalNote: Note }>(tax.runtime, ADD, { input }, assertion);
  const notesOf = async (assertion: Assertion, creditCode = target.creditCode) => {
    const result = await execute<{ enterprise: { internalNotes: Note[] | null } }>(
      tax.runtime,
      NOTES,
      { c: creditCode },
      assertion,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.enterprise.internalNotes!;
  };
  const noteCount = async (where = '') =>
    Number(
      (
        await tax.runtime.orm.em
          .getConnection()
          .execute<{ n: string }[]>(`select count(*) as n from internal_note ${where}`)
      )[0]!.n,
    );

  const analyst = as('analyst', { subject: 'tax:analyst:notes', name: '李税析' });
  const hrss = as('hrss-officer', { subject: 'hrss:officer:notes', name: '张社保' });

  it('writes a note, trimmed, as the viewer and their agency', async () => {
    const result = await add(analyst, {
      creditCode: target.creditCode,
      content: '  　增值税留抵退税资料已核实。\n',
      idempotencyKey: randomUUID(),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.addInternalNote).toMatchObject({
      creditCode: target.creditCode,
      agency: 'TAX',
      authorName: '李税析',
      content: '增值税留抵退税资料已核实。',
    });
    expect(new Date(result.data!.addInternalNote.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    // A new note: the enterprise, the key (none yet), the insert.
    const sent = await statements(() =>
      add(analyst, { creditCode: target.creditCode, content: '计数。', idempotencyKey: randomUUID() }),
    );
    expect(sent).toBe(3);
  });

  it('shows each agency its own notes only, newest first; auditors all; an enterprise contact none', async () => {
    const hrssNote = await add(hrss, {
      creditCode: target.creditCode,
      content: '该企业社保缴费基数申报与工资总额一致。',
      idempotencyKey: randomUUID(),
    });
    expect(hrssNote.errors).toBeUndefined();
    const taxNote = await add(analyst, {
      creditCode: target.creditCode,
      content: '第二条税务备注。',
      idempotencyKey: randomUUID(),
    });
    const taxNotes = await notesOf(analyst);
    expect(taxNotes.length).toBeGreaterThanOrEqual(2);
    expect(taxNotes.every((n) => n.agency === 'TAX')).toBe(true);
    expect(taxNotes[0]!.id).toBe(taxNote.data!.addInternalNote.id);
    const times = taxNotes.map((n) => Date.parse(n.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // A liaison of the same agency, on an assigned enterprise, reads the tax bureau's notes too.
    const liaisonSubject = world.tax.liaisonAssignments.find(
      (a) => a.creditCode === target.creditCode,
    )!.liaisonSubject;
    expect((await notesOf(as('liaison', { subject: liaisonSubject }))).map((n) => n.id)).toEqual(
      taxNotes.map((n) => n.id),
    );

    const hrssNotes = await notesOf(hrss);
    expect(hrssNotes.map((n) => n.id)).toEqual([hrssNote.data!.addInternalNote.id]);
    expect(await notesOf(as('mi-officer'))).toEqual([]);

    const all = await notesOf(as('auditor'));
    expect(all.map((n) => n.id).sort()).toEqual([...taxNotes, ...hrssNotes].map((n) => n.id).sort());
    expect(await notesOf(as('enterprise-contact', { creditCode: target.creditCode }))).toEqual([]);
  });

  it('returns the seeded demo notes of the showcase by agency', async () => {
    const seeded = world.tax.internalNotes.filter((n) => n.creditCode === world.showcase.creditCode);
    const ids = (agency: string) =>
      seeded
        .filter((n) => n.agency === agency)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .map((n) => n.id);
    expect((await notesOf(analyst, world.showcase.creditCode)).map((n) => n.id)).toEqual(ids('tax'));
    expect((await notesOf(hrss, world.showcase.creditCode)).map((n) => n.id)).toEqual(ids('hrss'));
  });

  it('loads the notes of a page of enterprises in one batch (5 and 25 cost the same)', async () => {
    const query = `query ($first: Int) { enterprises(first: $first) { edges { node { creditCode internalNotes { id } } } } }`;
    const five = await statements(() => execute(tax.runtime, query, { first: 5 }, analyst));
    const twentyFive = await statements(() => execute(tax.runtime, query, { first: 25 }, analyst));
    expect(five).toBe(2);
    expect(twentyFive).toBe(five);
  });

  it('is idempotent: the same key by the same author returns the same note and writes nothing', async () => {
    const input = { creditCode: target.creditCode, content: '幂等测试备注。', idempotencyKey: randomUUID() };
    const first = await add(analyst, input);
    expect(first.errors).toBeUndefined();
    const rows = await noteCount();
    const writes = await statements(async () => {
      const again = await add(analyst, { ...input, content: `  ${input.content}  ` });
      expect(again.errors).toBeUndefined();
      expect(again.data!.addInternalNote).toEqual(first.data!.addInternalNote);
    });
    expect(await noteCount()).toBe(rows);
    // The enterprise, then the key: read only.
    expect(writes).toBe(2);
  });

  it('writes once when identical requests race (the unique key decides, the others read the winner)', async () => {
    const input = { creditCode: target.creditCode, content: '并发重试备注。', idempotencyKey: randomUUID() };
    let results: Awaited<ReturnType<typeof add>>[] = [];
    const sent = await statements(async () => {
      results = await Promise.all([1, 2, 3, 4].map(() => add(analyst, input)));
    });
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.data!.addInternalNote.id)).size).toBe(1);
    expect(await noteCount(`where idempotency_key = '${input.idempotencyKey}'`)).toBe(1);
    // Each reads the enterprise and the key; at least one inserts (a loser of the race reads the key again).
    expect(sent).toBeGreaterThanOrEqual(4 * 2 + 1);
  });

  it('refuses the same key with different content, or from another author: IDEMPOTENCY_KEY_REUSED', async () => {
    const input = { creditCode: target.creditCode, content: '原始内容。', idempotencyKey: randomUUID() };
    expect((await add(analyst, input)).errors).toBeUndefined();
    const changed = await add(analyst, { ...input, content: '改动后的内容。' });
    expect(changed.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(changed.data ?? null).toBeNull();
    const otherAuthor = await add(hrss, input);
    expect(otherAuthor.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherEnterprise = await add(analyst, { ...input, creditCode: world.showcase.creditCode });
    expect(otherEnterprise.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await noteCount(`where idempotency_key = '${input.idempotencyKey}'`)).toBe(1);
  });

  it('validates the input: credit code, existence, content length and key', async () => {
    const good = { creditCode: target.creditCode, content: '内容。', idempotencyKey: randomUUID() };
    const code = async (input: Record<string, unknown>, assertion = analyst) =>
      (await add(assertion, { ...good, idempotencyKey: randomUUID(), ...input })).errors?.[0]?.extensions
        ?.code;
    const first17 = '91511902' + '12345678' + organisationCodeCheckChar('12345678');
    expect(await code({ creditCode: target.creditCode.slice(0, 17) + 'I' })).toBe('INVALID_CREDIT_CODE');
    expect(await code({ creditCode: first17 + creditCodeCheckChar(first17) })).toBe('NOT_FOUND');
    expect(await code({ content: '' })).toBe('BAD_USER_INPUT');
    expect(await code({ content: ' \n\t　' })).toBe('BAD_USER_INPUT');
    expect(await code({ content: '税'.repeat(2001) })).toBe('BAD_USER_INPUT');
    expect(await code({ content: '税'.repeat(2000) })).toBeUndefined();
    expect(await code({ content: 'a\u0000b' })).toBe('BAD_USER_INPUT');
    expect(await code({ idempotencyKey: '' })).toBe('BAD_USER_INPUT');
    expect(await code({ idempotencyKey: 'k'.repeat(101) })).toBe('BAD_USER_INPUT');
    expect(await code({ idempotencyKey: 'has space' })).toBe('BAD_USER_INPUT');
  });

  it('refuses writers the row-level rules exclude: FORBIDDEN', async () => {
    const input = () => ({
      creditCode: target.creditCode,
      content: '不应写入。',
      idempotencyKey: randomUUID(),
    });
    const rows = await noteCount();
    const contact = await add(as('enterprise-contact', { creditCode: target.creditCode }), input());
    expect(contact.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const auditor = await add(as('auditor'), input());
    expect(auditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unassigned = world.tax.liaisonAssignments.find(
      (a) => !assignedTo(a.liaisonSubject).includes(target.creditCode),
    )!.liaisonSubject;
    const liaison = await add(as('liaison', { subject: unassigned }), input());
    expect(liaison.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await noteCount()).toBe(rows);
    // On an enterprise assigned to them, a liaison writes.
    const assigned = world.tax.liaisonAssignments.find(
      (a) => a.creditCode === target.creditCode,
    )!.liaisonSubject;
    const ok = await add(as('liaison', { subject: assigned }), input());
    expect(ok.errors).toBeUndefined();
  });
});
