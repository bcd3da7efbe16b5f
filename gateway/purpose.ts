import type { Identity } from '../core/identity.js';
import { log } from '../core/log.js';
import { ASSERTION_HEADER } from '../core/tokens.js';
import type { AssertionSigner } from './datasource.js';

/**
 * Purpose binding: a stated purpose names a case, `<kind>:<id>` (a bare id is a court case number), and
 * the subgraph that owns that kind of case decides whether the viewer's agency takes part in it. Court
 * cases are checked by the courts subgraph, joint disputes (`dispute:<case number>`) by the tax subgraph's
 * ledger; appeals join this table when they exist.
 */
const caseKinds: Record<string, { subgraph: string; query: string; field: string }> = {
  'court-case': {
    subgraph: 'courts',
    query: 'query PurposeCheck($id: String!) { purposeCheck(caseNumber: $id) { valid reason } }',
    field: 'purposeCheck',
  },
  // A joint social-insurance-fee dispute: the lead's ledger (tax) knows who takes part.
  dispute: {
    subgraph: 'tax',
    query: 'query PurposeCheck($id: String!) { disputePurposeCheck(caseNumber: $id) { valid reason } }',
    field: 'disputePurposeCheck',
  },
};

export interface PurposeVerdict {
  valid: boolean;
  reason: string | null;
}

const CACHE_MS = 60_000;

export function parsePurpose(purpose: string): { kind: string; id: string } {
  const match = /^([a-z-]+):(.+)$/.exec(purpose);
  return match && caseKinds[match[1]!]
    ? { kind: match[1]!, id: match[2]! }
    : { kind: 'court-case', id: purpose };
}

/** Asks the owning subgraph, with the viewer's own signed identity; answers are cached for a minute. */
export function createPurposeChecker(urlOf: (subgraph: string) => string | undefined, sign: AssertionSigner) {
  const cache = new Map<string, { verdict: PurposeVerdict; until: number }>();
  return async (identity: Identity, purpose: string): Promise<PurposeVerdict> => {
    const key = `${identity.agency}\n${purpose}`;
    const cached = cache.get(key);
    if (cached && cached.until > Date.now()) return cached.verdict;
    const { kind, id } = parsePurpose(purpose);
    const check = caseKinds[kind]!;
    const url = urlOf(check.subgraph);
    let verdict: PurposeVerdict;
    try {
      if (!url) throw new Error(`no URL for ${check.subgraph}`);
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [ASSERTION_HEADER]: await sign({ identity, purpose: null }, check.subgraph),
        },
        body: JSON.stringify({ query: check.query, variables: { id } }),
        signal: AbortSignal.timeout(5_000),
      });
      const body = (await response.json()) as {
        data?: Record<string, PurposeVerdict> | null;
        errors?: { message: string }[];
      };
      const answer = body.data?.[check.field];
      verdict = answer ?? {
        valid: false,
        reason: body.errors?.[0]?.message ?? '用途无法核验 (the purpose could not be checked)',
      };
    } catch (error) {
      log('warn', 'purpose check failed', { purpose, error: String(error) });
      // Not cached: the owning subgraph may be back in a moment.
      return { valid: false, reason: '用途暂时无法核验 (the purpose cannot be checked right now)' };
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { verdict, until: Date.now() + CACHE_MS });
    return verdict;
  };
}
