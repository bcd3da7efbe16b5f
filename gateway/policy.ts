import {
  buildASTSchema,
  getNamedType,
  isObjectType,
  Kind,
  parse,
  visit,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Agency, Identity } from '../core/identity.js';

/**
 * Field policy, written in the SDL and enforced here, since @apollo/gateway does not:
 * - `@share(level: PUBLIC | UNCONDITIONAL | CONDITIONAL | NOT_SHARED)` — the national data-sharing catalogue's
 *   decision, on a type (for all its fields) or a field (overriding its type). Every field has one.
 * - `@authenticated` — a verified identity is needed (anything not PUBLIC needs one anyway).
 * - `@requiresScopes(scopes: [["a", "b"], ["c"]])` — the token's scopes satisfy one inner list entirely.
 * - `@policy(policies: [["government"], ["role:judge"]])` — one inner list of named policies holds entirely:
 *   `government` (any agency but an enterprise), `purpose` (a purpose is stated), `agency:<agency>`,
 *   `role:<role>`.
 * Auditors read everything (queries only); CONDITIONAL fields need a stated purpose unless the viewer's
 * agency owns the data; NOT_SHARED fields are for the owning agency only.
 */
export const shareLevels = ['PUBLIC', 'UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED'] as const;
export type ShareLevel = (typeof shareLevels)[number];

/** The agency that owns each subgraph's data. */
export const subgraphAgency: Record<string, Agency> = {
  tax: 'tax',
  'social-security': 'hrss',
  'medical-insurance': 'medical-insurance',
  courts: 'court',
  'service-points': 'tax',
  hub: 'hub',
};

export interface FieldRule {
  share: ShareLevel | null;
  authenticated: boolean;
  scopes: string[][] | null;
  policies: string[][] | null;
  /** Subgraphs that resolve the field. */
  subgraphs: string[];
}

export interface PolicyIndex {
  schema: GraphQLSchema;
  rules: Map<string, FieldRule>;
}

function argumentValue(directive: ConstDirectiveNode, name: string): unknown {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  const toJs = (node: typeof arg.value): unknown =>
    node.kind === Kind.LIST ? node.values.map(toJs) : 'value' in node ? node.value : undefined;
  return toJs(arg.value);
}

function readDirectives(directives: readonly ConstDirectiveNode[] | undefined) {
  const found: Partial<Omit<FieldRule, 'subgraphs'>> = {};
  for (const d of directives ?? []) {
    if (d.name.value === 'share') found.share = argumentValue(d, 'level') as ShareLevel;
    if (d.name.value === 'authenticated') found.authenticated = true;
    if (d.name.value === 'requiresScopes') found.scopes = argumentValue(d, 'scopes') as string[][];
    if (d.name.value === 'policy') found.policies = argumentValue(d, 'policies') as string[][];
  }
  return found;
}

/** Reads every object field's rule from a supergraph SDL (directives and @join__ ownership). */
export function buildPolicyIndex(supergraphSdl: string): PolicyIndex {
  const document = parse(supergraphSdl);
  const schema = buildASTSchema(document, { assumeValidSDL: true });
  const graphNames = new Map<string, string>();
  const graphEnum = schema.getType('join__Graph');
  if (graphEnum && 'getValues' in graphEnum) {
    for (const value of graphEnum.getValues()) {
      const name = value.astNode?.directives?.find((d) => d.name.value === 'join__graph');
      graphNames.set(value.name, String(name ? argumentValue(name, 'name') : value.name));
    }
  }
  const graphsOf = (directives: readonly ConstDirectiveNode[] | undefined, directive: string) =>
    (directives ?? [])
      .filter((d) => d.name.value === directive)
      .map((d) => graphNames.get(String(argumentValue(d, 'graph'))) ?? String(argumentValue(d, 'graph')));

  const rules = new Map<string, FieldRule>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeDirectives = [
      ...(type.astNode?.directives ?? []),
      ...type.extensionASTNodes.flatMap((n) => n.directives ?? []),
    ];
    const typeRule = readDirectives(typeDirectives);
    const typeGraphs = graphsOf(typeDirectives, 'join__type');
    for (const field of Object.values(type.getFields())) {
      const own = readDirectives(field.astNode?.directives);
      const fieldGraphs = graphsOf(field.astNode?.directives, 'join__field');
      rules.set(`${type.name}.${field.name}`, {
        share: own.share ?? typeRule.share ?? null,
        authenticated: own.authenticated ?? typeRule.authenticated ?? false,
        scopes: own.scopes ?? typeRule.scopes ?? null,
        policies: own.policies ?? typeRule.policies ?? null,
        subgraphs: fieldGraphs.length ? fieldGraphs : typeGraphs,
      });
    }
  }
  return { schema, rules };
}

export interface Viewer {
  identity: Identity | null;
  purpose: string | null;
}

/** Why a field is refused, or null when it is served. */
export function denialReason(
  rule: FieldRule | undefined,
  viewer: Viewer,
  operation: 'query' | 'mutation' | 'subscription',
): string | null {
  if (!rule || !rule.share) return '该字段没有共享策略 (no policy decision for this field)';
  if (rule.share === 'PUBLIC') return null;
  const { identity, purpose } = viewer;
  if (!identity) return '需要身份令牌 (a token is required)';
  // Auditors read every agency's data (never write), but explicit grants still bind them: a scope such as
  // pii:clear, and a stated purpose where a field asks for one.
  const isAuditor = identity.roles.includes('auditor');
  if (isAuditor && operation !== 'query') return '审计人员只读 (auditors are read-only)';
  const owners = rule.subgraphs.map((s) => subgraphAgency[s]);
  const ownsData = isAuditor || owners.includes(identity.agency);
  if (rule.share === 'NOT_SHARED' && !ownsData)
    return '不予共享，仅数据所属部门可见 (not shared outside the owning agency)';
  if (rule.scopes && !rule.scopes.some((group) => group.every((scope) => identity.scopes.includes(scope)))) {
    return `缺少授权范围 ${rule.scopes.map((g) => g.join('+')).join(' 或 ')} (missing scope)`;
  }
  const satisfied = (policy: string) => (isAuditor && policy !== 'purpose') || holds(policy, viewer);
  if (rule.policies && !rule.policies.some((group) => group.every(satisfied))) {
    return `不满足访问策略 ${rule.policies.map((g) => g.join('+')).join(' 或 ')} (policy not met)`;
  }
  if (rule.share === 'CONDITIONAL' && !ownsData && !purpose) {
    return '有条件共享字段须说明用途（x-hub-purpose：案件编号）(conditional field: state a purpose)';
  }
  return null;
}

