import type { SubgraphName } from '../core/subgraphs.js';
import type { SubgraphDefinition } from './shared/factory.js';

/**
 * Loads one agency subgraph's definition (`subgraphs/<name>/server.ts` exports `definition`).
 * Loaded by name so that a process running one subgraph loads no other agency's code.
 */
export async function loadSubgraphDefinition(name: SubgraphName): Promise<SubgraphDefinition<unknown>> {
  const module = (await import(`./${name}/server.js`)) as { definition: SubgraphDefinition<unknown> };
  return module.definition;
}
