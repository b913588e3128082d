import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenValidator } from '../../server/src/identity/accessTokenValidator.js';
import { EntraStandIn } from './entraStandIn.js';

describe('the Entra stand-in of the license bench', () => {
  let entra: EntraStandIn;
  beforeAll(async () => {
    entra = await EntraStandIn.start();
  });
  afterAll(() => entra.stop());

  it('mints v2.0 access tokens the production validator accepts with the production issuer template', async () => {
    const tenantId = randomUUID();
    const validate = createAccessTokenValidator({
      jwks: new URL(entra.jwksUrl),
      audience: entra.clientId,
      issuerTemplate: 'https://login.microsoftonline.com/{tid}/v2.0',
      requiredScope: 'access_as_user',
    });
    const token = await entra.mint({ tenantId, email: 'Ada@Contoso.example' });
    const caller = await validate(`Bearer ${token}`);
    // The optional claims of the app registration: a member whose address Entra vouches for, at the tenant's domain.
    expect(caller).toMatchObject({
      tenantId,
      email: 'Ada@Contoso.example',
      verifiedEmails: ['ada@contoso.example'],
      tenantDomain: 'contoso.example',
    });
    // The same person has the same object id in every token.
    expect((await validate(`Bearer ${await entra.mint({ tenantId, email: 'Ada@Contoso.example' })}`)).objectId).toBe(
      caller.objectId,
    );
  });

  it('gives every token the claims and lifetime of Entra’s, and never the same token twice', async () => {
    const tokens = await entra.mintMany({ tenantId: randomUUID(), email: 'b@contoso.example' }, 3);
    expect(new Set(tokens).size).toBe(3);
    const header = decodeProtectedHeader(tokens[0]!);
    expect(header).toMatchObject({ typ: 'JWT', alg: 'RS256' });
    const claims = decodeJwt(tokens[0]!);
    for (const claim of [
      'aud',
      'iss',
      'iat',
      'nbf',
      'exp',
      'aio',
      'azp',
      'azpacr',
      'name',
      'oid',
      'preferred_username',
      'rh',
      'scp',
      'sid',
      'sub',
      'tid',
      'uti',
      'ver',
    ])
      expect(claims).toHaveProperty(claim);
    expect(claims.ver).toBe('2.0');
    expect(claims.exp! - claims.iat!).toBeGreaterThanOrEqual(3600);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(5400);
  });

  it('refuses a token for another audience through the same validator', async () => {
    const validate = createAccessTokenValidator({
      jwks: new URL(entra.jwksUrl),
      audience: randomUUID(),
      issuerTemplate: 'https://login.microsoftonline.com/{tid}/v2.0',
      requiredScope: 'access_as_user',
    });
    await expect(
      validate(`Bearer ${await entra.mint({ tenantId: randomUUID(), email: 'c@contoso.example' })}`),
    ).rejects.toMatchObject({ code: 'TOKEN_WRONG_AUDIENCE' });
  });
});
