import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { hubError } from './errors.js';
import { isValidCreditCode } from './identifiers.js';
import { isAgency, isRole, type Identity } from './identity.js';
import { loadOrCreateSigningKey, localJwks, SIGNING_ALGORITHM } from './keys.js';

/** Issuer and audience of user tokens; an agency's identity provider is configured to the same values. */
export const userTokenIssuer = (env: NodeJS.ProcessEnv = process.env) =>
  env.HUB_JWT_ISSUER ?? 'bazhong-hub-local-issuer';
export const userTokenAudience = (env: NodeJS.ProcessEnv = process.env) =>
  env.HUB_JWT_AUDIENCE ?? 'bazhong-governance-hub';
const GATEWAY_ISSUER = 'bazhong-hub-gateway';
/** Identity assertions live one minute: long enough for one operation, too short to be worth stealing. */
const ASSERTION_TTL_SECONDS = 60;

const unauthenticated = (reason: string) =>
  hubError('UNAUTHENTICATED', `身份令牌无效：${reason} (invalid token: ${reason})`, {
    http: { status: 401 },
  });

/**
 * Remembers what a token verified to until the token expires, keyed by the exact token string: the same
 * bearer token (and the same gateway assertion, reused for half its lifetime) arrives on request after
 * request, and an ECDSA verification per request is the largest CPU cost of a small operation. A token
 * that fails verification is never cached.
 */
function verifiedCache<T>(
  verify: (token: string) => Promise<{ value: T; expiresAt: number }>,
  maxEntries = 10_000,
) {
  const cache = new Map<string, { value: T; expiresAt: number }>();
  return async (token: string): Promise<T> => {
    const hit = cache.get(token);
    if (hit && hit.expiresAt > Date.now()) return hit.value;
    const fresh = await verify(token);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(token, fresh);
    return fresh.value;
  };
}

const expiryOf = (payload: JWTPayload) => (payload.exp ?? 0) * 1000;

/** Claims of a user token as the hub reads them (OIDC-style; `scope` is space-separated as in OAuth 2). */
interface UserClaims extends JWTPayload {
  name?: string;
  agency?: string;
  roles?: string[];
  scope?: string;
  credit_code?: string;
}

export interface MintOptions {
  subject: string;
  name: string;
  agency: string;
  roles: string[];
  scopes?: string[];
  creditCode?: string | null;
  /** Lifetime, e.g. '8h' (a jose time span), or the expiry as seconds since the epoch. */
  expiresIn?: string | number;
}

/** Mints a user token with the hub's local issuer key (`npm run token`). */
export async function mintUserToken(
  options: MintOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const { key, kid } = await loadOrCreateSigningKey('issuer', env);
  const claims: UserClaims = { name: options.name, agency: options.agency, roles: options.roles };
  if (options.scopes?.length) claims.scope = options.scopes.join(' ');
  if (options.creditCode) claims.credit_code = options.creditCode;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: 'JWT' })
    .setSubject(options.subject)
    .setIssuer(userTokenIssuer(env))
    .setAudience(userTokenAudience(env))
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(key);
}

/** Turns verified claims into an Identity, refusing tokens whose claims the hub cannot honour. */
export function identityFromClaims(claims: JWTPayload & Record<string, unknown>): Identity {
  const { sub, name, agency, roles, scope, scopes, credit_code: creditCode } = claims;
  if (typeof sub !== 'string' || !sub) throw unauthenticated('缺少 sub (no subject)');
  if (typeof agency !== 'string' || !isAgency(agency))
    throw unauthenticated(`未知部门 ${String(agency)} (unknown agency)`);
  if (!Array.isArray(roles) || !roles.length || !roles.every((r) => typeof r === 'string' && isRole(r))) {
    throw unauthenticated('角色缺失或未知 (missing or unknown roles)');
  }
  const scopeList =
    typeof scope === 'string'
      ? scope.split(' ').filter(Boolean)
      : Array.isArray(scopes)
        ? scopes.map(String)
        : [];
  if (creditCode !== undefined && (typeof creditCode !== 'string' || !isValidCreditCode(creditCode))) {
    throw unauthenticated('credit_code 不合法 (invalid credit_code)');
  }
  if (roles.includes('enterprise-contact') && !creditCode) {
    throw unauthenticated(
      '企业联系人令牌须绑定统一社会信用代码 (an enterprise contact must carry credit_code)',
    );
  }
  return {
    subject: sub,
    name: typeof name === 'string' ? name : sub,
    agency,
    roles: roles as Identity['roles'],
    scopes: scopeList,
    creditCode: typeof creditCode === 'string' ? creditCode : null,
  };
}

