import { log } from '../core/log.js';
import { createGateway } from './server.js';
import { loadSupergraph } from './supergraph.js';

// The gateway alone, as production runs it: subgraph URLs from TAX_URL, SOCIAL_SECURITY_URL, ... .
const gateway = await createGateway({ supergraphSdl: await loadSupergraph() });
const port = await gateway.listen(Number(process.env.PORT ?? 4000));
log('info', 'gateway listening', {
  url: `http://127.0.0.1:${port}/graphql`,
  subgraphs: Object.fromEntries(gateway.subgraphUrls),
});
const shutdown = async (signal: string) => {
  log('info', 'shutting down', { signal });
  await gateway.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
