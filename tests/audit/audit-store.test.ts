// The audit trail store on real PostgreSQL: chaining, tamper detection, append-only enforcement, group
// commit, one chain across processes, failure when the database is down, and retention.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseOnServer } from '../../core/database.js';
import { repoRoot } from '../../core/paths.js';
import {
  auditColumns,
  chainHash,
  fromRow,
  normalizeRecord,
  type AuditRow,
} from '../../gateway/audit/record.js';
import { APPEND_ONLY_TRIGGER, AUDIT_WRITER_ROLE } from '../../gateway/audit/schema.js';
import { createAuditStore, resolveRetentionDays, type AuditStore } from '../../gateway/audit/store.js';
import { verifyAuditChain } from '../../gateway/audit/verify.js';
import { createTestDatabase } from '../support/databases.js';
import { sampleRecord } from './sample.js';

const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const DAY = 86_400_000;

let db: { url: string; drop(): Promise<void> };
let store: AuditStore | undefined;

beforeEach(async () => {
  db = await createTestDatabase('audit');
});
afterEach(async () => {
  await store?.close().catch(() => undefined);
  store = undefined;
  await db.drop();
});

/** Runs `fn` with a superuser connection to the test database (the test server's user). */
async function asAdmin<T>(fn: (client: pg.Client) => Promise<T>, url = db.url): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Tampers as a superuser would: with the append-only trigger disabled for the moment. */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  await asAdmin(async (client) => {
    await client.query(`alter table audit_event disable trigger ${APPEND_ONLY_TRIGGER}`);
    await client.query(sql, params);
    await client.query(`alter table audit_event enable trigger ${APPEND_ONLY_TRIGGER}`);
  });
}

interface Child {
  /** Resolves once the child printed "ready". */
  ready: Promise<void>;
  /** Writes a line to the child's stdin. */
  go(): void;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Runs a TypeScript file of the repository with tsx, as `npx tsx` would. */
function start(args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const child = spawn(tsx, args, { cwd: repoRoot, env: { ...process.env, HUB_LOG: 'silent', ...env } });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      markReady(); // never leave a waiter hanging on a child that died early
      resolve({ code, stdout, stderr });
    });
  });
  return { ready, go: () => child.stdin.write('go\n'), done };
}

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return start(args, env).done;
}

async function appendMany(s: AuditStore, n: number, at?: (i: number) => Date): Promise<void> {
  await Promise.all(Array.from({ length: n }, (_, i) => s.append(sampleRecord(i, at ? { at: at(i) } : {}))));
}