function userKeySet(env: NodeJS.ProcessEnv): JWTVerifyGetKey | Promise<JWTVerifyGetKey> {
  if (env.HUB_JWKS_URL) return createRemoteJWKSet(new URL(env.HUB_JWKS_URL), { timeoutDuration: 5_000 });
  if (env.HUB_JWKS_PATH) return createLocalJWKSet(JSON.parse(readFileSync(env.HUB_JWKS_PATH, 'utf8')));
  return localJwks('issuer', env).then((jwks) =>
    createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]),
  );
}

/**
 * Verifies bearer tokens against the configured JWKS (HUB_JWKS_URL, HUB_JWKS_PATH, or the local issuer's),
 * checking signature, issuer, audience and expiry. Any failure is 401 UNAUTHENTICATED.
 */
export async function createUserTokenVerifier(
  env: NodeJS.ProcessEnv = process.env,
): Promise<(token: string) => Promise<Identity>> {
  const keys = await userKeySet(env);
  const issuer = userTokenIssuer(env);
  const audience = userTokenAudience(env);
  return verifiedCache(async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer, audience, clockTolerance: 30 }));
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ERR_JWT_INVALID';
      const reasons: Record<string, string> = {
        ERR_JWT_EXPIRED: '已过期 (expired)',
        ERR_JWT_CLAIM_VALIDATION_FAILED: '签发方或受众不符 (wrong issuer or audience)',
        ERR_JWS_SIGNATURE_VERIFICATION_FAILED: '签名无效 (bad signature)',
        ERR_JWKS_NO_MATCHING_KEY: '签名密钥未知 (unknown signing key)',
      };
      throw unauthenticated(reasons[code] ?? '格式错误 (malformed)');
    }
    const identity = identityFromClaims(payload as JWTPayload & Record<string, unknown>);
    // The report builder's identity comes only from the gateway's own onward assertion, never a token.
    if (identity.roles.includes('report-builder')) {
      throw unauthenticated('report-builder 为内部服务身份，令牌不得声明 (an internal service role)');
    }
    return { value: identity, expiresAt: expiryOf(payload) };
  });
}

/** The header that carries the gateway's signed assertion of the verified identity to a subgraph. */
export const ASSERTION_HEADER = 'x-hub-assertion';
/**
 * Where an operation carries its assertion inside a batched subgraph request (`extensions.hubAssertion`),
 * since one HTTP request then carries operations of several callers. Same token, same checks.
 */
export const ASSERTION_EXTENSION = 'hubAssertion';

/**
 * Where a mutation sent to an agency's subgraph carries an onward assertion for the lead's dispute
 * ledger (audience `tax`, `via` = that subgraph): the same caller, so that the subgraph can confirm a
 * dispute step it records with the ledger as that caller, and only for steps it records itself.
 */
export const LEDGER_ASSERTION_EXTENSION = 'hubLedgerAssertion';

/**
 * Where a mutation that reads through the graph on its caller's behalf (issuing health-check reports in
 * tax) carries an onward assertion for the gateway itself (audience `gateway`, `via` = the subgraph): the
 * gateway accepts it in `SERVICE_ASSERTION_HEADER` as that subgraph's service identity acting for the caller.
 */
export const GATEWAY_ASSERTION_EXTENSION = 'hubGatewayAssertion';
/** The header in which a subgraph presents the gateway's onward assertion back to the gateway. */
export const SERVICE_ASSERTION_HEADER = 'x-hub-service-assertion';
/** The audience of assertions the gateway signs for itself. */
export const GATEWAY_AUDIENCE = 'gateway';

/** The purpose an operation states (a case id), carried with the identity to the subgraphs. */
export interface Assertion {
  /** null: a caller without a token, whom the gateway let through to PUBLIC fields only. */
  identity: Identity | null;
  purpose: string | null;
  /** An onward assertion: the subgraph that may present it (see LEDGER_ASSERTION_EXTENSION). */
  via?: string | null;
}

/**
 * Signs what the gateway verified, for one subgraph (audience = its name). Signatures are reused for
 * half their lifetime: the same user hitting the same subgraph does not pay an ECDSA signature per request.
 */
