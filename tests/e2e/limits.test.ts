// Operation limits and production mode, through the gateway over HTTP. This hub runs as production
// does: HUB_MODE=production (registered operations only, except an auditor's ad-hoc queries).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPersistedOperations } from '../../gateway/persisted-operations.js';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub.js';
import { tokenFor } from '../support/identities.js';

let hub: TestHub;
let auditor: string;
const operations = loadPersistedOperations();
const world = buildWorld('test');

beforeAll(async () => {
  hub = await startTestHub({
    HUB_MODE: 'production',
    HUB_MAX_EXECUTION_MS: '2000',
    COURTS_TIMEOUT_MS: '8000',
  });
  auditor = await tokenFor('auditor');
});
afterAll(async () => hub?.dispose());

const post = async (body: unknown, token: string | null = auditor) => {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as GraphQLResponse<Record<string, unknown>>,
  };
};
const code = (r: { body: GraphQLResponse<unknown> }) => r.body.errors?.[0]?.extensions?.code;

describe('operation limits', () => {
  // enterprise → courtCases → parties → enterprise → ...: three levels per round, any depth.
  const nested = (rounds: number) => {
    let selection = 'creditCode';
    for (let i = 0; i < rounds; i++) selection = `courtCases { parties { enterprise { ${selection} } } }`;
    return `{ enterprise(creditCode: "91350100M000100Y43") { ${selection} } }`;
  };
  const cases: [string, () => unknown, number, string][] = [
    ['depth', () => ({ query: nested(5) }), 400, 'MAX_DEPTH_EXCEEDED'],
    [
      'aliases',
      () => ({
        query: `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: servicePoints(first: 1) { totalCount }`).join(' ')} }`,
      }),
      400,
      'MAX_ALIASES_EXCEEDED',
    ],
    [
      'directives',
      () => ({
        query: `{ servicePoints(first: 1) { ${Array.from({ length: 21 }, (_, i) => `t${i}: totalCount @include(if: true)`).join(' ')} } }`,
      }),
      400,
      'MAX_DIRECTIVES_EXCEEDED',
    ],
    [
      'cost',
      () => ({
        query: `{ enterprises(first: 500) { edges { node { courtCases { parties { enterprise { courtCases { parties { displayName } } } } } } } } }`,
      }),
      400,
      'MAX_COST_EXCEEDED',
    ],
    ['tokens', () => ({ query: `{ ${'__typename '.repeat(2_100)} }` }), 400, 'MAX_TOKENS_EXCEEDED'],
    [
      'body size',
      () => JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(300 * 1024) } }),
      413,
      'BODY_TOO_LARGE',
    ],
    [
      'batched operations',
      () => [{ query: '{ __typename }' }, { query: '{ __typename }' }],
      400,
      'BAD_REQUEST',
    ],
  ];
  for (const [label, body, status, expected] of cases) {
    it(`refuses an operation over the ${label} limit with ${expected}`, async () => {
      const result = await post(body());
      expect(result.status).toBe(status);
      expect(code(result), JSON.stringify(result.body)).toBe(expected);
    });
  }

  it('cuts an operation that runs too long with 504 EXECUTION_TIMEOUT', async () => {
    // The courts database is held by a lock, so the courts subgraph answers only after the gateway's limit.
    const courts = new pg.Client({ connectionString: hub.hub.databases.urls.courts });
    await courts.connect();
    await courts.query('begin');
    await courts.query('lock table court_case in access exclusive mode');
    try {
      const result = await post({ query: '{ courtCases(first: 1) { totalCount } }' });
      expect(result.status).toBe(504);
      expect(code(result)).toBe('EXECUTION_TIMEOUT');
    } finally {
      await courts.query('rollback');
      await courts.end();
    }
  });
});

describe('production mode', () => {
  it('runs a registered operation sent by its hash', async () => {
    const operation = operations.byName('EnterprisesPage')!;
    const result = await post(
      {
        variables: { first: 3 },
        extensions: { persistedQuery: { version: 1, sha256Hash: operation.sha256 } },
      },
      await tokenFor('analyst'),
    );
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect((result.body.data!.enterprises as { edges: unknown[] }).edges).toHaveLength(3);
  });

  it('runs the registered mutation: staff add an internal note by its hash', async () => {
    const operation = operations.byName('AddInternalNote')!;
    const input = {
      creditCode: world.showcase.creditCode,
      content: '生产模式备注 (a note in production mode)',
      idempotencyKey: `production-${Date.now()}`,
    };
    const result = await post(
      { variables: { input }, extensions: { persistedQuery: { version: 1, sha256Hash: operation.sha256 } } },
      await tokenFor('analyst'),
    );
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.addInternalNote).toMatchObject({ creditCode: input.creditCode, agency: 'TAX' });
  });

  it('refuses an unknown hash and an ad-hoc query from anyone but an auditor', async () => {
    const unknown = await post(
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } },
      await tokenFor('analyst'),
    );
    expect(code(unknown)).toBe('PERSISTED_QUERY_NOT_FOUND');
    const adHoc = await post(
      { query: '{ enterprises(first: 1) { totalCount } }' },
      await tokenFor('analyst'),
    );
    expect(adHoc.status).toBe(400);
    expect(code(adHoc)).toBe('PERSISTED_OPERATION_REQUIRED');
    const byAuditor = await post({ query: '{ enterprises(first: 1) { totalCount } }' });
    expect(byAuditor.body.errors).toBeUndefined();
  });

  it('turns off introspection, field suggestions and GraphiQL', async () => {
    const introspection = await post({ query: '{ __schema { types { name } } }' });
    expect(code(introspection)).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await post({ query: '{ enterprises(first: 1) { totalCont } }' });
    expect(code(typo)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.body.errors![0]!.message).not.toMatch(/Did you mean/);
    const page = await fetch(hub.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('GraphiQL');
  });

  it('keeps CSRF prevention on: a simple GET without a preflight header is refused', async () => {
    const operation = operations.byName('EnterprisesPage')!;
    const url = `${hub.url}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: operation.sha256 } }))}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${await tokenFor('analyst')}` } });
    expect(response.status).toBe(400);
    const withHeader = await fetch(url, {
      headers: { authorization: `Bearer ${await tokenFor('analyst')}`, 'apollo-require-preflight': 'true' },
    });
    expect(withHeader.status, await withHeader.text()).toBe(200);
  });
});