describe('appending and verifying', () => {
  it('chains appended records, verifies them and gives each back exactly as it was given', async () => {
    store = await createAuditStore({ databaseUrl: db.url, instance: 'gw-test' });
    expect(store.writerRole).toBe(AUDIT_WRITER_ROLE);
    const tricky = sampleRecord(99, {
      at: new Date('2025-03-04T05:06:07.089Z'),
      subject: 'nul\u0000inside',
      subjectName: '李四 😀 lone \uD800 surrogate',
      agency: null,
      roles: ['NULL', '{braces,comma}', 'quote"back\\slash', ''],
      clientAddress: '::ffff:127.0.0.1',
      operationName: null,
      operationType: 'mutation',
      variables: {
        z: 1,
        a: [1.5, 0.1 + 0.2, 1e21, null, { when: new Date('2025-01-01T00:00:00.000Z') }],
        ['__proto__']: { polluted: true },
        big: 12345678901234567890n,
        gone: undefined,
        nested: { b: 'x', a: 'y' },
      },
      fields: { 'medical-insurance': ['Person.medicalInsurance'], tax: ['Query.person'] },
      enterprises: ['91511900MA62XXXXXX', '91511900MA62YYYYYY'],
      persons: ['P0001', 'P0002'],
      purpose: null,
      outcome: 'PARTIAL',
      errorCodes: ['SUBGRAPH_UNAVAILABLE'],
      durationMs: 12.345,
    });
    const refs = [];
    for (let i = 0; i < 4; i++) refs.push(await store.append(sampleRecord(i)));
    refs.push(await store.append(tricky));
    expect(refs.map((r) => r.seq)).toEqual(['1', '2', '3', '4', '5']);
    expect(await store.verify()).toEqual({ ok: true, count: 5, lastSeq: '5' });

    const rows = await asAdmin((c) =>
      c.query<AuditRow>(`select ${auditColumns.join(', ')} from audit_event order by seq`),
    );
    const stored = rows.rows.map(fromRow);
    const { seq, prevHash, hash, hashAlgorithm, ...fields } = stored[4]!;
    expect(seq).toBe('5');
    expect(hash).toBe(refs[4]!.hash);
    expect(prevHash).toBe(stored[3]!.hash);
    expect(stored[0]!.prevHash).toBe('0'.repeat(64));
    expect(hashAlgorithm).toBe('sm3'); // Node 20's OpenSSL here offers SM3
    expect(fields).toEqual(normalizeRecord({ ...tricky, gatewayInstance: 'gw-test' }));
    // What normalisation did, spelled out: nothing PostgreSQL would refuse or alter is stored.
    expect(fields.subject).toBe('nul\uFFFDinside');
    expect(fields.subjectName).toBe('李四 😀 lone \uFFFD surrogate');
    expect(fields.at.toISOString()).toBe('2025-03-04T05:06:07.089Z');
    expect(fields.roles).toEqual(['NULL', '{braces,comma}', 'quote"back\\slash', '']);
    expect(fields.variables).toEqual({
      z: 1,
      a: [1.5, 0.30000000000000004, 1e21, null, { when: '2025-01-01T00:00:00.000Z' }],
      ['__proto__']: { polluted: true },
      big: '12345678901234567890',
      nested: { b: 'x', a: 'y' },
    });
    expect(Object.hasOwn(fields.variables as object, '__proto__')).toBe(true);
    expect(fields.durationMs).toBe(12.345);
    expect(fields.gatewayInstance).toBe('gw-test');
    // The columns themselves, as an auditor's SQL sees them.
    const raw = await asAdmin((c) =>
      c.query(
        `select outcome, operation_type, error_codes, persons, fields->'tax' as tax, variables->>'big' as big
         from audit_event where seq = 5`,
      ),
    );
    expect(raw.rows[0]).toEqual({
      outcome: 'PARTIAL',
      operation_type: 'mutation',
      error_codes: ['SUBGRAPH_UNAVAILABLE'],
      persons: ['P0001', 'P0002'],
      tax: ['Query.person'],
      big: '12345678901234567890',
    });
  });

  it('rejects a record it could not store faithfully, without harming its batch-mates', async () => {
    store = await createAuditStore({ databaseUrl: db.url });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const results = await Promise.allSettled([
      store.append(sampleRecord(1)),
      store.append(sampleRecord(2, { variables: circular })),
      store.append(sampleRecord(3, { at: new Date('nonsense') })),
      store.append(sampleRecord(4, { outcome: 'MAYBE' as 'SERVED' })),
      store.append(sampleRecord(5)),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect(await store.verify()).toEqual({ ok: true, count: 2, lastSeq: '2' });
  });

  it('rejects only the record the database refuses when its batch fails, and leaves no gap', async () => {
    store = await createAuditStore({ databaseUrl: db.url });
    // Stands in for any record PostgreSQL might refuse (a limit, a constraint added later).
    await asAdmin((c) =>
      c.query(
        `alter table audit_event add constraint no_test_refusal check (purpose is distinct from 'refuse me')`,
      ),
    );
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((i) => store!.append(sampleRecord(i, i === 2 ? { purpose: 'refuse me' } : {}))),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.seq] : []))).toEqual(['1', '2', '3']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/audit record not written/);
    expect(store.stats()).toMatchObject({ records: 3, failedBatches: 2 });
    expect(await store.verify()).toEqual({ ok: true, count: 3, lastSeq: '3' });
  });
});

