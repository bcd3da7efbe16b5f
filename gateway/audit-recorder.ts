import { createHash } from 'node:crypto';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { errorResponse, type Exchange, type PlainResponse } from '../core/http.js';
import { isValidCreditCode, maskIdNumber, maskPhone } from '../core/identifiers.js';
import { log } from '../core/log.js';
import type { AuditOutcome, AuditRecordInput } from './audit/record.js';
import type { AuditStore } from './audit/store.js';
import type { GatewayContext } from './context.js';

/** Personal data that must not reach the audit trail whole, wherever it appears in variables. */
const ID_NUMBER = /^\d{17}[\dX]$/;
const PHONE = /^1\d{10}$/;

export function maskVariables(value: unknown): unknown {
  if (typeof value === 'string') {
    if (ID_NUMBER.test(value)) return maskIdNumber(value);
    if (PHONE.test(value)) return maskPhone(value);
    return value;
  }
  if (Array.isArray(value)) return value.map(maskVariables);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskVariables(v)]));
  }
  return value;
}

interface ParsedBody {
  data?: Record<string, unknown> | null;
  errors?: { extensions?: { code?: string } }[];
}

function outcomeOf(status: number, body: ParsedBody): AuditOutcome {
  const codes = (body.errors ?? []).map((e) => e.extensions?.code);
  if (status === 401 || status === 403) return 'DENIED';
  if (status >= 500 && status !== 504) return 'ERROR';
  if (!body.data && codes.length) return codes.every((c) => c === 'FORBIDDEN') ? 'DENIED' : 'REFUSED';
  // Every root field refused by policy: nothing was served.
  if (
    codes.length &&
    codes.every((c) => c === 'FORBIDDEN') &&
    Object.values(body.data ?? {}).every((v) => v === null)
  ) {
    return 'DENIED';
  }
  if (codes.includes('INTERNAL_SERVER_ERROR')) return 'ERROR';
  if (codes.length) return 'PARTIAL';
  return 'SERVED';
}

const PERSON_ID = /^P\d{11}$/;

/**
 * Credit codes and person ids the operation reached: entity references sent to subgraphs (gathered by
 * the data sources), any credit code or person id among the arguments and variables, and the
 * `creditCode` / `personId` fields of the answer.
 */
function subjectsOf(
  document: DocumentNode | null,
  variables: unknown,
  data: unknown,
  context: GatewayContext | undefined,
) {
  const enterprises = new Set(context?.enterprises ?? []);
  const persons = new Set(context?.persons ?? []);
  const takeValue = (value: unknown) => {
    if (typeof value !== 'string') return;
    if (value.length === 18 && isValidCreditCode(value)) enterprises.add(value);
    else if (PERSON_ID.test(value)) persons.add(value);
  };
  const walk = (value: unknown, byKey: boolean, depth = 0) => {
    if (depth > 12 || !value || typeof value !== 'object') return takeValue(byKey ? undefined : value);
    if (Array.isArray(value)) return value.forEach((v) => walk(v, byKey, depth + 1));
    for (const [key, v] of Object.entries(value)) {
      if (!byKey || key === 'creditCode' || key === 'personId') takeValue(v);
      walk(v, byKey, depth + 1);
    }
  };
  walk(variables, false);
  walk(data, true);
  if (document) {
    // Literal string arguments, e.g. enterprise(creditCode: "...").
    JSON.stringify(document, (_key, v: unknown) => {
      const node = v as { kind?: string; value?: { kind?: string; value?: unknown } } | null;
      if (node?.kind === Kind.ARGUMENT && node.value?.kind === Kind.STRING) takeValue(node.value.value);
      return v;
    });
  }
  return { enterprises: [...enterprises].sort(), persons: [...persons].sort() };
}

export interface AuditRecorderOptions {
  store: AuditStore;
  contextOf(exchange: Exchange): GatewayContext | undefined;
}

/**
 * Writes exactly one audit record per GraphQL exchange — served, partly denied or refused — and lets
 * the answer go out only once the record is durable. If it cannot be written, the client gets 503
 * AUDIT_UNAVAILABLE instead of unaudited data.
 */
export function createAuditRecorder(options: AuditRecorderOptions) {
  return async (exchange: Exchange): Promise<PlainResponse | undefined> => {
    const context = options.contextOf(exchange);
    const evaluation = context?.policy.evaluation ?? undefined;
    const request = (exchange.request ?? {}) as {
      query?: unknown;
      operationName?: unknown;
      variables?: unknown;
    };
    let document: DocumentNode | null = null;
    if (typeof request.query === 'string') {
      try {
        document = parse(request.query, { maxTokens: 5_000 });
      } catch {
        document = null;
      }
    }
    let body: ParsedBody = {};
    try {
      body = JSON.parse(exchange.body) as ParsedBody;
    } catch {
      body = {};
    }
    const operationName =
      typeof request.operationName === 'string'
        ? request.operationName
        : (document?.definitions.find(
            (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
          )?.name?.value ?? null);
    const operationType =
      evaluation?.operationType ??
      document?.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
        ?.operation ??
      null;
    const variables = typeof request.variables === 'string' ? safeJson(request.variables) : request.variables;
    const identity = context?.identity ?? null;
    const record: Omit<AuditRecordInput, 'gatewayInstance'> = {
      at: new Date(exchange.startedAt),
      subject: identity?.subject ?? null,
      subjectName: identity?.name ?? null,
      agency: identity?.agency ?? null,
      roles: identity?.roles ?? [],
      clientAddress: exchange.req.socket.remoteAddress ?? null,
      operationName,
      operationType,
      documentHash:
        typeof request.query === 'string' ? createHash('sha256').update(request.query).digest('hex') : null,
      variables: maskVariables(variables ?? null),
      fields: evaluation?.touched ?? {},
      ...subjectsOf(document, variables, body.data, context),
      purpose: context?.purpose ?? null,
      outcome: outcomeOf(exchange.status, body),
      errorCodes: [...new Set((body.errors ?? []).map((e) => e.extensions?.code ?? 'UNKNOWN'))].sort(),
      durationMs: Date.now() - exchange.startedAt,
    };
    try {
      await options.store.append(record);
      return undefined;
    } catch (error) {
      log('error', 'audit trail not writable: refusing to serve', { error: String(error) });
      return errorResponse(
        503,
        'AUDIT_UNAVAILABLE',
        '审计存储不可写，暂停服务 (the audit trail cannot be written; nothing is served unaudited)',
      );
    }
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
