// Batched subgraph requests: the gateway sends the subgraph requests of concurrent operations as one
// HTTP request, each operation with its own signed caller. Each caller must still get exactly its own
// answer under its own row-level rules, and the batch must share its loads (fewer SQL statements).
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../core/identity.js';
import { subgraphNames } from '../../core/subgraphs.js';
import { ASSERTION_EXTENSION, createAssertionSigner } from '../../core/tokens.js';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub.js';
import { testIdentity, tokenFor } from '../support/identities.js';

const world = buildWorld('test');
const showcase = world.showcase.creditCode;
const others = world.tax.enterprises.filter((e) => e.creditCode !== showcase).map((e) => e.creditCode);
const ENTERPRISE = `query ($c: ID!) { enterprise(creditCode: $c) { creditCode name } }`;

let hub: TestHub;
let taxUrl: string;
let sign: Awaited<ReturnType<typeof createAssertionSigner>>;

beforeAll(async () => {
  hub = await startTestHub();
  const { port } = hub.hub.subgraphs.tax.http.address() as AddressInfo;
  taxUrl = `http://127.0.0.1:${port}/graphql`;
  sign = await createAssertionSigner();
});
afterAll(async () => hub?.dispose());

const contactOf = (creditCode: string): Identity => testIdentity('enterprise-contact', { creditCode });

/** One operation of a batch, signed for the tax subgraph as `identity` (no assertion when null). */
async function operation(identity: Identity | null, variables: Record<string, unknown>, query = ENTERPRISE) {
  const extensions = identity
    ? { [ASSERTION_EXTENSION]: await sign({ identity, purpose: null }, 'tax') }
    : {};
  return { query, variables, extensions };
}

async function postToTax(body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(taxUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

type EnterpriseAnswer = GraphQLResponse<{ enterprise: { creditCode: string; name: string } | null }>;
const code = (answer: EnterpriseAnswer) => answer.errors?.[0]?.extensions?.code;

describe('a subgraph serving a batch', () => {
  it('answers each operation as its own caller: two enterprise contacts, each sees only its own', async () => {
    const [a, b] = [showcase, others[0]!];
    const { status, body } = await postToTax([
      await operation(contactOf(a), { c: a }),
      await operation(contactOf(b), { c: b }),
      await operation(contactOf(a), { c: b }),
      await operation(contactOf(b), { c: a }),
    ]);
    expect(status).toBe(200);
    const answers = body as EnterpriseAnswer[];
    expect(answers.map((x) => x.data?.enterprise?.creditCode ?? null)).toEqual([a, b, null, null]);
    expect(answers.map(code)).toEqual([undefined, undefined, 'FORBIDDEN', 'FORBIDDEN']);
  });

  it('shares its loads: three enterprises in one batch cost the SQL statements of one', async () => {
    const sql = hub.hub.subgraphs.tax.sql;
    const analyst = testIdentity('analyst');
    let before = sql.count;
    await postToTax(await operation(analyst, { c: others[1] }));
    const alone = sql.count - before;
    before = sql.count;
    const { body } = await postToTax(
      await Promise.all(others.slice(2, 5).map((c) => operation(analyst, { c }))),
    );
    const batched = sql.count - before;
    expect((body as EnterpriseAnswer[]).map((x) => x.data?.enterprise?.creditCode)).toEqual(
      others.slice(2, 5),
    );
    expect(alone).toBeGreaterThan(0);
    expect(batched).toBe(alone);
  });

  it('refuses an operation without a signed caller, and serves the rest of the batch', async () => {
    const { body } = await postToTax([
      await operation(null, { c: showcase }),
      await operation(testIdentity('analyst'), { c: showcase }),
    ]);
    const [refused, served] = body as EnterpriseAnswer[];
    expect(code(refused!)).toBe('UNAUTHENTICATED');
    expect(refused!.data ?? null).toBeNull();
    expect(served!.data?.enterprise?.creditCode).toBe(showcase);
  });

  it('refuses an empty batch and one over 100 operations with BATCH_TOO_LARGE', async () => {
    const one = await operation(testIdentity('analyst'), { c: showcase });
    for (const batch of [[], Array.from({ length: 101 }, () => one)]) {
      const { status, body } = await postToTax(batch);
      expect(status).toBe(400);
      expect((body as EnterpriseAnswer).errors?.[0]?.extensions?.code).toBe('BATCH_TOO_LARGE');
    }
  });
});

describe('the gateway under concurrent operations of several callers', () => {
  it('batches their subgraph requests and gives every caller exactly the answer it gets alone', async () => {
    const callers = [
      { token: await tokenFor('enterprise-contact', { creditCode: showcase }) },
      { token: await tokenFor('enterprise-contact', { creditCode: others[0]! }) },
      { token: await tokenFor('analyst'), purpose: world.showcase.caseNumber },
    ];
    const query = `query ($c: ID!) { enterprise(creditCode: $c) { creditCode name
      socialInsurance { accountNumber } medicalInsurance { accountNumber } } }`;
    const asks = Array.from({ length: 30 }, (_, i) => ({
      caller: callers[i % 3]!,
      c: [showcase, others[0]!, others[i % 7]!][i % 2 === 0 ? 0 : 1]!,
    }));
    const strip = (body: GraphQLResponse<unknown>) =>
      JSON.stringify({ data: body.data, errors: body.errors });
    const alone = [];
    for (const ask of asks) alone.push(strip((await hub.query(query, { c: ask.c }, ask.caller)).body));

    const counters = async () => {
      let operations = 0;
      let httpRequests = 0;
      for (const name of subgraphNames) {
        const { port } = hub.hub.subgraphs[name].http.address() as AddressInfo;
        const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        operations += Number(/^hub_graphql_requests_total\{[^}]*\} (\d+)$/m.exec(text)![1]);
        httpRequests += Number(/^hub_http_requests_total\{[^}]*\} (\d+)$/m.exec(text)![1]);
      }
      return { operations, httpRequests };
    };
    const before = await counters();
    const together = await Promise.all(asks.map((ask) => hub.query(query, { c: ask.c }, ask.caller)));
    const after = await counters();

    expect(together.map((r) => strip(r.body))).toEqual(alone);
    // Answers differ by caller: the contacts are refused each other's enterprise.
    expect(new Set(alone).size).toBeGreaterThan(1);
    expect(after.httpRequests - before.httpRequests).toBeLessThan(after.operations - before.operations);
  });
});
