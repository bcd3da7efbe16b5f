// Token verification caches what a token verified to, never past its expiry, and never a failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  createAssertionSigner,
  createAssertionVerifier,
  createUserTokenVerifier,
  mintUserToken,
} from '../../core/tokens.js';
import { testIdentity } from '../support/identities.js';

const keysDir = mkdtempSync(join(tmpdir(), 'hub-keys-'));
const env: NodeJS.ProcessEnv = { HUB_KEYS_DIR: keysDir };
afterAll(() => rmSync(keysDir, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

const mint = (expiresIn: string | number) =>
  mintUserToken({ subject: 's', name: 'n', agency: 'tax', roles: ['analyst'], expiresIn }, env);

describe('user token verification', () => {
  it('verifies a token, and the same token again, to the same identity', async () => {
    const verify = await createUserTokenVerifier(env);
    const token = await mint('5m');
    const first = await verify(token);
    expect(first).toMatchObject({ subject: 's', agency: 'tax', roles: ['analyst'] });
    expect(await verify(token)).toBe(first);
  });

  it('refuses a cached token once it has expired', async () => {
    const verify = await createUserTokenVerifier(env);
    const token = await mint('2m');
    await verify(token);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10 * 60_000);
    await expect(verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('does not remember a failure: a bad token stays bad, a good one stays good', async () => {
    const verify = await createUserTokenVerifier(env);
    const token = await mint('5m');
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await expect(verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(verify(token)).resolves.toMatchObject({ subject: 's' });
  });
});

describe('gateway assertions', () => {
  it('are checked for their audience, cached for their lifetime, and carry the purpose', async () => {
    const sign = await createAssertionSigner(env);
    const verifyTax = await createAssertionVerifier('tax', env);
    const token = await sign({ identity: testIdentity('judge'), purpose: 'case-1' }, 'tax');
    expect(await sign({ identity: testIdentity('judge'), purpose: 'case-1' }, 'tax')).toBe(token);
    const assertion = await verifyTax(token);
    expect(assertion).toMatchObject({ identity: { roles: ['judge'] }, purpose: 'case-1' });
    expect(await verifyTax(token)).toBe(assertion);
    const verifyCourts = await createAssertionVerifier('courts', env);
    await expect(verifyCourts(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
