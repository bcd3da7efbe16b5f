// One audit record: its shape, the normalisation that makes it survive PostgreSQL unchanged, and the
// canonical serialisation its hash is computed over (the same bytes from the input and from the stored row).
import { createHash, getHashes } from 'node:crypto';

export const outcomes = ['SERVED', 'PARTIAL', 'DENIED', 'REFUSED', 'ERROR'] as const;
export type AuditOutcome = (typeof outcomes)[number];

export const operationTypes = ['query', 'mutation', 'subscription'] as const;
export type AuditOperationType = (typeof operationTypes)[number];

export type HashAlgorithm = 'sm3' | 'sha256';

/** What the gateway records about one operation. */
export interface AuditRecordInput {
  at: Date;
  /** JWT `sub`; null for an anonymous caller. */
  subject: string | null;
  subjectName: string | null;
  agency: string | null;
  roles: string[];
  clientAddress: string | null;
  operationName: string | null;
  operationType: AuditOperationType | null;
  /** sha256 hex of the operation document. */
  documentHash: string | null;
  /** Already masked by the caller; stored as jsonb. */
  variables: unknown;
  /** subgraph → ["Type.field", ...] touched. */
  fields: Record<string, string[]>;
  /** Credit codes touched. */
  enterprises: string[];
  /** Person ids touched. */
  persons: string[];
  purpose: string | null;
  outcome: AuditOutcome;
  errorCodes: string[];
  durationMs: number;
  gatewayInstance: string;
}

/** A record as stored: chained to its predecessor. */
export interface StoredAuditRecord extends AuditRecordInput {
  /** bigint, as a string. */
  seq: string;
  prevHash: string;
  hash: string;
  hashAlgorithm: HashAlgorithm;
}

/** The prevHash of the first record when nothing was ever pruned. */
export const GENESIS_HASH = '0'.repeat(64);

/** SM3 (GB/T 32905) where this Node's OpenSSL offers it, else SHA-256. */
export const defaultHashAlgorithm: HashAlgorithm = getHashes().includes('sm3') ? 'sm3' : 'sha256';

export function isHashAlgorithmAvailable(algorithm: string): algorithm is HashAlgorithm {
  return (algorithm === 'sm3' || algorithm === 'sha256') && getHashes().includes(algorithm);
}

// Lone surrogates would be turned into U+FFFD by the UTF-8 encoder (and refused by jsonb), and PostgreSQL
// refuses NUL in text and jsonb; replacing both before hashing keeps the hashed and stored bytes equal.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function cleanString(value: string): string {
  return value.replaceAll('\u0000', '\uFFFD').replace(LONE_SURROGATE, '\uFFFD');
}

function nullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : cleanString(String(value));
}

function textArray(value: unknown, name: string): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value))
    throw new TypeError(`审计记录字段 ${name} 必须是数组 (${name} must be an array)`);
  return value.map((item) => cleanString(String(item)));
}

/** Deep-cleans a JSON value (strings and keys); `Object.fromEntries` keeps a `__proto__` key an own key. */
function cleanJson(value: unknown): unknown {
  if (typeof value === 'string') return cleanString(value);
  if (Array.isArray(value)) return value.map(cleanJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanString(k), cleanJson(v)]));
  }
  return value;
}

/** Any value → the JSON value jsonb will give back (Dates become strings, undefined disappears, bigint → string). */
function toJsonValue(value: unknown): unknown {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return text === undefined ? null : cleanJson(JSON.parse(text));
}

/**
 * Checks a record and brings it to the form PostgreSQL stores without change. Throws (TypeError) on a
 * record the store cannot keep faithfully, so the caller hears of it instead of a silently altered record.
 */
