// The audit trail store: group-committed, hash-chained appends to PostgreSQL, one chain across every
// gateway process that writes to the same database.
import { hostname } from 'node:os';
import pg from 'pg';
import { ensureDatabase } from '../../core/database.js';
import { log } from '../../core/log.js';
import {
  canonicalPayload,
  defaultHashAlgorithm,
  GENESIS_HASH,
  hashLink,
  normalizeRecord,
  type AuditRecordInput,
  type HashAlgorithm,
} from './record.js';
import { CHAIN_LOCK_KEY, ensureAuditSchema, MIN_RETENTION_DAYS } from './schema.js';
import { verifyAuditChain, type VerifyResult } from './verify.js';

export interface AuditStoreOptions {
  databaseUrl: string;
  /** Default gatewayInstance for records that carry none; default `<hostname>:<pid>`. */
  instance?: string;
  /** Most records in one transaction; default 256. */
  maxBatch?: number;
  /**
   * How long an idle store lingers to gather a batch; default 0: the first append is written at once and
   * appends arriving while a batch is being written form the next batch, so batches grow with load.
   */
  maxWaitMs?: number;
  /** Default HUB_AUDIT_RETENTION_DAYS, else 180; below 180 is refused. */
  retentionDays?: number;
  env?: NodeJS.ProcessEnv;
}

/** Where a record landed in the chain. */
export interface StoredRef {
  seq: string;
  hash: string;
}

/** A record to append; gatewayInstance defaults to the store's instance. */
export type AuditAppendInput = Omit<AuditRecordInput, 'gatewayInstance'> & { gatewayInstance?: string };

export interface AuditStoreStats {
  /** Committed transactions. */
  batches: number;
  /** Records committed. */
  records: number;
  /** Transactions that failed (their records were rejected, or retried one by one). */
  failedBatches: number;
}

export interface AuditStore {
  /** Resolves once the record is committed; rejects if it is not. */
  append(record: AuditAppendInput): Promise<StoredRef>;
  verify(): Promise<VerifyResult>;
  /** Deletes records older than the retention (a prefix of the chain); returns how many. */
  prune(now?: Date): Promise<number>;
  healthy(): Promise<boolean>;
  stats(): AuditStoreStats;
  readonly instance: string;
  readonly retentionDays: number;
  readonly hashAlgorithm: HashAlgorithm;
  /** The role appends run under, or null when the database did not allow setting it up. */
  readonly writerRole: string | null;
  /** Writes what is queued, then closes the pool; later appends reject. */
  close(): Promise<void>;
}

interface Pending {
  /** Serialised at append time, outside the chain lock: only the hash itself is computed under it. */
  payload: string;
  values: (string | number | null)[];
  resolve(ref: StoredRef): void;
  reject(error: Error): void;
}

/** Validates the retention: an explicit option, else HUB_AUDIT_RETENTION_DAYS, else 180 days. */
export function resolveRetentionDays(
  option: number | undefined,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const raw =
    option ?? (env.HUB_AUDIT_RETENTION_DAYS ? Number(env.HUB_AUDIT_RETENTION_DAYS) : MIN_RETENTION_DAYS);
  if (!Number.isInteger(raw) || raw < MIN_RETENTION_DAYS) {
    throw new RangeError(
      `审计记录保留期必须是不少于 ${MIN_RETENTION_DAYS} 天的整数，《网络安全法》要求网络日志至少留存六个月 ` +
        `(audit retention must be a whole number of days, at least ${MIN_RETENTION_DAYS}: the Cybersecurity Law ` +
        `requires logs to be kept for six months or more); got ${String(option ?? env.HUB_AUDIT_RETENTION_DAYS)}`,
    );
  }
  return raw;
}

