import type { GraphQLError } from 'graphql';
import { hubError, type ErrorCode, errorCodes } from '../../../core/errors.js';
import { log } from '../../../core/log.js';
import { ASSERTION_EXTENSION } from '../../../core/tokens.js';
import type { SubgraphContext } from '../context.js';
import type { DisputeStage, DisputeStepKind } from './workflow.js';

export interface LedgerReceipt {
  caseId: string;
  caseNumber: string;
  seq: number;
  stage: DisputeStage;
  version: number;
  repeated: boolean;
}

export interface LedgerStep {
  caseNumber: string;
  kind: DisputeStepKind;
  content: string;
  idempotencyKey: string;
  expectedVersion?: number | null;
  agreed?: boolean | null;
}

const APPLY = `mutation ApplyDelegatedDisputeStep($input: DelegatedDisputeStepInput!) {
  applyDelegatedDisputeStep(input: $input) { caseId caseNumber seq stage version repeated }
}`;

/** The ledger (tax) is part of the hub: a refusal it gives travels back to the caller unchanged. */
const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && code in errorCodes;

/**
 * Confirms a dispute step that this subgraph records with the lead's ledger, as the same caller (the
 * gateway's onward assertion). Resolves with the ledger's receipt; rethrows the ledger's refusal with
 * its code (INVALID_TRANSITION, CONFLICT, CASE_CLOSED, FORBIDDEN, ...); LEDGER_UNAVAILABLE when the
 * ledger cannot be reached, so that the caller keeps its record pending and the client retries.
 */
export async function confirmWithLedger(
  context: Pick<SubgraphContext<unknown>, 'ledger'>,
  step: LedgerStep,
  timeoutMs = 10_000,
): Promise<LedgerReceipt> {
  const { ledger } = context;
  if (!ledger) {
    throw hubError(
      'FORBIDDEN',
      '此操作须经网关以本人身份提交 (this step must come through the gateway as its caller)',
    );
  }
  let answer: { data?: { applyDelegatedDisputeStep?: LedgerReceipt } | null; errors?: GraphQLError[] };
  try {
    const response = await fetch(ledger.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: APPLY,
        variables: { input: step },
        extensions: { [ASSERTION_EXTENSION]: ledger.assertion },
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    answer = (await response.json()) as typeof answer;
  } catch (error) {
    log('warn', 'dispute ledger unreachable', { url: ledger.url, error: String(error) });
    throw hubError('LEDGER_UNAVAILABLE', errorCodes.LEDGER_UNAVAILABLE);
  }
  const receipt = answer.data?.applyDelegatedDisputeStep;
  if (receipt) return receipt;
  const refusal = answer.errors?.[0];
  const code = refusal?.extensions?.code;
  if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
    throw hubError(code, refusal!.message, { ...refusal!.extensions, code });
  }
  log('warn', 'dispute ledger failed', { url: ledger.url, error: JSON.stringify(answer.errors ?? null) });
  throw hubError('LEDGER_UNAVAILABLE', errorCodes.LEDGER_UNAVAILABLE);
}
