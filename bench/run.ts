// npm run bench — the hub at Bazhong's scale, as production runs it: city-scale data in `bench_*`
// databases (seeded once), five subgraph processes, and each gateway under test in its own process,
// with identity, policy and audit on. Every scenario (bench/scenarios.ts) is checked once, then driven
// with autocannon; the subgraphs' /metrics give subgraph requests and SQL statements per operation.
// A soak then reports the gateway's memory growth. Prints a table and writes bench/results/<time>.json.
//   BENCH_SECONDS (20) BENCH_CONNECTIONS (32) BENCH_SCALE (city) BENCH_SCENARIOS (all, comma-separated)
//   BENCH_SOAK_SECONDS (300; 0 skips the soak)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../core/paths.js';
import { buildWorld, isScale } from '../subgraphs/shared/demo-world/index.js';
import { startCluster } from './cluster.js';
import { benchToken, drive, withCpu } from './load.js';
import type { Service } from './processes.js';
import { scenarios } from './scenarios.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const soakSeconds = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const scale = process.env.BENCH_SCALE ?? 'city';
if (!isScale(scale)) throw new Error(`BENCH_SCALE must be test, demo or city, not ${scale}`);
const only = process.env.BENCH_SCENARIOS?.split(',').map((s) => s.trim());
const selected = scenarios.filter((s) => !only || only.includes(s.name));
const world = buildWorld(scale);

interface Row {
  scenario: string;
  gateway: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  gatewayCpu: number;
  gatewayPeakMiB: number;
  subgraphRequestsPerOp: number;
  sqlPerOp: number;
  errors: number;
  /** Cores each subgraph process used during the run. */
  subgraphCpu: Record<string, number>;
}

const started = Date.now();
const cluster = await startCluster(scale, console.log);
const rows: Row[] = [];
let soak: {
  gateway: string;
  seconds: number;
  rssStartMiB: number;
  rssEndMiB: number;
  growthPercent: number;
} | null = null;
try {
  // The hub's gateway with identity, policy and audit on, and the peers on the same subgraphs and
  // supergraph: Hive Gateway with its in-flight deduplication on and off (bench/peers/hive.ts).
  const gateways: Service[] = [
    await cluster.startGateway('hub', 'gateway/main.ts'),
    await cluster.startGateway('hive (dedupe on)', 'bench/peers/hive.ts', { HIVE_DEDUPE: 'on' }),
    await cluster.startGateway('hive (dedupe off)', 'bench/peers/hive.ts', { HIVE_DEDUPE: 'off' }),
  ];
  for (const scenario of selected) {
    const token = await benchToken(scenario.role, cluster.env);
    const purpose = scenario.purpose?.(world);
    const fixed = JSON.stringify(scenario.body(world));
    const body = scenario.perRequest ? () => JSON.stringify(scenario.body(world)) : fixed;
    for (const gateway of gateways) {
      // One checked answer first: a refused or empty answer must not be measured as fast.
      const check = await fetch(`http://127.0.0.1:${gateway.port}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...(purpose ? { 'x-hub-purpose': encodeURIComponent(purpose) } : {}),
        },
        body: typeof body === 'string' ? body : body(),
      });
      const answer = (await check.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      const problem = answer.errors
        ? JSON.stringify(answer.errors).slice(0, 300)
        : scenario.expect(answer.data ?? {});
      if (problem) throw new Error(`scenario ${scenario.name} through ${gateway.name}: ${problem}`);

      await drive({ port: gateway.port, token, purpose, body, connections, seconds: 3 }); // warm-up
      const before = await cluster.subgraphCounters();
      const subgraphCpuBefore = cluster.subgraphs.map((s) => s.cpuSeconds());
      const { value: result, cores } = await withCpu(gateway, () =>
        drive({ port: gateway.port, token, purpose, body, connections, seconds }),
      );
      const after = await cluster.subgraphCounters();
      const subgraphCpu = Object.fromEntries(
        cluster.subgraphs.map((s, i) => [
          s.name,
          Number(((s.cpuSeconds() - subgraphCpuBefore[i]!) / seconds).toFixed(2)),
        ]),
      );
      const ops = Math.max(result.completed, 1);
      rows.push({
        scenario: scenario.name,
        gateway: gateway.name,
        requestsPerSecond: Math.round(result.requestsPerSecond),
        p50: result.p50,
        p99: result.p99,
        gatewayCpu: Number(cores.toFixed(2)),
        gatewayPeakMiB: Math.round(gateway.peakMemoryMiB()),
        // Counters include the warm-up's stragglers only if they finished late; both are per completed op.
        subgraphRequestsPerOp: Number(((after.requests - before.requests) / ops).toFixed(2)),
        sqlPerOp: Number(((after.sqlStatements - before.sqlStatements) / ops).toFixed(2)),
        errors: result.errors,
        subgraphCpu,
      });
      console.log(JSON.stringify(rows.at(-1)));
    }
  }

  if (soakSeconds > 0) {
    const gateway = gateways[0]!;
    const scenario = scenarios.find((s) => s.name === 'enterprise')!;
    const token = await benchToken(scenario.role, cluster.env);
    const body = JSON.stringify(scenario.body(world));
    await drive({ port: gateway.port, token, body, connections, seconds: 10 });
    const rssStart = gateway.memoryMiB();
    await drive({ port: gateway.port, token, body, connections, seconds: soakSeconds });
    const rssEnd = gateway.memoryMiB();
    soak = {
      gateway: gateway.name,
      seconds: soakSeconds,
      rssStartMiB: Math.round(rssStart),
      rssEndMiB: Math.round(rssEnd),
      growthPercent: Number((((rssEnd - rssStart) / rssStart) * 100).toFixed(1)),
    };
  }
} finally {
  await cluster.stop();
}

const table = [
  '| scenario | gateway | req/s | p50 ms | p99 ms | gateway CPU | peak MiB | subgraph req/op | SQL/op | errors |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.scenario} | ${r.gateway} | ${r.requestsPerSecond} | ${r.p50} | ${r.p99} | ${(r.gatewayCpu * 100).toFixed(0)}% | ${r.gatewayPeakMiB} | ${r.subgraphRequestsPerOp} | ${r.sqlPerOp} | ${r.errors} |`,
  ),
].join('\n');
console.log(`\n${table}`);
const ratioLines: string[] = [];
for (const scenario of selected) {
  const hub = rows.find((r) => r.scenario === scenario.name && r.gateway === 'hub');
  const peers = rows.filter((r) => r.scenario === scenario.name && r.gateway !== 'hub');
  const best = peers.sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0];
  if (hub && best) {
    ratioLines.push(
      `${scenario.name}: hub/${best.gateway} throughput ${(hub.requestsPerSecond / best.requestsPerSecond).toFixed(2)}, p99 ${hub.p99} vs ${best.p99} ms`,
    );
  }
}
if (ratioLines.length) console.log(`\nratios against the best peer:\n${ratioLines.join('\n')}`);
if (soak) {
  console.log(
    `\nsoak: ${soak.gateway}, ${soak.seconds} s, RSS ${soak.rssStartMiB} → ${soak.rssEndMiB} MiB (${soak.growthPercent}%)`,
  );
}
const dir = join(repoRoot, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  JSON.stringify(
    {
      scale,
      seconds,
      connections,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      rows,
      soak,
    },
    null,
    2,
  ),
);
console.log(`\nwrote ${file} (${((Date.now() - started) / 60_000).toFixed(1)} min)`);
