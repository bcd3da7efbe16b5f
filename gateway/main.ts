import { configuredHubDatabaseUrl, ensureDatabase } from '../core/database.js';
import { log } from '../core/log.js';
import { hubSubgraph } from '../core/subgraphs.js';
import { ensureAuditSchema } from './audit/schema.js';
import { createHubSubgraph } from './hub-subgraph/server.js';
import { createGateway } from './server.js';
import { loadSupergraph } from './supergraph.js';

// The gateway alone, as production runs it: subgraph URLs from TAX_URL, SOCIAL_SECURITY_URL, ... .
// The audit trail is not optional for a served gateway: refuse to start without its database.
const auditDatabaseUrl = configuredHubDatabaseUrl();
if (!auditDatabaseUrl) {
  console.error(
    '缺少审计库配置 (missing configuration): set HUB_AUDIT_DATABASE_URL or DATABASE_URL for the audit trail',
  );
  process.exit(2);
}
await ensureDatabase(auditDatabaseUrl);
// The hub's own subgraph (the audit trail for auditors, the viewer) runs in this process on loopback: it is
// internal, reached only by the gateway. It reads the audit tables, so they are set up first.
// HUB_INTERNAL_PORT=0 picks a free port (several replicas on one machine).
await ensureAuditSchema(auditDatabaseUrl);
const hub = await createHubSubgraph({ databaseUrl: auditDatabaseUrl });
const hubPort = await hub.listen(
  Number(process.env[`${hubSubgraph.envPrefix}_PORT`] ?? hubSubgraph.defaultPort),
  '127.0.0.1',
);
const hubUrl = process.env[`${hubSubgraph.envPrefix}_URL`] ?? `http://127.0.0.1:${hubPort}/graphql`;
// HUB_BENCHMARK_UNAUDITED=1 runs a gateway that records nothing, only so the benchmark can measure what
// auditing costs; it says so loudly in its log.
const unaudited = process.env.HUB_BENCHMARK_UNAUDITED === '1';
const gateway = await createGateway({
  supergraphSdl: await loadSupergraph(),
  subgraphUrls: { hub: hubUrl },
  audit: unaudited ? false : { databaseUrl: auditDatabaseUrl },
});
const port = await gateway.listen(Number(process.env.PORT ?? 4000));
log('info', 'gateway listening', {
  url: `http://127.0.0.1:${port}/graphql`,
  subgraphs: Object.fromEntries(gateway.subgraphUrls),
});
const shutdown = async (signal: string) => {
  log('info', 'shutting down', { signal });
  await gateway.stop();
  await hub.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
