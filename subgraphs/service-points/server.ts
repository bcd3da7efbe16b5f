import { createSubgraph, type SubgraphDefinition } from '../shared/factory.js';
import { servicePointsEntities } from './entities/index.js';
import { createServicePointsLoaders, type ServicePointsLoaders } from './loaders.js';
import { servicePointsMigrations } from './migrations/index.js';
import { resolvers } from './resolvers/index.js';
import { seedServicePoints } from './seed/index.js';

export const definition: SubgraphDefinition<ServicePointsLoaders> = {
  name: 'service-points',
  entities: servicePointsEntities,
  migrations: servicePointsMigrations,
  resolvers,
  createLoaders: createServicePointsLoaders,
  seed: seedServicePoints,
};

/** Builds the service-points subgraph without listening, so tests run it in process. */
export const createServicePointsSubgraph = (options: { databaseUrl: string }) =>
  createSubgraph(definition, options);
