// npm run bench:audit — what auditing costs, measured as production runs the hub: five subgraph
// processes and two gateway processes over them, one writing the hash-chained audit trail (group
// commit, answer once durable), one with auditing off (HUB_BENCHMARK_UNAUDITED=1). The same read goes
// through each for BENCH_SECONDS with BENCH_CONNECTIONS connections, in BENCH_ROUNDS alternating rounds.
// Databases: DATABASE_URL (prefix `bench_`), else the embedded PostgreSQL; scale BENCH_SCALE (city).
import { buildWorld, isScale } from '../subgraphs/shared/demo-world/index.js';
import { startCluster } from './cluster.js';
import { benchToken, drive, withCpu } from './load.js';
import type { Service } from './processes.js';
import { requestBody, scenarios } from './scenarios.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const scale = process.env.BENCH_SCALE ?? 'city';
if (!isScale(scale)) throw new Error(`BENCH_SCALE must be test, demo or city, not ${scale}`);

const cluster = await startCluster(scale, console.log);
try {
  const audited = await cluster.startGateway('gateway (audit on)', 'gateway/main.ts');
  const unaudited = await cluster.startGateway('gateway (audit off)', 'gateway/main.ts', {
    HUB_BENCHMARK_UNAUDITED: '1',
  });
  const scenario = scenarios.find((s) => s.name === 'enterprise')!;
  const world = buildWorld(scale);
  const token = await benchToken(scenario.role, cluster.env);
  const purpose = scenario.purpose?.(world);
  const body = () => requestBody(scenario, world, 'hash');
  const everyone = [...cluster.subgraphs, audited, unaudited];

  const rows: string[] = [];
  const cpuShares: string[] = [];
  const measure = async (label: string, gateway: Service) => {
    const before = everyone.map((s) => s.cpuSeconds());
    const { value: result, cores } = await withCpu(gateway, () =>
      drive({ port: gateway.port, token, purpose, body, connections, seconds }),
    );
    rows.push(
      `| ${label} | ${result.requestsPerSecond.toFixed(0)} | ${result.p50} | ${result.p99} | ${(cores * 100).toFixed(0)}% | ${gateway.peakMemoryMiB().toFixed(0)} | ${result.errors} |`,
    );
    cpuShares.push(
      `${label}: ` +
        everyone
          .map((s, i) => `${s.name} ${((s.cpuSeconds() - before[i]!) / seconds).toFixed(2)}`)
          .join(', '),
    );
    return result.requestsPerSecond;
  };
  for (const gateway of [audited, unaudited])
    await drive({ port: gateway.port, token, purpose, body, connections, seconds: 5 }); // warm-up
  // Runs alternate (off, on, on, off, …) so that warming up does not favour whichever goes second;
  // each gateway's figure is its best run.
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
      `one enterprise across five agencies (analyst with a purpose), every process on this machine`,
  );
} finally {
  await cluster.stop();
}
