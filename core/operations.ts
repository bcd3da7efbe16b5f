import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, print } from 'graphql';
import { repoRoot } from './paths.js';

/**
 * Registered operations (operations/<name>.graphql) as the gateway runs them and clients send them:
 * normalised text and its SHA-256. The hub's own callers of the graph (the report builder, the printable
 * report page) send them by hash like any production frontend.
 */

/** Comments and layout do not change an operation, so they do not change its hash. */
export function normalizeOperation(text: string): string {
  return print(parse(text));
}

export function operationHash(normalized: string): string {
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}

export interface RegisteredOperation {
  name: string;
  document: string;
  sha256: string;
}

/** One registered operation by name, for sending it by hash (with its text, for a gateway in development). */
export function registeredOperation(name: string): RegisteredOperation {
  const document = normalizeOperation(readFileSync(join(repoRoot, 'operations', `${name}.graphql`), 'utf8'));
  return { name, document, sha256: operationHash(document) };
}

/** The request body of a registered operation sent by hash. */
export function byHash(operation: RegisteredOperation, variables: object): string {
  return JSON.stringify({
    query: operation.document,
    operationName: operation.name,
    variables,
    extensions: { persistedQuery: { version: 1, sha256Hash: operation.sha256 } },
  });
}
