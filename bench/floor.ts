// The benchmark's floor: the subgraph requests a scenario's query plan needs, sent straight to the subgraphs
// by a minimal client, with no gateway. The plan is built once, with the same planner and supergraph as the
// hub's gateway (@apollo/query-planner over @apollo/federation-internals, both pinned by @apollo/gateway);
// each operation then only walks it: no parsing, validation, policy or planning on the hot path. What the
// floor leaves out is exactly what a gateway adds, so hub/floor says what the gateway costs.
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import {
  prettyFormatQueryPlan,
  QueryPlanner,
  type FetchDataRewrite,
  type FetchNode,
  type PlanNode,
  type QueryPlan,
  type QueryPlanSelectionNode,
} from '@apollo/query-planner';
import {
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { personas, type Identity, type Role } from '../core/identity.js';
import { composedSubgraphNames, composedSubgraphs } from '../core/subgraphs.js';
import { ASSERTION_EXTENSION, ASSERTION_HEADER, createAssertionSigner } from '../core/tokens.js';
import type { LoadResult } from './load.js';
import { SubgraphClient, type SubgraphResponse } from '../gateway/subgraph-client.js';
import { withoutSecurityPurpose } from '../gateway/supergraph.js';

type Json = Record<string, unknown>;

/** One scenario's query, planned once against the supergraph. */
export interface FloorPlan {
  query: string;
  operationName: string | undefined;
  /** The plan as @apollo/query-planner built it (checked: only Sequence, Parallel, Flatten and Fetch). */
  queryPlan: QueryPlan;
  /** The plan in the planner's own notation, for logs. */
  pretty: string;
  /** Fetch nodes in the plan: at most this many subgraph requests per operation. */
  fetches: number;
  /** The subgraphs the plan sends requests to. */
  subgraphs: string[];
  /**
   * Send each distinct entity representation once per fetch, as the hub's data source does
   * (`uniqueRepresentations`). @apollo/gateway 2.14 by itself sends one per entity at the path
   * (executeQueryPlan.js); false sends exactly that. The number of subgraph requests is the same either way.
   */
  dedupeRepresentations: boolean;
  /** @internal */
  readonly root: PlanNode | undefined;
  /** @internal */
  readonly compiled: Map<FetchNode, CompiledFetch>;
  /** @internal */
  readonly schema: SchemaFacts;
  /** @internal */
  readonly document: { operation: OperationDefinitionNode; fragments: Map<string, FragmentDefinitionNode> };
}

interface CompiledFetch {
  node: FetchNode;
  /** `{"query":…,"operationName":…,"variables":` — the request body up to its variables. */
  bodyPrefix: string;
  variableUsages: readonly string[];
}

interface SchemaFacts {
  api: GraphQLSchema;
  /** Abstract type → the object types it may be. */
  possibleTypes: Map<string, Set<string>>;
}

const planners = new Map<string, { supergraph: Supergraph; planner: QueryPlanner; schema: SchemaFacts }>();

function plannerFor(supergraphSdl: string) {
  let entry = planners.get(supergraphSdl);
  if (!entry) {
    // As @apollo/gateway builds it (createSchemaFromSupergraphSdl, updateWithSchemaAndNotify): default
    // validation and the default planner configuration, which the hub's gateway does not change; and
    // with the supergraph transformed as the hub's gateway does, so both get the same plans.
    const supergraph = Supergraph.build(withoutSecurityPurpose(supergraphSdl));
    const api = supergraph.apiSchema().toGraphQLJSSchema();
    const possibleTypes = new Map<string, Set<string>>();
    for (const type of Object.values(api.getTypeMap())) {
      if (isAbstractType(type)) {
        possibleTypes.set(type.name, new Set(api.getPossibleTypes(type).map((t) => t.name)));
      }
    }
    entry = { supergraph, planner: new QueryPlanner(supergraph), schema: { api, possibleTypes } };
    planners.set(supergraphSdl, entry);
  }
  return entry;
}

/** Checks that the minimal client can execute every node, and precomputes each fetch's request body. */
function compile(node: PlanNode, compiled: Map<FetchNode, CompiledFetch>): void {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      for (const child of node.nodes) compile(child, compiled);
      return;
    case 'Flatten':
      compile(node.node, compiled);
      return;
    case 'Fetch': {
      if (node.contextRewrites?.length) {
        throw new Error(
          `floor: fetch to ${node.serviceName} has contextRewrites (@fromContext): unsupported`,
        );
      }
      if (node.hasDefers) throw new Error(`floor: fetch to ${node.serviceName} has @defer: unsupported`);
      const head: Json = { query: node.operation };
      if (node.operationName) head.operationName = node.operationName;
      compiled.set(node, {
        node,
        bodyPrefix: `${JSON.stringify(head).slice(0, -1)},"variables":`,
        variableUsages: node.variableUsages ?? [],
      });
      return;
    }
    default:
      throw new Error(`floor: plan node ${(node as { kind: string }).kind} is not supported`);
  }
}

