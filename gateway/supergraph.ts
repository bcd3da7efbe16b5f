import { readFileSync } from 'node:fs';
import { supergraphPath } from '../core/composition.js';

/**
 * The supergraph the gateway serves: `SUPERGRAPH_URL` (fetched once at start), else `SUPERGRAPH_PATH`,
 * else the committed schema/supergraph.graphql. Any Federation 2 supergraph file works.
 */
export async function loadSupergraph(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.SUPERGRAPH_URL) {
    const response = await fetch(env.SUPERGRAPH_URL, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`SUPERGRAPH_URL answered ${response.status}: ${env.SUPERGRAPH_URL}`);
    return response.text();
  }
  return readFileSync(env.SUPERGRAPH_PATH ?? supergraphPath, 'utf8');
}

/**
 * @apollo/gateway refuses a supergraph whose @link marks @authenticated / @policy as `for: SECURITY`,
 * because it cannot enforce them. The hub enforces them itself (EnforcingGateway, from the original SDL),
 * so the planner gets the same supergraph without that marker.
 */
export function withoutSecurityPurpose(supergraphSdl: string): string {
  return supergraphSdl.replace(/(@link\(url: "[^"]+")\s*,\s*for:\s*SECURITY\)/g, '$1)');
}
