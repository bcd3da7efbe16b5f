// The benchmark's floor (bench/floor.ts): its plans are the gateway planner's, and its minimal client sends
// exactly the subgraph requests a plan needs and assembles their answers. Subgraphs are stubbed here;
// tests/e2e/floor.test.ts runs it against real ones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { supergraphPath } from '../../core/composition.js';
import { ASSERTION_HEADER } from '../../core/tokens.js';
import { executeFloor, planFloor, shapeFloorData } from '../../bench/floor.js';
import { operationOf, scenarios } from '../../bench/scenarios.js';

const supergraphSdl = readFileSync(supergraphPath, 'utf8');
const urls = {
  tax: 'http://tax.test/graphql',
  'social-security': 'http://social-security.test/graphql',
  'medical-insurance': 'http://medical-insurance.test/graphql',
  courts: 'http://courts.test/graphql',
  'service-points': 'http://service-points.test/graphql',
  hub: 'http://hub.test/graphql',
};
const assertions = Object.fromEntries(Object.keys(urls).map((name) => [name, `assertion-for-${name}`]));
const subgraphOf = (url: string) => Object.entries(urls).find(([, u]) => u === url)![0];

interface Sent {
  subgraph: string;
  assertion: string | null;
  body: { query: string; operationName?: string; variables: Record<string, unknown> };
}