/**
 * Plans `query` once, with the same supergraph transformation, planner and defaults as the hub's gateway.
 * Fails loudly on a plan the minimal client cannot run (Condition, Defer, Subscription, @fromContext).
 */
export async function planFloor(
  supergraphSdl: string,
  query: string,
  operationName?: string,
  options: { dedupeRepresentations?: boolean } = {},
): Promise<FloorPlan> {
  const { supergraph, planner, schema } = plannerFor(supergraphSdl);
  const document: DocumentNode = parse(query);
  const operation = operationFromDocument(supergraph.apiSchema(), document, { operationName });
  const queryPlan = planner.buildQueryPlan(operation);
  const root = queryPlan.node;
  if (root?.kind === 'Subscription') throw new Error('floor: subscriptions are not supported');
  const compiled = new Map<FetchNode, CompiledFetch>();
  if (root) compile(root, compiled);
  const definitions = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operationNode = operationName
    ? definitions.find((d) => d.name?.value === operationName)
    : definitions[0];
  if (!operationNode) throw new Error(`floor: no operation ${operationName ?? ''} in the query`);
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const fetchNodes = [...compiled.keys()];
  return {
    query,
    operationName,
    queryPlan,
    pretty: prettyFormatQueryPlan(queryPlan),
    fetches: fetchNodes.length,
    subgraphs: [...new Set(fetchNodes.map((f) => f.serviceName))].sort(),
    dedupeRepresentations: options.dedupeRepresentations ?? true,
    root,
    compiled,
    schema,
    document: { operation: operationNode, fragments },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Execution

export type Assertions = Record<string, string> | (() => Record<string, string>);

export interface FloorExecuteOptions {
  subgraphUrls: Record<string, string>;
  /** Subgraph name → assertion token, or a getter of the current ones (re-signed during long runs). */
  assertions: Assertions;
  /** Per subgraph request, as the hub's gateway (HUB_SUBGRAPH_TIMEOUT_MS, 10 s). */
  timeoutMs?: number;
  /** For tests: a stand-in for the global fetch. */
  fetch?: typeof fetch;
  /**
   * Send the read fetches of concurrent operations to each subgraph together (see FloorBatcher), as the
   * hub's gateway does since it batches; without it, one HTTP request per fetch, as the floor.
   */
  batcher?: FloorBatcher;
}

export interface FloorError {
  subgraph: string;
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  message: string;
}

export interface FloorExecution {
  /** The data the fetches assembled, with the key fields and __typename the plan added. */
  data: Json | null;
  errors: FloorError[];
  /** Subgraph operations sent: one HTTP request each, unless a batcher carried several in one. */
  requests: number;
}

interface RunState {
  batcher: FloorBatcher | undefined;
  plan: FloorPlan;
  variables: Json;
  urls: Record<string, string>;
  assertions: Record<string, string>;
  timeoutMs: number;
  fetch: typeof fetch;
  errors: FloorError[];
  requests: number;
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** As @apollo/gateway's isObjectOfType: the object's __typename is the condition or one of its types. */
function isOfType(schema: SchemaFacts, object: Json, typeCondition: string): boolean {
  const typename = object.__typename;
  if (typeof typename !== 'string') return false;
  return typename === typeCondition || (schema.possibleTypes.get(typeCondition)?.has(typename) ?? false);
}

/** As @apollo/gateway's executeSelectionSet: picks a fetch's `requires` out of an entity. */
function pick(schema: SchemaFacts, source: unknown, selections: readonly QueryPlanSelectionNode[]): unknown {
  if (source === null) return null;
  const result: Json = {};
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const name = selection.alias ?? selection.name;
      const object = source as Json;
      if (!hasOwn(object, name) || object[name] === undefined) return null;
      const value = object[name];
      const inner = selection.selections;
      if (Array.isArray(value)) {
        result[name] = inner ? value.map((v) => pick(schema, v, inner)) : value;
      } else {
        result[name] = inner ? pick(schema, value, inner) : value;
      }
    } else if (selection.typeCondition && isObject(source)) {
      if (isOfType(schema, source, selection.typeCondition)) {
        deepMerge(result, pick(schema, source, selection.selections));
      }
    }
  }
  return result;
}

/** As @apollo/gateway's deepMerge. */
function deepMerge(target: Json, source: unknown): Json {
  if (!isObject(source)) return target;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    const existing = target[key];
    if (existing && isObject(value)) {
      deepMerge(existing as Json, value);
    } else if (Array.isArray(value) && Array.isArray(existing) && value.length === existing.length) {
      for (let i = 0; i < value.length; i++) {
        if (isObject(existing[i]) && isObject(value[i])) deepMerge(existing[i] as Json, value[i]);
        else existing[i] = value[i];
      }
    } else {
      target[key] = value;
    }
  }
  return target;
}

