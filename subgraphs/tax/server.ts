import { createSubgraph, type SubgraphDefinition } from '../shared/factory.js';
import { analysisJob } from './appeals/schedule.js';
import { taxEntities } from './entities/index.js';
import { createTaxLoaders, type TaxLoaders } from './loaders.js';
import { taxMigrations } from './migrations/index.js';
import { resolvers } from './resolvers/index.js';
import { seedTax } from './seed/index.js';

export const definition: SubgraphDefinition<TaxLoaders> = {
  name: 'tax',
  entities: taxEntities,
  migrations: taxMigrations,
  resolvers,
  createLoaders: createTaxLoaders,
  seed: seedTax,
  jobs: [analysisJob],
};

/** Builds the tax subgraph without listening, so tests run it in process. */
export const createTaxSubgraph = (options: { databaseUrl: string }) => createSubgraph(definition, options);
