import autocannon from 'autocannon';
import { mintUserToken } from '../core/tokens.js';
import type { Role } from '../core/identity.js';
import { personas } from '../core/identity.js';
import type { Service } from './processes.js';

export interface LoadOptions {
  port: number;
  token: string;
  purpose?: string;
  /** A fixed body, or a function that makes one per request (writes that must differ). */
  body: string | (() => string);
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  completed: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Drives one gateway with autocannon: POSTs of a GraphQL body with a bearer token. */
export async function drive(options: LoadOptions): Promise<LoadResult> {
  const { body } = options;
  const result = await autocannon({
    url: `http://127.0.0.1:${options.port}/graphql`,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${options.token}`,
      ...(options.purpose ? { 'x-hub-purpose': encodeURIComponent(options.purpose) } : {}),
    },
    connections: options.connections,
    duration: options.seconds,
    ...(typeof body === 'string'
      ? { body }
      : {
          requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, body: body() }) }],
        }),
  });
  return {
    requestsPerSecond: result.requests.average,
    completed: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** A token for one persona, minted with the hub's local key (the benchmark's processes share the keys). */
export function benchToken(
  role: Role,
  env: NodeJS.ProcessEnv,
  caller: { subject?: string; scopes?: string[] } = {},
): Promise<string> {
  return mintUserToken(
    {
      subject: caller.subject ?? `bench:${role}`,
      name: 'benchmark',
      agency: personas[role].agency,
      roles: [role],
      scopes: caller.scopes ?? personas[role].scopes,
    },
    env,
  );
}

/** CPU (cores) a process used while `run` ran, with what `run` returned. */
export async function withCpu<T>(
  service: Service,
  run: () => Promise<T>,
): Promise<{ value: T; cores: number }> {
  const started = Date.now();
  const before = service.cpuSeconds();
  const value = await run();
  return { value, cores: (service.cpuSeconds() - before) / ((Date.now() - started) / 1000) };
}