function holds(policy: string, { identity, purpose }: Viewer): boolean {
  if (!identity) return false;
  if (policy === 'government') return identity.agency !== 'enterprise';
  if (policy === 'purpose') return Boolean(purpose);
  const [kind, value] = policy.split(':');
  if (kind === 'agency') return identity.agency === value;
  if (kind === 'role') return (identity.roles as string[]).includes(value ?? '');
  return false; // an unknown policy name never grants access
}

export interface Denial {
  node: FieldNode;
  /** Response keys from the root; lists are expanded when the result is patched. */
  path: string[];
  coordinate: string;
  reason: string;
}

export interface Evaluation {
  denials: Denial[];
  /** Type.field coordinates served, per subgraph, for the audit record. */
  touched: Record<string, string[]>;
  operationType: 'query' | 'mutation' | 'subscription';
}

/** Checks every field the operation selects against its rule. */
export function evaluateOperation(
  index: PolicyIndex,
  document: DocumentNode,
  operationName: string | null | undefined,
  viewer: Viewer,
): Evaluation {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const denials: Denial[] = [];
  const touched = new Map<string, Set<string>>();
  if (!operation) return { denials, touched: {}, operationType: 'query' };
  const root = index.schema.getRootType(operation.operation);
  const seenFragments = new Set<string>();

  const walk = (selectionSet: SelectionSetNode, typeName: string, path: string[]) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition?.name.value ?? typeName, path);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        // A fragment is checked once per parent path; cycles are refused by validation anyway.
        const key = `${selection.name.value}@${path.join('.')}`;
        if (fragment && !seenFragments.has(key)) {
          seenFragments.add(key);
          walk(fragment.selectionSet, fragment.typeCondition.name.value, path);
        }
      } else {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const coordinate = `${typeName}.${name}`;
        const responsePath = [...path, selection.alias?.value ?? name];
        const rule = index.rules.get(coordinate);
        const reason = denialReason(rule, viewer, operation.operation);
        if (reason) {
          denials.push({ node: selection, path: responsePath, coordinate, reason });
          continue;
        }
        for (const subgraph of rule?.subgraphs ?? []) {
          if (!touched.has(subgraph)) touched.set(subgraph, new Set());
          touched.get(subgraph)!.add(coordinate);
        }
        const type = index.schema.getType(typeName);
        const field = type && isObjectType(type) ? type.getFields()[name] : undefined;
        if (selection.selectionSet && field)
          walk(selection.selectionSet, getNamedType(field.type).name, responsePath);
      }
    }
  };
  if (root) walk(operation.selectionSet, root.name, []);
  return {
    denials,
    touched: Object.fromEntries([...touched].map(([subgraph, fields]) => [subgraph, [...fields].sort()])),
    operationType: operation.operation,
  };
}

/** Response key of the stand-in selection that keeps an emptied selection set valid; removed from answers. */
export const PLACEHOLDER = 'hub_pruned__';

/** The operation without the denied fields; an emptied selection gets a stand-in so it stays valid. */
export function pruneDenied(document: DocumentNode, denials: Denial[]): DocumentNode {
  const denied = new Set(denials.map((d) => d.node));
  const placeholder = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: PLACEHOLDER },
    name: { kind: Kind.NAME, value: '__typename' },
  } as const;
  return visit(document, {
    Field: (node) => (denied.has(node) ? null : undefined),
    SelectionSet: {
      leave: (node) => (node.selections.length ? undefined : { ...node, selections: [placeholder] }),
    },
  });
}

/** Removes the stand-ins `pruneDenied` added, wherever they are in the answer. */
export function stripPlaceholders(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(stripPlaceholders);
  if (!value || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  delete record[PLACEHOLDER];
  for (const child of Object.values(record)) stripPlaceholders(child);
}

/** Puts null where each denied field would have been, and returns one FORBIDDEN error per place. */
export function patchDenied(
  data: Record<string, unknown> | null | undefined,
  denials: Denial[],
): { path: (string | number)[]; reason: string; coordinate: string }[] {
  const placed: { path: (string | number)[]; reason: string; coordinate: string }[] = [];
  if (!data) return placed;
  for (const denial of denials) {
    const visitNode = (value: unknown, depth: number, concrete: (string | number)[]) => {
      if (Array.isArray(value)) {
        value.forEach((item, i) => visitNode(item, depth, [...concrete, i]));
        return;
      }
      if (!value || typeof value !== 'object') return;
      const key = denial.path[depth]!;
      if (depth === denial.path.length - 1) {
        (value as Record<string, unknown>)[key] = null;
        placed.push({ path: [...concrete, key], reason: denial.reason, coordinate: denial.coordinate });
      } else {
        visitNode((value as Record<string, unknown>)[key], depth + 1, [...concrete, key]);
      }
    };
    visitNode(data, 0, []);
  }
  return placed;
}
