// The tax subgraph in process, on its own real PostgreSQL database seeded with the 'test' world.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar, organisationCodeCheckChar } from '../../core/identifiers.js';
import { buildWorld } from '../../subgraphs/shared/demo-world/index.js';
import { execute, startTestSubgraph, type TestSubgraph } from '../support/databases.js';

const world = buildWorld('test');
let tax: TestSubgraph;

beforeAll(async () => {
  tax = await startTestSubgraph('tax');
});
afterAll(async () => tax?.dispose());

describe('tax subgraph', () => {
  it('returns an enterprise by credit code with its core registry fields', async () => {
    const expected = world.tax.enterprises.find((e) => e.creditCode === world.showcase.creditCode)!;
    const result = await execute(
      tax.runtime,
      `query ($code: ID!) { enterprise(creditCode: $code) { creditCode name district industry registrationType
        creditRating isLargeEnterprise taxOffice taxStatus registeredOn } }`,
      { code: expected.creditCode },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      enterprise: {
        creditCode: expected.creditCode,
        name: expected.name,
        district: expected.district,
        industry: expected.industry,
        registrationType: expected.registrationType,
        creditRating: expected.creditRating,
        isLargeEnterprise: expected.isLargeEnterprise,
        taxOffice: expected.taxOffice,
        taxStatus: expected.taxStatus,
        registeredOn: expected.registeredOn,
      },
    });
  });

  it('resolves entity references in one batch, as the gateway sends them (_entities)', async () => {
    const codes = world.tax.enterprises.slice(0, 25).map((e) => e.creditCode);
    const before = tax.runtime.sql.count;
    const result = await execute<{ _entities: { creditCode: string; name: string }[] }>(
      tax.runtime,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Enterprise { creditCode name } } }`,
      { representations: [...codes.map((creditCode) => ({ __typename: 'Enterprise', creditCode }))] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((e) => e.creditCode)).toEqual(codes);
    expect(tax.runtime.sql.count - before).toBe(1);
  });

  it('refuses a credit code whose GB 32100 check character is wrong', async () => {
    const good = world.showcase.creditCode;
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const result = await execute(tax.runtime, `query ($c: ID!) { enterprise(creditCode: $c) { name } }`, {
      c: bad,
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_CREDIT_CODE');
    expect(result.errors?.[0]?.message).toContain('校验位');
  });

  it('answers NOT_FOUND for a valid but unregistered credit code', async () => {
    const first17 = '91511902' + '12345678' + organisationCodeCheckChar('12345678');
    const unregistered = first17 + creditCodeCheckChar(first17);
    expect(world.tax.enterprises.some((e) => e.creditCode === unregistered)).toBe(false);
    const result = await execute(tax.runtime, `query ($c: ID!) { enterprise(creditCode: $c) { name } }`, {
      c: unregistered,
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.data?.enterprise).toBeNull();
  });

  it('pages through enterprises with a filter, with cursors and a total', async () => {
    const large = world.tax.enterprises
      .filter((e) => e.isLargeEnterprise)
      .map((e) => e.creditCode)
      .sort();
    const query = `query ($after: String) { enterprises(filter: { isLargeEnterprise: true }, first: 7, after: $after) {
      edges { node { creditCode } } pageInfo { hasNextPage endCursor } totalCount } }`;
    const seen: string[] = [];
    let after: string | null = null;
    type Page = {
      enterprises: {
        edges: { node: { creditCode: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
        totalCount: number;
      };
    };
    for (;;) {
      const result: Awaited<ReturnType<typeof execute<Page>>> = await execute<Page>(tax.runtime, query, {
        after,
      });
      expect(result.errors).toBeUndefined();
      const page = result.data!.enterprises;
      expect(page.totalCount).toBe(large.length);
      seen.push(...page.edges.map((e) => e.node.creditCode));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(large);
  });

  it('refuses a negative page size and a forged cursor with stable codes', async () => {
    const negative = await execute(tax.runtime, `{ enterprises(first: -1) { totalCount } }`);
    expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forged = await execute(tax.runtime, `{ enterprises(after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(forged.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });

  it('keeps migrations in step with the entities (no pending schema difference)', async () => {
    const diff = await tax.runtime.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});
