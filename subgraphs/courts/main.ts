import { runSubgraphMain } from '../shared/main.js';
import { definition } from './server.js';

await runSubgraphMain(definition);
