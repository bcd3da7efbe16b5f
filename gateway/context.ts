import type { IncomingMessage } from 'node:http';
import type { Identity } from '../core/identity.js';
import { SERVICE_ASSERTION_HEADER } from '../core/tokens.js';
import type { Evaluation } from './policy.js';

/** What the gateway knows about one operation: who asks, why, from where, and what it touched. */
export interface GatewayContext {
  identity: Identity | null;
  /** The stated purpose (`x-hub-purpose`): the id of a case the viewer's agency takes part in. */
  purpose: string | null;
  clientAddress: string | null;
  startedAt: number;
  /** Enterprises and persons the operation reached, gathered from arguments and entity references. */
  enterprises: Set<string>;
  persons: Set<string>;
  /**
   * What the field policy decided, for the audit record. A holder object, because Apollo Server may
   * shallow-copy the context: nested objects are shared with the copy, top-level assignments are not.
   */
  policy: { evaluation: Evaluation | null };
}

const MAX_PURPOSE_LENGTH = 100;

/** Reads the bearer token (verified by `verify`), the purpose and the client address of a request. */
export async function createGatewayContext(
  req: IncomingMessage,
  verify: (token: string) => Promise<Identity>,
  unauthenticated: (reason: string) => Error,
  verifyService?: (assertion: string, purpose: string | null) => Promise<Identity>,
): Promise<GatewayContext> {
  const header = req.headers.authorization;
  const service = req.headers[SERVICE_ASSERTION_HEADER];
  const purpose = readPurpose(req.headers['x-hub-purpose']);
  let identity: Identity | null = null;
  if (typeof service === 'string' && verifyService) {
    // A subgraph reading through the graph for a caller, with the gateway's own onward assertion; the
    // purpose it states says which of its services reads (the audit record names it).
    identity = await verifyService(service, purpose);
  } else if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated('Authorization 头应为 Bearer 令牌 (expected a Bearer token)');
    identity = await verify(match[1]!);
  }
  return {
    identity,
    purpose,
    clientAddress: req.socket.remoteAddress ?? null,
    startedAt: Date.now(),
    enterprises: new Set(),
    persons: new Set(),
    policy: { evaluation: null },
  };
}

/**
 * HTTP headers carry only ASCII, and case numbers are Chinese (（2024）川1902民初123号): the purpose is
 * sent URL-encoded (encodeURIComponent) and decoded here.
 */
function readPurpose(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string' || !header.trim()) return null;
  let purpose: string;
  try {
    purpose = decodeURIComponent(header.trim());
  } catch {
    purpose = header.trim();
  }
  return purpose.slice(0, MAX_PURPOSE_LENGTH);
}