/** As @apollo/gateway's flattenResultsAtPath: the objects (or lists of them) at a Flatten path. */
function atPath(value: unknown, path: readonly (string | number)[], from = 0): unknown {
  if (from === path.length || value === undefined || value === null) return value;
  const step = path[from]!;
  if (step === '@') {
    if (!Array.isArray(value)) throw new Error(`floor: expected a list at @ of ${path.join('.')}`);
    return value.flatMap((element) => atPath(element, path, from + 1));
  }
  if (typeof step !== 'string' || Array.isArray(value)) {
    throw new Error(`floor: unexpected ${Array.isArray(value) ? 'list' : 'value'} at ${path.join('.')}`);
  }
  return atPath((value as Json)[step], path, from + 1);
}

/** Input and output rewrites, as @apollo/gateway's applyRewrites (the bench plans have none). */
function applyRewrites(schema: SchemaFacts, rewrites: FetchDataRewrite[] | undefined, value: unknown): void {
  if (!rewrites) return;
  for (const rewrite of rewrites) {
    const parent = rewrite.path.slice(0, -1);
    const field = rewrite.path.at(-1);
    if (field === undefined) continue;
    if (field.startsWith('... on ')) throw new Error(`floor: fragment as last element of ${rewrite.path}`);
    const apply = (object: Json) => {
      if (rewrite.kind === 'ValueSetter') {
        object[field] = rewrite.setValueTo;
      } else if (object[field]) {
        object[rewrite.renameKeyTo] = object[field];
        object[field] = undefined;
      }
    };
    const walk = (current: unknown, at: number): void => {
      if (Array.isArray(current)) return current.forEach((v) => walk(v, at));
      if (!isObject(current)) return;
      if (at === parent.length) return apply(current);
      const step = parent[at]!;
      if (!step.startsWith('... on ')) return walk(current[step], at + 1);
      const typename = current.__typename;
      if (typeof typename !== 'string' || isOfType(schema, current, step.slice(7))) walk(current, at + 1);
    };
    walk(value, 0);
  }
}

/**
 * The batched transport: the hub's own SubgraphClient (gateway/subgraph-client.ts), one per subgraph URL:
 * read operations for one subgraph queued in the same turn of the event loop leave as one POST of a JSON
 * array, each operation carrying its assertion in `extensions.hubAssertion`. One batcher per load run.
 */
export class FloorBatcher {
  private readonly clients = new Map<string, SubgraphClient>();

  constructor(private readonly timeoutMs = 10_000) {}

  /** HTTP requests sent (each carries one or more operations). */
  get httpRequests(): number {
    let sum = 0;
    for (const client of this.clients.values()) sum += client.httpRequests;
    return sum;
  }

  request(url: string, body: string): Promise<SubgraphResponse> {
    let client = this.clients.get(url);
    if (!client) this.clients.set(url, (client = new SubgraphClient(url, { timeoutMs: this.timeoutMs })));
    return client.request(body, true);
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
  }
}