export function normalizeRecord(input: AuditRecordInput): AuditRecordInput {
  const at = input.at;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new TypeError('审计记录的 at 必须是有效的 Date (at must be a valid Date)');
  }
  const year = at.getUTCFullYear();
  if (year < 1 || year > 9999) throw new TypeError(`审计记录的 at 超出范围 (at out of range): ${year}`);
  if (input.operationType !== null && !operationTypes.includes(input.operationType)) {
    throw new TypeError(`未知的操作类型 (unknown operationType): ${String(input.operationType)}`);
  }
  if (!outcomes.includes(input.outcome)) {
    throw new TypeError(`未知的结果 (unknown outcome): ${String(input.outcome)}`);
  }
  const durationMs = Number(input.durationMs);
  if (!Number.isFinite(durationMs)) {
    throw new TypeError(`durationMs 必须是有限数 (durationMs must be finite): ${String(input.durationMs)}`);
  }
  const fields: Record<string, string[]> = {};
  if (input.fields !== null && input.fields !== undefined) {
    if (typeof input.fields !== 'object' || Array.isArray(input.fields)) {
      throw new TypeError('审计记录字段 fields 必须是对象 (fields must be an object)');
    }
    for (const [subgraph, list] of Object.entries(input.fields)) {
      Object.defineProperty(fields, cleanString(subgraph), {
        value: textArray(list, `fields.${subgraph}`),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return {
    at: new Date(at.getTime()),
    subject: nullableText(input.subject),
    subjectName: nullableText(input.subjectName),
    agency: nullableText(input.agency),
    roles: textArray(input.roles, 'roles'),
    clientAddress: nullableText(input.clientAddress),
    operationName: nullableText(input.operationName),
    operationType: input.operationType ?? null,
    documentHash: nullableText(input.documentHash),
    variables: toJsonValue(input.variables),
    fields,
    enterprises: textArray(input.enterprises, 'enterprises'),
    persons: textArray(input.persons, 'persons'),
    purpose: nullableText(input.purpose),
    outcome: input.outcome,
    errorCodes: textArray(input.errorCodes, 'errorCodes'),
    durationMs: Object.is(durationMs, -0) ? 0 : durationMs,
    gatewayInstance: cleanString(String(input.gatewayInstance)),
  };
}

/** JSON with keys sorted (UTF-16 code-unit order) at every level and Dates as ISO strings. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`无法规范化非有限数 (non-finite number): ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
      const entries = Object.keys(value)
        .sort()
        .map((key) => JSON.stringify(key) + ':' + canonicalJson((value as Record<string, unknown>)[key]));
      return '{' + entries.join(',') + '}';
    }
    default:
      throw new TypeError(`无法规范化的值 (value cannot be canonicalised): ${typeof value}`);
  }
}

/** The bytes a record's hash covers after its prevHash: every field but seq, prevHash and hash. */
export function canonicalPayload(record: AuditRecordInput, hashAlgorithm: HashAlgorithm): string {
  const payload: Record<string, unknown> = {
    agency: record.agency,
    at: record.at,
    clientAddress: record.clientAddress,
    documentHash: record.documentHash,
    durationMs: record.durationMs,
    enterprises: record.enterprises,
    errorCodes: record.errorCodes,
    fields: record.fields,
    gatewayInstance: record.gatewayInstance,
    hashAlgorithm,
    operationName: record.operationName,
    operationType: record.operationType,
    outcome: record.outcome,
    persons: record.persons,
    purpose: record.purpose,
    roles: record.roles,
    subject: record.subject,
    subjectName: record.subjectName,
    variables: record.variables,
  };
  return canonicalJson(payload);
}

/** hash = H(prevHash + '\n' + canonical payload), hex. */
export function hashLink(prevHash: string, payload: string, hashAlgorithm: HashAlgorithm): string {
  return createHash(hashAlgorithm)
    .update(prevHash + '\n' + payload, 'utf8')
    .digest('hex');
}

export function chainHash(prevHash: string, record: AuditRecordInput, hashAlgorithm: HashAlgorithm): string {
  return hashLink(prevHash, canonicalPayload(record, hashAlgorithm), hashAlgorithm);
}

/** The audit_event columns, in the order `fromRow` and the insert use. */
export const auditColumns = [
  'seq',
  'at',
  'subject',
  'subject_name',
  'agency',
  'roles',
  'client_address',
  'operation_name',
  'operation_type',
  'document_hash',
  'variables',
  'fields',
  'enterprises',
  'persons',
  'purpose',
  'outcome',
  'error_codes',
  'duration_ms',
  'gateway_instance',
  'prev_hash',
  'hash',
  'hash_algorithm',
] as const;

export type AuditRow = Record<(typeof auditColumns)[number], unknown>;

/** A stored row (as node-postgres parses it) → the record it holds; no defaults, so a NULLed column fails verification. */
export function fromRow(row: AuditRow): StoredAuditRecord {
  return {
    seq: String(row.seq),
    at: row.at instanceof Date ? row.at : new Date(String(row.at)),
    subject: row.subject as string | null,
    subjectName: row.subject_name as string | null,
    agency: row.agency as string | null,
    roles: row.roles as string[],
    clientAddress: row.client_address as string | null,
    operationName: row.operation_name as string | null,
    operationType: row.operation_type as AuditOperationType | null,
    documentHash: row.document_hash as string | null,
    variables: row.variables ?? null,
    fields: row.fields as Record<string, string[]>,
    enterprises: row.enterprises as string[],
    persons: row.persons as string[],
    purpose: row.purpose as string | null,
    outcome: row.outcome as AuditOutcome,
    errorCodes: row.error_codes as string[],
    durationMs: Number(row.duration_ms),
    gatewayInstance: row.gateway_instance as string,
    prevHash: row.prev_hash as string,
    hash: row.hash as string,
    hashAlgorithm: row.hash_algorithm as HashAlgorithm,
  };
}