describe('tampering', () => {
  it('names the altered record, and audit:verify exits 1 with its seq', async () => {
    store = await createAuditStore({ databaseUrl: db.url });
    await appendMany(store, 5);
    const before = await run(['scripts/audit-verify.ts'], { HUB_AUDIT_DATABASE_URL: db.url });
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toContain('5 records verified');

    await tamper(`update audit_event set outcome = 'DENIED' where seq = 3`);
    expect(await store.verify()).toEqual({
      ok: false,
      count: 2,
      firstBadSeq: '3',
      reason: expect.stringContaining('hash mismatch'),
    });
    const after = await run(['scripts/audit-verify.ts'], { HUB_AUDIT_DATABASE_URL: db.url });
    expect(after.code, after.stderr).toBe(1);
    expect(after.stdout).toContain('first bad seq 3');
    expect(after.stdout).toContain('hash mismatch');
  });

  it('finds a removed record (gap) and a rewritten record whose hash was recomputed (broken link)', async () => {
    store = await createAuditStore({ databaseUrl: db.url });
    await appendMany(store, 6);
    await tamper('delete from audit_event where seq = 4');
    expect(await store.verify()).toMatchObject({ ok: false, count: 3, firstBadSeq: '5' });
    expect(await store.verify()).toMatchObject({ reason: expect.stringContaining('gap before seq 5') });

    // A forger who also recomputes the altered record's hash still breaks the next record's link.
    const row = await asAdmin((c) =>
      c.query<AuditRow>(`select ${auditColumns.join(', ')} from audit_event where seq = 2`),
    );
    const forged = { ...fromRow(row.rows[0]!), outcome: 'DENIED' as const };
    await tamper(`update audit_event set outcome = 'DENIED', hash = $1 where seq = 2`, [
      chainHash(forged.prevHash, forged, forged.hashAlgorithm),
    ]);
    expect(await store.verify()).toEqual({
      ok: false,
      count: 2,
      firstBadSeq: '3',
      reason: expect.stringContaining('prevHash does not link'),
    });
  });
});

describe('append-only enforcement', () => {
  it('the writer role cannot update, delete or truncate; the owner is stopped by the trigger', async () => {
    store = await createAuditStore({ databaseUrl: db.url });
    await appendMany(store, 3);
    await asAdmin(async (client) => {
      await client.query(`set role ${AUDIT_WRITER_ROLE}`);
      for (const sql of [
        `update audit_event set outcome = 'DENIED' where seq = 1`,
        'delete from audit_event where seq = 1',
        'truncate audit_event',
        'delete from audit_anchor',
      ]) {
        await expect(client.query(sql), sql).rejects.toMatchObject({ code: '42501' });
      }
      // Even with the prune switch set by hand, the writer holds no DELETE privilege.
      await client.query('begin');
      await client.query(`select set_config('hub_audit.prune_cutoff', '2999-01-01', true)`);
      await expect(client.query('delete from audit_event')).rejects.toMatchObject({ code: '42501' });
      await client.query('rollback');
      // It may prune, but never below the statutory 180 days nor with a clock moved forward.
      await expect(client.query('select audit_prune(30, now())')).rejects.toMatchObject({ code: '22023' });
      const future = await client.query(`select audit_prune(180, now() + interval '10 years') as n`);
      expect(future.rows[0]).toEqual({ n: '0' });
      await client.query('reset role');

      // The owner (here a superuser, which no privilege stops) meets the trigger.
      for (const sql of [
        `update audit_event set outcome = 'DENIED' where seq = 1`,
        'delete from audit_event where seq = 1',
        'truncate audit_event',
      ]) {
        await expect(client.query(sql), sql).rejects.toThrow(/append-only/);
      }
      // The prune switch does not let the owner delete records younger than 180 days either.
      await client.query('begin');
      await client.query(`select set_config('hub_audit.prune_cutoff', '2999-01-01', true)`);
      await expect(client.query('delete from audit_event where seq = 1')).rejects.toThrow(/append-only/);
      await client.query('rollback');
    });
    expect(await store.verify()).toEqual({ ok: true, count: 3, lastSeq: '3' });
  });
});

describe('the hardened set-up', () => {
  it('serves a gateway that logs in as a mere member of the writer role, which cannot disable the guard', async () => {
    const owner = await createAuditStore({ databaseUrl: db.url });
    await owner.append(sampleRecord(1));
    await owner.close();
    const role = `hub_audit_gw_${randomBytes(4).toString('hex')}`;
    await asAdmin((c) => c.query(`create role ${role} login password 'gw' in role ${AUDIT_WRITER_ROLE}`));
    try {
      const url = new URL(db.url);
      url.username = role;
      url.password = 'gw';
      store = await createAuditStore({ databaseUrl: url.toString() });
      expect(store.writerRole).toBe(AUDIT_WRITER_ROLE);
      expect(await store.append(sampleRecord(2))).toMatchObject({ seq: '2' });
      expect(await store.prune()).toBe(0);
      expect(await store.verify()).toEqual({ ok: true, count: 2, lastSeq: '2' });
      await asAdmin(async (client) => {
        for (const sql of [
          `alter table audit_event disable trigger ${APPEND_ONLY_TRIGGER}`,
          `update audit_event set outcome = 'DENIED'`,
          'delete from audit_event',
        ]) {
          await expect(client.query(sql), sql).rejects.toMatchObject({ code: '42501' });
        }
      }, url.toString());
    } finally {
      await store?.close();
      store = undefined;
      await asAdmin((c) => c.query(`drop role ${role}`));
    }
  });
});

