// The audit trail as the gateway writes it: exactly one record per operation, whatever its outcome;
// no answer without a durable record; one valid chain from two gateway processes.
import { spawn, type ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subgraphNames, subgraphs } from '../../core/subgraphs.js';
import { verifyAuditDatabase } from '../../gateway/audit/verify.js';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { tokenFor } from '../support/identities.js';
import { freePort } from '../../core/net.js';

const world = buildWorld('test');
let hub: TestHub;
let db: pg.Client;

beforeAll(async () => {
  hub = await startTestHub();
  db = await hub.auditDb();
});
afterAll(async () => hub?.dispose());

interface Row {
  seq: string;
  subject: string | null;
  agency: string | null;
  roles: string[];
  operation_name: string | null;
  operation_type: string | null;
  document_hash: string | null;
  variables: unknown;
  fields: Record<string, string[]>;
  enterprises: string[];
  persons: string[];
  purpose: string | null;
  outcome: string;
  error_codes: string[];
  duration_ms: number;
}

const count = async () => Number((await db.query('select count(*) as n from audit_event')).rows[0].n);
const last = async (): Promise<Row> =>
  (await db.query('select * from audit_event order by seq desc limit 1')).rows[0];

describe('one audit record per operation', () => {
  it('records a served operation with who, what, which subjects and why', async () => {
    const before = await count();
    const idNumber = world.socialSecurity.persons[0]!.idNumber;
    const { status } = await hub.query(
      `query EnterpriseForAudit($code: ID!, $note: String) { enterprise(creditCode: $code) { name socialInsurance { accountNumber } }
        servicePoints(first: 1, after: $note) { totalCount } }`,
      { code: world.showcase.creditCode, note: null, stray: idNumber },
      { token: await tokenFor('judge'), purpose: world.showcase.caseNumber },
    );
    expect(status).toBe(200);
    expect(await count()).toBe(before + 1);
    const row = await last();
    expect(row).toMatchObject({
      subject: 'test:judge',
      agency: 'court',
      roles: ['judge'],
      operation_name: 'EnterpriseForAudit',
      operation_type: 'query',
      purpose: world.showcase.caseNumber,
      outcome: 'SERVED',
      error_codes: [],
    });
    expect(row.document_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.enterprises).toContain(world.showcase.creditCode);
    expect(row.fields, JSON.stringify(row)).toHaveProperty('tax');
    expect(row.fields.tax).toContain('Enterprise.name');
    expect(row.fields['social-security']).toContain('EmployerSocialInsuranceAccount.accountNumber');
    // Personal data in variables is masked before it is stored.
    expect(JSON.stringify(row.variables)).not.toContain(idNumber);
    expect(JSON.stringify(row.variables)).toContain(idNumber.slice(0, 6) + '********' + idNumber.slice(-4));
  });

  it('records the persons an operation reached', async () => {
    await hub.query(
      `query ($id: ID!) { person(personId: $id) { name } }`,
      { id: world.showcase.personId },
      {
        token: await tokenFor('hrss-officer'),
      },
    );
    expect((await last()).persons).toContain(world.showcase.personId);
  });

  const outcomes: [string, () => Promise<unknown>, string, string[]][] = [
    [
      'partly denied',
      async () =>
        hub.query(
          `query ($code: ID!) { enterprise(creditCode: $code) { name socialInsurance { arrears { amount } } } }`,
          { code: world.showcase.creditCode },
          { token: await tokenFor('analyst') },
        ),
      'PARTIAL',
      ['FORBIDDEN'],
    ],
    [
      'refused without a token',
      () => hub.query('{ enterprises(first: 1) { totalCount } }', {}, { token: null }),
      'DENIED',
      ['UNAUTHENTICATED'],
    ],
    [
      'refused with a forged token',
      () => hub.query('{ enterprises(first: 1) { totalCount } }', {}, { token: 'x.y.z' }),
      'DENIED',
      ['UNAUTHENTICATED'],
    ],
    [
      'refused by a limit',
      () =>
        hub.query(
          `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: servicePoints(first: 1) { totalCount }`).join(' ')} }`,
        ),
      'REFUSED',
      ['MAX_ALIASES_EXCEEDED'],
    ],
    [
      'refused by validation',
      () => hub.query('{ enterprises(first: 1) { noSuchField } }'),
      'REFUSED',
      ['GRAPHQL_VALIDATION_FAILED'],
    ],
  ];
  for (const [label, run, outcome, codes] of outcomes) {
    it(`records an operation ${label} (${outcome})`, async () => {
      const before = await count();
      await run();
      expect(await count()).toBe(before + 1);
      const row = await last();
      expect(row.outcome).toBe(outcome);
      expect(row.error_codes).toEqual(codes);
    });
  }

  it('leaves a chain that verifies', async () => {
    const result = await verifyAuditDatabase(hub.auditDatabaseUrl);
    expect(result).toMatchObject({ ok: true });
  });
});

describe('no answer without a durable record', () => {
  it('refuses to serve while the audit store cannot be written, and serves again once it can', async () => {
    // The trail becomes unwritable: its table is moved away (as an outage or a full disk would do).
    await db.query('alter table audit_event rename to audit_event_away');
    try {
      const { status, body } = await hub.query('{ enterprises(first: 1) { totalCount } }');
      expect(status).toBe(503);
      expect(body.errors?.[0]?.extensions?.code).toBe('AUDIT_UNAVAILABLE');
      expect(body.data ?? null).toBeNull();
    } finally {
      await db.query('alter table audit_event_away rename to audit_event');
    }
    const again = await hub.query('{ enterprises(first: 1) { totalCount } }');
    expect(again.status).toBe(200);
  });
});

describe('two gateway processes, one trail', () => {
  let second: ChildProcess | undefined;
  afterAll(() => {
    second?.kill('SIGTERM');
  });

  it('writes every record of concurrent operations from both into one valid chain', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HUB_AUDIT_DATABASE_URL: hub.auditDatabaseUrl,
      // Its in-process hub subgraph on a free loopback port, not the default 4006.
      HUB_INTERNAL_PORT: '0',
      HUB_LOG: 'silent',
    };
    for (const name of subgraphNames) {
      env[`${subgraphs[name].envPrefix}_URL`] = hub.hub.gateway.subgraphUrls.get(name);
    }
    // A real second process, started as production starts a gateway replica.
    second = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts'], { env, stdio: 'ignore' });
    const secondUrl = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ready = await fetch(`${secondUrl}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (i > 300) throw new Error('second gateway did not become ready');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const before = await count();
    const token = await tokenFor('analyst');
    const send = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ enterprises(first: 2) { totalCount } }' }),
      }).then((r) => r.status);
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => send(i % 2 ? `${secondUrl}/graphql` : hub.url)),
    );
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(await count()).toBe(before + 200);
    const instances = await db.query(
      'select count(distinct gateway_instance) as n from audit_event where seq > $1',
      [before],
    );
    expect(Number(instances.rows[0].n)).toBe(2);
    expect(await verifyAuditDatabase(hub.auditDatabaseUrl)).toMatchObject({ ok: true });
  }, 120_000);
});
