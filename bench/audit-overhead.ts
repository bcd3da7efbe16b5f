// npm run bench:audit — what auditing costs, measured as production runs the hub: five subgraph
// processes and two gateway processes over them, one writing the hash-chained audit trail (group
// commit, answer once durable), one with auditing off (HUB_BENCHMARK_UNAUDITED=1). Each gateway gets
// the same read for BENCH_SECONDS with BENCH_CONNECTIONS connections (autocannon), one after the other.
// Databases: DATABASE_URL (prefix `bench_`), else the embedded PostgreSQL; scale BENCH_SCALE (city).
import autocannon from 'autocannon';
import { prepareDatabases } from '../core/database.js';
import { subgraphNames, subgraphs } from '../core/subgraphs.js';
import { mintUserToken } from '../core/tokens.js';
import { buildWorld, isScale } from '../subgraphs/shared/demo-world/index.js';
import { migrateAndSeedAll } from '../subgraphs/seed-all.js';
import { freePort, startService, type Service } from './processes.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const scale = process.env.BENCH_SCALE ?? 'city';
if (!isScale(scale)) throw new Error(`BENCH_SCALE must be test, demo or city, not ${scale}`);
const env: NodeJS.ProcessEnv = { ...process.env, HUB_DB_PREFIX: 'bench' };

const databases = await prepareDatabases(env);
const services: Service[] = [];
try {
  await migrateAndSeedAll(databases.urls, scale, {
    env,
    onReport: (r) => console.log(`seed ${r.subgraph.padEnd(18)} ${r.result} (${r.seconds.toFixed(1)} s)`),
  });
  const gatewayEnv: NodeJS.ProcessEnv = {
    ...env,
    HUB_AUDIT_DATABASE_URL: databases.hubUrl,
    HUB_INTERNAL_PORT: '0',
  };
  for (const name of subgraphNames) {
    const { envPrefix } = subgraphs[name];
    const port = await freePort();
    const service = await startService(name, `subgraphs/${name}/main.ts`, port, {
      ...env,
      [`${envPrefix}_DATABASE_URL`]: databases.urls[name],
      [`${envPrefix}_PORT`]: String(port),
    });
    services.push(service);
    gatewayEnv[`${envPrefix}_URL`] = `http://127.0.0.1:${port}/graphql`;
  }
  const auditedPort = await freePort();
  const audited = await startService('gateway (audit on)', 'gateway/main.ts', auditedPort, {
    ...gatewayEnv,
    PORT: String(auditedPort),
  });
  const unauditedPort = await freePort();
  const unaudited = await startService('gateway (audit off)', 'gateway/main.ts', unauditedPort, {
    ...gatewayEnv,
    PORT: String(unauditedPort),
    HUB_BENCHMARK_UNAUDITED: '1',
  });
  services.push(audited, unaudited);

  const token = await mintUserToken(
    { subject: 'bench:analyst', name: 'bench', agency: 'tax', roles: ['analyst'] },
    env,
  );
  const body = JSON.stringify({
    query: `query EnterpriseAcrossAgencies($c: ID!) { enterprise(creditCode: $c) { name district creditRating
      socialInsurance { accountNumber insuredCount arrearsTotal } medicalInsurance { accountNumber arrearsTotal }
      courtCases { caseNumber type status } serviceRecords { service summary } } }`,
    variables: { c: buildWorld(scale).showcase.creditCode },
  });
  const load = (port: number, duration: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
      connections,
      duration,
    });

  const rows: string[] = [];
  const cpuShares: string[] = [];
  const measure = async (label: string, gateway: Service) => {
    const cpuBefore = gateway.cpuSeconds();
    const othersBefore = services.map((service) => service.cpuSeconds());
    const result = await load(gateway.port, seconds);
    const cpu = (gateway.cpuSeconds() - cpuBefore) / seconds;
    // Where the machine's time went during the run: every process of the hub, in cores.
    cpuShares.push(
      `${label}: ` +
        services
          .map(
            (service, i) =>
              `${service.name} ${((service.cpuSeconds() - othersBefore[i]!) / seconds).toFixed(2)}`,
          )
          .join(', '),
    );
    rows.push(
      `| ${label} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${(cpu * 100).toFixed(0)}% | ${gateway.peakMemoryMiB().toFixed(0)} | ${result.non2xx + result.errors} |`,
    );
    return result.requests.average;
  };
  await load(auditedPort, 5); // warm-up: plans, keys, connections
  await load(unauditedPort, 5);
  // Runs alternate (off, on, on, off, …) so that warming up does not favour whichever goes second;
  // each gateway's figure is its best run.
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  let off = 0;
  let on = 0;
  for (let round = 0; round < rounds; round++) {
    const order: [string, Service][] = [
      ['audit off', unaudited],
      ['audit on', audited],
    ];
    if (round % 2) order.reverse();
    for (const [label, gateway] of order) {
      const rate = await measure(`${label} (round ${round + 1})`, gateway);
      if (label === 'audit off') off = Math.max(off, rate);
      else on = Math.max(on, rate);
    }
  }
  console.log(
    `\n| gateway | req/s | p50 ms | p99 ms | gateway CPU | peak MiB | errors |\n|---|---|---|---|---|---|---|`,
  );
  for (const row of rows) console.log(row);
  console.log(`\nCPU per process during each run (cores):\n${cpuShares.join('\n')}`);
  console.log(
    `\naudit on / off (best runs) = ${(on / off).toFixed(2)} — ${connections} connections, ${seconds} s per run, scale ${scale}, ` +
      `one enterprise across five agencies, every process on this machine`,
  );
} finally {
  for (const service of services.reverse()) await service.stop().catch(() => undefined);
  await databases.stop();
}
