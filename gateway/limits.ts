import {
  GraphQLError,
  Kind,
  Lexer,
  SchemaMetaFieldDef,
  Source,
  TokenKind,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getOperationAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { errorCodes } from '../core/errors.js';

/** How much one operation may ask of the hub; the gateway refuses anything beyond. */
export interface OperationLimits {
  /** Deepest nesting of fields, fragments expanded. */
  maxDepth: number;
  /** Aliased fields, fragments expanded. */
  maxAliases: number;
  /** Estimated cost (see `measureOperation`). */
  maxCost: number;
  /** Lexical tokens of the document, counted before it is parsed. */
  maxTokens: number;
  /** Directive usages, fragments expanded. */
  maxDirectives: number;
  /** Bytes of the HTTP request body. */
  maxBodyBytes: number;
  /** Wall-clock time of one operation's execution (ms). */
  maxExecutionMs: number;
}

/** The hub's defaults: generous for the frontends' registered operations, far below what hurts a subgraph. */
export const defaultLimits: Readonly<OperationLimits> = Object.freeze({
  maxDepth: 12,
  maxAliases: 30,
  maxCost: 50_000,
  maxTokens: 2_000,
  maxDirectives: 20,
  maxBodyBytes: 256 * 1024,
  maxExecutionMs: 15_000,
});

/** Environment variable and smallest accepted value of each limit (0 aliases or directives is a real policy). */
const limitVariables: Record<keyof OperationLimits, { name: string; min: number }> = {
  maxDepth: { name: 'HUB_MAX_DEPTH', min: 1 },
  maxAliases: { name: 'HUB_MAX_ALIASES', min: 0 },
  maxCost: { name: 'HUB_MAX_COST', min: 1 },
  maxTokens: { name: 'HUB_MAX_TOKENS', min: 1 },
  maxDirectives: { name: 'HUB_MAX_DIRECTIVES', min: 0 },
  maxBodyBytes: { name: 'HUB_MAX_BODY_BYTES', min: 1 },
  maxExecutionMs: { name: 'HUB_MAX_EXECUTION_MS', min: 1 },
};

/**
 * The limits from `HUB_MAX_*`, each defaulting to `defaultLimits`. An empty variable counts as unset
 * (as `VAR=` in a compose file); anything but a whole number in range stops start-up with an Error
 * naming the variable, so a typo never silently means "no limit".
 */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): OperationLimits {
  const limits = { ...defaultLimits };
  for (const key of Object.keys(limitVariables) as (keyof OperationLimits)[]) {
    const { name, min } = limitVariables[key];
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min) {
      throw new Error(
        `环境变量 ${name} 须为不小于 ${min} 的整数，当前为 "${raw}" (${name} must be a whole number >= ${min}, got "${raw}")`,
      );
    }
    limits[key] = value;
  }
  return limits;
}

/** The limit codes, described once in the hub's registry (core/errors.ts). */
export const limitErrorCodes = {
  MAX_DEPTH_EXCEEDED: errorCodes.MAX_DEPTH_EXCEEDED,
  MAX_ALIASES_EXCEEDED: errorCodes.MAX_ALIASES_EXCEEDED,
  MAX_DIRECTIVES_EXCEEDED: errorCodes.MAX_DIRECTIVES_EXCEEDED,
  MAX_COST_EXCEEDED: errorCodes.MAX_COST_EXCEEDED,
  MAX_TOKENS_EXCEEDED: errorCodes.MAX_TOKENS_EXCEEDED,
} as const;

export type LimitErrorCode = keyof typeof limitErrorCodes;

const limitMessages: Record<LimitErrorCode, (actual: number, limit: number) => string> = {
  MAX_DEPTH_EXCEEDED: (actual, limit) =>
    `查询嵌套深度为 ${actual}，超过上限 ${limit} (query depth ${actual} exceeds the limit of ${limit})`,
  MAX_ALIASES_EXCEEDED: (actual, limit) =>
    `查询使用了 ${actual} 个别名，超过上限 ${limit} (${actual} aliases exceed the limit of ${limit})`,
  MAX_DIRECTIVES_EXCEEDED: (actual, limit) =>
    `查询使用了 ${actual} 次指令，超过上限 ${limit} (${actual} directive usages exceed the limit of ${limit})`,
  MAX_COST_EXCEEDED: (actual, limit) =>
    `查询估算成本为 ${actual}，超过上限 ${limit}，请减小每页条数或所选字段 (estimated cost ${actual} exceeds the limit of ${limit}; request smaller pages or fewer fields)`,
  // Lexing stops at the first token past the limit, so the measured value is "limit + 1 at least".
  MAX_TOKENS_EXCEEDED: (actual, limit) =>
    `查询文档至少有 ${actual} 个词法单元，超过上限 ${limit} (the document has at least ${actual} tokens, more than the limit of ${limit})`,
};

/** A limit error: `extensions: { code, limit, actual }`, message in Chinese with English in brackets. */
export function limitError(code: LimitErrorCode, actual: number, limit: number): GraphQLError {
  return new GraphQLError(limitMessages[code](actual, limit), { extensions: { code, limit, actual } });
}