async function send(state: RunState, fetchNode: CompiledFetch, variables: Json): Promise<Json | null> {
  const subgraph = fetchNode.node.serviceName;
  const url = state.urls[subgraph];
  if (!url) throw new Error(`floor: no URL for subgraph ${subgraph}`);
  const assertion = state.assertions[subgraph];
  state.requests += 1;
  if (state.batcher && fetchNode.node.operationKind !== 'mutation') {
    const extensions = assertion
      ? `,"extensions":${JSON.stringify({ [ASSERTION_EXTENSION]: assertion })}`
      : '';
    try {
      const answer = await state.batcher.request(
        url,
        `${fetchNode.bodyPrefix}${JSON.stringify(variables)}${extensions}}`,
      );
      if (answer.errors?.length) {
        state.errors.push({ subgraph, status: 200, message: answer.errors.map((e) => e.message).join('; ') });
      }
      return (answer.data ?? null) as Json | null;
    } catch (error) {
      state.errors.push({ subgraph, status: 0, message: String(error) });
      return null;
    }
  }
  let response: Response;
  try {
    response = await state.fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(assertion ? { [ASSERTION_HEADER]: assertion } : {}),
      },
      body: `${fetchNode.bodyPrefix}${JSON.stringify(variables)}}`,
      signal: AbortSignal.timeout(state.timeoutMs),
    });
  } catch (error) {
    state.errors.push({ subgraph, status: 0, message: String(error) });
    return null;
  }
  let body: { data?: Json | null; errors?: { message?: string }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch (error) {
    state.errors.push({ subgraph, status: response.status, message: `not JSON: ${String(error)}` });
    return null;
  }
  if (!response.ok || body.errors?.length) {
    state.errors.push({
      subgraph,
      status: response.status,
      message: body.errors?.map((e) => e.message).join('; ') || `HTTP ${response.status}`,
    });
  }
  return body.data ?? null;
}

async function runFetch(state: RunState, fetchNode: CompiledFetch, cursor: unknown): Promise<void> {
  const { node } = fetchNode;
  const schema = state.plan.schema;
  const entities = (Array.isArray(cursor) ? cursor : [cursor]).filter(
    (e): e is Json => e !== null && e !== undefined,
  );
  if (!entities.length) return;
  const variables: Json = {};
  for (const name of fetchNode.variableUsages) {
    if (state.variables[name] !== undefined) variables[name] = state.variables[name];
  }
  if (!node.requires) {
    const data = await send(state, fetchNode, variables);
    if (!data) return;
    applyRewrites(schema, node.outputRewrites, data);
    for (const entity of entities) deepMerge(entity, data);
    return;
  }
  // Representations: `requires` (typically __typename and the key) picked out of each entity; entities
  // with the same representation share one (unless dedupe is off) and all get its answer.
  const representations: Json[] = [];
  const targets: Json[][] = [];
  const seen = state.plan.dedupeRepresentations ? new Map<string, number>() : null;
  for (const entity of entities) {
    const representation = pick(schema, entity, node.requires) as Json | null;
    if (!representation || !representation.__typename) continue;
    applyRewrites(schema, node.inputRewrites, representation);
    if (seen) {
      const key = JSON.stringify(representation);
      const at = seen.get(key);
      if (at !== undefined) {
        targets[at]!.push(entity);
        continue;
      }
      seen.set(key, representations.length);
    }
    representations.push(representation);
    targets.push([entity]);
  }
  if (!representations.length) return;
  const data = await send(state, fetchNode, { ...variables, representations });
  if (!data) return;
  const received = data._entities;
  if (!Array.isArray(received) || received.length !== representations.length) {
    state.errors.push({
      subgraph: node.serviceName,
      status: 200,
      message: `expected ${representations.length} _entities, got ${Array.isArray(received) ? received.length : 'none'}`,
    });
    return;
  }
  received.forEach((entity: unknown, i) => {
    if (!isObject(entity)) return;
    const group = targets[i]!;
    if (!entity.__typename) entity.__typename = group[0]!.__typename;
    applyRewrites(schema, node.outputRewrites, entity);
    for (const target of group) deepMerge(target, entity);
  });
}

async function runNode(state: RunState, node: PlanNode, cursor: unknown): Promise<void> {
  if (cursor === undefined || cursor === null) return;
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await runNode(state, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => runNode(state, child, cursor)));
      return;
    case 'Flatten':
      return runNode(state, node.node, atPath(cursor, node.path));
    case 'Fetch':
      return runFetch(state, state.plan.compiled.get(node)!, cursor);
    default:
      throw new Error(`floor: plan node ${node.kind} is not supported`);
  }
}

function currentAssertions(assertions: Assertions): Record<string, string> {
  return typeof assertions === 'function' ? assertions() : assertions;
}

/**
 * Runs the plan once for `variables`: the subgraph requests in the plan's order and concurrency, each
 * answer merged into the result. A subgraph error does not stop the rest of the plan (as in the gateway).
 */
