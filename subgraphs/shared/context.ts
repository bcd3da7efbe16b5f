import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * What every resolver receives. A fresh forked EntityManager and fresh DataLoaders per request: no
 * identity map or cache is shared between two users' requests.
 */
export interface SubgraphContext<TLoaders> {
  em: EntityManager;
  loaders: TLoaders;
}
