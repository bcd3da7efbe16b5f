import { createSubgraph, type SubgraphDefinition } from '../shared/factory.js';
import { courtsEntities } from './entities/index.js';
import { createCourtsLoaders, type CourtsLoaders } from './loaders.js';
import { courtsMigrations } from './migrations/index.js';
import { resolvers } from './resolvers/index.js';
import { seedCourts } from './seed/index.js';

export const definition: SubgraphDefinition<CourtsLoaders> = {
  name: 'courts',
  entities: courtsEntities,
  migrations: courtsMigrations,
  resolvers,
  createLoaders: createCourtsLoaders,
  seed: seedCourts,
};

/** Builds the courts subgraph without listening, so tests run it in process. */
export const createCourtsSubgraph = (options: { databaseUrl: string }) => createSubgraph(definition, options);