/**
 * Counts the document's lexical tokens as graphql-js's `parse(…, { maxTokens })` does (comments and
 * the end marker are not tokens), and stops at the first token past `max`, so a huge document is
 * refused after reading only its beginning. A lexical error ends the count: parsing reports it later
 * with its usual code.
 */
export function countTokens(source: string, max: number): number | 'exceeded' {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++count > max) return 'exceeded';
    }
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
  }
  return count;
}

/** MAX_TOKENS_EXCEEDED for a document with more than `limits.maxTokens` tokens, else undefined. */
export function checkTokenLimit(
  source: string,
  limits: Pick<OperationLimits, 'maxTokens'>,
): GraphQLError | undefined {
  return countTokens(source, limits.maxTokens) === 'exceeded'
    ? limitError('MAX_TOKENS_EXCEEDED', limits.maxTokens + 1, limits.maxTokens)
    : undefined;
}

/** What an operation asks for, measured with fragments written out in place. */
export interface OperationMeasure {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
}

/** Page size assumed for a paginated list whose `first`/`last` has no value (the hub's default page size). */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Items assumed for a list that takes no page size: an entity's own relations (an enterprise's court
 * cases, a case's parties), which are short; counting them as full pages would refuse ordinary queries.
 */
export const DEFAULT_RELATION_SIZE = 5;

const PAGE_SIZE_ARGUMENTS = ['first', 'last'];

// Fragments reused at every level can make the written-out operation astronomically large: measures
// saturate instead of overflowing to Infinity (which JSON would turn into null).
const CAP = Number.MAX_SAFE_INTEGER;
const add = (a: number, b: number) => Math.min(CAP, a + b);
const mul = (a: number, b: number) => Math.min(CAP, a * b);

const ZERO: OperationMeasure = { depth: 0, aliases: 0, directives: 0, cost: 0 };

function sum(a: OperationMeasure, b: OperationMeasure): OperationMeasure {
  return {
    depth: Math.max(a.depth, b.depth),
    aliases: add(a.aliases, b.aliases),
    directives: add(a.directives, b.directives),
    cost: add(a.cost, b.cost),
  };
}

/**
 * The little of a schema field that measuring needs, read structurally: the gateway's schema may be
 * built by another copy of graphql-js than this module's (CommonJS in @apollo/gateway, ESM here under
 * vitest), and graphql-js's `isListType`-style predicates throw on types of another copy.
 */
interface FieldShape {
  type: unknown;
  args?: readonly { name: string; defaultValue?: unknown }[];
}

/** Whether a field type such as `[CourtCase!]!` is a list, and its named type (`CourtCase`). */
function typeShape(type: unknown): { returnsList: boolean; typeName?: string } {
  const printed = String(type);
  return { returnsList: printed.startsWith('['), typeName: printed.replace(/[[\]!]/g, '') };
}

