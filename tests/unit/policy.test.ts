// Field policy read from the committed supergraph, and the rules that decide each field.
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { supergraphPath } from '../../core/composition.js';
import {
  buildPolicyIndex,
  denialReason,
  evaluateOperation,
  pruneDenied,
  type FieldRule,
} from '../../gateway/policy.js';
import { testIdentity } from '../support/identities.js';

const index = buildPolicyIndex(readFileSync(supergraphPath, 'utf8'));

describe('policy in the schema', () => {
  it('every field of the supergraph has a share-level decision', () => {
    const undecided = [...index.rules].filter(([, rule]) => !rule.share).map(([coordinate]) => coordinate);
    expect(undecided).toEqual([]);
    expect(index.rules.size).toBeGreaterThan(100);
  });

  it('reads field rules over type defaults, and who resolves each field', () => {
    expect(index.rules.get('ServicePoint.openingHours')?.share).toBe('PUBLIC');
    expect(index.rules.get('Person.name')?.share).toBe('CONDITIONAL');
    expect(index.rules.get('Person.personId')?.share).toBe('UNCONDITIONAL');
    expect(index.rules.get('Query.employersInArrears')?.policies).toEqual([['government']]);
    expect(index.rules.get('Enterprise.courtCases')?.subgraphs).toEqual(['courts']);
  });
});

describe('the decision for one field', () => {
  const rule = (overrides: Partial<FieldRule>): FieldRule => ({
    share: 'UNCONDITIONAL',
    authenticated: true,
    scopes: null,
    policies: null,
    subgraphs: ['social-security'],
    ...overrides,
  });
  const viewer = (role: Parameters<typeof testIdentity>[0], purpose: string | null = null) => ({
    identity: testIdentity(role),
    purpose,
  });

  const cases: [
    string,
    FieldRule,
    ReturnType<typeof viewer> | { identity: null; purpose: null },
    'query' | 'mutation',
    boolean,
  ][] = [
    ['public field, no token', rule({ share: 'PUBLIC' }), { identity: null, purpose: null }, 'query', true],
    ['shared field, no token', rule({}), { identity: null, purpose: null }, 'query', false],
    ['not shared, owning agency', rule({ share: 'NOT_SHARED' }), viewer('hrss-officer'), 'query', true],
    ['not shared, other agency', rule({ share: 'NOT_SHARED' }), viewer('judge'), 'query', false],
    [
      'conditional, other agency, no purpose',
      rule({ share: 'CONDITIONAL' }),
      viewer('judge'),
      'query',
      false,
    ],
    [
      'conditional, other agency, purpose',
      rule({ share: 'CONDITIONAL' }),
      viewer('judge', 'case-1'),
      'query',
      true,
    ],
    ['conditional, owning agency', rule({ share: 'CONDITIONAL' }), viewer('hrss-officer'), 'query', true],
    ['scope missing', rule({ scopes: [['pii:clear']] }), viewer('analyst'), 'query', false],
    ['scope held', rule({ scopes: [['pii:clear']] }), viewer('judge'), 'query', true],
    [
      'policy government, enterprise',
      rule({ policies: [['government']] }),
      viewer('enterprise-contact'),
      'query',
      false,
    ],
    ['policy role', rule({ policies: [['role:judge']] }), viewer('judge'), 'query', true],
    ['unknown policy never grants', rule({ policies: [['everyone']] }), viewer('admin'), 'query', false],
    ['auditor reads not-shared data', rule({ share: 'NOT_SHARED' }), viewer('auditor'), 'query', true],
    ['auditor cannot write', rule({}), viewer('auditor'), 'mutation', false],
    [
      'auditor passes agency policies',
      rule({ policies: [['government'], ['agency:court']] }),
      viewer('auditor'),
      'query',
      true,
    ],
    ['auditor still needs a scope', rule({ scopes: [['pii:clear']] }), viewer('auditor'), 'query', false],
    ['auditor still needs a purpose', rule({ policies: [['purpose']] }), viewer('auditor'), 'query', false],
    ['no decision is a denial', rule({ share: null }), viewer('admin'), 'query', false],
  ];
  for (const [label, r, v, operation, allowed] of cases) {
    it(label, () => expect(denialReason(r, v, operation) === null).toBe(allowed));
  }
});

describe('pruning denied fields', () => {
  it('removes them, keeps the rest valid, and follows fragments', () => {
    const document =
      parse(`query { person(personId: "P1") { ...P } enterprise(creditCode: "X") { name socialInsurance { arrears { amount } } } }
      fragment P on Person { name }`);
    const evaluation = evaluateOperation(index, document, undefined, {
      identity: testIdentity('analyst'),
      purpose: null,
    });
    expect(evaluation.denials.map((d) => d.coordinate).sort()).toEqual([
      'EmployerSocialInsuranceAccount.arrears',
      'Query.person',
    ]);
    const pruned = pruneDenied(document, evaluation.denials);
    const again = evaluateOperation(index, pruned, undefined, {
      identity: testIdentity('analyst'),
      purpose: null,
    });
    expect(again.denials).toEqual([]);
    expect(again.touched.tax).toContain('Enterprise.name');
  });
});
