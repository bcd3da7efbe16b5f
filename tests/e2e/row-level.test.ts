// Row-level rules of the tax subgraph through the gateway, over HTTP: a liaison sees only the enterprises
// assigned to them; internal notes are read by the author's own agency only; writing one is idempotent,
// validated, refused to auditors and enterprise contacts, and audited as a mutation.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphNames, type SubgraphName } from '../../core/subgraphs.js';
import { creditCodeCheckChar, organisationCodeCheckChar } from '../../core/identifiers.js';
import { buildWorld, DEMO_LIAISON_SUBJECT } from '../../subgraphs/shared/demo-world/index.js';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub.js';
import { tokenFor } from '../support/identities.js';

const world = buildWorld('test');
const showcase = world.showcase.creditCode;
let hub: TestHub;
let audit: pg.Client;

beforeAll(async () => {
  hub = await startTestHub();
  audit = await hub.auditDb();
});
afterAll(async () => hub?.dispose());

const assignedTo = (subject: string) =>
  world.tax.liaisonAssignments
    .filter((a) => a.liaisonSubject === subject)
    .map((a) => a.creditCode)
    .sort();
const liaison = (subject = DEMO_LIAISON_SUBJECT) => tokenFor('liaison', { subject });
const codes = (body: GraphQLResponse<unknown>) => (body.errors ?? []).map((e) => e.extensions?.code);

/** SQL statements each subgraph sends while `run` executes. */
async function sqlPerSubgraph(run: () => Promise<unknown>): Promise<Record<SubgraphName, number>> {
  const before = Object.fromEntries(subgraphNames.map((n) => [n, hub.hub.subgraphs[n].sql.count]));
  await run();
  return Object.fromEntries(
    subgraphNames.map((n) => [n, hub.hub.subgraphs[n].sql.count - before[n]!]),
  ) as Record<SubgraphName, number>;
}

/** Rows of the tax bureau's internal_note table (read past the API). */
async function noteRows(where = '', params: unknown[] = []): Promise<number> {
  const rows = await hub.hub.subgraphs.tax.orm.em
    .getConnection()
    .execute<{ n: string }[]>(`select count(*) as n from internal_note ${where}`, params);
  return Number(rows[0]!.n);
}