export async function executeFloor(
  plan: FloorPlan,
  variables: Json,
  options: FloorExecuteOptions,
): Promise<FloorExecution> {
  const state: RunState = {
    batcher: options.batcher,
    plan,
    variables,
    urls: options.subgraphUrls,
    assertions: currentAssertions(options.assertions),
    timeoutMs: options.timeoutMs ?? 10_000,
    fetch: options.fetch ?? fetch,
    errors: [],
    requests: 0,
  };
  const data: Json = {};
  if (plan.root) await runNode(state, plan.root, data);
  return {
    data: Object.keys(data).length || !plan.root ? data : null,
    errors: state.errors,
    requests: state.requests,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The client's view: the assembled data shaped to the operation (checks only, never on the hot path)

function argumentValue(value: ValueNode, variables: Json): unknown {
  if (value.kind === Kind.VARIABLE) return variables[value.name.value];
  if (value.kind === Kind.BOOLEAN) return value.value;
  throw new Error(`floor: unsupported @skip/@include argument ${value.kind}`);
}

function included(
  node: { directives?: readonly { name: { value: string }; arguments?: readonly { value: ValueNode }[] }[] },
  variables: Json,
) {
  for (const directive of node.directives ?? []) {
    const condition = directive.arguments?.[0];
    if (!condition) continue;
    if (directive.name.value === 'skip' && argumentValue(condition.value, variables) === true) return false;
    if (directive.name.value === 'include' && argumentValue(condition.value, variables) !== true)
      return false;
  }
  return true;
}

/**
 * The assembled data as the client asked for it (aliases, fragments, @skip/@include; no key fields or
 * __typename the plan added), as @apollo/gateway's computeResponse shapes it: to compare with a gateway's
 * answer. Missing values become null.
 */
export function shapeFloorData(plan: FloorPlan, data: Json | null, variables: Json = {}): Json | null {
  if (!data) return data;
  const { api } = plan.schema;
  const rootType = api.getRootType(plan.document.operation.operation);
  if (!rootType) throw new Error(`floor: no ${plan.document.operation.operation} type`);
  const applies = (typeCondition: string | undefined, runtime: string) =>
    !typeCondition ||
    typeCondition === runtime ||
    (plan.schema.possibleTypes.get(typeCondition)?.has(runtime) ?? false);

  const shapeObject = (source: Json, parent: GraphQLCompositeType, selectionSet: SelectionSetNode): Json => {
    const runtime = typeof source.__typename === 'string' ? source.__typename : parent.name;
    const runtimeType = api.getType(runtime);
    const out: Json = {};
    const visit = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (!included(selection, variables)) continue;
        if (selection.kind === Kind.FIELD) {
          const name = selection.alias?.value ?? selection.name.value;
          if (selection.name.value === '__typename') {
            out[name] = runtime;
            continue;
          }
          const withFields = isObjectType(runtimeType) ? runtimeType : parent;
          const fields = 'getFields' in withFields ? withFields.getFields() : {};
          const field = fields[selection.name.value];
          if (!field) throw new Error(`floor: no field ${runtime}.${selection.name.value}`);
          out[name] = shapeValue(source[name], getNamedType(field.type), selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (applies(selection.typeCondition?.name.value, runtime)) visit(selection.selectionSet);
        } else {
          const fragment = plan.document.fragments.get(selection.name.value);
          if (!fragment) throw new Error(`floor: no fragment ${selection.name.value}`);
          if (applies(fragment.typeCondition.name.value, runtime)) visit(fragment.selectionSet);
        }
      }
    };
    visit(selectionSet);
    return out;
  };

  const shapeValue = (value: unknown, type: GraphQLNamedType, selectionSet?: SelectionSetNode): unknown => {
    if (value === undefined || value === null) return null;
    if (Array.isArray(value)) return value.map((v) => shapeValue(v, type, selectionSet));
    if (!selectionSet) return value;
    return shapeObject(value as Json, type as GraphQLCompositeType, selectionSet);
  };

  return shapeObject(data, rootType, plan.document.operation.selectionSet);
}

// ---------------------------------------------------------------------------------------------------------
// Identity: the same assertions the hub's gateway sends for the bench's token and purpose

/** The identity the hub's gateway verifies from bench/load.ts benchToken(role): the same claims. */
export function benchIdentity(role: Role): Identity {
  return {
    subject: `bench:${role}`,
    name: 'benchmark',
    agency: personas[role].agency,
    roles: [role],
    scopes: personas[role].scopes,
    creditCode: null,
  };
}

export interface FloorAssertions {
  /** Subgraph name → the current assertion (never older than `refreshMs`). */
  current(): Record<string, string>;
  stop(): void;
}

/**
 * Signs one assertion per subgraph (audience = its name) with the gateway key, as the hub's gateway does
 * for this identity and purpose, and signs them again every `refreshMs` (assertions live 60 s).
 */
export async function startFloorAssertions(options: {
  env: NodeJS.ProcessEnv;
  identity: Identity;
  purpose?: string | null;
  subgraphs?: readonly string[];
  refreshMs?: number;
}): Promise<FloorAssertions> {
  const names = options.subgraphs ?? composedSubgraphNames;
  let current: Record<string, string> = {};
  const sign = async () => {
    // A fresh signer each time: its cache would otherwise hand back the token signed 30 s ago.
    const signer = await createAssertionSigner(options.env);
    const next: Record<string, string> = {};
    for (const name of names) {
      next[name] = await signer({ identity: options.identity, purpose: options.purpose ?? null }, name);
    }
    current = next;
  };
  await sign();
  const timer = setInterval(() => {
    sign().catch((error: unknown) => console.error('floor: assertion refresh failed', error));
  }, options.refreshMs ?? 30_000);
  timer.unref();
  return { current: () => current, stop: () => clearInterval(timer) };
}

/** Subgraph name → URL from `<PREFIX>_URL` (e.g. cluster.gatewayEnv), for every subgraph that has one. */
export function floorSubgraphUrls(env: NodeJS.ProcessEnv): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const name of composedSubgraphNames) {
    const url = env[`${composedSubgraphs[name].envPrefix}_URL`];
    if (url) urls[name] = url;
  }
  return urls;
}

