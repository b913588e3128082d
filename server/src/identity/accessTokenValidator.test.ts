import {
  base64url,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey as JoseKey,
  type JWK,
} from 'jose';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  validate = createAccessTokenValidator({
    jwks: createLocalJWKSet({ keys: [{ ...jwk, kid: 'k1', alg: 'RS256' }] }),
    audience: AUDIENCE,
    issuerTemplate: TEMPLATE,
    requiredScope: 'access_as_user',
  });
});

function payload(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: TEMPLATE.replace('{tid}', TID),
    aud: AUDIENCE,
    tid: TID,
    oid: OID,
    scp: 'access_as_user',
    preferred_username: 'anna@contoso.com',
    iat: now,
    nbf: now - 5,
    exp: now + 3600,
    ...overrides,
  };
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
    await expect(validate(`Bearer ${await sign(payload())}`)).resolves.toEqual({
      tenantId: TID,
      objectId: OID,
      email: 'anna@contoso.com',
      name: null,
      verifiedEmails: [],
      tenantDomain: null,
      directoryRoles: [],
    });
  });

  it("vouches only for addresses Entra verified: email with xms_edov, a member's upn; never preferred_username", async () => {
    const caller = await validate(
      `Bearer ${await sign(payload({ preferred_username: 'ceo@fabrikam.com', email: 'Anna.Smith@contoso.com', xms_edov: true, upn: 'asmith@contoso.com', acct: 0 }))}`,
    );
    expect(caller).toMatchObject({
      email: 'ceo@fabrikam.com',
      verifiedEmails: ['anna.smith@contoso.com', 'asmith@contoso.com'],
      tenantDomain: 'contoso.com',
    });
    expect(
      (await validate(`Bearer ${await sign(payload({ email: 'ceo@fabrikam.com', xms_edov: false }))}`)).verifiedEmails,
    ).toEqual([]);
  });

  it.each<[string, () => Promise<string | undefined>, string]>([
    ['no header', async () => undefined, 'TOKEN_MISSING'],
    ['not a bearer token', async () => `Basic ${await sign(payload())}`, 'TOKEN_MISSING'],
    [
      'alg none',
      async () =>
        `Bearer ${base64url.encode('{"alg":"none","kid":"k1"}')}.${base64url.encode(JSON.stringify(payload()))}.`,
      'TOKEN_INVALID',
    ],
    [
      'HS256 signed with the public key',
      async () =>
        `Bearer ${await new SignJWT(payload()).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).sign(new TextEncoder().encode(publicPem))}`,
      'TOKEN_INVALID',
    ],
    ['wrong kid', async () => `Bearer ${await sign(payload(), { kid: 'k9' })}`, 'TOKEN_INVALID'],
    [
      'unknown key under a known kid',
      async () => `Bearer ${await sign(payload(), { signer: stranger })}`,
      'TOKEN_INVALID',
    ],
    [
      'expired',
      async () => `Bearer ${await sign(payload({ exp: Math.floor(Date.now() / 1000) - 600 }))}`,
      'TOKEN_EXPIRED',
    ],
    [
      'not yet valid',
      async () => `Bearer ${await sign(payload({ nbf: Math.floor(Date.now() / 1000) + 3600 }))}`,
      'TOKEN_INVALID',
    ],
    ['missing exp', async () => `Bearer ${await sign(payload({ exp: undefined }))}`, 'TOKEN_INVALID'],
    [
      'wrong audience',
      async () => `Bearer ${await sign(payload({ aud: '00000003-0000-0000-c000-000000000000' }))}`,
      'TOKEN_WRONG_AUDIENCE',
    ],
    [
      'wrong issuer',
      async () => `Bearer ${await sign(payload({ iss: 'https://sts.windows.net/x/' }))}`,
      'TOKEN_WRONG_ISSUER',
    ],
    [
      'iss of another tenant than tid',
      async () =>
        `Bearer ${await sign(payload({ iss: TEMPLATE.replace('{tid}', 'c0ffee00-4b1d-4e5a-9f3c-1a2b3c4d5e6f') }))}`,
      'TOKEN_WRONG_ISSUER',
    ],
    [
      'non-GUID tid',
      async () => `Bearer ${await sign(payload({ tid: 'common', iss: TEMPLATE.replace('{tid}', 'common') }))}`,
      'TOKEN_INVALID',
    ],
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

describe('verified tokens remembered until they expire (issue 12)', () => {
  const localKeys = async (kid = 'k1') =>
    createLocalJWKSet({ keys: [{ ...(JSON.parse(publicPem) as object), kid, alg: 'RS256' }] });
  const make = async (options: { clock?: () => number; cacheSize?: number } = {}) =>
    createAccessTokenValidator({
      jwks: await localKeys(),
      audience: AUDIENCE,
      issuerTemplate: TEMPLATE,
      requiredScope: 'access_as_user',
      ...options,
    });

  it('answers a repeated token without verifying it again, with the identity the verification produced', async () => {
    const validator = await make();
    const token = await sign(payload());
    const first = await validator(`Bearer ${token}`);
    const again = await validator(`Bearer ${token}`);
    expect(again).toEqual(first);
    expect(validator.stats()).toEqual({ verified: 1, cached: 1 });
    // Shared by every hit, so nobody may change it.
    expect(() => Object.assign(again, { tenantId: 'c0ffee00-4b1d-4e5a-9f3c-1a2b3c4d5e6f' })).toThrow(TypeError);
    expect(() => (again.verifiedEmails as string[]).push('x@fabrikam.com')).toThrow(TypeError);
  });

  it('never answers a tampered token from what it remembers of the genuine one', async () => {
    const validator = await make();
    const token = await sign(payload());
    await validator(`Bearer ${token}`);
    const [h, , s] = token.split('.');
    const otherOid = `${h}.${base64url.encode(JSON.stringify(payload({ oid: '99999999-1111-4222-8333-444444444444' })))}.${s}`;
    // A character of the signature (not its last, whose low bits are padding).
    const at = token.length - 20;
    const otherSignature = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    for (const tampered of [
      otherOid,
      otherSignature,
      `${h}.${base64url.encode(JSON.stringify(payload({ xms_edov: true, email: 'ceo@contoso.com' })))}.${s}`,
    ]) {
      await expect(validator(`Bearer ${tampered}`)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    }
    expect(validator.stats()).toEqual({ verified: 4, cached: 0 });
  });

  it('refuses a remembered token once it has expired, and remembers no refusal', async () => {
    let now = Date.now();
    const validator = await make({ clock: () => now });
    const exp = Math.floor(now / 1000) + 600;
    const token = await sign(payload({ exp }));
    await validator(`Bearer ${token}`);
    now = exp * 1000 + 61_000; // past exp and the 60 s clock tolerance
    await expect(validator(`Bearer ${token}`)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    await expect(validator(`Bearer ${token}`)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(validator.stats()).toEqual({ verified: 3, cached: 0 });
  });

  it('stops remembering at exp even inside the clock tolerance', async () => {
    let now = Date.now();
    const validator = await make({ clock: () => now });
    const exp = Math.floor(now / 1000) + 600;
    const token = await sign(payload({ exp }));
    await validator(`Bearer ${token}`);
    now = exp * 1000;
    await validator(`Bearer ${token}`);
    expect(validator.stats()).toEqual({ verified: 2, cached: 0 });
  });

  it('remembers nothing when its size is 0', async () => {
    const validator = await make({ cacheSize: 0 });
    const token = await sign(payload());
    await validator(`Bearer ${token}`);
    await validator(`Bearer ${token}`);
    expect(validator.stats()).toEqual({ verified: 2, cached: 0 });
  });
});

describe('remembered tokens and the published key set', () => {
  let server: http.Server;
  let published: { keys: JWK[] };
  let url: URL;
  let rotated: JoseKey;
  let rotation: () => void;
  beforeAll(async () => {
    const jwk = JSON.parse(publicPem) as JWK;
    const next = await generateKeyPair('RS256', { extractable: true });
    rotated = next.privateKey;
    const nextJwk = await exportJWK(next.publicKey);
    published = { keys: [{ ...jwk, kid: 'k1', alg: 'RS256' }] };
    server = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(published));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/keys`);
    // What the rotation publishes next: the new key only (Entra publishes the new key before signing with it).
    rotation = () => (published = { keys: [{ ...nextJwk, kid: 'k2', alg: 'RS256' }] });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('stop counting once the key set is reloaded without the key that verified them', async () => {
    const validator = createAccessTokenValidator({
      jwks: url,
      audience: AUDIENCE,
      issuerTemplate: TEMPLATE,
      requiredScope: 'access_as_user',
      jwksCooldownSeconds: 0,
    });
    const old = await sign(payload());
    await validator(`Bearer ${old}`);
    await validator(`Bearer ${old}`);
    expect(validator.stats()).toEqual({ verified: 1, cached: 1 });
    rotation();
    // A token signed with the new key makes the server reload the set (an unknown kid).
    await validator(`Bearer ${await sign(payload(), { signer: rotated, kid: 'k2' })}`);
    await expect(validator(`Bearer ${old}`)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(validator.stats()).toEqual({ verified: 3, cached: 1 });
  });
});
