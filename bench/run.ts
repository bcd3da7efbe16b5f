// npm run bench — the hub at Bazhong's scale, as production runs it: city-scale data in `bench_*`
// databases (seeded once), five subgraph processes, and each gateway under test in its own process. The
// hub's gateway runs in production mode (registered operations by hash) with identity, policy and audit
// on. Beside it, on the same subgraphs and supergraph: Hive Gateway with its in-flight deduplication on and
// off, and the floor: the subgraph requests of the query plan sent by a minimal client (bench/floor.ts),
// one HTTP request per fetch as the plan states them, and batched with the hub's own subgraph client.
// Every scenario (bench/scenarios.ts) is checked once per contender, then driven; the subgraphs' /metrics
// give subgraph operations, HTTP requests and SQL statements per operation. A soak then reports the hub
// gateway's memory growth. Prints a table and ratios, and writes bench/results/<time>.json.
//   BENCH_SECONDS (10) BENCH_CONNECTIONS (32) BENCH_SCALE (city) BENCH_SCENARIOS (all, comma-separated)
//   BENCH_CONTENDERS (hub,hive-dedupe-on,hive-dedupe-off,floor,floor-batched)
//   BENCH_SOAK_SECONDS (300; 0 skips the soak) BENCH_RESEED (1: empty and seed the bench databases again)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, schemaDir } from '../core/paths.js';
import { buildWorld, isScale } from '../subgraphs/shared/demo-world/index.js';
import { startCluster } from './cluster.js';
import {
  benchIdentity,
  driveFloor,
  executeFloor,
  floorSubgraphUrls,
  planFloor,
  startFloorAssertions,
} from './floor.js';
import { benchToken, drive, withCpu, type LoadResult } from './load.js';
import {
  operationOf,
  registeredOperation,
  requestBody,
  scenarios,
  type HubClient,
  type Scenario,
} from './scenarios.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const soakSeconds = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const scale = process.env.BENCH_SCALE ?? 'city';
if (!isScale(scale)) throw new Error(`BENCH_SCALE must be test, demo or city, not ${scale}`);
const list = (value: string | undefined) => value?.split(',').map((s) => s.trim());
const onlyScenarios = list(process.env.BENCH_SCENARIOS);
const selected = scenarios.filter((s) => !onlyScenarios || onlyScenarios.includes(s.name));
const allContenders = ['hub', 'hive-dedupe-on', 'hive-dedupe-off', 'floor', 'floor-batched'];
const onlyContenders = list(process.env.BENCH_CONTENDERS);
const unknown = onlyContenders?.filter((name) => !allContenders.includes(name));
if (unknown?.length) throw new Error(`BENCH_CONTENDERS: unknown ${unknown.join(', ')}`);
const wanted = (name: string) => !onlyContenders || onlyContenders.includes(name);
const world = buildWorld(scale);
const supergraphSdl = readFileSync(join(schemaDir, 'supergraph.graphql'), 'utf8');

interface Row {
  scenario: string;
  contender: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Cores the gateway process used (null for the floor, which has none). */
  gatewayCpu: number | null;
  gatewayPeakMiB: number | null;
  /** GraphQL operations the subgraphs served, per operation of the scenario. */
  subgraphOpsPerOp: number;
  /** HTTP requests that carried them (a batch carries several), per operation. */
  subgraphHttpPerOp: number;
  sqlPerOp: number;
  errors: number;
  /** Cores each subgraph process used during the run. */
  subgraphCpu: Record<string, number>;
}

/** One thing under load: a gateway process driven with autocannon, or the floor's client. */
interface Contender {
  name: string;
  /** Runs one request and returns its data, to be checked before the load. */
  once(scenario: Scenario): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }>;
  load(scenario: Scenario, seconds: number): Promise<{ result: LoadResult; cores: number | null }>;
  /** The gateway's port (null for the floor). */
  port: number | null;
  peakMiB(): number | null;
  /** Resident memory of the gateway process now (null for the floor). */
  memoryMiB(): number | null;
}

const started = Date.now();
const cluster = await startCluster(scale, console.log);
const rows: Row[] = [];
let soak: {
  contender: string;
  seconds: number;
  rssStartMiB: number;
  rssEndMiB: number;
  rssMaxMiB: number;
  /** RSS every 10 s of the soak. */
  samplesMiB: number[];
  /**
   * Median RSS of the last minute against the first: the heap saws up and down by a third between
   * collections, so two single readings measure where the sawtooth was, not growth.
   */
  growthPercent: number;
  /** Least-squares slope of the samples. */
  slopeMiBPerMinute: number;
} | null = null;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Least-squares slope of samples taken every `stepSeconds`, per minute. */
const slopePerMinute = (values: number[], stepSeconds: number) => {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return (num / den) * (60 / stepSeconds);
};

