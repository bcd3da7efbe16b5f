import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '../../subgraphs/shared/context.js';
import type { ChainStatusCache } from './chain-status.js';

/**
 * The hub subgraph's per-request helpers. Audit records have no relations to batch, so there are no
 * DataLoaders; the chain status comes from a cache shared by every request of one running subgraph.
 */
export function createHubLoaders(em: EntityManager, chainStatus: ChainStatusCache) {
  return {
    chainStatus: () => chainStatus(em),
  };
}

export type HubLoaders = ReturnType<typeof createHubLoaders>;
export type HubContext = SubgraphContext<HubLoaders>;
