import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { schemaDir } from './paths.js';
import { composedSubgraphNames, composedSubgraphs, type ComposedSubgraphName } from './subgraphs.js';

export const supergraphPath = join(schemaDir, 'supergraph.graphql');

export function subgraphSdlPath(name: ComposedSubgraphName): string {
  return join(schemaDir, `${name}.graphql`);
}

export function readSubgraphSdl(name: ComposedSubgraphName): string {
  return readFileSync(subgraphSdlPath(name), 'utf8');
}

export type CompositionOutcome =
  { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

/**
 * Composes the committed subgraph SDL files: the five agencies' and the hub's own (schema/hub.graphql).
 * The routing URLs written into the supergraph are the defaults (localhost, ports 4001–4006); the gateway
 * overrides them per deployment with `<PREFIX>_URL`.
 */
export function composeSubgraphs(): CompositionOutcome {
  const result = composeServices(
    composedSubgraphNames.map((name) => ({
      name,
      url: `http://127.0.0.1:${composedSubgraphs[name].defaultPort}/graphql`,
      typeDefs: parse(readSubgraphSdl(name)),
    })),
  );
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl, hints: result.hints.map((h) => h.toString()) };
}