export async function createAssertionSigner(env: NodeJS.ProcessEnv = process.env) {
  const { key, kid } = await loadOrCreateSigningKey('gateway', env);
  const cache = new Map<string, { token: string; renewAt: number }>();
  return async (assertion: Assertion, audience: string): Promise<string> => {
    const cacheKey = JSON.stringify([audience, assertion.purpose, assertion.via, assertion.identity]);
    const cached = cache.get(cacheKey);
    if (cached && cached.renewAt > Date.now()) return cached.token;
    const { identity, purpose } = assertion;
    const claims = identity
      ? {
          name: identity.name,
          agency: identity.agency,
          roles: identity.roles,
          scopes: identity.scopes,
          ...(identity.creditCode ? { credit_code: identity.creditCode } : {}),
        }
      : { anonymous: true };
    const via = assertion.via ? { via: assertion.via } : {};
    const token = await new SignJWT({ ...claims, ...(purpose ? { purpose } : {}), ...via })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid })
      .setSubject(identity?.subject ?? 'anonymous')
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${ASSERTION_TTL_SECONDS}s`)
      .sign(key);
    if (cache.size > 10_000) cache.clear();
    cache.set(cacheKey, { token, renewAt: Date.now() + (ASSERTION_TTL_SECONDS * 1000) / 2 });
    return token;
  };
}

/** A subgraph's check of the gateway's assertion: signed by the gateway key, for this subgraph, unexpired. */
export async function createAssertionVerifier(audience: string, env: NodeJS.ProcessEnv = process.env) {
  const jwks = env.HUB_GATEWAY_JWKS_PATH
    ? JSON.parse(readFileSync(env.HUB_GATEWAY_JWKS_PATH, 'utf8'))
    : await localJwks('gateway', env);
  const keys = createLocalJWKSet(jwks);
  return verifiedCache<Assertion>(async (token) => {
    let payload: JWTPayload & Record<string, unknown>;
    try {
      ({ payload } = (await jwtVerify(token, keys, { issuer: GATEWAY_ISSUER, audience })) as {
        payload: JWTPayload & Record<string, unknown>;
      });
    } catch {
      throw hubError(
        'UNAUTHENTICATED',
        '仅接受经网关转发并签名的请求 (only signed requests from the gateway are served)',
        {
          http: { status: 401 },
        },
      );
    }
    return {
      value: {
        identity: payload.anonymous === true ? null : identityFromClaims(payload),
        purpose: typeof payload.purpose === 'string' ? payload.purpose : null,
        via: typeof payload.via === 'string' ? payload.via : null,
      },
      expiresAt: expiryOf(payload),
    };
  });
}

/**
 * The tax subgraph's services that read through the graph for a caller, by the purpose they state: the
 * health-check report builder (`health-check:<period>:<enterprise or all>`) and the proactive targeting
 * (`proactive:<action id>`). Both act with the internal role `report-builder`; the subject and name say
 * which one read, for the audit record.
 */
const graphReaders = [
  { prefix: 'health-check:', subject: 'tax:report-builder', label: '税费健康体检报告生成服务' },
  { prefix: 'proactive:', subject: 'tax:proactive-targeting', label: '未诉先办目标筛选服务' },
] as const;

/** Whether a purpose is one the tax subgraph's services state (not a case to check with its owner). */
export const isServicePurpose = (purpose: string | null | undefined): boolean =>
  graphReaders.some((reader) => purpose?.startsWith(reader.prefix));

/**
 * The gateway's check of its own onward assertion presented back to it by the tax subgraph
 * (SERVICE_ASSERTION_HEADER): valid, signed by the gateway for itself, `via` tax. The operation then runs
 * as the tax subgraph's service (the report builder, or the proactive targeting, by the stated purpose)
 * acting for the caller named in the assertion, whom the audit record names.
 */
export async function createServiceVerifier(env: NodeJS.ProcessEnv = process.env) {
  const verify = await createAssertionVerifier(GATEWAY_AUDIENCE, env);
  return async (token: string, purpose: string | null = null): Promise<Identity> => {
    const assertion = await verify(token);
    if (assertion.via !== 'tax' || !assertion.identity) {
      throw unauthenticated('服务断言无效 (not an onward assertion for the tax subgraph)');
    }
    const caller = assertion.identity;
    const reader = graphReaders.find((r) => purpose?.startsWith(r.prefix)) ?? graphReaders[0];
    return {
      subject: reader.subject,
      name: `${reader.label}（代 ${caller.name}，${caller.subject}）`,
      agency: 'tax',
      roles: ['report-builder'],
      scopes: [],
      creditCode: null,
    };
  };
}
