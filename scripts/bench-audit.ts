// npm run bench:audit — what auditing costs: the same read through two gateways over the same five
// subgraphs, one writing the hash-chained audit trail (group commit), one with auditing off.
// Uses DATABASE_URL (databases prefixed `benchaudit_`) or the embedded PostgreSQL; demo-scale data.
import autocannon from 'autocannon';
import { subgraphNames } from '../core/subgraphs.js';
import { startHub } from '../gateway/all-in-one.js';
import { createGateway } from '../gateway/server.js';
import { loadSupergraph } from '../gateway/supergraph.js';
import { buildWorld } from '../subgraphs/shared/demo-world/index.js';
import { mintUserToken } from '../core/tokens.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const env: NodeJS.ProcessEnv = { ...process.env, HUB_DB_PREFIX: 'benchaudit', HUB_LOG: 'silent' };
const hub = await startHub({ env, scale: 'demo', port: 0, subgraphPort: () => 0 });
const unaudited = await createGateway({
  supergraphSdl: await loadSupergraph(env),
  subgraphUrls: Object.fromEntries(subgraphNames.map((n) => [n, hub.gateway.subgraphUrls.get(n)!])),
  audit: false,
  env,
});
const unauditedPort = await unaudited.listen(0, '127.0.0.1');
const token = await mintUserToken(
  { subject: 'bench', name: 'bench', agency: 'tax', roles: ['analyst'] },
  env,
);
const { creditCode } = buildWorld('demo').showcase;
const body = JSON.stringify({
  query: `query ($c: ID!) { enterprise(creditCode: $c) { name district creditRating
    socialInsurance { accountNumber insuredCount arrearsTotal } medicalInsurance { accountNumber arrearsTotal }
    courtCases { caseNumber type status } serviceRecords { service summary } } }`,
  variables: { c: creditCode },
});

async function run(label: string, port: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
    connections,
    duration: seconds,
  });
  const ok = result['2xx'];
  console.log(
    `${label.padEnd(14)} ${result.requests.average.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  2xx ${ok}  non-2xx ${result.non2xx}`,
  );
  return result.requests.average;
}

// Warm both (plans, connections), then measure each in turn.
await run('warm-up', hub.gatewayPort);
await run('warm-up', unauditedPort);
const off = await run('audit off', unauditedPort);
const on = await run('audit on', hub.gatewayPort);
console.log(
  `audit on / off: ${(on / off).toFixed(2)}  (${connections} connections, ${seconds} s each, one enterprise across five agencies)`,
);
await unaudited.stop();
await hub.stop();
