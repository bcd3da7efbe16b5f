// Walks the audit chain in seq order and recomputes every hash; shared by the store and `npm run audit:verify`.
import pg from 'pg';
import {
  auditColumns,
  chainHash,
  fromRow,
  GENESIS_HASH,
  isHashAlgorithmAvailable,
  type AuditRow,
} from './record.js';

export type VerifyResult =
  | { ok: true; count: number; lastSeq: string | null }
  /** `count`: records that verified before the first bad one. */
  | { ok: false; count: number; firstBadSeq: string; reason: string };

export const verifyReasons = {
  hashMismatch: '记录内容与哈希不符 (hash mismatch)',
  prevHashLink: '与前一条记录的哈希不衔接 (prevHash does not link)',
  gap: (seq: string) => `此序号之前有记录缺失 (gap before seq ${seq})`,
  beforeAnchor: (seq: string, anchor: string) =>
    `序号不在删除锚点 ${anchor} 之后 (seq ${seq} is not after the prune anchor ${anchor})`,
  algorithm: (name: string) => `本机不支持该哈希算法 (hash algorithm unavailable here: ${name})`,
};

const selectColumns = auditColumns.join(', ');

/**
 * Verifies the chain through `client` (connected; not in a transaction). Reads in chunks inside one
 * REPEATABLE READ snapshot, so memory stays flat on millions of records and concurrent appends or a
 * concurrent prune do not produce false alarms.
 */
export async function verifyAuditChain(
  client: pg.ClientBase,
  options: { chunkSize?: number } = {},
): Promise<VerifyResult> {
  const chunkSize = options.chunkSize ?? 5_000;
  await client.query('begin isolation level repeatable read read only');
  try {
    // Ordered by the bigint column, not by a text alias ('9' would come after '10').
    const anchor = await client.query<{ anchor_seq: string; hash: string }>(
      'select seq::text as anchor_seq, hash from audit_anchor order by audit_anchor.seq desc limit 1',
    );
    let prevSeq = BigInt(anchor.rows[0]?.anchor_seq ?? '0');
    let prevHash = anchor.rows[0]?.hash ?? GENESIS_HASH;
    const anchorSeq = prevSeq;
    let count = 0;
    let lastSeq: string | null = null;
    for (;;) {
      const { rows } = await client.query<AuditRow>(
        `select ${selectColumns} from audit_event where seq > $1 order by seq limit $2`,
        // The first chunk starts at 0 so that a row at or before the anchor is seen and reported.
        [count === 0 ? '0' : prevSeq.toString(), chunkSize],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const record = fromRow(row);
        const seq = BigInt(record.seq);
        const bad = (reason: string): VerifyResult => ({ ok: false, count, firstBadSeq: record.seq, reason });
        if (seq <= anchorSeq) return bad(verifyReasons.beforeAnchor(record.seq, anchorSeq.toString()));
        if (seq !== prevSeq + 1n) return bad(verifyReasons.gap(record.seq));
        if (record.prevHash !== prevHash) return bad(verifyReasons.prevHashLink);
        if (!isHashAlgorithmAvailable(record.hashAlgorithm))
          return bad(verifyReasons.algorithm(record.hashAlgorithm));
        let expected: string;
        try {
          expected = chainHash(record.prevHash, record, record.hashAlgorithm);
        } catch {
          return bad(verifyReasons.hashMismatch); // a stored value no input could have produced
        }
        if (expected !== record.hash) return bad(verifyReasons.hashMismatch);
        prevSeq = seq;
        prevHash = record.hash;
        lastSeq = record.seq;
        count += 1;
      }
      if (rows.length < chunkSize) break;
    }
    return { ok: true, count, lastSeq };
  } finally {
    await client.query('rollback').catch(() => undefined);
  }
}

/** Verifies the chain in the database at `databaseUrl` with a connection of its own (read only). */
export async function verifyAuditDatabase(databaseUrl: string): Promise<VerifyResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await verifyAuditChain(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
