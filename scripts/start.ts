// npm start: the whole hub in one process (embedded PostgreSQL unless DATABASE_URL is set).
import { APPEAL_SURGE, buildWorld, isScale } from '../subgraphs/shared/demo-world/index.js';
import { startHub } from '../gateway/all-in-one.js';
import { exampleQuery } from '../gateway/server.js';

const scale = process.env.HUB_SEED_SCALE ?? 'demo';
if (!isScale(scale)) {
  console.error(`HUB_SEED_SCALE must be test, demo or city, not ${scale}`);
  process.exit(2);
}
const started = Date.now();
const hub = await startHub({ scale });
const url = `http://127.0.0.1:${hub.gatewayPort}/graphql`;
const { creditCode, disputeCaseNumber } = buildWorld(scale).showcase;
console.log(`
巴中税费治理协同枢纽已启动 (governance hub ready in ${((Date.now() - started) / 1000).toFixed(1)} s)
  GraphQL + GraphiQL: ${url}
  health / readiness: http://127.0.0.1:${hub.gatewayPort}/health , /ready
  database: ${hub.databases.embedded ? 'embedded PostgreSQL in .data/postgres' : 'DATABASE_URL'}

Example (一户企业的跨部门全景): mint a token with the hub's own key, then ask
TOKEN=$(npm run -s token -- --role analyst | tail -n 1)
curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
  -d '{"query":"{ enterprise(creditCode: \\"${creditCode}\\") { name district socialInsurance { insuredCount arrearsTotal } medicalInsurance { insuredCount } courtCases { caseNumber cause } serviceRecords { summary } } }"}'

${exampleQuery(creditCode)}
Joint dispute case (社保费争议联合处理) ${disputeCaseNumber}: its timeline, step by step, as HRSS reads it
TOKEN=$(npm run -s token -- --role hrss-officer | tail -n 1)
curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \
  -d '{"query":"{ dispute(caseNumber: \\"${disputeCaseNumber}\\") { stage waitingFor timeline { seq kind department actorName content recordedIn } } }"}'

Weekly analysis of appeals (诉求分析周报) of the week of ${APPEAL_SURGE.weekStart} (generated once, then kept):
its hot topics by the stated rule, and what to do about them
TOKEN=$(npm run -s token -- --role analyst | tail -n 1)
curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \
  -d '{"query":"mutation { generateAppealAnalysis(input: { kind: WEEKLY, periodStart: \\"${APPEAL_SURGE.weekStart}\\" }) { title total hotTopics { label count baselineMean threshold } recommendations { kind text } } }"}'
`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the hub`);
  await hub.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
