// The audit trail store on real PostgreSQL: chaining, tamper detection, append-only enforcement, group
// commit, one chain across processes, failure when the database is down, and retention.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseOnServer } from '../../core/database.js';
import { repoRoot } from '../../core/paths.js';
import { fromRow, normalizeRecord, auditColumns, type AuditRow } from '../../gateway/audit/record.js';
import { APPEND_ONLY_TRIGGER, AUDIT_WRITER_ROLE } from '../../gateway/audit/schema.js';
import { createAuditStore, resolveRetentionDays, type AuditStore } from '../../gateway/audit/store.js';
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
  await store?.close();
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

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, args, { cwd: repoRoot, env: { ...process.env, HUB_LOG: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function appendMany(s: AuditStore, n: number, at?: (i: number) => Date): Promise<void> {
  await Promise.all(
    Array.from({ length: n }, (_, i) => s.append(sampleRecord(i, at ? { at: at(i) } : {}))),
  );
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
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'fulfilled']);
    expect(await store.verify()).toEqual({ ok: true, count: 2, lastSeq: '2' });
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
    const { chainHash, fromRow: toRecord } = await import('../../gateway/audit/record.js');
    const row = await asAdmin((c) =>
      c.query<AuditRow>(`select ${auditColumns.join(', ')} from audit_event where seq = 2`),
    );
    const forged = { ...toRecord(row.rows[0]!), outcome: 'DENIED' as const };
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
  });

  it('keeps one gap-free chain when two processes append at the same time', async () => {
    const [a, b] = await Promise.all([
      run(['tests/audit/fixtures/append-many.ts', db.url, 'gw-a', '500'], {}),
      run(['tests/audit/fixtures/append-many.ts', db.url, 'gw-b', '500'], {}),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ appended: 500 });
    expect(JSON.parse(b.stdout)).toMatchObject({ appended: 500 });

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
    await expect(createAuditStore({ databaseUrl: db.url, retentionDays: 30 })).rejects.toThrow(/at least 180/);
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
    expect(await store.append(sampleRecord(8))).toMatchObject({ seq: '8' });
    expect(await store.verify()).toEqual({ ok: true, count: 5, lastSeq: '8' });
  });

  it('continues the chain from the anchor when every record was pruned', async () => {
    store = await createAuditStore({ databaseUrl: db.url, retentionDays: 200 });
    await appendMany(store, 4, (i) => new Date(Date.now() - (400 - i) * DAY));
    expect(await store.prune()).toBe(4);
    expect(await store.verify()).toEqual({ ok: true, count: 0, lastSeq: null });
    expect(await store.append(sampleRecord(5))).toMatchObject({ seq: '5' });
    expect(await store.verify()).toEqual({ ok: true, count: 1, lastSeq: '5' });
  });
});
