// Health-check indicators as the gateway asks a subgraph for them (`_entities` of Enterprise), and the
// checks every agency's indicators share.
import { expect } from 'vitest';
import type { HealthIndicatorView } from '../../core/health-check.js';
import { rate, type HealthRule } from '../../subgraphs/shared/health/indicators.js';
import type { SubgraphRuntime } from '../../subgraphs/shared/factory.js';
import { testIdentity } from './identities.js';
import { execute } from './databases.js';

/** An indicator as GraphQL serves it: the agency upper case, `asOf` an ISO string. */
export type ServedIndicator = HealthIndicatorView;

const FIELDS = `code name sourceAgency value unit amberThreshold redThreshold higherIsWorse rating asOf note`;

/**
 * The indicators of `field` for each credit code, in key order (null where the enterprise was not
 * served), the errors, and the SQL statements the operation sent.
 */
export async function healthIndicatorsOf(
  runtime: SubgraphRuntime<unknown>,
  field: string,
  creditCodes: string[],
  identity = testIdentity('auditor'),
) {
  const before = runtime.sql.count;
  const result = await execute<{ _entities: ({ creditCode: string } & Record<string, ServedIndicator[]>)[] }>(
    runtime,
    `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { creditCode ${field} { ${FIELDS} } } } }`,
    { r: creditCodes.map((creditCode) => ({ __typename: 'Enterprise', creditCode })) },
    { identity, purpose: null },
  );
  const statements = runtime.sql.count - before;
  const indicators = (result.data?._entities ?? []).map((e) => (e ? e[field]! : null));
  return { indicators, errors: result.errors, statements };
}

/** An indicator spec as the brief states it: the expectations are written from it, not from the code. */
export interface ExpectedSpec {
  code: string;
  sourceAgency: string;
  unit: string;
  rule: HealthRule;
}

/**
 * One served indicator against its spec and the value the world's rows give: code, source, unit,
 * thresholds, value, a rating that follows the thresholds, `asOf` within the operation.
 */
export function expectIndicator(
  served: ServedIndicator,
  spec: ExpectedSpec,
  value: number,
  window: { startedAt: number; endedAt: number },
): void {
  expect(served.code).toBe(spec.code);
  expect(served.sourceAgency).toBe(spec.sourceAgency);
  expect(served.unit).toBe(spec.unit);
  expect(served.name).toMatch(/^\S.*\(.+\)$/);
  expect([served.amberThreshold, served.redThreshold, served.higherIsWorse]).toEqual([
    spec.rule.amber,
    spec.rule.red,
    spec.rule.higherIsWorse,
  ]);
  expect(served.value, `${spec.code} value`).toBeCloseTo(value, 2);
  expect(served.rating, `${spec.code} rating of ${value}`).toBe(rate(value, spec.rule));
  const asOf = Date.parse(served.asOf);
  expect(asOf).toBeGreaterThanOrEqual(window.startedAt);
  expect(asOf).toBeLessThanOrEqual(window.endedAt);
  expect(served.note).toBeTruthy();
}

/** Runs `run` and gives the time window it ran in, to check `asOf` against. */
export async function timed<T>(
  run: () => Promise<T>,
): Promise<T & { window: { startedAt: number; endedAt: number } }> {
  const startedAt = Date.now();
  const result = await run();
  return { ...result, window: { startedAt, endedAt: Date.now() } };
}
