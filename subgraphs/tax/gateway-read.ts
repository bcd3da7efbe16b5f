import { log } from '../../core/log.js';
import { byHash, type RegisteredOperation } from '../../core/operations.js';
import { SERVICE_ASSERTION_HEADER } from '../../core/tokens.js';

/** The hub's gateway as a tax mutation may read through it: its URL and the onward assertion for the caller. */
export interface GatewayAccess {
  url: string;
  assertion: string;
}

/**
 * Runs a registered operation through the hub's gateway on the caller's behalf (the health-check report
 * builder, proactive targeting): by hash, with the gateway's onward assertion and the stated purpose, so
 * the gateway applies its field policy and audits the read. Another agency's data is read this way, never
 * from its database. Anything short of complete data is `unavailable(detail)`: the callers act on whole
 * answers or not at all.
 */
export async function readThroughGateway<TData>(
  gateway: GatewayAccess,
  request: {
    operation: RegisteredOperation;
    variables: Record<string, unknown>;
    purpose: string;
    timeoutMs: number;
    /** For the log line. */
    reader: string;
    unavailable: (detail: string) => Error;
  },
): Promise<TData> {
  let answer: { data?: TData | null; errors?: { message: string }[] };
  try {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SERVICE_ASSERTION_HEADER]: gateway.assertion,
        'x-hub-purpose': encodeURIComponent(request.purpose),
      },
      body: byHash(request.operation, request.variables),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    answer = (await response.json()) as typeof answer;
  } catch (error) {
    log('warn', `${request.reader}: gateway unreachable`, { url: gateway.url, error: String(error) });
    throw request.unavailable(String(error));
  }
  if (answer.errors?.length || !answer.data) {
    throw request.unavailable(answer.errors?.map((e) => e.message).join('; ') ?? 'no data');
  }
  return answer.data;
}
