// Operation limits: each limit at and just past its threshold, fragments, variables, the token guard.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Supergraph, printSchema } from '@apollo/federation-internals';
import { buildSchema, getIntrospectionQuery, parse, validate, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { supergraphPath } from '../../core/composition.js';
import {
  checkOperationLimits,
  checkTokenLimit,
  countTokens,
  defaultLimits,
  limitErrorCodes,
  limitsFromEnv,
  measureOperation,
  type OperationLimits,
  type OperationMeasure,
} from '../../gateway/limits.js';

/**
 * The schema clients query: the API schema of the committed supergraph, printed and rebuilt with this
 * file's graphql-js. Feature support is not checked: `for: SECURITY` features such as @authenticated
 * do not change which operations are valid.
 */
function apiSchema(): GraphQLSchema {
  const supergraph = Supergraph.build(readFileSync(supergraphPath, 'utf8'), { supportedFeatures: null });
  return buildSchema(printSchema(supergraph.apiSchema()));
}

const schema = apiSchema();
const creditCode = '91350100M000100Y43';

/** Every limit out of the way, so that a test sees only the one it sets. */
const relaxed: OperationLimits = {
  maxDepth: 1e9,
  maxAliases: 1e9,
  maxCost: Number.MAX_SAFE_INTEGER,
  maxTokens: 1e9,
  maxDirectives: 1e9,
  maxBodyBytes: 1e9,
  maxExecutionMs: 1e9,
};

const measure = (source: string, operationName?: string, variables?: Record<string, unknown>) =>
  measureOperation(schema, parse(source), operationName, variables);

const codesOf = (source: string, limits: OperationLimits, variables?: Record<string, unknown>) =>
  checkOperationLimits(schema, parse(source), undefined, limits, variables).map((e) => e.extensions.code);

/** `depth` nested fields: enterprise → courtCases → parties → enterprise → … → __typename. */
function nested(depth: number): string {
  const cycle = ['courtCases', 'parties', 'enterprise'];
  let inner = '__typename';
  for (let level = depth - 2; level >= 1; level--) inner = `${cycle[(level - 1) % 3]} { ${inner} }`;
  return `{ enterprise(creditCode: "${creditCode}") { ${inner} } }`;
}

const aliased = (count: number) =>
  `{ enterprise(creditCode: "${creditCode}") { ${Array.from({ length: count }, (_, i) => `n${i}: name`).join(' ')} } }`;

const directed = (count: number) =>
  `{ enterprise(creditCode: "${creditCode}") { ${'name @include(if: true) '.repeat(count)}} }`;

/** Cost 2 + pageSize: the connection and its edges once, one cursor per edge. */
const cursors = (pageSize: number) => `{ enterprises(first: ${pageSize}) { edges { cursor } } }`;

/**
 * `count` tokens: `{ enterprises { … } }` has five besides its fields; `tN: totalCount` has three.
 * Distinct aliases keep validation linear (repeating one field would make it compare every pair).
 */
function tokens(count: number): string {
  const aliases = Math.floor((count - 5) / 3);
  const fields = Array.from({ length: aliases }, (_, i) => `t${i}: totalCount`);
  return `{ enterprises { ${[...fields, ...Array<string>((count - 5) % 3).fill('totalCount')].join(' ')} } }`;
}

describe('limitsFromEnv', () => {
  it('defaults to the hub limits', () => {
    expect(limitsFromEnv({})).toEqual({
      maxDepth: 12,
      maxAliases: 30,
      maxCost: 50_000,
      maxTokens: 2_000,
      maxDirectives: 20,
      maxBodyBytes: 262_144,
      maxExecutionMs: 15_000,
    });
  });

  it('takes each HUB_MAX_* variable; an empty one counts as unset', () => {
    const limits = limitsFromEnv({
      HUB_MAX_DEPTH: '8',
      HUB_MAX_ALIASES: '0',
      HUB_MAX_COST: ' 80000 ',
      HUB_MAX_TOKENS: '',
      HUB_MAX_DIRECTIVES: '5',
      HUB_MAX_BODY_BYTES: '65536',
      HUB_MAX_EXECUTION_MS: '3000',
    });
    expect(limits).toEqual({
      maxDepth: 8,
      maxAliases: 0,
      maxCost: 80_000,
      maxTokens: 2_000,
      maxDirectives: 5,
      maxBodyBytes: 65_536,
      maxExecutionMs: 3_000,
    });
  });

  it.each([
    ['HUB_MAX_DEPTH', 'twelve'],
    ['HUB_MAX_DEPTH', '0'],
    ['HUB_MAX_COST', '-1'],
    ['HUB_MAX_TOKENS', '1.5'],
    ['HUB_MAX_BODY_BYTES', '256k'],
    ['HUB_MAX_EXECUTION_MS', '1e4'],
    ['HUB_MAX_ALIASES', '99999999999999999999'],
  ])('refuses %s=%s with an error naming the variable', (name, value) => {
    expect(() => limitsFromEnv({ [name]: value })).toThrow(new RegExp(`${name} must be a whole number`));
  });
});

describe('each limit, at its threshold and one past it', () => {
  const table: {
    code: keyof typeof limitErrorCodes;
    limit: keyof OperationLimits;
    measured?: keyof OperationMeasure;
    at: string;
    past: string;
    pastActual: number;
  }[] = [
    {
      code: 'MAX_DEPTH_EXCEEDED',
      limit: 'maxDepth',
      measured: 'depth',
      at: nested(12),
      past: nested(13),
      pastActual: 13,
    },
    {
      code: 'MAX_ALIASES_EXCEEDED',
      limit: 'maxAliases',
      measured: 'aliases',
      at: aliased(30),
      past: aliased(31),
      pastActual: 31,
    },
    {
      code: 'MAX_DIRECTIVES_EXCEEDED',
      limit: 'maxDirectives',
      measured: 'directives',
      at: directed(20),
      past: directed(21),
      pastActual: 21,
    },
    {
      code: 'MAX_COST_EXCEEDED',
      limit: 'maxCost',
      measured: 'cost',
      at: cursors(49_998),
      past: cursors(49_999),
      pastActual: 50_001,
    },
    // Lexing stops at the first token past the limit: the measured value is the limit + 1.
    {
      code: 'MAX_TOKENS_EXCEEDED',
      limit: 'maxTokens',
      at: tokens(2_000),
      past: tokens(2_001),
      pastActual: 2_001,
    },
  ];

  it.each(table)('$code', ({ code, limit, measured, at, past, pastActual }) => {
    const limits = { ...relaxed, [limit]: defaultLimits[limit] };
    const errorsOf = (source: string) =>
      limit === 'maxTokens'
        ? [checkTokenLimit(source, limits)].filter((e) => e !== undefined)
        : checkOperationLimits(schema, parse(source), undefined, limits);

    // Both documents are valid operations: only the limit tells them apart.
    expect(validate(schema, parse(at))).toEqual([]);
    expect(validate(schema, parse(past))).toEqual([]);
    if (measured) expect(measure(at)?.[measured]).toBe(defaultLimits[limit]);
    else expect(countTokens(at, defaultLimits[limit])).toBe(defaultLimits[limit]);

    expect(errorsOf(at)).toEqual([]);
    const errors = errorsOf(past);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.extensions).toEqual({ code, limit: defaultLimits[limit], actual: pastActual });
    // The message states both figures, in Chinese with English in brackets.
    expect(errors[0]?.message).toMatch(/^[^(]*[\u4e00-\u9fff][^(]*\(.+\)$/);
    expect(errors[0]?.message).toContain(String(pastActual));
    expect(errors[0]?.message).toContain(String(defaultLimits[limit]));
  });

  it('reports every limit an operation exceeds, once each', () => {
    // Depth 5, 31 aliases, 31 directives, cost 31 × (2 + 500 × (node 1 + courtCases 1 + 5 cases)) = 108,562.
    const source = `{ ${Array.from({ length: 31 }, (_, i) => `e${i}: enterprises(first: 500) { edges { node { courtCases @include(if: true) { caseNumber } } } }`).join(' ')} }`;
    const limits = { ...defaultLimits, maxDepth: 3 };
    expect(codesOf(source, limits)).toEqual([
      'MAX_DEPTH_EXCEEDED',
      'MAX_ALIASES_EXCEEDED',
      'MAX_DIRECTIVES_EXCEEDED',
      'MAX_COST_EXCEEDED',
    ]);
  });

  it('every code has a description in Chinese with English in brackets', () => {
    expect(Object.keys(limitErrorCodes).sort()).toEqual(table.map((row) => row.code).sort());
    for (const text of Object.values(limitErrorCodes)) expect(text).toMatch(/[\u4e00-\u9fff].*\(.+\)$/);
  });
});

it("measures the gateway's own schema object, built by graphql-js's other (CommonJS) copy", () => {
  // Under vitest this file gets graphql's ESM build and @apollo/* its CommonJS build; instanceof-based
  // predicates would throw on the gateway's types, which a didResolveOperation plugin receives.
  const gatewaySchema = Supergraph.build(readFileSync(supergraphPath, 'utf8'), { supportedFeatures: null })
    .apiSchema()
    .toGraphQLJSSchema();
  const source = `{ enterprises(first: 100) { edges { node { courtCases { parties { displayName } } } } } __typename }`;
  expect(measureOperation(gatewaySchema, parse(source))).toEqual(measure(source));
});

describe('the operation that will run', () => {
  const two = `
    query Small { enterprise(creditCode: "${creditCode}") { name } }
    query Big { enterprises(first: 500) { edges { node { courtCases { parties {
      displayName enterprise { courtCases { caseNumber } } } } } } } }`;

  it('is the named one', () => {
    expect(measure(two, 'Small')?.cost).toBe(2);
    expect(measure(two, 'Big')?.cost).toBe(2 + 500 * 207);
    expect(checkOperationLimits(schema, parse(two), 'Small', defaultLimits)).toEqual([]);
    expect(
      checkOperationLimits(schema, parse(two), 'Big', defaultLimits).map((e) => e.extensions.code),
    ).toEqual(['MAX_COST_EXCEEDED']);
  });

  it('is nothing when the name is missing or unknown: execution reports that', () => {
    expect(measure(two)).toBeUndefined();
    expect(checkOperationLimits(schema, parse(two), undefined, defaultLimits)).toEqual([]);
    expect(checkOperationLimits(schema, parse(two), 'Other', defaultLimits)).toEqual([]);
  });
});

describe('cost', () => {
  /** Each enterprise's cases, their parties, and the cases of the parties that are enterprises. */
  const network = (first: number) =>
    `{ enterprises(first: ${first}) { edges { node { courtCases { parties {
      displayName enterprise { courtCases { caseNumber } } } } } } } }`;

  it('scales with the page size: 500 enterprises with their case network cost ten times 50', () => {
    // enterprises 1 + edges 1 + first × (node 1 + courtCases 1 + 5 cases × (parties 1 + 5 parties ×
    // (displayName 1 + enterprise 1 + courtCases 1 + 5 cases × caseNumber 1))) = 2 + first × 207
    expect(measure(network(500))?.cost).toBe(2 + 500 * 207);
    expect(measure(network(50))?.cost).toBe(2 + 50 * 207);
    expect(codesOf(network(500), defaultLimits)).toEqual(['MAX_COST_EXCEEDED']);
    expect(codesOf(network(50), defaultLimits)).toEqual([]);
    // The largest page within the limit: 2 + 241 × 207 = 49,889, while 2 + 242 × 207 = 50,096.
    expect(codesOf(network(241), defaultLimits)).toEqual([]);
    expect(codesOf(network(242), defaultLimits)).toEqual(['MAX_COST_EXCEEDED']);
  });

  it('takes a list without first/last as 5 items, and counts totalCount and pageInfo once per page', () => {
    expect(measure(`{ enterprise(creditCode: "${creditCode}") { courtCases { caseNumber } } }`)?.cost).toBe(
      1 + 1 + 5,
    );
    // Relations within relations multiply: 5 cases × 5 parties.
    expect(
      measure(`{ enterprise(creditCode: "${creditCode}") { courtCases { parties { displayName } } } }`)?.cost,
    ).toBe(1 + 1 + 5 * (1 + 5));
    expect(
      measure('{ enterprises(first: 100) { totalCount pageInfo { hasNextPage endCursor } } }')?.cost,
    ).toBe(1 + 1 + 3);
  });

  it('takes the schema default of first/last when the argument is not given', () => {
    expect(measure('{ enterprises { edges { cursor } } }')?.cost).toBe(2 + 20);
    // nearestServicePoints returns a list and defaults to first: 5.
    expect(
      measure('{ nearestServicePoints(latitude: 31.86, longitude: 106.75) { distanceMeters } }')?.cost,
    ).toBe(1 + 5);
  });

  it('takes a first/last without value or schema default as 20, apart from the 5 of a list without one', () => {
    // Every first/last of the hub's schema has a default; this schema's have none.
    const bare = buildSchema(`
      type Query { items(first: Int): ItemConnection! recent(last: Int): [Tag!]! tags: [Tag!]! }
      type ItemConnection { totalCount: Int! edges: [ItemEdge!]! }
      type ItemEdge { node: Item! }
      type Item { id: ID! tags: [Tag!]! }
      type Tag { name: String! }`);
    const cost = (source: string, variables?: Record<string, unknown>) => {
      expect(validate(bare, parse(source))).toEqual([]);
      return measureOperation(bare, parse(source), undefined, variables)?.cost;
    };
    expect(cost('{ tags { name } }')).toBe(1 + 5);
    expect(cost('{ recent { name } }')).toBe(1 + 20);
    expect(cost('{ recent(last: 3) { name } }')).toBe(1 + 3);
    // items 1 + totalCount 1 + edges 1 + 20 × (node 1 + id 1 + tags 1 + 5 × name 1)
    expect(cost('{ items { totalCount edges { node { id tags { name } } } } }')).toBe(
      1 + 1 + 1 + 20 * (1 + 1 + 1 + 5),
    );
    const page = 'query Page($n: Int) { items(first: $n) { edges { node { id } } } }';
    expect(cost(page, {})).toBe(1 + 1 + 20 * (1 + 1));
    expect(cost(page, { n: 3 })).toBe(1 + 1 + 3 * (1 + 1));
  });

  describe('with variables in first/last', () => {
    const page = 'query Page($n: Int) { enterprises(first: $n) { edges { cursor } } }';
    const pageWithDefault = 'query Page($n: Int = 50) { enterprises(first: $n) { edges { cursor } } }';
    const periods =
      'query Periods($k: Int) { person(personId: "P1") { socialInsurance { contributions(last: $k) { period } } } }';

    it.each([
      [page, { n: 100 }, 2 + 100],
      [page, {}, 2 + 20], // not sent: the schema default
      [page, { n: null }, 2 + 20],
      [pageWithDefault, {}, 2 + 50], // not sent: the operation's default
      [pageWithDefault, { n: 7 }, 2 + 7],
      [periods, { k: 120 }, 3 + 120],
      [periods, {}, 3 + 24],
    ])('%s with %j costs %i', (source, variables, cost) => {
      expect(measure(source, undefined, variables)?.cost).toBe(cost);
    });

    it('refuses a page size sent as a variable that the literal limit would catch too', () => {
      expect(codesOf(page, defaultLimits, { n: 49_998 })).toEqual([]);
      expect(codesOf(page, defaultLimits, { n: 49_999 })).toEqual(['MAX_COST_EXCEEDED']);
    });
  });

  it('counts __typename and introspection fields as any field', () => {
    expect(measure('{ __typename }')).toEqual({ depth: 1, aliases: 0, directives: 0, cost: 1 });
    expect(measure('{ __schema { types { name fields { name } } } }')).toEqual({
      depth: 4,
      aliases: 0,
      directives: 0,
      cost: 1 + 1 + 5 * (1 + 1 + 5),
    });
    // GraphiQL's full introspection query nests past the default depth (__schema types fields args type,
    // then TypeRef's 9 ofType and a name), but with 5 items a list it stays within the default cost:
    // TypeRef 29, InputValue 33, FullType 1,483, a directive 169, so
    // __schema 1 + 3 root types × 3 + types (1 + 5 × 1,483) + directives (1 + 5 × 169) = 8,272.
    const introspection = parse(getIntrospectionQuery());
    expect(measureOperation(schema, introspection, 'IntrospectionQuery')).toMatchObject({
      depth: 15,
      cost: 8_272,
    });
    expect(
      checkOperationLimits(schema, introspection, 'IntrospectionQuery', defaultLimits).map(
        (e) => e.extensions.code,
      ),
    ).toEqual(['MAX_DEPTH_EXCEEDED']);
  });
});

describe('fragments', () => {
  it('measure as if written out in place, named and inline', () => {
    const written = `{ enterprises(first: 50) { totalCount edges { node {
      name courtCases { caseNumber parties { displayName } } } } } }`;
    const withFragments = `
      query { enterprises(first: 50) { ...Page } }
      fragment Page on EnterpriseConnection { totalCount edges { node { ... on Enterprise { name } ...Cases } } }
      fragment Cases on Enterprise { courtCases { caseNumber parties { displayName } } }`;
    expect(validate(schema, parse(withFragments))).toEqual([]);
    expect(measure(withFragments)).toEqual(measure(written));
    expect(measure(written)?.depth).toBe(6);
  });

  it('count a fragment once per spread', () => {
    const source = `
      { a: enterprise(creditCode: "${creditCode}") { ...Names } b: enterprise(creditCode: "${creditCode}") { ...Names } }
      fragment Names on Enterprise { n1: name n2: name }`;
    expect(measure(source)?.aliases).toBe(2 + 2 * 2);
  });

  it('count directives wherever they are written: operation, variables, fields, spreads, fragments', () => {
    const source = `
      query Q($c: ID! @a) @b { enterprise(creditCode: $c) {
        name @include(if: true) ...F @include(if: true) ... on Enterprise @skip(if: false) { district } } }
      fragment F on Enterprise @c { industry }`;
    expect(measure(source)?.directives).toBe(6);
  });

  it.each([
    ['a fragment inside itself', 'fragment A on Enterprise { name ...A }', 1 + 1],
    [
      'a fragment through fields',
      'fragment A on Enterprise { name courtCases { parties { enterprise { ...A } } } }',
      1 + 1 + 1 + 5 * (1 + 5 * 1),
    ],
    [
      'two fragments through each other',
      `fragment A on Enterprise { courtCases { ...B } }
       fragment B on CourtCase { parties { enterprise { ...A } } }`,
      1 + 1 + 5 * (1 + 5 * 1),
    ],
  ])('end on a cycle (%s), which validation refuses anyway', (_name, fragments, cost) => {
    const source = `{ enterprise(creditCode: "${creditCode}") { ...A } } ${fragments}`;
    expect(validate(schema, parse(source)).map((e) => e.message)).toContainEqual(
      expect.stringMatching(/Cannot spread fragment "A" within itself/),
    );
    expect(measure(source)?.cost).toBe(cost);
  });

  it('are measured once each, so fragments reused at every level cannot stall the check', () => {
    // 2^40 written out: F0 spreads F1 twice, F1 spreads F2 twice, …
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Enterprise { ...F${i + 1} ...F${i + 1} }`,
    );
    const source = `{ enterprise(creditCode: "${creditCode}") { ...F0 } } ${fragments.join(' ')}
      fragment F${levels} on Enterprise { n: name @include(if: true) }`;
    const started = performance.now();
    const result = measure(source);
    expect(performance.now() - started).toBeLessThan(100);
    expect(result).toEqual({
      depth: 2,
      aliases: 2 ** levels,
      directives: 2 ** levels,
      cost: 1 + 2 ** levels,
    });
    expect(codesOf(source, defaultLimits)).toEqual([
      'MAX_ALIASES_EXCEEDED',
      'MAX_DIRECTIVES_EXCEEDED',
      'MAX_COST_EXCEEDED',
    ]);
  });

  it('saturate instead of overflowing to Infinity', () => {
    const fragments = Array.from(
      { length: 1100 },
      (_, i) => `fragment F${i} on Enterprise { ...F${i + 1} ...F${i + 1} }`,
    );
    const source = `{ enterprise(creditCode: "${creditCode}") { ...F0 } } ${fragments.join(' ')} fragment F1100 on Enterprise { name }`;
    expect(measure(source)?.cost).toBe(Number.MAX_SAFE_INTEGER);
    const [error] = checkOperationLimits(schema, parse(source), undefined, defaultLimits);
    expect(JSON.parse(JSON.stringify(error?.extensions))).toEqual({
      code: 'MAX_COST_EXCEEDED',
      limit: 50_000,
      actual: Number.MAX_SAFE_INTEGER,
    });
  });
});

describe('the token guard', () => {
  it('counts tokens as graphql-js parse({ maxTokens }) does: comments and the end are not tokens', () => {
    const sources = [
      '{ a }',
      '# 注释 (a comment)\n{ a b(c: "d") }',
      'query Q($n: Int = 5) { a(first: $n) { ...F } } fragment F on T { b }',
      '"""描述""" query { a }',
    ];
    for (const source of sources) {
      for (let max = 0; max <= 25; max++) {
        let refusedByParse = false;
        try {
          parse(source, { maxTokens: max });
        } catch {
          refusedByParse = true;
        }
        expect(countTokens(source, max) === 'exceeded', `${source} / ${max}`).toBe(refusedByParse);
      }
    }
    expect(countTokens('# 注释\n{ a }', 100)).toBe(3);
  });

  it('stops at a lexical error and leaves it to the parser', () => {
    expect(countTokens('{ a ~ b }', 100)).toBe(2);
  });

  it('refuses a 1 MB document after reading only its beginning', () => {
    const source = `{ ${'enterprises { totalCount } '.repeat(40_000)}}`;
    expect(source.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    expect(countTokens(source, defaultLimits.maxTokens)).toBe('exceeded');
    const error = checkTokenLimit(source, defaultLimits);
    const elapsed = performance.now() - started;
    expect(error?.extensions).toEqual({ code: 'MAX_TOKENS_EXCEEDED', limit: 2_000, actual: 2_001 });
    // Reading 2,001 tokens takes well under a millisecond; lexing the whole megabyte takes far longer.
    expect(elapsed).toBeLessThan(50);
  });
});