class Measurer {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  // One measure per fragment (and inherited page size): linear time even for fragments reused everywhere.
  private readonly memo = new Map<string, OperationMeasure>();
  private readonly expanding = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly variables: Record<string, unknown>,
    private readonly variableDefaults: Map<string, ValueNode>,
  ) {
    for (const definition of document.definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
  }

  /**
   * `listPageSize` is the page size of the connection this selection set belongs to: its list fields
   * (`edges`, `nodes`) return one page, while `totalCount` and `pageInfo` are computed once per page.
   */
  selectionSet(
    set: SelectionSetNode,
    type: GraphQLNamedType | undefined,
    listPageSize: number | undefined,
  ): OperationMeasure {
    let total = ZERO;
    for (const selection of set.selections) {
      const directives = selection.directives?.length ?? 0;
      let inner: OperationMeasure;
      if (selection.kind === Kind.FIELD) {
        inner = this.field(selection, type, listPageSize);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? this.schema.getType(selection.typeCondition.name.value)
          : type;
        inner = this.selectionSet(selection.selectionSet, condition ?? undefined, listPageSize);
      } else {
        inner = this.fragment(selection.name.value, listPageSize);
      }
      total = sum(total, { ...inner, directives: add(inner.directives, directives) });
    }
    return total;
  }

  private fragment(name: string, listPageSize: number | undefined): OperationMeasure {
    const key = `${name}@${listPageSize ?? ''}`;
    const known = this.memo.get(key);
    if (known) return known;
    const definition = this.fragments.get(name);
    // A cycle (invalid, and refused by validation) or an unknown fragment adds nothing: measuring must end.
    if (!definition || this.expanding.has(name)) return ZERO;
    this.expanding.add(name);
    const type = this.schema.getType(definition.typeCondition.name.value) ?? undefined;
    const inner = this.selectionSet(definition.selectionSet, type, listPageSize);
    this.expanding.delete(name);
    const measure = { ...inner, directives: add(inner.directives, definition.directives?.length ?? 0) };
    this.memo.set(key, measure);
    return measure;
  }

  private field(
    node: FieldNode,
    parentType: GraphQLNamedType | undefined,
    listPageSize: number | undefined,
  ): OperationMeasure {
    const aliases = node.alias ? 1 : 0;
    if (!node.selectionSet) return { depth: 1, aliases, directives: 0, cost: 1 };
    const definition = parentType ? this.fieldDefinition(parentType, node.name.value) : undefined;
    const pageSize = this.pageSize(node, definition);
    const { returnsList, typeName } = definition ? typeShape(definition.type) : { returnsList: false };
    // A list multiplies what is selected in each item; a connection passes its page size to its lists.
    const multiplier = returnsList ? (pageSize ?? listPageSize ?? DEFAULT_RELATION_SIZE) : 1;
    const childType = typeName ? (this.schema.getType(typeName) ?? undefined) : undefined;
    const inner = this.selectionSet(node.selectionSet, childType, returnsList ? undefined : pageSize);
    return {
      depth: add(inner.depth, 1),
      aliases: add(inner.aliases, aliases),
      directives: inner.directives,
      cost: add(1, mul(multiplier, inner.cost)),
    };
  }

  private fieldDefinition(parentType: GraphQLNamedType, name: string): FieldShape | undefined {
    if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
    if (parentType === this.schema.getQueryType()) {
      if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
      if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    }
    const fields = (parentType as { getFields?: () => Record<string, FieldShape | undefined> }).getFields;
    return typeof fields === 'function' ? fields.call(parentType)[name] : undefined;
  }

  /**
   * The page size a field with a `first`/`last` argument asks for: the argument's literal or variable
   * value, else the schema's default for it, else DEFAULT_PAGE_SIZE. Undefined for other fields.
   */
  private pageSize(node: FieldNode, definition: FieldShape | undefined): number | undefined {
    for (const name of PAGE_SIZE_ARGUMENTS) {
      const argument = definition?.args?.find((a) => a.name === name);
      const given = node.arguments?.find((a) => a.name.value === name);
      if (!argument && !given) continue;
      const value = given ? this.value(given.value) : undefined;
      if (value !== undefined) return value;
      if (typeof argument?.defaultValue === 'number') return Math.max(0, Math.floor(argument.defaultValue));
      return DEFAULT_PAGE_SIZE;
    }
    return undefined;
  }

  /** A page-size value as a whole number, or undefined when absent, null or not a number. */
  private value(node: ValueNode): number | undefined {
    let value: unknown;
    if (node.kind === Kind.INT || node.kind === Kind.FLOAT) value = Number(node.value);
    else if (node.kind === Kind.VARIABLE) {
      const name = node.name.value;
      if (Object.hasOwn(this.variables, name)) value = this.variables[name];
      else {
        // A variable not sent takes the operation's default; without one the argument is not given.
        const fallback = this.variableDefaults.get(name);
        return fallback && fallback.kind !== Kind.VARIABLE ? this.value(fallback) : undefined;
      }
    }
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.floor(value)) : undefined;
  }
}

/**
 * Measures the operation that will run (`operationName`, or the document's only operation), with
 * each fragment spread measured as if the fragment were written out in place; fields merged at
 * execution still count, so the figures are an upper bound. Undefined when there is no such operation
 * (execution reports that).
 *
 * - depth: fields nested on the deepest path; `__typename` and introspection fields count as any field.
 * - aliases: aliased fields. directives: directive usages, on the operation, its variables, fields,
 *   fragments and spreads.
 * - cost: each field costs 1; a list field multiplies the cost of what it selects by its page size:
 *   `first` or `last` (literal, variable, the operation's variable default, the schema's default), else
 *   20 for a paginated field and 5 (DEFAULT_RELATION_SIZE) for a list that takes no page size. A connection (a field with `first`/`last` returning an object) hands its page size to its list
 *   fields (`edges`, `nodes`), which do not multiply again; its `totalCount` and `pageInfo` count once.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables?: Record<string, unknown> | null,
): OperationMeasure | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const defaults = new Map<string, ValueNode>();
  let directives = operation.directives?.length ?? 0;
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
    directives += definition.directives?.length ?? 0;
  }
  const measurer = new Measurer(schema, document, variables ?? {}, defaults);
  const rootType = schema.getRootType(operation.operation) ?? undefined;
  const measure = measurer.selectionSet(operation.selectionSet, rootType, undefined);
  return { ...measure, directives: add(measure.directives, directives) };
}

/**
 * The limit errors of the operation that will run: depth, aliases, directives and cost, each at most
 * once. Empty when within limits (or when there is no such operation; execution reports that).
 */
export function checkOperationLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  limits: OperationLimits,
  variables?: Record<string, unknown> | null,
): GraphQLError[] {
  const measure = measureOperation(schema, document, operationName, variables);
  if (!measure) return [];
  const checks: [LimitErrorCode, number, number][] = [
    ['MAX_DEPTH_EXCEEDED', measure.depth, limits.maxDepth],
    ['MAX_ALIASES_EXCEEDED', measure.aliases, limits.maxAliases],
    ['MAX_DIRECTIVES_EXCEEDED', measure.directives, limits.maxDirectives],
    ['MAX_COST_EXCEEDED', measure.cost, limits.maxCost],
  ];
  return checks
    .filter(([, actual, limit]) => actual > limit)
    .map(([code, actual, limit]) => limitError(code, actual, limit));
}