describe('a liaison sees only the enterprises assigned to them', () => {
  const ONE = `query ($c: ID!) { enterprise(creditCode: $c) { creditCode name socialInsurance { accountNumber } } }`;

  it('enterprise(creditCode): an assigned one across agencies; an unassigned one is FORBIDDEN', async () => {
    expect(assignedTo(DEMO_LIAISON_SUBJECT)).toContain(showcase);
    const served = await hub.query<{ enterprise: { name: string; socialInsurance: unknown } }>(
      ONE,
      { c: showcase },
      { token: await liaison() },
    );
    expect(served.body.errors).toBeUndefined();
    expect(served.body.data!.enterprise.name).toBeTruthy();
    expect(served.body.data!.enterprise.socialInsurance).not.toBeNull();

    const unassigned = world.tax.enterprises.find(
      (e) => e.isLargeEnterprise && !assignedTo(DEMO_LIAISON_SUBJECT).includes(e.creditCode),
    )!.creditCode;
    const refused = await hub.query<{ enterprise: unknown }>(
      ONE,
      { c: unassigned },
      { token: await liaison() },
    );
    expect(codes(refused.body)).toEqual(['FORBIDDEN']);
    expect(refused.body.data!.enterprise).toBeNull();
    // The liaison to whom it is assigned reads it.
    const theirs = world.tax.liaisonAssignments.find((a) => a.creditCode === unassigned)!.liaisonSubject;
    const ok = await hub.query(ONE, { c: unassigned }, { token: await liaison(theirs) });
    expect(ok.body.errors).toBeUndefined();
  });

  it('enterprises(...): exactly the world’s assignments, for each kind of liaison', async () => {
    const LIST = `{ enterprises(first: 100) { totalCount edges { node { creditCode } } } }`;
    for (const subject of [DEMO_LIAISON_SUBJECT, 'tax:liaison:C01', 'tax:liaison:G2', 'tax:liaison:C36']) {
      const { body } = await hub.query<{
        enterprises: { totalCount: number; edges: { node: { creditCode: string } }[] };
      }>(LIST, {}, { token: await liaison(subject) });
      expect(body.errors, subject).toBeUndefined();
      expect(
        body.data!.enterprises.edges.map((e) => e.node.creditCode),
        subject,
      ).toEqual(assignedTo(subject));
      expect(body.data!.enterprises.totalCount, subject).toBe(assignedTo(subject).length);
    }
  });

  it('an enterprise contact reaches no other enterprise through its own court case', async () => {
    // A case with two enterprises as parties: the contact of one reads the case through its enterprise.
    const byCase = new Map<string, string[]>();
    for (const p of world.courts.parties) {
      if (p.kind === 'ENTERPRISE' && p.creditCode)
        byCase.set(p.caseId, [...(byCase.get(p.caseId) ?? []), p.creditCode]);
    }
    const [own, other] = [...byCase.values()].find((codes) => new Set(codes).size >= 2)!;
    const { body } = await hub.query<{
      enterprise: {
        courtCases: { parties: { enterprise: { creditCode: string; courtCases: unknown[] } | null }[] }[];
      };
    }>(
      `query ($c: ID!) { enterprise(creditCode: $c) { courtCases { parties { enterprise { creditCode courtCases { caseNumber } } } } } }`,
      { c: own },
      { token: await tokenFor('enterprise-contact', { creditCode: own }) },
    );
    const reached = body
      .data!.enterprise.courtCases.flatMap((c) => c.parties)
      .map((p) => p.enterprise?.creditCode)
      .filter(Boolean);
    expect(reached).toContain(own);
    expect(reached).not.toContain(other);
  });

  it('references from another agency (court-case parties) resolve only for assigned enterprises', async () => {
    const { body } = await hub.query<{
      courtCases: {
        edges: {
          node: { parties: { kind: string; enterprise: { creditCode: string; name: string } | null }[] };
        }[];
      };
    }>(
      `{ courtCases(first: 100) { edges { node { parties { kind enterprise { creditCode name } } } } } }`,
      {},
      { token: await liaison() },
    );
    const mine = new Set(assignedTo(DEMO_LIAISON_SUBJECT));
    const parties = body
      .data!.courtCases.edges.flatMap((e) => e.node.parties)
      .filter((p) => p.kind === 'ENTERPRISE');
    const named = parties.filter((p) => p.enterprise?.name).map((p) => p.enterprise!.creditCode);
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((c) => mine.has(c))).toBe(true);
    expect(named).toContain(showcase);
    // Unassigned enterprises among the parties exist, and none of them is named.
    const partyCodes = new Set(
      world.courts.parties.filter((p) => p.kind === 'ENTERPRISE').map((p) => p.creditCode!),
    );
    expect([...partyCodes].some((c) => !mine.has(c))).toBe(true);
    expect(parties.length).toBe(world.courts.parties.filter((p) => p.kind === 'ENTERPRISE').length);
  });

  it('a page of 5 and a page of 25 cost the same SQL statements in every subgraph', async () => {
    const subject = 'tax:liaison:G2';
    expect(assignedTo(subject).length).toBeGreaterThan(5);
    const token = await liaison(subject);
    const page = (first: number) =>
      hub.query<{ enterprises: { edges: unknown[] } }>(
        `query ($first: Int!) { enterprises(first: $first) { edges { node {
          creditCode name socialInsurance { accountNumber } medicalInsurance { accountNumber }
          internalNotes { id } } } } }`,
        { first },
        { token },
      );
    await page(2); // warm-up
    const five = await sqlPerSubgraph(async () => {
      const { body } = await page(5);
      expect(body.errors).toBeUndefined();
      expect(body.data!.enterprises.edges).toHaveLength(5);
    });
    const twentyFive = await sqlPerSubgraph(async () => {
      const { body } = await page(25);
      expect(body.errors).toBeUndefined();
      expect(body.data!.enterprises.edges).toHaveLength(assignedTo(subject).length);
    });
    expect(twentyFive).toEqual(five);
    // The page (a semi-join on the assignments) and the notes batch.
    expect(five.tax).toBe(2);
  });
});

