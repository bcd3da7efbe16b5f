// Composes schema/<subgraph>.graphql into schema/supergraph.graphql (committed; tests check it is fresh).
import { writeFileSync } from 'node:fs';
import { composeSubgraphs, supergraphPath } from '../core/composition.js';

const result = composeSubgraphs();
if (!result.ok) {
  console.error('组合失败 (composition failed):\n' + result.errors.join('\n'));
  process.exit(1);
}
writeFileSync(supergraphPath, result.supergraphSdl);
for (const hint of result.hints) console.log(`hint: ${hint}`);
console.log(`wrote ${supergraphPath}`);
