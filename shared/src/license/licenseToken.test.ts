import { base64url, exportJWK, generateKeyPair, SignJWT, createLocalJWKSet, type CryptoKey as JoseKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { decideFooter } from './footerDecision.js';
import {
  LICENSE_TOKEN_AUDIENCE,
  LICENSE_TOKEN_TYPE,
  verifyLicenseToken,
  type LicenseTokenProblem,
} from './licenseToken.js';

const ISSUER = 'https://licensing.example';
const TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OID = '11111111-2222-4333-8444-555555555555';
const NOW = new Date('2026-11-22T12:00:00Z');

let signingKey: JoseKey;
let otherKey: JoseKey;
let keys: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  ({ privateKey: signingKey } = await generateKeyPair('ES256').then(async (pair) => {
    keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }] });
    return pair;
  }));
  ({ privateKey: otherKey } = await generateKeyPair('ES256'));
});

function claims(overrides: Record<string, unknown> = {}) {
  const iat = Math.floor(NOW.getTime() / 1000);
  return {
    iss: ISSUER,
    aud: LICENSE_TOKEN_AUDIENCE,
    sub: OID,
    tid: TID,
    code: 'ACTIVE',
    footer: false,
    plan: 'monthly',
    subscriptionId: 's',
    nonce: 'n-123',
    iat,
    nbf: iat - 60,
    exp: iat + 86400,
    ...overrides,
  };
}

async function sign(payload: Record<string, unknown>, options: { key?: JoseKey; kid?: string; typ?: string } = {}) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'k1', typ: options.typ ?? LICENSE_TOKEN_TYPE })
    .sign(options.key ?? signingKey);
}

const expected = { issuer: ISSUER, tid: TID, oid: OID, nonce: 'n-123', currentDate: NOW };

async function problemOf(
  token: string,
  overrides: Partial<typeof expected> = {},
): Promise<LicenseTokenProblem | 'accepted'> {
  return verifyLicenseToken(token, keys, { ...expected, ...overrides }).then(
    () => 'accepted' as const,
    (error: { problem: LicenseTokenProblem }) => error.problem,
  );
}

describe('verifyLicenseToken', () => {
  it('accepts a genuine token and returns its claims', async () => {
    const result = await verifyLicenseToken(await sign(claims()), keys, expected);
    expect(result).toMatchObject({ code: 'ACTIVE', footer: false, sub: OID, tid: TID });
  });

  it.each<[string, () => Promise<string>, LicenseTokenProblem]>([
    [
      'alg none',
      async () =>
        `${base64url.encode(JSON.stringify({ alg: 'none', typ: LICENSE_TOKEN_TYPE }))}.${base64url.encode(JSON.stringify(claims()))}.`,
      'BAD_SIGNATURE',
    ],
    [
      'HS256 with the public key as secret',
      async () =>
        new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS256', kid: 'k1', typ: LICENSE_TOKEN_TYPE })
          .sign(new TextEncoder().encode('public-key-material')),
      'BAD_SIGNATURE',
    ],
    ['another key under our kid', () => sign(claims(), { key: otherKey }), 'BAD_SIGNATURE'],
    ['an unknown kid', () => sign(claims(), { kid: 'k2' }), 'UNKNOWN_KEY'],
    ['expired', () => sign(claims({ exp: Math.floor(NOW.getTime() / 1000) - 120 })), 'EXPIRED'],
    ['not yet valid', () => sign(claims({ nbf: Math.floor(NOW.getTime() / 1000) + 3600 })), 'NOT_YET_VALID'],
    ['without exp', () => sign(claims({ exp: undefined })), 'WRONG_CLAIMS'],
    ['wrong audience', () => sign(claims({ aud: 'someone-else' })), 'WRONG_CLAIMS'],
    ['wrong issuer', () => sign(claims({ iss: 'https://evil.example' })), 'WRONG_CLAIMS'],
    ['wrong type', () => sign(claims(), { typ: 'JWT' }), 'WRONG_CLAIMS'],
    ['another user', () => sign(claims({ sub: '99999999-2222-4333-8444-555555555555' })), 'WRONG_USER'],
    ['another tenant', () => sign(claims({ tid: 'c0ffee00-4b1d-4e5a-9f3c-1a2b3c4d5e6f' })), 'WRONG_USER'],
    ['another nonce (replayed answer)', () => sign(claims({ nonce: 'old' })), 'WRONG_NONCE'],
    ['an unknown code', () => sign(claims({ code: 'GOLD' })), 'WRONG_CLAIMS'],
  ])('rejects %s', async (_, make, problem) => {
    expect(await problemOf(await make())).toBe(problem);
  });

  it('rejects a modified payload and a truncated token', async () => {
    const [header, , signature] = (await sign(claims({ footer: true }))).split('.');
    const forged = `${header}.${base64url.encode(JSON.stringify(claims({ footer: false })))}.${signature}`;
    expect(await problemOf(forged)).toBe('BAD_SIGNATURE');
    const token = await sign(claims());
    expect(await problemOf(token.slice(0, token.length - 10))).not.toBe('accepted');
    expect(await problemOf(token.split('.').slice(0, 2).join('.'))).toBe('MALFORMED');
  });
});

describe('decideFooter', () => {
  const verified = (code: 'ACTIVE' | 'NO_LICENSE', footer: boolean, exp = Math.floor(NOW.getTime() / 1000) + 60) => ({
    kind: 'verified' as const,
    source: 'server' as const,
    claims: { ...claims({ code, footer, exp }) } as never,
  });

  it('removes the footer only for a verified, unexpired, licensed token', () => {
    expect(decideFooter(verified('ACTIVE', false), NOW)).toEqual({ footer: false, licensed: true, code: 'ACTIVE' });
    expect(decideFooter(verified('NO_LICENSE', true), NOW).footer).toBe(true);
    expect(decideFooter(verified('ACTIVE', false, Math.floor(NOW.getTime() / 1000) - 1), NOW).footer).toBe(true);
    expect(decideFooter({ kind: 'none', reason: 'unreachable' }, NOW).footer).toBe(true);
    expect(decideFooter({ kind: 'none', reason: 'clock_rollback' }, NOW).footer).toBe(true);
  });
});
