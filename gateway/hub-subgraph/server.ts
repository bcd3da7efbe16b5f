import { createSubgraph, type SubgraphDefinition } from '../../subgraphs/shared/factory.js';
import { CHAIN_STATUS_CACHE_MS, createChainStatusCache } from './chain-status.js';
import { hubEntities } from './entities.js';
import { createHubLoaders, type HubLoaders } from './loaders.js';
import { resolvers } from './resolvers/index.js';

export interface HubSubgraphOptions {
  /** The hub's own database: the audit trail. Its schema must exist (`ensureAuditSchema`) before start. */
  databaseUrl: string;
  env?: NodeJS.ProcessEnv;
  /** How long a chain verification is reused; default 30 s. */
  chainStatusCacheMs?: number;
}

/**
 * The hub's own subgraph, built by the same factory as the agencies' (so the same signed identity,
 * errors and audit apply): the audit trail for auditors (`auditEvents`, `accessesToPerson`,
 * `accessesToEnterprise`, `auditChainStatus`) and the caller's verified identity (`viewer`).
 * It has no migrations and no demo data: the audit store owns the table, and this subgraph only reads it.
 */
export function hubDefinition(options: HubSubgraphOptions): SubgraphDefinition<HubLoaders, 'hub'> {
  const chainStatus = createChainStatusCache(
    options.databaseUrl,
    options.chainStatusCacheMs ?? CHAIN_STATUS_CACHE_MS,
  );
  return {
    name: 'hub',
    entities: hubEntities,
    migrations: [],
    resolvers,
    createLoaders: (em) => createHubLoaders(em, chainStatus),
    seed: async () => undefined,
  };
}

/**
 * Builds the hub subgraph without listening. Call neither `migrate` nor `seed` on it: the audit schema
 * comes from `ensureAuditSchema`, and the hub's database holds no demo data.
 */
export const createHubSubgraph = (options: HubSubgraphOptions) =>
  createSubgraph(hubDefinition(options), { databaseUrl: options.databaseUrl, env: options.env });