/** Registered operations through the hub's gateway by hash, as a persona (scenario set-up). */
function hubClient(port: number): HubClient {
  return async (role, operation, variables) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await benchToken(role, cluster.env)}`,
      },
      body: JSON.stringify({
        variables,
        extensions: { persistedQuery: { version: 1, sha256Hash: registeredOperation(operation).sha256 } },
      }),
    });
    const answer = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    if (answer.errors || !answer.data)
      throw new Error(`set-up ${operation} as ${role}: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  };
}

/** A gateway in its own process; `form` is how its clients send operations (by hash, or their text). */
async function gatewayContender(
  name: string,
  entry: string,
  form: 'hash' | 'text',
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Contender> {
  const service = await cluster.startGateway(name, entry, extraEnv);
  const headers = async (scenario: Scenario) => {
    const purpose = scenario.purpose?.(world);
    return {
      token: await benchToken(scenario.role, cluster.env, scenario.caller),
      purpose,
    };
  };
  return {
    name,
    port: service.port,
    once: async (scenario) => {
      const { token, purpose } = await headers(scenario);
      const response = await fetch(`http://127.0.0.1:${service.port}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...(purpose ? { 'x-hub-purpose': encodeURIComponent(purpose) } : {}),
        },
        body: requestBody(scenario, world, form),
      });
      return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    },
    load: async (scenario, seconds) => {
      const { token, purpose } = await headers(scenario);
      const body = () => requestBody(scenario, world, form);
      const { value, cores } = await withCpu(service, () =>
        drive({
          port: service.port,
          token,
          purpose,
          body,
          connections: scenario.connections ?? connections,
          seconds,
        }),
      );
      return { result: value, cores };
    },
    peakMiB: () => service.peakMemoryMiB(),
    memoryMiB: () => service.memoryMiB(),
  };
}

/**
 * The floor: the query plan's subgraph requests, sent by a minimal client in this process; `batch` sends
 * the reads of concurrent operations together, with the hub's own subgraph client.
 */
function floorContender(batch: boolean): Contender {
  const urls = floorSubgraphUrls(cluster.gatewayEnv);
  const prepare = async (scenario: Scenario) => {
    const { document, name } = operationOf(scenario);
    const plan = await planFloor(supergraphSdl, document, name);
    const assertions = await startFloorAssertions({
      env: cluster.env,
      identity: benchIdentity(scenario.role),
      purpose: scenario.purpose?.(world) ?? null,
    });
    return { plan, assertions };
  };
  return {
    name: batch ? 'floor (batched)' : 'floor',
    port: null,
    once: async (scenario) => {
      const { plan, assertions } = await prepare(scenario);
      try {
        const run = await executeFloor(plan, scenario.variables(world), {
          subgraphUrls: urls,
          assertions: assertions.current,
        });
        return { data: run.data ?? undefined, ...(run.errors.length ? { errors: run.errors } : {}) };
      } finally {
        assertions.stop();
      }
    },
    load: async (scenario, seconds) => {
      const { plan, assertions } = await prepare(scenario);
      try {
        const result = await driveFloor({
          plan,
          subgraphUrls: urls,
          assertions: assertions.current,
          variables: () => scenario.variables(world),
          connections: scenario.connections ?? connections,
          seconds,
          batch,
        });
        return { result, cores: null };
      } finally {
        assertions.stop();
      }
    },
    peakMiB: () => null,
    memoryMiB: () => null,
  };
}

try {
  const contenders: Contender[] = [];
  if (wanted('hub')) contenders.push(await gatewayContender('hub', 'gateway/main.ts', 'hash'));
  for (const dedupe of ['on', 'off']) {
    if (wanted(`hive-dedupe-${dedupe}`)) {
      contenders.push(
        await gatewayContender(`hive (dedupe ${dedupe})`, 'bench/peers/hive.ts', 'text', {
          HIVE_DEDUPE: dedupe,
        }),
      );
    }
  }
  if (wanted('floor')) contenders.push(floorContender(false));
  if (wanted('floor-batched')) contenders.push(floorContender(true));

  const hubGateway = contenders.find((c) => c.name === 'hub');
  for (const scenario of selected) {
    if (scenario.setup) {
      if (!hubGateway?.port) throw new Error(`scenario ${scenario.name} sets up its data through the hub`);
      await scenario.setup(hubClient(hubGateway.port), world);
    }
    for (const contender of contenders) {
      if (scenario.hubOnly && contender.name !== 'hub') {
        console.log(`skip ${scenario.name} through ${contender.name}: ${scenario.hubOnly}`);
        continue;
      }
      // One checked answer first: a refused or empty answer must not be measured as fast.
      const answer = await contender.once(scenario);
      const problem = answer.errors
        ? JSON.stringify(answer.errors).slice(0, 300)
        : scenario.expect(answer.data ?? {});
      if (problem) throw new Error(`scenario ${scenario.name} through ${contender.name}: ${problem}`);

      await contender.load(scenario, 2); // warm-up
      const before = await cluster.subgraphCounters();
      const subgraphCpuBefore = cluster.subgraphs.map((s) => s.cpuSeconds());
      const runStarted = Date.now();
      const { result, cores } = await contender.load(scenario, seconds);
      const elapsed = (Date.now() - runStarted) / 1000;
      const after = await cluster.subgraphCounters();
      const subgraphCpu = Object.fromEntries(
        cluster.subgraphs.map((s, i) => [
          s.name,
          Number(((s.cpuSeconds() - subgraphCpuBefore[i]!) / elapsed).toFixed(2)),
        ]),
      );
      const ops = Math.max(result.completed, 1);
      const perOp = (n: number) => Number((n / ops).toFixed(2));
      const peak = contender.peakMiB();
      rows.push({
        scenario: scenario.name,
        contender: contender.name,
        requestsPerSecond: Math.round(result.requestsPerSecond),
        p50: result.p50,
        p99: result.p99,
        gatewayCpu: cores === null ? null : Number(cores.toFixed(2)),
        gatewayPeakMiB: peak === null ? null : Math.round(peak),
        subgraphOpsPerOp: perOp(after.requests - before.requests),
        subgraphHttpPerOp: perOp(after.httpRequests - before.httpRequests),
        sqlPerOp: perOp(after.sqlStatements - before.sqlStatements),
        errors: result.errors,
        subgraphCpu,
      });
      console.log(JSON.stringify(rows.at(-1)));
    }
  }

  const hub = contenders.find((c) => c.name === 'hub');
  if (soakSeconds > 0 && hub) {
    // The hub gateway's memory over a long run of varied reads: RSS after a 20 s warm-up (caches and
    // heap at their working size) against the end, sampled every 10 s in between.
    const scenario = scenarios.find((s) => s.name === 'enterprise')!;
    await hub.load(scenario, 20);
    const rssStart = hub.memoryMiB()!;
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(Math.round(hub.memoryMiB()!)), 10_000);
    await hub.load(scenario, soakSeconds).finally(() => clearInterval(sampler));
    const rssEnd = hub.memoryMiB()!;
    const window = Math.min(6, Math.floor(samples.length / 2)) || 1;
    const first = median(samples.slice(0, window).concat(samples.length ? [] : [rssStart]));
    const last = median(samples.slice(-window).concat(samples.length ? [] : [rssEnd]));
    soak = {
      contender: 'hub',
      seconds: soakSeconds,
      rssStartMiB: Math.round(rssStart),
      rssEndMiB: Math.round(rssEnd),
      rssMaxMiB: Math.max(Math.round(rssStart), ...samples),
      samplesMiB: samples,
      growthPercent: Number((((last - first) / first) * 100).toFixed(1)),
      slopeMiBPerMinute: Number(slopePerMinute(samples, 10).toFixed(2)),
    };
  }
} finally {
  await cluster.stop();
}

const dash = (value: string | number | null) => (value === null ? '—' : String(value));
const table = [
  '| scenario | contender | req/s | p50 ms | p99 ms | gateway CPU | peak MiB | subgraph ops/op | subgraph HTTP/op | SQL/op | errors |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.scenario} | ${r.contender} | ${r.requestsPerSecond} | ${r.p50} | ${r.p99} | ${r.gatewayCpu === null ? '—' : `${(r.gatewayCpu * 100).toFixed(0)}%`} | ${dash(r.gatewayPeakMiB)} | ${r.subgraphOpsPerOp} | ${r.subgraphHttpPerOp} | ${r.sqlPerOp} | ${r.errors} |`,
  ),
].join('\n');
console.log(`\n${table}`);
const ratioLines: string[] = [];
for (const scenario of selected) {
  const of = (name: string) => rows.find((r) => r.scenario === scenario.name && r.contender === name);
  const hub = of('hub');
  if (!hub) continue;
  const best = rows
    .filter((r) => r.scenario === scenario.name && r.contender.startsWith('hive'))
    .sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0];
  const parts = [`${scenario.name}:`];
  const against = (other: Row, target: string) =>
    parts.push(
      `hub/${other.contender} ${(hub.requestsPerSecond / other.requestsPerSecond).toFixed(2)} (target ${target}), p99 ${hub.p99} vs ${other.p99} ms;`,
    );
  if (best) against(best, '≥ 1.5');
  for (const name of ['floor', 'floor (batched)']) {
    const floor = of(name);
    if (floor) against(floor, '≥ 0.5');
  }
  if (parts.length > 1) ratioLines.push(parts.join(' '));
}
if (ratioLines.length) console.log(`\nratios:\n${ratioLines.join('\n')}`);
if (soak) {
  console.log(
    `\nsoak: ${soak.contender}, ${soak.seconds} s, median RSS of the first minute → the last ${soak.growthPercent}% (target < 10%), slope ${soak.slopeMiBPerMinute} MiB/min; RSS ${soak.rssStartMiB} → ${soak.rssEndMiB} MiB, highest ${soak.rssMaxMiB} MiB`,
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
