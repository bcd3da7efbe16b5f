// The registry of persisted operations: the committed operations are valid against the supergraph,
// within the default limits, and keep their hashes.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Supergraph, printSchema } from '@apollo/federation-internals';
import { buildSchema, parse, type GraphQLSchema } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { supergraphPath } from '../../core/composition.js';
import { checkOperationLimits, defaultLimits } from '../../gateway/limits.js';
import {
  loadPersistedOperations,
  manifestJson,
  manifestPath,
  normalizeOperation,
  operationsDir,
  validatePersistedOperations,
} from '../../gateway/persisted-operations.js';

/** The supergraph's API schema (what clients query), rebuilt with this file's graphql-js. */
function apiSchema(): GraphQLSchema {
  const supergraph = Supergraph.build(readFileSync(supergraphPath, 'utf8'), { supportedFeatures: null });
  return buildSchema(printSchema(supergraph.apiSchema()));
}

const registry = loadPersistedOperations();
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const scratchDirs: string[] = [];
/** A throw-away operations folder holding `files`. */
function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-operations-'));
  scratchDirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the committed operations', () => {
  it('are the ones the frontends use', () => {
    expect(registry.list().map((op) => op.name)).toEqual([
      'AddInternalNote',
      'AppealQueue',
      'AppealRates',
      'DisputeTimeline',
      'EmployersInArrears',
      'EnterpriseAcrossAgencies',
      'EnterprisesAcrossAgencies',
      'EnterprisesPage',
      'GenerateAppealAnalysis',
      'HealthCheckReportPage',
      'HealthCheckSources',
      'IssueHealthCheckReport',
      'IssueHealthCheckReports',
      'NearestServicePoints',
      'PersonAcrossAgencies',
      'ProactiveFailedDeductions',
      'RecordAppealStep',
      'RecordDisputeFinding',
      'RecordDisputeStep',
      'RegisterAppeal',
      'RegisterDispute',
      'ServiceHandbook',
      'SubmitBasicInfoForm',
      'ValidReportsByYear',
      'Viewer',
    ]);
  });

  it("validate against the supergraph's API schema", () => {
    expect(validatePersistedOperations(registry, apiSchema())).toEqual([]);
  });

  it('would be reported if the supergraph stopped serving a field they use', () => {
    const stale = loadPersistedOperations(
      folderWith({ 'Stale.graphql': 'query Stale { enterprise(creditCode: "x") { nickname } }' }),
    );
    expect(validatePersistedOperations(stale, apiSchema())).toEqual([
      expect.stringMatching(/^Stale: Cannot query field "nickname" on type "Enterprise"/),
    ]);
  });

  it('stay within the default limits at the page sizes the frontends send', () => {
    const schema = apiSchema();
    const variables: Record<string, Record<string, unknown>[]> = {
      EnterpriseAcrossAgencies: [{ creditCode: '91350100M000100Y43' }],
      EnterprisesPage: [{}, { first: 500 }],
      PersonAcrossAgencies: [{ personId: 'P1' }, { personId: 'P1', periods: 120 }],
      EmployersInArrears: [{}, { first: 100 }],
      NearestServicePoints: [{ latitude: 31.86, longitude: 106.75, first: 50 }],
    };
    for (const op of registry.list()) {
      for (const values of variables[op.name] ?? [{}]) {
        const errors = checkOperationLimits(schema, parse(op.document), op.name, defaultLimits, values);
        expect(errors, `${op.name} ${JSON.stringify(values)}`).toEqual([]);
      }
    }
  });

  it('are listed in operations/manifest.json as the registry hashes them', () => {
    expect(readFileSync(manifestPath, 'utf8'), 'run `tsx scripts/operations-manifest.ts`').toBe(
      manifestJson(registry),
    );
  });
});

describe('hashes', () => {
  it('are the sha256 of the normalized document, which is what the gateway runs', () => {
    for (const op of registry.list()) {
      const file = readFileSync(join(operationsDir, `${op.name}.graphql`), 'utf8');
      expect(op.document).toBe(normalizeOperation(file));
      expect(op.sha256).toBe(sha256(op.document));
      expect(op.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('find their operation, in either case of hex digits', () => {
    for (const op of registry.list()) {
      expect(registry.byHash(op.sha256)).toBe(op);
      expect(registry.byHash(op.sha256.toUpperCase())).toBe(op);
      expect(registry.byName(op.name)).toBe(op);
    }
    expect(registry.byHash('0'.repeat(64))).toBeUndefined();
    expect(registry.byName('DropEverything')).toBeUndefined();
  });

  it('do not change with comments or layout, and do change with the operation', () => {
    const original = registry.byName('NearestServicePoints');
    if (!original) throw new Error('NearestServicePoints is not registered');
    const reformatted = `# 同一操作，另一种排版 (same operation, other layout)
      query NearestServicePoints($latitude: Float!, $longitude: Float!, $service: ServiceKind, $first: Int = 5)
      { nearestServicePoints(latitude: $latitude, longitude: $longitude, service: $service, first: $first)
        { distanceMeters point { id name kind district address latitude longitude services openingHours
          hostOrganisation phone } } }`;
    const again = loadPersistedOperations(folderWith({ 'NearestServicePoints.graphql': reformatted }));
    expect(again.byName('NearestServicePoints')?.sha256).toBe(original.sha256);

    const changed = reformatted.replace('phone', 'phone __typename');
    const other = loadPersistedOperations(folderWith({ 'NearestServicePoints.graphql': changed }));
    expect(other.byName('NearestServicePoints')?.sha256).not.toBe(original.sha256);
  });
});

describe('loading', () => {
  it('reads only .graphql files and keeps fragments with their operation', () => {
    const dir = folderWith({
      'Names.graphql':
        'query Names { enterprises { edges { node { ...Name } } } } fragment Name on Enterprise { name }',
      'manifest.json': '[]',
      'README.md': '# notes',
    });
    const loaded = loadPersistedOperations(dir);
    expect(loaded.list().map((op) => op.name)).toEqual(['Names']);
    expect(loaded.byName('Names')?.document).toContain('fragment Name on Enterprise');
  });

  it.each([
    [
      'Broken.graphql',
      'query Broken { enterprise(',
      /Broken\.graphql: 不是合法的 GraphQL \(not valid GraphQL\)/,
    ],
    ['Two.graphql', 'query Two { __typename } query Three { __typename }', /exactly one named operation/],
    ['Anonymous.graphql', '{ __typename }', /exactly one named operation/],
    ['Types.graphql', 'query Types { __typename } type Extra { a: Int }', /exactly one named operation/],
    ['Other.graphql', 'query Mismatch { __typename }', /must be named Mismatch\.graphql/],
  ])('refuses %s, naming the file', (file, text, message) => {
    expect(() => loadPersistedOperations(folderWith({ [file]: text }))).toThrow(message);
  });
});
