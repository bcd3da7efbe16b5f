// The auditors' view: the audit trail served through the same gateway, identity and audit as agency data,
// by the hub's own subgraph (gateway/hub-subgraph/).
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personas } from '../../core/identity.js';
import { verifyAuditDatabase } from '../../gateway/audit/verify.js';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub.js';
import { testIdentity, tokenFor } from '../support/identities.js';

const world = buildWorld('test');
const showcase = world.showcase;
let hub: TestHub;
let db: pg.Client;

beforeAll(async () => {
  hub = await startTestHub();
  db = await hub.auditDb();
});
afterAll(async () => hub?.dispose());

interface EventNode {
  seq: string;
  at: string;
  subject: string | null;
  subjectName: string | null;
  agency: string | null;
  roles: string[];
  operationName: string | null;
  operationType: string | null;
  variables: string | null;
  fields: { subgraph: string; fields: string[] }[];
  enterprises: string[];
  persons: string[];
  purpose: string | null;
  outcome: string;
  errorCodes: string[];
  durationMs: number;
  hash: string;
  prevHash: string;
  hashAlgorithm: string;
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: EventNode }[];
}

const NODE = `seq at subject subjectName agency roles operationName operationType variables
  fields { subgraph fields } enterprises persons purpose outcome errorCodes durationMs
  hash prevHash hashAlgorithm`;
const PAGE = `totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${NODE} } }`;

const lastSeq = async () =>
  String((await db.query('select max(seq)::text as seq from audit_event')).rows[0].seq);

/** An auditor's page of `auditEvents` (the test hub sends the auditor's token by default). */
async function auditEvents(variables: Record<string, unknown>): Promise<Page> {
  const { status, body } = await hub.query<{ auditEvents: Page }>(
    `query AuditTrail($filter: AuditEventFilter, $first: Int, $after: String) {
      auditEvents(filter: $filter, first: $first, after: $after) { ${PAGE} } }`,
    variables,
  );
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(status).toBe(200);
  return body.data!.auditEvents;
}

const seqs = (page: Page) => page.edges.map((e) => BigInt(e.node.seq));
const codes = (body: GraphQLResponse<unknown>) => (body.errors ?? []).map((e) => e.extensions?.code);

