import { base64url, createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey as JoseKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../http/apiError.js';
import { createAccessTokenValidator, type AccessTokenValidator } from './accessTokenValidator.js';

const AUDIENCE = '6b1d7f4e-3c2a-4e8b-9d0f-0a1b2c3d4e5f';
const TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OID = '00000000-1111-4222-8333-444444444444';
const TEMPLATE = 'https://login.microsoftonline.com/{tid}/v2.0';

let key: JoseKey;
let stranger: JoseKey;
let publicPem: string;
let validate: AccessTokenValidator;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  key = pair.privateKey;
  ({ privateKey: stranger } = await generateKeyPair('RS256'));
  const jwk = await exportJWK(pair.publicKey);
  publicPem = JSON.stringify(jwk);
  validate = createAccessTokenValidator({ jwks: createLocalJWKSet({ keys: [{ ...jwk, kid: 'k1', alg: 'RS256' }] }), audience: AUDIENCE, issuerTemplate: TEMPLATE, requiredScope: 'access_as_user' });
});

function payload(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { iss: TEMPLATE.replace('{tid}', TID), aud: AUDIENCE, tid: TID, oid: OID, scp: 'access_as_user', preferred_username: 'anna@contoso.com', iat: now, nbf: now - 5, exp: now + 3600, ...overrides };
}

const sign = (claims: Record<string, unknown>, options: { signer?: JoseKey; kid?: string } = {}) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'k1' }).sign(options.signer ?? key);

async function codeOf(authorization: string | undefined): Promise<string> {
  return validate(authorization).then(
    () => 'accepted',
    (error: unknown) => (error instanceof ApiError ? error.code : `unexpected ${String(error)}`),
  );
}

describe('access token validation (Entra v2, multi-tenant)', () => {
  it('accepts a well-formed token and identifies the user by (tid, oid)', async () => {
    await expect(validate(`Bearer ${await sign(payload())}`)).resolves.toEqual({ tenantId: TID, objectId: OID, email: 'anna@contoso.com', name: null, verifiedEmails: [], tenantDomain: null, directoryRoles: [] });
  });

  it('vouches only for addresses Entra verified: email with xms_edov, a member\'s upn; never preferred_username', async () => {
    const caller = await validate(`Bearer ${await sign(payload({ preferred_username: 'ceo@fabrikam.com', email: 'Anna.Smith@contoso.com', xms_edov: true, upn: 'asmith@contoso.com', acct: 0 }))}`);
    expect(caller).toMatchObject({ email: 'ceo@fabrikam.com', verifiedEmails: ['anna.smith@contoso.com', 'asmith@contoso.com'], tenantDomain: 'contoso.com' });
    expect((await validate(`Bearer ${await sign(payload({ email: 'ceo@fabrikam.com', xms_edov: false }))}`)).verifiedEmails).toEqual([]);
  });

  it.each<[string, () => Promise<string | undefined>, string]>([
    ['no header', async () => undefined, 'TOKEN_MISSING'],
    ['not a bearer token', async () => `Basic ${await sign(payload())}`, 'TOKEN_MISSING'],
    ['alg none', async () => `Bearer ${base64url.encode('{"alg":"none","kid":"k1"}')}.${base64url.encode(JSON.stringify(payload()))}.`, 'TOKEN_INVALID'],
    ['HS256 signed with the public key', async () => `Bearer ${await new SignJWT(payload()).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).sign(new TextEncoder().encode(publicPem))}`, 'TOKEN_INVALID'],
    ['wrong kid', async () => `Bearer ${await sign(payload(), { kid: 'k9' })}`, 'TOKEN_INVALID'],
    ['unknown key under a known kid', async () => `Bearer ${await sign(payload(), { signer: stranger })}`, 'TOKEN_INVALID'],
    ['expired', async () => `Bearer ${await sign(payload({ exp: Math.floor(Date.now() / 1000) - 600 }))}`, 'TOKEN_EXPIRED'],
    ['not yet valid', async () => `Bearer ${await sign(payload({ nbf: Math.floor(Date.now() / 1000) + 3600 }))}`, 'TOKEN_INVALID'],
    ['missing exp', async () => `Bearer ${await sign(payload({ exp: undefined }))}`, 'TOKEN_INVALID'],
    ['wrong audience', async () => `Bearer ${await sign(payload({ aud: '00000003-0000-0000-c000-000000000000' }))}`, 'TOKEN_WRONG_AUDIENCE'],
    ['wrong issuer', async () => `Bearer ${await sign(payload({ iss: 'https://sts.windows.net/x/' }))}`, 'TOKEN_WRONG_ISSUER'],
    ['iss of another tenant than tid', async () => `Bearer ${await sign(payload({ iss: TEMPLATE.replace('{tid}', 'c0ffee00-4b1d-4e5a-9f3c-1a2b3c4d5e6f') }))}`, 'TOKEN_WRONG_ISSUER'],
    ['non-GUID tid', async () => `Bearer ${await sign(payload({ tid: 'common', iss: TEMPLATE.replace('{tid}', 'common') }))}`, 'TOKEN_INVALID'],
    ['missing oid', async () => `Bearer ${await sign(payload({ oid: undefined }))}`, 'TOKEN_INVALID'],
    ['missing scope', async () => `Bearer ${await sign(payload({ scp: 'User.Read' }))}`, 'TOKEN_SCOPE_MISSING'],
    [
      'modified payload',
      async () => {
        const [h, , s] = (await sign(payload())).split('.');
        return `Bearer ${h}.${base64url.encode(JSON.stringify(payload({ oid: '99999999-1111-4222-8333-444444444444' })))}.${s}`;
      },
      'TOKEN_INVALID',
    ],
    ['truncated', async () => `Bearer ${(await sign(payload())).slice(0, -12)}`, 'TOKEN_INVALID'],
  ])('rejects %s', async (_, make, code) => {
    expect(await codeOf(await make())).toBe(code);
  });
});
