import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { dataDir } from './paths.js';

/**
 * Key pairs the hub makes for itself, so that a machine with no identity provider works out of the box:
 * - `issuer`: signs the user tokens `npm run token` mints (a stand-in for the agencies' OIDC provider);
 * - `gateway`: signs the short-lived identity assertions the gateway sends to each subgraph.
 * Each pair is kept as a private JWK and a public JWKS in `<HUB_DATA_DIR>/keys` (git-ignored).
 */
export type KeyName = 'issuer' | 'gateway';
export const SIGNING_ALGORITHM = 'ES256';

export function keysDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.HUB_KEYS_DIR ?? join(env.HUB_DATA_DIR ?? dataDir, 'keys');
}

export const publicJwksPath = (name: KeyName, env: NodeJS.ProcessEnv = process.env) =>
  join(keysDir(env), `${name}.jwks.json`);
const privateJwkPath = (name: KeyName, env: NodeJS.ProcessEnv) =>
  join(keysDir(env), `${name}.private.jwk.json`);

/** Writes through a temporary file and a rename, so a concurrent reader never sees half a key. */
function writeAtomically(path: string, content: string, mode: number): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode });
  renameSync(temporary, path);
}

/**
 * Generates the pair under a lock directory (mkdir is atomic): when several processes start together,
 * one generates and the others wait for its files, so the JWKS always matches the private key.
 */
async function generateOnce(name: KeyName, env: NodeJS.ProcessEnv): Promise<void> {
  const path = privateJwkPath(name, env);
  const lock = join(keysDir(env), `${name}.lock`);
  mkdirSync(keysDir(env), { recursive: true, mode: 0o700 });
  try {
    mkdirSync(lock);
  } catch {
    for (let waited = 0; !existsSync(path); waited += 50) {
      if (waited > 10_000)
        throw new Error(`key generation lock ${lock} held for over 10 s; remove it if stale`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return;
  }
  try {
    if (existsSync(path)) return;
    const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
    const kid = `${name}-${randomUUID()}`;
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALGORITHM };
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' };
    // Public part first: whoever finds the private key also finds its JWKS.
    writeAtomically(publicJwksPath(name, env), JSON.stringify({ keys: [publicJwk] }, null, 2), 0o644);
    writeAtomically(path, JSON.stringify(privateJwk), 0o600);
  } finally {
    rmdirSync(lock);
  }
}

export interface SigningKey {
  key: CryptoKey;
  kid: string;
}

/** The private signing key of `name`, generated on first use. */
export async function loadOrCreateSigningKey(
  name: KeyName,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SigningKey> {
  const path = privateJwkPath(name, env);
  if (!existsSync(path)) await generateOnce(name, env);
  const jwk = JSON.parse(readFileSync(path, 'utf8')) as JWK & { kid: string };
  return { key: (await importJWK(jwk, SIGNING_ALGORITHM)) as CryptoKey, kid: jwk.kid };
}

/** The public JWKS of a local key pair, creating the pair if needed. */
export async function localJwks(
  name: KeyName,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ keys: JWK[] }> {
  await loadOrCreateSigningKey(name, env);
  return JSON.parse(readFileSync(publicJwksPath(name, env), 'utf8')) as { keys: JWK[] };
}
