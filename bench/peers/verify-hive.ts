// Checks the Hive Gateway peer (bench/peers/hive.ts) against our gateway over the same five subgraph
// processes, and prints a first comparison. Run: node --import tsx bench/peers/verify-hive.ts
//
// 1. The query of bench/audit-overhead.ts (one enterprise across five agencies): Hive's `data` must equal
//    our gateway's.
// 2. HIVE_DEDUPE takes effect: 32 identical concurrent operations, the tax subgraph behind a counting proxy
//    that holds each request 100 ms (so they overlap); how many reach tax with dedupe on and off.
// 3. BENCH_SECONDS (10) of autocannon at BENCH_CONNECTIONS (32) on each: our gateway (audit on), Hive with
//    dedupe on, Hive with dedupe off. Every response is checked against the first answer (autocannon
//    expectBody): a changed body counts as a mismatch.
// 4. After at least 70 s (past the 60 s assertion lifetime), both Hive peers answer the same again.
// Databases: DATABASE_URL (prefix `bench_`, seeded at BENCH_SCALE, default city), else the embedded PostgreSQL.
import { createServer, type IncomingMessage } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { mintUserToken } from '../../core/tokens.js';
import { buildWorld, isScale } from '../../subgraphs/shared/demo-world/index.js';
import { startCluster } from '../cluster.js';
import { freePort, type Service } from '../processes.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const scale = process.env.BENCH_SCALE ?? 'city';
if (!isScale(scale)) throw new Error(`BENCH_SCALE must be test, demo or city, not ${scale}`);

/** The tax subgraph behind a proxy that counts the requests it forwards, each held `holdMs` first. */
async function countingProxy(target: string, holdMs: number) {
  let count = 0;
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const server = createServer((req, res) => {
    count++;
    void (async () => {
      const body = await read(req);
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
          headers.set(name, value);
      }
      const upstream = await fetch(target, { method: req.method, headers, body: body.length ? body : null });
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'text/plain',
      });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    })().catch(() => {
      res.writeHead(502).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    take: () => {
      const seen = count;
      count = 0;
      return seen;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const cluster = await startCluster(scale, console.log);
const env = cluster.env;
const subgraphEnv = cluster.gatewayEnv;
try {
  // Our gateway runs the hub's internal subgraph in its own process; a fixed port lets Hive reach it too.
  const hubPort = await freePort();
  const ours = await cluster.startGateway('gateway (audit on)', 'gateway/main.ts', {
    HUB_INTERNAL_PORT: String(hubPort),
  });
  const oursPort = ours.port;
  const startHive = (label: string, extra: NodeJS.ProcessEnv) =>
    cluster.startGateway(label, 'bench/peers/hive.ts', {
      HUB_INTERNAL_URL: `http://127.0.0.1:${hubPort}/graphql`,
      ...extra,
    });

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
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const ask = async (port: number) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text) as { data?: unknown; errors?: unknown } };
  };

  // 2. Dedupe: the tax subgraph behind the counting proxy; 32 identical operations at once.
  const proxy = await countingProxy(subgraphEnv.TAX_URL!, 100);
  console.log(
    `\nHIVE_DEDUPE: ${connections} identical concurrent operations; requests reaching tax (held 100 ms):`,
  );
  for (const [label, extra] of [
    ['HIVE_DEDUPE=on', { HIVE_DEDUPE: 'on' }],
    ['HIVE_DEDUPE=off', { HIVE_DEDUPE: 'off' }],
    ['HIVE_DEDUPE=off HIVE_INBOUND_DEDUPE=on', { HIVE_DEDUPE: 'off', HIVE_INBOUND_DEDUPE: 'on' }],
  ] as const) {
    const hive = await startHive(`hive (${label}, counting proxy)`, { ...extra, TAX_URL: proxy.url });
    await ask(hive.port); // loads the plan and opens connections
    proxy.take();
    const answers = await Promise.all(Array.from({ length: connections }, () => ask(hive.port)));
    const same = answers.every((a) => a.text === answers[0]!.text && a.json.data && !a.json.errors);
    console.log(
      `  ${label.padEnd(40)} ${proxy.take()} request(s) to tax; all answers equal, no errors: ${same}`,
    );
    await hive.stop();
  }
  await proxy.close();

  // 1. The same answer from our gateway and from Hive (dedupe on and off).
  const hiveOn = await startHive('hive (dedupe on)', { HIVE_DEDUPE: 'on' });
  const hiveOff = await startHive('hive (dedupe off)', { HIVE_DEDUPE: 'off' });
  const hiveStarted = Date.now();
  const reference = await ask(oursPort);
  console.log(
    `\nour gateway: HTTP ${reference.status}, errors: ${JSON.stringify(reference.json.errors ?? null)}` +
      `\n  data: ${JSON.stringify(reference.json.data).slice(0, 300)}…`,
  );
  const compare = async (label: string, service: Service) => {
    const answer = await ask(service.port);
    const identical = isDeepStrictEqual(answer.json.data, reference.json.data);
    console.log(
      `${label}: HTTP ${answer.status}, errors: ${JSON.stringify(answer.json.errors ?? null)}, ` +
        `data identical to our gateway's: ${identical}`,
    );
    return { identical, text: answer.text };
  };
  const firstOn = await compare('hive (dedupe on) ', hiveOn);
  const firstOff = await compare('hive (dedupe off)', hiveOff);

  // 3. Load.
  const targets: [string, Service, string][] = [
    ['our gateway (audit on)', ours, reference.text],
    ['hive (dedupe on)', hiveOn, firstOn.text],
    ['hive (dedupe off)', hiveOff, firstOff.text],
  ];
  const load = (port: number, duration: number, expectBody: string) =>
    autocannon({
      url: `http://127.0.0.1:${port}/graphql`,
      method: 'POST',
      headers,
      body,
      connections,
      duration,
      expectBody,
    });
  for (const [, service, expected] of targets) await load(service.port, 3, expected); // warm-up
  const rows: string[] = [];
  for (const [label, service, expected] of targets) {
    const cpuBefore = service.cpuSeconds();
    const result = await load(service.port, seconds, expected);
    const cpu = (service.cpuSeconds() - cpuBefore) / seconds;
    rows.push(
      `| ${label} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ` +
        `${(cpu * 100).toFixed(0)}% | ${result.non2xx + result.errors} | ${result.mismatches} |`,
    );
  }
  console.log(
    `\n${connections} connections, ${seconds} s each, scale ${scale}, the query above, every process on this machine` +
      `\n| gateway | req/s | p50 ms | p99 ms | gateway CPU | non-2xx + errors | body mismatches |\n|---|---|---|---|---|---|---|`,
  );
  for (const row of rows) console.log(row);

  // 4. Past the assertions' 60 s lifetime: the peers must have re-signed them.
  const wait = 70_000 - (Date.now() - hiveStarted);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const later = ((Date.now() - hiveStarted) / 1000).toFixed(0);
  await compare(`\nhive (dedupe on), ${later} s after start `, hiveOn);
  await compare(`hive (dedupe off), ${later} s after start`, hiveOff);
} finally {
  await cluster.stop();
}
