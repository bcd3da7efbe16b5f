// The committed supergraph and generated resolver types must match the SDL they come from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { parse, visit } from 'graphql';
import { composeSubgraphs, readSubgraphSdl, supergraphPath } from '../../core/composition.js';
import { composedSubgraphNames } from '../../core/subgraphs.js';
import { repoRoot } from '../../core/paths.js';
import codegenConfig from '../../codegen.js';

describe('schema', () => {
  it('the six subgraphs (five agencies and the hub) compose, and schema/supergraph.graphql is the composition of the committed SDL', () => {
    const result = composeSubgraphs();
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(readFileSync(supergraphPath, 'utf8'), 'run `npm run compose`').toBe(result.supergraphSdl);
  });

  it('every type, field, argument and enum value in each subgraph SDL has a description', () => {
    const missing: string[] = [];
    for (const name of composedSubgraphNames) {
      const document = parse(readSubgraphSdl(name));
      visit(document, {
        enter(node, _key, _parent, _path, ancestors) {
          const owner = ancestors
            .filter((a) => !Array.isArray(a) && 'name' in (a as object))
            .map((a) => (a as { name?: { value: string } }).name?.value);
          if (!('description' in node)) return;
          if (!node.description && 'name' in node && node.name)
            missing.push(`${name}: ${[...owner, node.name.value].join('.')}`);
        },
      });
    }
    expect(missing).toEqual([]);
  });

  it('the committed resolver types are what `npm run codegen` generates', async () => {
    const outputs = await generate({ ...codegenConfig, cwd: repoRoot, silent: true }, false);
    expect(outputs.length).toBe(6);
    for (const output of outputs) {
      const committed = readFileSync(join(repoRoot, output.filename), 'utf8');
      expect(committed, `${output.filename} is stale: run \`npm run codegen\``).toBe(output.content);
    }
  });
});
