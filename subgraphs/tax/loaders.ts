import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphContext } from '../shared/context.js';
import { loaderByKey } from '../shared/loaders.js';
import { EnterpriseSchema } from './entities/index.js';

/** The tax subgraph's DataLoaders, built fresh for every request. */
export function createTaxLoaders(em: EntityManager) {
  return {
    enterprise: loaderByKey(em, EnterpriseSchema, 'creditCode'),
  };
}

export type TaxLoaders = ReturnType<typeof createTaxLoaders>;
export type TaxContext = SubgraphContext<TaxLoaders>;