/** SQLSTATE classes that mean "this data", not "this connection": a batch hit by one is retried record by record. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(22|23|54)/.test(code);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** A text[] literal with every element quoted, so that 'NULL' stays a string and commas or braces are data. */
function textArrayLiteral(values: string[]): string {
  return '{' + values.map((v) => '"' + v.replace(/[\\"]/g, '\\$&') + '"').join(',') + '}';
}

/**
 * The insert: one parameter per column, each an array over the batch, zipped by unnest. Array and jsonb
 * columns travel as text (array literals, JSON) and are cast per row: unnest cannot carry ragged arrays.
 */
const insertColumns: [column: string, parameterType: string, rowCast: string][] = [
  ['seq', 'bigint[]', ''],
  ['at', 'timestamptz[]', ''],
  ['subject', 'text[]', ''],
  ['subject_name', 'text[]', ''],
  ['agency', 'text[]', ''],
  ['roles', 'text[]', '::text[]'],
  ['client_address', 'text[]', ''],
  ['operation_name', 'text[]', ''],
  ['operation_type', 'text[]', ''],
  ['document_hash', 'text[]', ''],
  ['variables', 'text[]', '::jsonb'],
  ['fields', 'text[]', '::jsonb'],
  ['enterprises', 'text[]', '::text[]'],
  ['persons', 'text[]', '::text[]'],
  ['purpose', 'text[]', ''],
  ['outcome', 'text[]', ''],
  ['error_codes', 'text[]', '::text[]'],
  ['duration_ms', 'float8[]', ''],
  ['gateway_instance', 'text[]', ''],
  ['prev_hash', 'text[]', ''],
  ['hash', 'text[]', ''],
  ['hash_algorithm', 'text[]', ''],
];
const insertSql =
  `insert into audit_event (${insertColumns.map(([c]) => c).join(', ')}) ` +
  `select ${insertColumns.map(([c, , cast]) => `u.${c}${cast}`).join(', ')} ` +
  `from unnest(${insertColumns.map(([, type], i) => `$${i + 1}::${type}`).join(', ')}) ` +
  `as u(${insertColumns.map(([c]) => c).join(', ')})`;

/** A record's column values in insertColumns order, with seq, prev_hash and hash left to fill in under the lock. */
function columnValues(record: AuditRecordInput, hashAlgorithm: HashAlgorithm): (string | number | null)[] {
  return [
    null, // seq
    record.at.toISOString(),
    record.subject,
    record.subjectName,
    record.agency,
    textArrayLiteral(record.roles),
    record.clientAddress,
    record.operationName,
    record.operationType,
    record.documentHash,
    JSON.stringify(record.variables),
    JSON.stringify(record.fields),
    textArrayLiteral(record.enterprises),
    textArrayLiteral(record.persons),
    record.purpose,
    record.outcome,
    textArrayLiteral(record.errorCodes),
    record.durationMs,
    record.gatewayInstance,
    null, // prev_hash
    null, // hash
    hashAlgorithm,
  ];
}
const SEQ = 0;
const PREV_HASH = 19;
const HASH = 20;

// The chain's head: the last record, or the last prune's anchor when every record was pruned.
// (Ordered by the bigint: ordering by a text alias would put anchor '3' after record '10'.)
const headSql = `
select head.seq::text as head_seq, head.hash from (
  (select seq, hash from audit_event order by seq desc limit 1)
  union all
  (select seq, hash from audit_anchor order by seq desc limit 1)
) head order by head.seq desc limit 1`;

export async function createAuditStore(options: AuditStoreOptions): Promise<AuditStore> {
  const env = options.env ?? process.env;
  const retentionDays = resolveRetentionDays(options.retentionDays, env);
  const maxBatch = Math.max(1, Math.floor(options.maxBatch ?? 256));
  const maxWaitMs = Math.max(0, options.maxWaitMs ?? 0);
  const instance = options.instance ?? `${hostname()}:${process.pid}`;
  const hashAlgorithm = defaultHashAlgorithm;

  // Best effort, as the subgraphs do; a user that may not reach the `postgres` database can still use an existing one.
  await ensureDatabase(options.databaseUrl).catch((error: unknown) =>
    log('warn', '无法确认审计库是否存在 (could not ensure the audit database exists)', {
      error: String(error),
    }),
  );
  const { writerRole } = await ensureAuditSchema(options.databaseUrl);

  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: 4,
    // An unreachable database must fail appends, not hang them.
    connectionTimeoutMillis: 5_000,
    statement_timeout: 30_000,
    application_name: `hub-audit ${instance}`.slice(0, 63),
  });
  // A connection dropped by the server must not crash the gateway, idle in the pool or checked out between
  // two statements (pg-pool listens only on idle ones); the statement in flight fails and the next append reconnects.
  const connectionLost = (error: Error) =>
    log('warn', '审计数据库连接中断 (audit database connection lost)', { error: String(error) });
  pool.on('error', connectionLost);
  pool.on('connect', (client) => client.on('error', connectionLost));

  // `set local` keeps the role and durability to this transaction: no connection state leaks back to the pool.
  const beginSql =
    'begin; set local synchronous_commit = on; ' +
    (writerRole ? `set local role ${writerRole}; ` : '') +
    `select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`;

  const stats: AuditStoreStats = { batches: 0, records: 0, failedBatches: 0 };
  let queue: Pending[] = [];
  let closed = false;
  let flushing: Promise<void> | null = null;
  let scheduled: { cancel(): void } | null = null;

  /** Writes one batch in one transaction: lock, read the head, chain, insert, commit. */
  async function writeBatch(batch: Pending[]): Promise<StoredRef[]> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      // One round trip: begin, lock, then read the head (a statement after the lock sees the last holder's commit).
      const opened = (await client.query(`${beginSql}; ${headSql}`)) as unknown as pg.QueryResult[];
      try {
        const head = (opened.at(-1)?.rows as { head_seq: string; hash: string }[] | undefined)?.[0];
        let seq = BigInt(head?.head_seq ?? '0');
        let prevHash = head?.hash ?? GENESIS_HASH;
        const refs: StoredRef[] = [];
        const parameters: unknown[][] = insertColumns.map(() => new Array<unknown>(batch.length));
        batch.forEach(({ values, payload }, row) => {
          seq += 1n;
          const hash = hashLink(prevHash, payload, hashAlgorithm);
          values.forEach((value, column) => (parameters[column]![row] = value));
          parameters[SEQ]![row] = seq.toString();
          parameters[PREV_HASH]![row] = prevHash;
          parameters[HASH]![row] = hash;
          refs.push({ seq: seq.toString(), hash });
          prevHash = hash;
        });
        await client.query(insertSql, parameters);
        await client.query('commit');
        return refs;
      } catch (error) {
        await client.query('rollback').catch((rollbackError: unknown) => {
          broken = asError(rollbackError);
        });
        throw error;
      }
    } catch (error) {
      // A connection that failed mid-transaction is not reused.
      broken ??= isDataError(error) ? undefined : asError(error);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async function flush(batch: Pending[]): Promise<void> {
    try {
      const refs = await writeBatch(batch);
      stats.batches += 1;
      stats.records += batch.length;
      batch.forEach((pending, i) => pending.resolve(refs[i]!));
    } catch (error) {
      stats.failedBatches += 1;
      if (batch.length > 1 && isDataError(error)) {
        // One record the database refuses must not take its batch-mates down with it.
        for (const pending of batch) await flush([pending]);
        return;
      }
      const failure = new Error(`审计记录未能写入 (audit record not written): ${asError(error).message}`, {
        cause: error,
      });
      log('error', 'audit batch failed', { records: batch.length, error: asError(error).message });
      for (const pending of batch) pending.reject(failure);
    }
  }

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
        queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
        await flush(batch);
      }
    } finally {
      flushing = null;
    }
  }

  function startDrain(): void {
    scheduled?.cancel();
    scheduled = null;
    // Only with work queued: drain() then always awaits before its finally clears `flushing`.
    if (!flushing && queue.length > 0) flushing = drain();
  }

  function schedule(): void {
    if (flushing) return; // the running drain takes it with the next batch
    if (queue.length >= maxBatch) return startDrain();
    if (scheduled) return;
    // Even at 0 ms, wait for the end of this turn of the event loop so that appends made together batch.
    if (maxWaitMs > 0) {
      const timer = setTimeout(startDrain, maxWaitMs);
      scheduled = { cancel: () => clearTimeout(timer) };
    } else {
      const immediate = setImmediate(startDrain);
      scheduled = { cancel: () => clearImmediate(immediate) };
    }
  }

  return {
    instance,
    retentionDays,
    hashAlgorithm,
    writerRole,

    append(input) {
      if (closed) return Promise.reject(new Error('审计存储已关闭 (audit store is closed)'));
      let payload: string;
      let values: (string | number | null)[];
      try {
        const record = normalizeRecord({ ...input, gatewayInstance: input.gatewayInstance || instance });
        payload = canonicalPayload(record, hashAlgorithm);
        values = columnValues(record, hashAlgorithm);
      } catch (error) {
        return Promise.reject(asError(error));
      }
      return new Promise<StoredRef>((resolve, reject) => {
        queue.push({ payload, values, resolve, reject });
        schedule();
      });
    },

    async verify() {
      const client = await pool.connect();
      try {
        return await verifyAuditChain(client);
      } finally {
        client.release();
      }
    },

    async prune(now = new Date()) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        try {
          // A prune run after a long pause may delete many rows; it does not hold the chain lock, so it may take its time.
          await client.query('set local statement_timeout = 0');
          if (writerRole) await client.query(`set local role ${writerRole}`);
          const result = await client.query<{ deleted: string }>(
            'select audit_prune($1, $2)::text as deleted',
            [retentionDays, now],
          );
          await client.query('commit');
          const deleted = Number(result.rows[0]?.deleted ?? 0);
          log('info', 'audit records pruned', { deleted, retentionDays });
          return deleted;
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          throw error;
        }
      } finally {
        client.release();
      }
    },

    async healthy() {
      if (closed) return false;
      try {
        await pool.query('select 1 from audit_event limit 1');
        return true;
      } catch {
        return false;
      }
    },

    stats: () => ({ ...stats }),

    async close() {
      if (closed) return;
      closed = true;
      if (queue.length > 0) startDrain();
      while (flushing) await flushing;
      await pool.end();
    },
  };
}