type Note = { id: string; agency: string; authorName: string; content: string; createdAt: string };
const NOTE_FIELDS = 'id agency authorName content createdAt';
const ADD = `mutation AddNote($input: AddInternalNoteInput!) { addInternalNote(input: $input) { ${NOTE_FIELDS} } }`;
const addNote = async (token: string, input: Record<string, unknown>) =>
  hub.query<{ addInternalNote: Note | null }>(ADD, { input }, { token });
const notesOf = async (token: string | undefined, creditCode = showcase) => {
  const { body } = await hub.query<{ enterprise: { internalNotes: Note[] | null } }>(
    `query ($c: ID!) { enterprise(creditCode: $c) { internalNotes { ${NOTE_FIELDS} } } }`,
    { c: creditCode },
    token === undefined ? {} : { token },
  );
  expect(body.errors).toBeUndefined();
  return body.data!.enterprise.internalNotes!;
};

describe('internal notes: each agency reads its own', () => {
  it('a tax analyst’s note is invisible to an HRSS officer and the other way round; an auditor sees both', async () => {
    const analyst = await tokenFor('analyst', { subject: 'tax:analyst:e2e', name: '李税析' });
    const officer = await tokenFor('hrss-officer', { subject: 'hrss:officer:e2e', name: '张社保' });
    const taxNote = await addNote(analyst, {
      creditCode: showcase,
      content: '2026 年度汇算清缴资料已收齐。',
      idempotencyKey: randomUUID(),
    });
    expect(taxNote.body.errors).toBeUndefined();
    expect(taxNote.body.data!.addInternalNote).toMatchObject({ agency: 'TAX', authorName: '李税析' });
    const hrssNote = await addNote(officer, {
      creditCode: showcase,
      content: '单位参保人数与申报工资人数一致。',
      idempotencyKey: randomUUID(),
    });
    expect(hrssNote.body.errors).toBeUndefined();
    expect(hrssNote.body.data!.addInternalNote!.agency).toBe('HRSS');

    const seeded = (agency: string) =>
      world.tax.internalNotes
        .filter((n) => n.creditCode === showcase && n.agency === agency)
        .map((n) => n.id);
    const taxIds = (await notesOf(analyst)).map((n) => n.id);
    expect(taxIds[0]).toBe(taxNote.body.data!.addInternalNote!.id);
    expect(taxIds.sort()).toEqual([taxNote.body.data!.addInternalNote!.id, ...seeded('tax')].sort());
    const hrssIds = (await notesOf(officer)).map((n) => n.id);
    expect(hrssIds[0]).toBe(hrssNote.body.data!.addInternalNote!.id);
    expect(hrssIds.sort()).toEqual([hrssNote.body.data!.addInternalNote!.id, ...seeded('hrss')].sort());
    expect(taxIds.some((id) => hrssIds.includes(id))).toBe(false);
    // The auditor (the hub's default token) sees every agency's notes.
    const all = (await notesOf(undefined)).map((n) => n.id).sort();
    expect(all).toEqual([...taxIds, ...hrssIds].sort());
    // The demo liaison, on an assigned enterprise, reads the tax bureau's notes.
    expect((await notesOf(await liaison())).map((n) => n.id).sort()).toEqual(taxIds);
  });

  it('an enterprise contact sees none on its own enterprise', async () => {
    expect(world.tax.internalNotes.some((n) => n.creditCode === showcase)).toBe(true);
    const contact = await tokenFor('enterprise-contact', { creditCode: showcase });
    expect(await notesOf(contact)).toEqual([]);
  });
});

