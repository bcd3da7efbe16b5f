import type { IncomingMessage } from 'node:http';
import type { Identity } from '../core/identity.js';

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
}

const MAX_PURPOSE_LENGTH = 100;

/** Reads the bearer token (verified by `verify`), the purpose and the client address of a request. */
export async function createGatewayContext(
  req: IncomingMessage,
  verify: (token: string) => Promise<Identity>,
  unauthenticated: (reason: string) => Error,
): Promise<GatewayContext> {
  const header = req.headers.authorization;
  let identity: Identity | null = null;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated('Authorization 头应为 Bearer 令牌 (expected a Bearer token)');
    identity = await verify(match[1]!);
  }
  const purposeHeader = req.headers['x-hub-purpose'];
  const purpose =
    typeof purposeHeader === 'string' && purposeHeader.trim()
      ? purposeHeader.trim().slice(0, MAX_PURPOSE_LENGTH)
      : null;
  return {
    identity,
    purpose,
    clientAddress: req.socket.remoteAddress ?? null,
    startedAt: Date.now(),
    enterprises: new Set(),
    persons: new Set(),
  };
}