describe('group commit', () => {
  it('writes 2,000 concurrent appends in far fewer transactions, in call order, on a valid chain', async () => {
    store = await createAuditStore({ databaseUrl: db.url });
    const refs = await Promise.all(Array.from({ length: 2_000 }, (_, i) => store!.append(sampleRecord(i))));
    expect(refs.map((r) => r.seq)).toEqual(Array.from({ length: 2_000 }, (_, i) => String(i + 1)));
    const { batches, records, failedBatches } = store.stats();
    expect(records).toBe(2_000);
    expect(failedBatches).toBe(0);
    expect(batches).toBeLessThanOrEqual(2_000 / 50);
    expect(await store.verify()).toEqual({ ok: true, count: 2_000, lastSeq: '2000' });
    // Verification streams: small chunks give the same answer across chunk boundaries.
    const chunked = await asAdmin((client) => verifyAuditChain(client, { chunkSize: 7 }));
    expect(chunked).toEqual({ ok: true, count: 2_000, lastSeq: '2000' });
  });

  it('keeps one gap-free chain when two processes append at the same time', async () => {
    const children = ['gw-a', 'gw-b'].map((instance) =>
      start(['tests/audit/fixtures/append-many.ts', db.url, instance, '500']),
    );
    await Promise.all(children.map((child) => child.ready));
    children.forEach((child) => child.go());
    const [a, b] = await Promise.all(children.map((child) => child.done));
    expect(a!.code, a!.stderr).toBe(0);
    expect(b!.code, b!.stderr).toBe(0);
    expect(JSON.parse(a!.stdout.split('\n')[1]!)).toMatchObject({ appended: 500 });
    expect(JSON.parse(b!.stdout.split('\n')[1]!)).toMatchObject({ appended: 500 });

    store = await createAuditStore({ databaseUrl: db.url });
    expect(await store.verify()).toEqual({ ok: true, count: 1_000, lastSeq: '1000' });
    const counts = await asAdmin((c) =>
      c.query(`select gateway_instance, count(*)::int as n, min(seq)::int as first, max(seq)::int as last
               from audit_event group by gateway_instance order by gateway_instance`),
    );
    expect(counts.rows.map((r) => [r.gateway_instance, r.n])).toEqual([
      ['gw-a', 500],
      ['gw-b', 500],
    ]);
    const span = await asAdmin((c) =>
      c.query('select count(*)::int as n, min(seq)::int as lo, max(seq)::int as hi from audit_event'),
    );
    expect(span.rows[0]).toEqual({ n: 1_000, lo: 1, hi: 1_000 });
    // The two really wrote at the same time: their batches alternate along the chain.
    const order = await asAdmin((c) => c.query('select gateway_instance from audit_event order by seq'));
    const switches = order.rows.filter(
      (r, i) => i > 0 && r.gateway_instance !== order.rows[i - 1].gateway_instance,
    );
    expect(switches.length).toBeGreaterThanOrEqual(2);
  });
});

