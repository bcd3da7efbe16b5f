// Hive Gateway (@graphql-hive/gateway) as a benchmark peer: the same supergraph file and the same subgraph
// processes as our gateway, in its own Node process. Run: node --import tsx bench/peers/hive.ts
//
// Env: PORT (4100), HOST (127.0.0.1), SUPERGRAPH_PATH (schema/supergraph.graphql), TAX_URL,
// SOCIAL_SECURITY_URL, MEDICAL_INSURANCE_URL, COURTS_URL, SERVICE_POINTS_URL, HUB_INTERNAL_URL (else the URL
// in the supergraph), HIVE_DEDUPE=on|off (outbound in-flight deduplication, Hive's default: on),
// HIVE_INBOUND_DEDUPE=on|off (inbound deduplication of identical client operations, Hive's default: off),
// HUB_KEYS_DIR / HUB_DATA_DIR (the gateway key that signs the subgraph assertions).
//
// It is NOT a hub gateway: it verifies no bearer token, enforces no field policy, writes no audit record.
// Every operation reaches the subgraphs as one fixed identity (the analyst of bench/audit-overhead.ts, who
// also holds the appeal handler's role so that the intake scenario runs), so it listens on loopback by
// default. For benchmarks only.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createGatewayRuntime, type TransportEntryAdditions } from '@graphql-hive/gateway';
import { parse } from 'graphql';
import { schemaDir } from '../../core/paths.js';
import { composedSubgraphNames, composedSubgraphs } from '../../core/subgraphs.js';
import { ASSERTION_HEADER, createAssertionSigner, type Assertion } from '../../core/tokens.js';

const env = process.env;
const onOff = (name: string, fallback: 'on' | 'off'): boolean => {
  const value = env[name] ?? fallback;
  if (value !== 'on' && value !== 'off') throw new Error(`${name} must be on or off, not ${value}`);
  return value === 'on';
};
const port = Number(env.PORT ?? 4100);
const host = env.HOST ?? '127.0.0.1';
const dedupe = onOff('HIVE_DEDUPE', 'on');
const inboundDedupe = onOff('HIVE_INBOUND_DEDUPE', 'off');

/** The identity every operation is asserted as: the same as the user token of bench/audit-overhead.ts. */
const benchAssertion: Assertion = {
  identity: {
    subject: 'bench:analyst',
    name: 'bench',
    agency: 'tax',
    // The analyst of the reads and the analysis, and the hotline's appeal handler of the intake scenario.
    roles: ['analyst', 'appeal-handler'],
    scopes: [],
    creditCode: null,
  },
  purpose: null,
};

// Assertions live 60 s. A fresh signer (its cache empty) signs one per subgraph now and every 30 s, so a
// token in use is never older than 30 s; requests read the current one without signing anything.
const refreshMs = Number(env.HIVE_ASSERTION_REFRESH_MS ?? 30_000);
const assertions = new Map<string, string>();
async function signAssertions(): Promise<void> {
  const sign = await createAssertionSigner(env);
  for (const name of composedSubgraphNames) assertions.set(name, await sign(benchAssertion, name));
}
await signAssertions();
const refreshTimer = setInterval(() => {
  signAssertions().catch((error: unknown) => console.error('hive peer: assertion refresh failed', error));
}, refreshMs);

// The supergraph file exactly as it is. Unlike @apollo/gateway (hence `withoutSecurityPurpose` in
// gateway/server.ts), Hive Gateway 2.15 loads it with @authenticated / @requiresScopes / @policy linked
// `for: SECURITY`, and does not enforce them (only its `genericAuth` option would, and it is not set).
const supergraphSdl = readFileSync(env.SUPERGRAPH_PATH ?? join(schemaDir, 'supergraph.graphql'), 'utf8');

// Per subgraph: its URL from the same variables as our gateway (else the supergraph's), and for every
// HTTP subgraph the documented switch of outbound in-flight deduplication
// (https://the-guild.dev/graphql/hive/docs/gateway/other-features/performance/deduplicate-request).
const transportEntries: TransportEntryAdditions = {
  '*.http': { options: { deduplicateInflightRequests: dedupe } },
};
const subgraphUrls: Record<string, string> = {};
for (const name of composedSubgraphNames) {
  const url = env[`${composedSubgraphs[name].envPrefix}_URL`];
  if (url) {
    transportEntries[name] = { location: url };
    subgraphUrls[name] = url;
  }
}

const gateway = createGatewayRuntime({
  supergraph: parse(supergraphSdl),
  transportEntries,
  // The documented per-subgraph request headers (header propagation, fromClientToSubgraphs): each
  // subgraph gets the assertion signed for its own name (audience).
  propagateHeaders: {
    fromClientToSubgraphs: ({ subgraphName }) => {
      const assertion = assertions.get(subgraphName);
      return assertion ? { [ASSERTION_HEADER]: assertion } : undefined;
    },
  },
  inboundInflightRequestDeduplication: inboundDedupe,
  graphqlEndpoint: '/graphql',
  healthCheckEndpoint: '/health', // Hive's default is /healthcheck; bench/processes.ts polls /health
  landingPage: false,
  graphiql: false,
  maskedErrors: { isDev: false },
  logging: env.HUB_LOG === 'silent' ? 'error' : 'warn',
});
// Load and plan the supergraph now, so that a supergraph Hive refuses stops the process at start-up
// rather than failing the first request (Hive otherwise loads it lazily).
await gateway.getSchema();

const server = createServer(gateway);
await new Promise<void>((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, host, () => resolve());
});
console.log(
  JSON.stringify({
    message: 'hive peer listening',
    url: `http://${host}:${port}/graphql`,
    health: `http://${host}:${port}/health`,
    dedupe: dedupe ? 'on' : 'off',
    inboundDedupe: inboundDedupe ? 'on' : 'off',
    subgraphs: subgraphUrls,
  }),
);

const shutdown = async () => {
  clearInterval(refreshTimer);
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await gateway.dispose();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
