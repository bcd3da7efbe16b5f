// The benchmark's floor (bench/floor.ts) against the real hub: the minimal client, sending the plan's
// subgraph requests itself with the assertions the gateway would sign, assembles the same answer as the
// hub's gateway for the bench's reads, with the same subgraph requests and SQL statements.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supergraphPath } from '../../core/composition.js';
import { subgraphNames } from '../../core/subgraphs.js';
import {
  benchIdentity,
  executeFloor,
  FloorBatcher,
  planFloor,
  shapeFloorData,
  startFloorAssertions,
  type FloorAssertions,
} from '../../bench/floor.js';
import { benchToken } from '../../bench/load.js';
import { operationOf, scenarios } from '../../bench/scenarios.js';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { startTestHub, type TestHub } from '../support/hub.js';

const world = buildWorld('test');
const supergraphSdl = readFileSync(supergraphPath, 'utf8');
let hub: TestHub;
let assertions: FloorAssertions;
let subgraphUrls: Record<string, string>;

beforeAll(async () => {
  hub = await startTestHub();
  subgraphUrls = Object.fromEntries(hub.hub.gateway.subgraphUrls);
  // The bench's reads ask as a tax analyst stating the showcase labour dispute.
  assertions = await startFloorAssertions({
    env: process.env,
    identity: benchIdentity('analyst'),
    purpose: world.showcase.caseNumber,
  });
});
afterAll(async () => {
  assertions?.stop();
  await hub?.dispose();
});

const sqlCount = () => subgraphNames.reduce((sum, name) => sum + hub.hub.subgraphs[name].sql.count, 0);
/** GraphQL requests the five subgraphs have served, from their /metrics (as bench/cluster.ts reads them). */
async function requestCount(): Promise<number> {
  let total = 0;
  for (const name of subgraphNames) {
    const text = await (await fetch(new URL('/metrics', subgraphUrls[name]))).text();
    total += Number(/^hub_graphql_requests_total\{[^}]*\} (\d+)$/m.exec(text)?.[1] ?? NaN);
  }
  return total;
}

describe('the floor assembles what the gateway answers', () => {
  // The reads over the demo world (a scenario with its own set-up needs the bench's hub to make its data).
  for (const scenario of scenarios.filter((s) => !s.setup && operationOf(s).document.startsWith('query'))) {
    it(`${scenario.name}: same data, same subgraph requests and SQL`, async () => {
      const query = operationOf(scenario).document;
      const variables = scenario.variables(world);
      const token = await benchToken(scenario.role, process.env);
      const purpose = scenario.purpose?.(world);
      const ask = () => hub.query(query, variables, { token, purpose });
      await ask(); // the gateway's purpose check is cached after the first operation

      const sqlBeforeHub = sqlCount();
      const requestsBeforeHub = await requestCount();
      const { status, body } = await ask();
      const hubSql = sqlCount() - sqlBeforeHub;
      const hubRequests = (await requestCount()) - requestsBeforeHub;
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(hubSql).toBeGreaterThan(0);

      const plan = await planFloor(supergraphSdl, query);
      const sqlBeforeFloor = sqlCount();
      const requestsBeforeFloor = await requestCount();
      const floor = await executeFloor(plan, variables, {
        subgraphUrls,
        assertions: assertions.current,
      });
      const floorSql = sqlCount() - sqlBeforeFloor;
      const floorRequests = (await requestCount()) - requestsBeforeFloor;
      expect(floor.errors).toEqual([]);
      // At most one per fetch node: a fetch with no entities at its path sends nothing (as in the gateway).
      expect(floor.requests).toBeLessThanOrEqual(plan.fetches);
      expect(shapeFloorData(plan, floor.data, variables)).toEqual(body.data);
      // The bench's check passes on the floor's raw data too (it is what bench/run.ts would check).
      expect(scenario.expect(floor.data ?? {})).toBe(
        scenario.expect((body.data ?? {}) as Record<string, unknown>),
      );
      expect(floorSql).toBe(hubSql);
      expect(floorRequests).toBe(hubRequests);
      expect(floorRequests).toBe(floor.requests);
    });
  }

  it('is refused by the subgraphs without the assertions', async () => {
    const enterprise = scenarios.find((s) => s.name === 'enterprise')!;
    const plan = await planFloor(supergraphSdl, operationOf(enterprise).document);
    const variables = enterprise.variables(world);
    const floor = await executeFloor(plan, variables, { subgraphUrls, assertions: {} });
    expect(floor.errors.map((e) => e.status)).toEqual([401]);
    expect(floor.requests).toBe(1); // nothing to resolve after the root fetch failed
  });

  it('batched (several operations per subgraph request, as the hub sends them): the same answers', async () => {
    const enterprise = scenarios.find((s) => s.name === 'enterprise')!;
    const plan = await planFloor(supergraphSdl, operationOf(enterprise).document);
    const variables = [1, 2, 3].map(() => enterprise.variables(world));
    const single = await Promise.all(
      variables.map((v) => executeFloor(plan, v, { subgraphUrls, assertions: assertions.current })),
    );
    const batcher = new FloorBatcher();
    const batched = await Promise.all(
      variables.map((v) => executeFloor(plan, v, { subgraphUrls, assertions: assertions.current, batcher })),
    );
    for (const result of batched) expect(result.errors).toEqual([]);
    expect(batched.map((r) => r.data)).toEqual(single.map((r) => r.data));
    expect(batcher.httpRequests).toBeLessThan(batched.reduce((n, r) => n + r.requests, 0));
  });
});