/** A stand-in for fetch: records each request and answers with `answer(subgraph, body)`. */
function stubSubgraphs(answer: (subgraph: string, body: Sent['body']) => { status?: number; json: unknown }) {
  const sent: Sent[] = [];
  const stub = (async (url: string | URL | Request, init?: RequestInit) => {
    const subgraph = subgraphOf(String(url));
    const body = JSON.parse(String(init!.body)) as Sent['body'];
    const headers = new Headers(init!.headers);
    sent.push({ subgraph, assertion: headers.get(ASSERTION_HEADER), body });
    const { status = 200, json } = answer(subgraph, body);
    return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { sent, fetch: stub };
}

describe('planning the bench scenarios', () => {
  it('plans every scenario into fetches the minimal client can run, several for the cross-agency reads', async () => {
    const crossAgency = ['enterprise', 'enterprises-100', 'arrears-100', 'person'];
    for (const scenario of scenarios) {
      const plan = await planFloor(supergraphSdl, operationOf(scenario).document);
      expect(plan.fetches, scenario.name).toBeGreaterThan(crossAgency.includes(scenario.name) ? 1 : 0);
      expect(plan.pretty).toContain('Fetch(service:');
    }
    const enterprise = scenarios.find((s) => s.name === 'enterprise')!;
    const plan = await planFloor(supergraphSdl, operationOf(enterprise).document);
    expect(plan.fetches).toBe(5);
    expect(plan.subgraphs).toEqual([
      'courts',
      'medical-insurance',
      'service-points',
      'social-security',
      'tax',
    ]);
  });

  it('plans the write too (one fetch to the owning subgraph)', async () => {
    const note = scenarios.find((s) => s.name === 'write-note')!;
    const plan = await planFloor(supergraphSdl, operationOf(note).document);
    expect(plan.fetches).toBe(1);
  });

  it('refuses plans it cannot run faithfully, loudly', async () => {
    await expect(
      planFloor(
        supergraphSdl,
        'query Q($x: Boolean!) { enterprise(creditCode: "x") @include(if: $x) { name } }',
      ),
    ).rejects.toThrow(/Condition is not supported/);
  });
});

const ARREARS = `query A($after: String) { employersInArrears(first: 3, after: $after) { totalCount
  edges { node { accountNumber enterprise { name courtCases { caseNumber } } } } } }`;

const arrearsAnswers = (subgraph: string, body: Sent['body']) => {
  if (subgraph === 'social-security') {
    const node = (accountNumber: string, creditCode: string) => ({
      accountNumber,
      enterprise: { __typename: 'Enterprise', creditCode },
    });
    return {
      json: {
        data: {
          employersInArrears: {
            totalCount: 3,
            edges: [{ node: node('A1', 'C1') }, { node: node('A2', 'C2') }, { node: node('A3', 'C1') }],
          },
        },
      },
    };
  }
  const representations = body.variables.representations as { creditCode: string }[];
  return {
    json: {
      data: {
        _entities: representations.map((r) =>
          subgraph === 'tax'
            ? { name: `name of ${r.creditCode}` }
            : { courtCases: [{ caseNumber: `case of ${r.creditCode}` }] },
        ),
      },
    },
  };
};

describe('executing a plan', () => {
  it('sends each fetch once with its variables, representations and the subgraph’s assertion, and merges the answers', async () => {
    const plan = await planFloor(supergraphSdl, ARREARS);
    const { sent, fetch } = stubSubgraphs(arrearsAnswers);
    const result = await executeFloor(
      plan,
      { after: 'cursor-1', unused: 1 },
      {
        subgraphUrls: urls,
        assertions,
        fetch,
      },
    );
    expect(result.errors).toEqual([]);
    expect(result.requests).toBe(3);
    expect(sent.map((s) => s.subgraph).sort()).toEqual(['courts', 'social-security', 'tax']);
    for (const request of sent) expect(request.assertion).toBe(`assertion-for-${request.subgraph}`);

    const root = sent.find((s) => s.subgraph === 'social-security')!;
    expect(root.body.variables).toEqual({ after: 'cursor-1' });
    expect(root.body.operationName).toMatch(/^A__social_security__0$/);
    // C1 appears twice: one representation, and both entities get its answer.
    const tax = sent.find((s) => s.subgraph === 'tax')!;
    expect(tax.body.variables).toEqual({
      representations: [
        { __typename: 'Enterprise', creditCode: 'C1' },
        { __typename: 'Enterprise', creditCode: 'C2' },
      ],
    });
    expect(tax.body.query).toContain('_entities');

    expect(shapeFloorData(plan, result.data, {})).toEqual({
      employersInArrears: {
        totalCount: 3,
        edges: [
          {
            node: {
              accountNumber: 'A1',
              enterprise: { name: 'name of C1', courtCases: [{ caseNumber: 'case of C1' }] },
            },
          },
          {
            node: {
              accountNumber: 'A2',
              enterprise: { name: 'name of C2', courtCases: [{ caseNumber: 'case of C2' }] },
            },
          },
          {
            node: {
              accountNumber: 'A3',
              enterprise: { name: 'name of C1', courtCases: [{ caseNumber: 'case of C1' }] },
            },
          },
        ],
      },
    });
  });

  it('sends one representation per entity, as @apollo/gateway does, when dedupe is off', async () => {
    const plan = await planFloor(supergraphSdl, ARREARS, undefined, { dedupeRepresentations: false });
    const { sent, fetch } = stubSubgraphs(arrearsAnswers);
    const result = await executeFloor(plan, {}, { subgraphUrls: urls, assertions, fetch });
    expect(result.errors).toEqual([]);
    const tax = sent.find((s) => s.subgraph === 'tax')!;
    expect((tax.body.variables.representations as unknown[]).length).toBe(3);
    const shaped = shapeFloorData(plan, result.data) as {
      employersInArrears: { edges: { node: { enterprise: { name: string } } }[] };
    };
    expect(shaped.employersInArrears.edges.map((e) => e.node.enterprise.name)).toEqual([
      'name of C1',
      'name of C2',
      'name of C1',
    ]);
  });

  it('reports a subgraph’s errors and HTTP failures, and still runs the rest of the plan', async () => {
    const plan = await planFloor(supergraphSdl, ARREARS);
    const { sent, fetch } = stubSubgraphs((subgraph, body) =>
      subgraph === 'courts'
        ? { status: 401, json: { errors: [{ message: 'unauthenticated' }] } }
        : subgraph === 'tax'
          ? { json: { data: { _entities: [null, { name: 'n' }] }, errors: [{ message: 'not found' }] } }
          : arrearsAnswers(subgraph, body),
    );
    const result = await executeFloor(plan, {}, { subgraphUrls: urls, assertions, fetch });
    expect(sent).toHaveLength(3);
    expect(result.errors.map((e) => [e.subgraph, e.status]).sort()).toEqual([
      ['courts', 401],
      ['tax', 200],
    ]);
    expect(result.errors.find((e) => e.subgraph === 'tax')!.message).toBe('not found');
  });
});