describe('addInternalNote', () => {
  const analystToken = () => tokenFor('analyst', { subject: 'tax:analyst:mutation' });

  it('is idempotent: the same key twice gives one row and the same note', async () => {
    const token = await analystToken();
    const input = { creditCode: showcase, content: '重复提交测试。', idempotencyKey: randomUUID() };
    const first = await addNote(token, input);
    const second = await addNote(token, input);
    expect(first.body.errors).toBeUndefined();
    expect(second.body.errors).toBeUndefined();
    expect(second.body.data!.addInternalNote).toEqual(first.body.data!.addInternalNote);
    expect(await noteRows('where idempotency_key = ?', [input.idempotencyKey])).toBe(1);
  });

  it('answers IDEMPOTENCY_KEY_REUSED for the same key with different content', async () => {
    const token = await analystToken();
    const input = { creditCode: showcase, content: '第一版。', idempotencyKey: randomUUID() };
    expect((await addNote(token, input)).body.errors).toBeUndefined();
    const reused = await addNote(token, { ...input, content: '第二版。' });
    expect(codes(reused.body)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(reused.body.data ?? null).toBeNull();
    const rows = await hub.hub.subgraphs.tax.orm.em
      .getConnection()
      .execute<{ content: string }[]>('select content from internal_note where idempotency_key = ?', [
        input.idempotencyKey,
      ]);
    expect(rows.map((r) => r.content)).toEqual(['第一版。']);
  });

  it('refuses bad input with stable codes and writes nothing', async () => {
    const token = await analystToken();
    const first17 = '91511902' + '12345678' + organisationCodeCheckChar('12345678');
    const unregistered = first17 + creditCodeCheckChar(first17);
    const cases: [Record<string, unknown>, string][] = [
      [{ creditCode: showcase.slice(0, 17) + (showcase[17] === '0' ? '1' : '0') }, 'INVALID_CREDIT_CODE'],
      [{ creditCode: unregistered }, 'NOT_FOUND'],
      [{ content: '   ' }, 'BAD_USER_INPUT'],
      [{ content: '长'.repeat(2001) }, 'BAD_USER_INPUT'],
      [{ idempotencyKey: '' }, 'BAD_USER_INPUT'],
      [{ content: 42 }, 'BAD_USER_INPUT'], // a variable of the wrong type, refused by the gateway
    ];
    const before = await noteRows();
    for (const [override, code] of cases) {
      const { body } = await addNote(token, {
        creditCode: showcase,
        content: '内容。',
        idempotencyKey: randomUUID(),
        ...override,
      });
      expect(codes(body), JSON.stringify(override).slice(0, 80)).toEqual([code]);
    }
    expect(await noteRows()).toBe(before);
  });

  it('refuses an auditor (read-only), an enterprise contact and an unassigned liaison with FORBIDDEN', async () => {
    const before = await noteRows();
    const input = () => ({ creditCode: showcase, content: '不应写入。', idempotencyKey: randomUUID() });
    const auditor = await addNote(await tokenFor('auditor'), input());
    expect(codes(auditor.body)).toEqual(['FORBIDDEN']);
    expect(auditor.body.data?.addInternalNote ?? null).toBeNull();
    const contact = await addNote(await tokenFor('enterprise-contact', { creditCode: showcase }), input());
    expect(codes(contact.body)).toEqual(['FORBIDDEN']);
    const outsider = await addNote(await liaison('tax:liaison:C36'), input());
    expect(assignedTo('tax:liaison:C36')).not.toContain(showcase);
    expect(codes(outsider.body)).toEqual(['FORBIDDEN']);
    expect(await noteRows()).toBe(before);
    // The demo liaison writes on the showcase, which is assigned to them.
    const assigned = await addNote(await liaison(), input());
    expect(assigned.body.errors).toBeUndefined();
  });

  it('leaves an audit record of operation type mutation', async () => {
    const token = await tokenFor('hrss-officer', { subject: 'hrss:officer:audited' });
    const input = { creditCode: showcase, content: '审计记录测试。', idempotencyKey: randomUUID() };
    const { status, body } = await addNote(token, input);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const row = (await audit.query('select * from audit_event order by seq desc limit 1')).rows[0];
    expect(row).toMatchObject({
      subject: 'hrss:officer:audited',
      agency: 'hrss',
      operation_name: 'AddNote',
      operation_type: 'mutation',
      outcome: 'SERVED',
      error_codes: [],
    });
    expect(row.enterprises).toContain(showcase);
    expect(row.fields.tax).toContain('Mutation.addInternalNote');
  });
});
