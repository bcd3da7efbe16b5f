import type { SubgraphName } from '../core/subgraphs.js';
import type { SubgraphDefinition } from './shared/factory.js';

type DefinitionModule = { definition: SubgraphDefinition<unknown> };

/** Each subgraph's module, imported only when asked for: a process running one subgraph loads no other agency's code. */
const modules: Record<SubgraphName, () => Promise<DefinitionModule>> = {
  tax: () => import('./tax/server.js') as Promise<DefinitionModule>,
  'social-security': () => import('./social-security/server.js') as Promise<DefinitionModule>,
  'medical-insurance': () => import('./medical-insurance/server.js') as Promise<DefinitionModule>,
  courts: () => import('./courts/server.js') as Promise<DefinitionModule>,
  'service-points': () => import('./service-points/server.js') as Promise<DefinitionModule>,
};

/** Loads one agency subgraph's definition (`subgraphs/<name>/server.ts` exports `definition`). */
export async function loadSubgraphDefinition(name: SubgraphName): Promise<SubgraphDefinition<unknown>> {
  return (await modules[name]()).definition;
}
