import { createSubgraph, type SubgraphDefinition } from '../shared/factory.js';
import { socialSecurityEntities } from './entities/index.js';
import { createSocialSecurityLoaders, type SocialSecurityLoaders } from './loaders.js';
import { socialSecurityMigrations } from './migrations/index.js';
import { resolvers } from './resolvers/index.js';
import { seedSocialSecurity } from './seed/index.js';

export const definition: SubgraphDefinition<SocialSecurityLoaders> = {
  name: 'social-security',
  entities: socialSecurityEntities,
  migrations: socialSecurityMigrations,
  resolvers,
  createLoaders: createSocialSecurityLoaders,
  seed: seedSocialSecurity,
};

/** Builds the social-security subgraph without listening, so tests run it in process. */
export const createSocialSecuritySubgraph = (options: { databaseUrl: string }) =>
  createSubgraph(definition, options);