describe('an auditor reads the audit trail', () => {
  beforeAll(async () => {
    // Some traffic to audit, from a few personas.
    const analyst = await tokenFor('analyst');
    for (let i = 0; i < 3; i++)
      await hub.query('{ enterprises(first: 2) { totalCount } }', {}, { token: analyst });
    await hub.query(
      `query ($code: ID!) { enterprise(creditCode: $code) { name } }`,
      { code: showcase.creditCode },
      { token: await tokenFor('judge'), purpose: showcase.caseNumber },
    );
  });

  it('lists audit events newest first and pages them without gaps or repeats', async () => {
    const newest = await lastSeq();
    const total = Number((await db.query('select count(*) as n from audit_event')).rows[0].n);
    const first = await auditEvents({ first: 3 });
    expect(first.edges).toHaveLength(3);
    expect(first.edges[0]!.node.seq).toBe(newest);
    expect(first.totalCount).toBe(total);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.pageInfo.endCursor).toBe(first.edges[2]!.cursor);
    // Newest first, and each record links to the one before it.
    expect(seqs(first)).toEqual([BigInt(newest), BigInt(newest) - 1n, BigInt(newest) - 2n]);
    expect(first.edges[0]!.node.prevHash).toBe(first.edges[1]!.node.hash);
    expect(first.edges[1]!.node.prevHash).toBe(first.edges[2]!.node.hash);

    const second = await auditEvents({ first: 3, after: first.pageInfo.endCursor });
    expect(seqs(second)[0]).toBe(BigInt(newest) - 3n);
    expect(second.edges[0]!.node.hash).toBe(first.edges[2]!.node.prevHash);

    // The record as served is the row as stored.
    const row = (await db.query('select * from audit_event where seq = $1', [newest])).rows[0];
    const node = first.edges[0]!.node;
    expect(node).toMatchObject({
      subject: row.subject,
      agency: row.agency,
      roles: row.roles,
      operationName: row.operation_name,
      outcome: row.outcome,
      enterprises: row.enterprises,
      persons: row.persons,
      errorCodes: row.error_codes,
      durationMs: row.duration_ms,
      hash: row.hash,
      prevHash: row.prev_hash,
      hashAlgorithm: row.hash_algorithm,
    });
    expect(new Date(node.at).getTime()).toBe(row.at.getTime());
    expect(node.operationType).toBe(row.operation_type ? String(row.operation_type).toUpperCase() : null);
    expect(node.variables === null ? null : JSON.parse(node.variables)).toEqual(row.variables);
  });

  it('refuses a cursor another list issued', async () => {
    const page = await auditEvents({ first: 1 });
    const { body } = await hub.query(
      `query ($id: ID!, $after: String) { accessesToPerson(personId: $id, after: $after) { totalCount } }`,
      { id: showcase.personId, after: page.pageInfo.endCursor },
    );
    expect(codes(body)).toEqual(['INVALID_CURSOR']);
  });

  it('finds who accessed a person: the officer, with the purpose stated', async () => {
    const officer = await hub.query(
      `query OfficerLooksUpPerson($id: ID!) { person(personId: $id) { name } }`,
      { id: showcase.personId },
      { token: await tokenFor('hrss-officer'), purpose: showcase.caseNumber },
    );
    expect(officer.body.errors).toBeUndefined();
    const officerSeq = await lastSeq();

    const { body } = await hub.query<{ accessesToPerson: Page }>(
      `query ($id: ID!) { accessesToPerson(personId: $id, first: 5) { ${PAGE} } }`,
      { id: showcase.personId },
    );
    expect(body.errors).toBeUndefined();
    const page = body.data!.accessesToPerson;
    expect(page.edges.length).toBeGreaterThan(0);
    for (const edge of page.edges) expect(edge.node.persons).toContain(showcase.personId);
    const newest = page.edges[0]!.node;
    expect(newest).toMatchObject({
      seq: officerSeq,
      subject: 'test:hrss-officer',
      subjectName: personas['hrss-officer'].label,
      agency: 'hrss',
      roles: ['hrss-officer'],
      operationName: 'OfficerLooksUpPerson',
      operationType: 'QUERY',
      purpose: showcase.caseNumber,
      outcome: 'SERVED',
    });
    expect(newest.fields).toContainEqual({
      subgraph: 'social-security',
      fields: ['Person.name', 'Query.person'],
    });
    expect(JSON.parse(newest.variables!)).toEqual({ id: showcase.personId });

    // The same through the general list's filter, which now also finds the question just asked: asking
    // who accessed a person is itself an access to that person, and recorded as such.
    const filtered = await auditEvents({ filter: { personId: showcase.personId }, first: 6 });
    expect(filtered.edges[0]!.node).toMatchObject({ subject: 'test:auditor', persons: [showcase.personId] });
    expect(filtered.edges.slice(1).map((e) => e.node.seq)).toEqual(page.edges.map((e) => e.node.seq));
  });

  it('finds who accessed an enterprise', async () => {
    const code = showcase.employerInArrearsCreditCode;
    const analyst = await hub.query(
      `query ($code: ID!) { enterprise(creditCode: $code) { name taxOffice } }`,
      { code },
      { token: await tokenFor('analyst') },
    );
    expect(analyst.body.errors).toBeUndefined();
    const analystSeq = await lastSeq();
    const naming = async () =>
      Number(
        (await db.query('select count(*) as n from audit_event where enterprises @> array[$1]', [code]))
          .rows[0].n,
      );
    const before = await naming();

    const { body } = await hub.query<{ accessesToEnterprise: Page }>(
      `query ($code: ID!) { accessesToEnterprise(creditCode: $code, first: 10) { ${PAGE} } }`,
      { code },
    );
    expect(body.errors).toBeUndefined();
    const page = body.data!.accessesToEnterprise;
    expect(page.edges[0]!.node).toMatchObject({ seq: analystSeq, subject: 'test:analyst', agency: 'tax' });
    for (const edge of page.edges) expect(edge.node.enterprises).toContain(code);
    expect(page.totalCount).toBe(before);
    // The auditor's question names the enterprise too.
    expect(await naming()).toBe(before + 1);

    const filtered = await auditEvents({
      filter: { creditCode: code, subject: 'test:analyst', agency: 'tax' },
    });
    expect(filtered.edges.map((e) => e.node.seq)).toEqual([analystSeq]);

    const bad = await hub.query(`{ accessesToEnterprise(creditCode: "91511900MA62X0000X") { totalCount } }`);
    expect(codes(bad.body)).toEqual(['INVALID_CREDIT_CODE']);
  });

  it('filters by outcome and time', async () => {
    const since = new Date();
    const anonymous = await hub.query('{ enterprises(first: 1) { totalCount } }', {}, { token: null });
    expect(anonymous.status).toBe(401);
    const deniedSeq = await lastSeq();
    // Only the anonymous attempt since then (each auditor query below adds its own record after it).
    const recent = await auditEvents({ filter: { from: since.toISOString() }, first: 50 });
    expect(recent.edges.map((e) => e.node.seq)).toEqual([deniedSeq]);

    const denied = await auditEvents({ filter: { outcome: 'DENIED' }, first: 50 });
    expect(denied.edges.length).toBeGreaterThan(0);
    for (const edge of denied.edges) expect(edge.node.outcome).toBe('DENIED');
    expect(denied.edges[0]!.node).toMatchObject({
      seq: deniedSeq,
      subject: null,
      roles: [],
      errorCodes: ['UNAUTHENTICATED'],
    });

    const before = await auditEvents({ filter: { to: since.toISOString(), outcome: 'DENIED' }, first: 50 });
    expect(before.edges.map((e) => e.node.seq)).not.toContain(deniedSeq);
    const served = await auditEvents({ filter: { outcome: 'SERVED' }, first: 50 });
    for (const edge of served.edges) expect(edge.node.outcome).toBe('SERVED');
  });

  it('reports the chain as verified, and reuses one verification for 30 s', async () => {
    const query = `{ auditChainStatus { ok count lastSeq firstBadSeq reason hashAlgorithm checkedAt } }`;
    const newest = await lastSeq();
    const { body } = await hub.query<{
      auditChainStatus: {
        ok: boolean;
        count: number;
        lastSeq: string | null;
        firstBadSeq: string | null;
        reason: string | null;
        hashAlgorithm: string;
        checkedAt: string;
      };
    }>(query);
    expect(body.errors).toBeUndefined();
    const status = body.data!.auditChainStatus;
    expect(status).toMatchObject({
      ok: true,
      count: Number(newest),
      lastSeq: newest,
      firstBadSeq: null,
      reason: null,
    });
    expect(['sm3', 'sha256']).toContain(status.hashAlgorithm);
    expect(Date.now() - new Date(status.checkedAt).getTime()).toBeLessThan(30_000);

    // The answer just recorded a new record; the cached status does not include it yet.
    const again = await hub.query<{ auditChainStatus: { checkedAt: string; count: number } }>(query);
    expect(again.body.data!.auditChainStatus).toMatchObject({
      checkedAt: status.checkedAt,
      count: status.count,
    });
  });

  it('records the auditor’s own queries of the trail', async () => {
    const look = await hub.query(
      `query AuditorLooksAtTrail { auditEvents(first: 1) { edges { node { seq } } } }`,
    );
    expect(look.body.errors).toBeUndefined();
    const lookSeq = await lastSeq();
    const page = await auditEvents({
      filter: { subject: 'test:auditor', operationName: 'AuditorLooksAtTrail' },
    });
    expect(page.edges.map((e) => e.node.seq)).toEqual([lookSeq]);
    expect(page.edges[0]!.node).toMatchObject({
      subject: 'test:auditor',
      agency: 'hub',
      roles: ['auditor'],
      outcome: 'SERVED',
      fields: [
        {
          subgraph: 'hub',
          fields: [
            'AuditEvent.seq',
            'AuditEventConnection.edges',
            'AuditEventEdge.node',
            'Query.auditEvents',
          ],
        },
      ],
    });

    // Asking who accessed a person is itself an access to that person, found by the next such question.
    await hub.query(`query ($id: ID!) { accessesToPerson(personId: $id) { totalCount } }`, {
      id: showcase.personId,
    });
    const askedSeq = await lastSeq();
    const { body } = await hub.query<{ accessesToPerson: Page }>(
      `query ($id: ID!) { accessesToPerson(personId: $id, first: 1) { ${PAGE} } }`,
      { id: showcase.personId },
    );
    expect(body.data!.accessesToPerson.edges[0]!.node).toMatchObject({
      seq: askedSeq,
      subject: 'test:auditor',
      persons: [showcase.personId],
    });
  });
});

