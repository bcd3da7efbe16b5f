import type { EntityManager } from '@mikro-orm/postgresql';
import type { Identity } from '../../core/identity.js';

/**
 * What every resolver receives. A fresh forked EntityManager and fresh DataLoaders per request: no
 * identity map or cache is shared between two users' requests.
 */
export interface SubgraphContext<TLoaders> {
  em: EntityManager;
  loaders: TLoaders;
  /** The identity the gateway verified and asserted; null for a caller without a token (public data only). */
  viewer: Identity | null;
  /** The purpose the caller stated (a case id), or null. */
  purpose: string | null;
  /** For an onward assertion: the subgraph that presented it on the caller's behalf (else null). */
  via: string | null;
  /** The lead's dispute ledger, for a mutation that records a dispute step here (null otherwise). */
  ledger: { url: string; assertion: string } | null;
  /**
   * The hub's gateway, for a mutation that reads other agencies' data through the graph on the caller's
   * behalf (issuing a health-check report; null otherwise).
   */
  gateway: { url: string; assertion: string } | null;
}
