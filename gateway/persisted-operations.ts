import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { GraphQLError, Kind, parse, print, validate, type GraphQLSchema } from 'graphql';
import { normalizeOperation, operationHash } from '../core/operations.js';
import { repoRoot } from '../core/paths.js';

/** Where the registered operations live: one `<OperationName>.graphql` per operation. */
export const operationsDir = join(repoRoot, 'operations');

export const manifestPath = join(operationsDir, 'manifest.json');

export interface PersistedOperation {
  name: string;
  /** sha256 (lowercase hex) of `document`. */
  sha256: string;
  /** The normalized text: graphql-js `print(parse(file))`, without comments or layout. */
  document: string;
}

export interface PersistedOperations {
  byHash(sha256Hex: string): PersistedOperation | undefined;
  byName(name: string): PersistedOperation | undefined;
  /** Sorted by name. */
  list(): PersistedOperation[];
}

// The printed text is also what the gateway runs, so sha256(document) is the hash a client sends.
export { normalizeOperation, operationHash };

function readOperation(dir: string, file: string): PersistedOperation {
  const where = join(dir, file);
  let document;
  try {
    document = parse(readFileSync(where, 'utf8'));
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw new Error(`${where}: 不是合法的 GraphQL (not valid GraphQL): ${error.message}`);
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const others = document.definitions.filter(
    (d) => d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION,
  );
  const name = operations[0]?.name?.value;
  if (operations.length !== 1 || !name || others.length) {
    throw new Error(
      `${where}: 须恰好包含一个具名操作（可附片段）(must hold exactly one named operation, plus fragments)`,
    );
  }
  // The file name is the operation name, so one operation can be registered only once.
  if (basename(file, '.graphql') !== name) {
    throw new Error(`${where}: 文件名须与操作名 ${name} 一致 (the file must be named ${name}.graphql)`);
  }
  const normalized = print(document);
  return { name, sha256: operationHash(normalized), document: normalized };
}

/**
 * The registry of persisted operations in `dir` (every `*.graphql` file; other files such as
 * manifest.json are ignored). Throws on a file that is not one named operation, so a broken registry
 * stops start-up instead of refusing a frontend's requests later.
 */
export function loadPersistedOperations(dir: string = operationsDir): PersistedOperations {
  const operations = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readOperation(dir, file));
  const byHash = new Map(operations.map((op) => [op.sha256, op]));
  const byName = new Map(operations.map((op) => [op.name, op]));
  return {
    byHash: (sha256Hex) => byHash.get(sha256Hex.toLowerCase()),
    byName: (name) => byName.get(name),
    list: () => [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  };
}

/**
 * Problems of registered operations against the schema the gateway serves (its API schema), as
 * "<name>: <message>"; empty when all validate. A supergraph change that breaks a frontend shows here.
 */
export function validatePersistedOperations(registry: PersistedOperations, schema: GraphQLSchema): string[] {
  return registry
    .list()
    .flatMap((op) => validate(schema, parse(op.document)).map((error) => `${op.name}: ${error.message}`));
}

/** The manifest client teams build against: `[{ name, sha256 }]` sorted by name, as pretty JSON. */
export function manifestJson(registry: PersistedOperations): string {
  const entries = registry.list().map(({ name, sha256 }) => ({ name, sha256 }));
  return JSON.stringify(entries, null, 2) + '\n';
}
