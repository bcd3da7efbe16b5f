import type { EntityManager } from '@mikro-orm/postgresql';
import { defaultHashAlgorithm } from '../audit/record.js';
import { verifyAuditDatabase } from '../audit/verify.js';
import { AuditEventSchema } from './entities.js';

/** What `auditChainStatus` answers: the result of one full verification of the chain. */
export interface ChainStatus {
  ok: boolean;
  /** Records that verified (before the first bad one when the chain is broken). */
  count: number;
  lastSeq: string | null;
  firstBadSeq: string | null;
  reason: string | null;
  /** Of the newest record; this gateway's default when the trail is empty. */
  hashAlgorithm: string;
  checkedAt: Date;
}

/** A verification walks the whole chain: its result is reused for this long. */
export const CHAIN_STATUS_CACHE_MS = 30_000;

/**
 * Verifies the audit chain at `databaseUrl` (verifyAuditDatabase, read only, in one snapshot) at most once
 * per `cacheMs`; callers arriving while a verification runs share it. A verification that fails to run
 * (database unreachable) is not cached.
 */
export function createChainStatusCache(databaseUrl: string, cacheMs = CHAIN_STATUS_CACHE_MS) {
  let cached: { status: Promise<ChainStatus>; until: number } | null = null;

  const check = async (em: EntityManager): Promise<ChainStatus> => {
    const checkedAt = new Date();
    const [result, [newest]] = await Promise.all([
      verifyAuditDatabase(databaseUrl),
      em.find(AuditEventSchema, {}, { orderBy: { seq: 'desc' }, limit: 1, fields: ['hashAlgorithm'] }),
    ]);
    return {
      ok: result.ok,
      count: result.count,
      lastSeq: result.ok ? result.lastSeq : null,
      firstBadSeq: result.ok ? null : result.firstBadSeq,
      reason: result.ok ? null : result.reason,
      hashAlgorithm: newest?.hashAlgorithm ?? defaultHashAlgorithm,
      checkedAt,
    };
  };

  return (em: EntityManager): Promise<ChainStatus> => {
    const now = Date.now();
    if (cached && cached.until > now) return cached.status;
    const entry = { status: check(em), until: now + cacheMs };
    cached = entry;
    entry.status.catch(() => {
      if (cached === entry) cached = null;
    });
    return entry.status;
  };
}

export type ChainStatusCache = ReturnType<typeof createChainStatusCache>;
