import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { schemaDir } from './paths.js';
import { composedSubgraphNames, composedSubgraphs, type ComposedSubgraphName } from './subgraphs.js';

export const supergraphPath = join(schemaDir, 'supergraph.graphql');

export function subgraphSdlPath(name: ComposedSubgraphName): string {
  return join(schemaDir, `${name}.graphql`);
}

/**
 * The files of a subgraph's SDL: `schema/<name>.graphql` (the schema links, the root types and the shared
 * entities), then, in name order, `schema/<name>/*.graphql` — one file per domain of a large subgraph,
 * which adds its root fields with `extend type Query` / `extend type Mutation`.
 */
export function subgraphSdlFiles(name: ComposedSubgraphName): string[] {
  const dir = join(schemaDir, name);
  const parts = existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => file.endsWith('.graphql'))
        .sort()
        .map((file) => join(dir, file))
    : [];
  return [subgraphSdlPath(name), ...parts];
}

export function readSubgraphSdl(name: ComposedSubgraphName): string {
  return subgraphSdlFiles(name)
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
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