describe('only auditors read the trail', () => {
  const forbidden = (body: GraphQLResponse<unknown>) =>
    (body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.extensions?.field);

  it('gives a non-auditor FORBIDDEN (scope audit:read missing) and no records', async () => {
    for (const role of ['analyst', 'admin', 'judge'] as const) {
      const { status, body, text } = await hub.query<{ auditEvents: unknown }>(
        `{ auditEvents(first: 5) { edges { node { seq subject } } } }`,
        {},
        { token: await tokenFor(role) },
      );
      expect(status).toBe(200);
      expect(forbidden(body)).toEqual(['Query.auditEvents']);
      expect(body.errors![0]!.message).toContain('audit:read');
      expect(body.data?.auditEvents ?? null).toBeNull();
      expect(text).not.toContain('test:auditor');
    }
    const { body } = await hub.query(
      `query ($id: ID!) { accessesToPerson(personId: $id) { totalCount } auditChainStatus { ok } }`,
      { id: showcase.personId },
      { token: await tokenFor('hrss-officer') },
    );
    expect(forbidden(body).sort()).toEqual(['Query.accessesToPerson', 'Query.auditChainStatus']);
  });

  it('serves the trail to a holder of scope audit:read', async () => {
    const { body } = await hub.query(
      `{ auditEvents(first: 1) { totalCount } }`,
      {},
      { token: await tokenFor('admin', { scopes: ['audit:read'] }) },
    );
    expect(body.errors).toBeUndefined();
  });

  it('refuses the trail without a token (401)', async () => {
    const { status, body } = await hub.query(`{ auditEvents(first: 1) { totalCount } }`, {}, { token: null });
    expect(status).toBe(401);
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
  });

  it('has the hub subgraph check the identity itself and refuse callers other than the gateway', async () => {
    const runtime = hub.hub.hubSubgraph;
    const response = await runtime.apollo.executeOperation(
      { query: '{ auditEvents(first: 1) { totalCount } }' },
      { contextValue: runtime.createContext({ identity: testIdentity('analyst'), purpose: null }) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const port = (runtime.http.address() as AddressInfo).port;
    const direct = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ auditEvents(first: 1) { totalCount } }' }),
    });
    expect(direct.status).toBe(401);
  });
});

describe('viewer', () => {
  const VIEWER = `{ viewer { subject name agency agencyName roles scopes creditCode } }`;

  it('echoes the verified identity', async () => {
    const { body } = await hub.query(VIEWER, {}, { token: await tokenFor('judge') });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      viewer: {
        subject: 'test:judge',
        name: personas.judge.label,
        agency: 'court',
        agencyName: '人民法院 (court)',
        roles: ['judge'],
        scopes: ['pii:clear'],
        creditCode: null,
      },
    });
    const contact = await hub.query<{ viewer: { creditCode: string; roles: string[] } }>(
      VIEWER,
      {},
      { token: await tokenFor('enterprise-contact', { creditCode: showcase.creditCode }) },
    );
    expect(contact.body.data!.viewer).toMatchObject({
      creditCode: showcase.creditCode,
      roles: ['enterprise-contact'],
    });
  });

  it('needs a token', async () => {
    const { status, body } = await hub.query(VIEWER, {}, { token: null });
    expect(status).toBe(401);
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('the trail after all this', () => {
  it('still verifies', async () => {
    expect(await verifyAuditDatabase(hub.auditDatabaseUrl)).toMatchObject({ ok: true });
  });
});