// ---------------------------------------------------------------------------------------------------------
// Load

export interface FloorLoadOptions {
  plan: FloorPlan;
  subgraphUrls: Record<string, string>;
  assertions: Assertions;
  /** Called once per operation: fresh variables (another enterprise, another page). */
  variables: () => Json;
  connections: number;
  seconds: number;
  timeoutMs?: number;
  /** Batch the read fetches of concurrent operations per subgraph, as the hub's gateway does (FloorBatcher). */
  batch?: boolean;
}

export interface FloorLoadResult extends LoadResult {
  /** Subgraph operations (fetches) the floor sent, per completed operation. */
  subgraphRequestsPerOp: number;
  /** HTTP requests that carried them, per completed operation (fewer than the above when batching). */
  subgraphHttpRequestsPerOp: number;
  /** Cores this (client) process used during the run: the floor's own cost, for a sanity check. */
  clientCpu: number;
  /** The first failure, if any, to say why `errors` is not 0. */
  firstError: string | null;
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;

/**
 * `connections` concurrent loops, each running one operation after another for `seconds`, with fresh
 * variables per operation. An operation is an error if any subgraph request failed, answered non-2xx or
 * carried `errors`. Latencies are per operation, in ms.
 */
export async function driveFloor(options: FloorLoadOptions): Promise<FloorLoadResult> {
  const { plan } = options;
  for (const subgraph of plan.subgraphs) {
    if (!options.subgraphUrls[subgraph]) throw new Error(`floor: no URL for subgraph ${subgraph}`);
  }
  const latencies: number[] = [];
  let errors = 0;
  let requests = 0;
  let firstError: string | null = null;
  const batcher = options.batch ? new FloorBatcher(options.timeoutMs) : undefined;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const variables = options.variables();
      const begin = performance.now();
      let failed: string | null = null;
      try {
        const result = await executeFloor(plan, variables, {
          subgraphUrls: options.subgraphUrls,
          assertions: options.assertions,
          timeoutMs: options.timeoutMs,
          batcher,
        });
        requests += result.requests;
        if (result.errors.length) failed = JSON.stringify(result.errors[0]).slice(0, 300);
      } catch (error) {
        failed = String(error);
      }
      latencies.push(performance.now() - begin);
      if (failed) {
        errors += 1;
        firstError ??= failed;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  batcher?.close();
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = Float64Array.from(latencies).sort();
  const round = (n: number) => Number(n.toFixed(2));
  const completed = latencies.length;
  return {
    requestsPerSecond: completed / elapsed,
    completed,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    errors,
    subgraphRequestsPerOp: round(requests / Math.max(completed, 1)),
    subgraphHttpRequestsPerOp: round((batcher ? batcher.httpRequests : requests) / Math.max(completed, 1)),
    clientCpu: round((cpu.user + cpu.system) / 1e6 / elapsed),
    firstError,
  };
}