describe('when the database is down', () => {
  it('rejects appends and reports unhealthy, then continues the chain without a gap', async () => {
    store = await createAuditStore({ databaseUrl: db.url });
    await store.append(sampleRecord(1));
    expect(await store.healthy()).toBe(true);
    const name = new URL(db.url).pathname.slice(1);
    const server = databaseOnServer(db.url, 'postgres');
    await asAdmin(async (client) => {
      await client.query(`alter database ${name} allow_connections false`);
      await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
    }, server);
    try {
      await expect(store.append(sampleRecord(2))).rejects.toThrow(/audit record not written/);
      expect(await store.healthy()).toBe(false);
    } finally {
      await asAdmin((client) => client.query(`alter database ${name} allow_connections true`), server);
    }
    expect(await store.append(sampleRecord(3))).toMatchObject({ seq: '2' });
    expect(await store.healthy()).toBe(true);
    expect(await store.verify()).toEqual({ ok: true, count: 2, lastSeq: '2' });
    expect(store.stats()).toMatchObject({ records: 2, failedBatches: 1 });

    await store.close();
    await expect(store.append(sampleRecord(4))).rejects.toThrow(/closed/);
    expect(await store.healthy()).toBe(false);
  });

  it('does not start against a closed port', async () => {
    await expect(
      createAuditStore({ databaseUrl: 'postgresql://postgres@127.0.0.1:1/hub_audit_nowhere' }),
    ).rejects.toThrow();
  });
});

describe('retention', () => {
  it('refuses a retention below 180 days', async () => {
    await expect(createAuditStore({ databaseUrl: db.url, retentionDays: 30 })).rejects.toThrow(
      /at least 180/,
    );
    expect(() => resolveRetentionDays(undefined, { HUB_AUDIT_RETENTION_DAYS: '90' })).toThrow(/at least 180/);
    expect(() => resolveRetentionDays(undefined, { HUB_AUDIT_RETENTION_DAYS: 'half a year' })).toThrow(/180/);
    expect(resolveRetentionDays(undefined, {})).toBe(180);
    expect(resolveRetentionDays(undefined, { HUB_AUDIT_RETENTION_DAYS: '400' })).toBe(400);
  });

  it('prunes the records older than the retention and still verifies from the anchor', async () => {
    store = await createAuditStore({ databaseUrl: db.url });
    const now = Date.now();
    // seq 1-3 old, 4 recent, 5 old again (another gateway's clock), 6-7 recent.
    const ages = [300, 250, 181, 10, 200, 1, 0];
    for (const [i, days] of ages.entries()) {
      await store.append(sampleRecord(i, { at: new Date(now - days * DAY) }));
    }
    expect(await store.prune()).toBe(3);
    // Only a prefix goes: seq 5 is old but follows a kept record, so deleting it would break the chain.
    const left = await asAdmin((c) => c.query('select seq::int from audit_event order by seq'));
    expect(left.rows.map((r) => r.seq)).toEqual([4, 5, 6, 7]);
    const anchor = await asAdmin((c) => c.query('select seq::int, deleted::int from audit_anchor'));
    expect(anchor.rows).toEqual([{ seq: 3, deleted: 3 }]);
    expect(await store.verify()).toEqual({ ok: true, count: 4, lastSeq: '7' });
    expect(await store.prune()).toBe(0);
    expect(await store.prune(new Date(now + 3_650 * DAY))).toBe(0); // a clock in the future prunes nothing
    // Past seq 10 the head must still be the last record, not the anchor (3 sorts after 10 as text).
    for (const expected of ['8', '9', '10', '11', '12']) {
      expect(await store.append(sampleRecord(8))).toMatchObject({ seq: expected });
    }
    expect(await store.verify()).toEqual({ ok: true, count: 9, lastSeq: '12' });
  });

  it('continues the chain from the anchor when every record was pruned', async () => {
    store = await createAuditStore({ databaseUrl: db.url, retentionDays: 200 });
    await appendMany(store, 4, (i) => new Date(Date.now() - (400 - i) * DAY));
    expect(await store.prune()).toBe(4);
    expect(await store.verify()).toEqual({ ok: true, count: 0, lastSeq: null });
    // A second prune leaves anchor 12 after anchor 4: the latest is the numerically greatest.
    await appendMany(store, 8, (i) => new Date(Date.now() - (300 - i) * DAY));
    expect(await store.prune()).toBe(8);
    expect(await store.verify()).toEqual({ ok: true, count: 0, lastSeq: null });
    expect(await store.append(sampleRecord(13))).toMatchObject({ seq: '13' });
    expect(await store.verify()).toEqual({ ok: true, count: 1, lastSeq: '13' });
    const anchors = await asAdmin((c) =>
      c.query('select seq::int, deleted::int from audit_anchor order by seq'),
    );
    expect(anchors.rows).toEqual([
      { seq: 4, deleted: 4 },
      { seq: 12, deleted: 8 },
    ]);
  });
});
