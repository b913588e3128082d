/**
 * A Microsoft Entra stand-in for the license bench: it publishes a key set over HTTP and mints
 * v2.0 access tokens for our API, so the server runs its production identity configuration
 * (IDENTITY_PROVIDER=entra, the production issuer template https://login.microsoftonline.com/{tid}/v2.0)
 * with only ENTRA_JWKS_URL pointing here. The development identity provider cannot serve this
 * bench: it mints 300 tokens a minute, and the token-cache figure needs thousands never seen before.
 *
 * Shape of what Entra sends (Microsoft Learn, "Access token claims reference" and "Access tokens in
 * the Microsoft identity platform"):
 * - header `typ` JWT, `alg` RS256, `kid` naming a key of the published set;
 * - payload of a delegated v2.0 token: `aud` (the API's client id), `iss`
 *   (https://login.microsoftonline.com/{tid}/v2.0), `iat`, `nbf`, `exp`, the opaque `aio` and `rh`,
 *   `azp`, `azpacr` "0" (public client), `name`, `oid`, `preferred_username`, `scp`, `sid`, `sub`
 *   (pairwise, per application), `tid`, `uti` (the token's unique id), `ver` "2.0";
 * - the optional claims the README's app registration adds to access tokens ("Optional claims
 *   reference"): `email`, `xms_edov`, `upn` and `acct` — every user here is a member (`acct` 0)
 *   whose UPN and address are at the tenant's verified domain, so `xms_edov` is true. Without them
 *   no seat would bind and every check would be an unlicensed one;
 * - lifetime a random value between 60 and 90 minutes;
 * - RSA 2048-bit keys, published with `kty`, `use` "sig", `kid`, `x5t`, `n`, `e` and the key's
 *   `issuer` (https://login.microsoftonline.com/common/discovery/v2.0/keys).
 * Tokens are therefore about as long as real ones, so verifying them costs what it costs in production.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface EntraUser {
  tenantId: string;
  email: string;
}

const opaque = (bytes: number) => randomBytes(bytes).toString('base64url');

/** A stable GUID derived from text, as Entra's object ids are stable per user and tenant. */
function derivedGuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class EntraStandIn {
  private constructor(
    private readonly server: http.Server,
    private readonly privateKey: CryptoKey,
    private readonly kid: string,
    /** The Outmerge API's application (client) id: the tokens' audience. */
    readonly clientId: string,
    readonly jwksUrl: string,
  ) {}

  static async start(): Promise<EntraStandIn> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    const published: JWK = {
      kty: jwk.kty,
      use: 'sig',
      kid,
      x5t: kid,
      n: jwk.n,
      e: jwk.e,
      issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
    } as JWK;
    const body = JSON.stringify({ keys: [published] });
    const server = http.createServer((request, response) => {
      if (request.method === 'GET' && request.url === '/common/discovery/v2.0/keys') {
        response.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'max-age=86400, private',
        });
        response.end(body);
        return;
      }
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'not_found' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new EntraStandIn(
      server,
      privateKey,
      kid,
      randomUUID(),
      `http://127.0.0.1:${port}/common/discovery/v2.0/keys`,
    );
  }

  /** The server's configuration for this stand-in: production identity settings but the key set's URL. */
  serverEnv(): Record<string, string> {
    return { IDENTITY_PROVIDER: 'entra', ENTRA_CLIENT_ID: this.clientId, ENTRA_JWKS_URL: this.jwksUrl };
  }

  /** A new access token for our API (every call a different token, as Entra's `uti` differs). */
  async mint(user: EntraUser): Promise<string> {
    const objectId = derivedGuid(`oid:${user.tenantId}:${user.email}`);
    const now = Math.floor(Date.now() / 1000);
    const lifetime = 3600 + Math.floor(Math.random() * 1800);
    return new SignJWT({
      acct: 0,
      aio: opaque(120),
      azp: this.clientId,
      azpacr: '0',
      name: user.email.split('@')[0],
      email: user.email,
      oid: objectId,
      preferred_username: user.email,
      rh: `1.${opaque(60)}.`,
      scp: 'access_as_user',
      sid: randomUUID(),
      tid: user.tenantId,
      upn: user.email,
      uti: opaque(16),
      ver: '2.0',
      xms_edov: true,
    })
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: this.kid })
      .setAudience(this.clientId)
      .setIssuer(`https://login.microsoftonline.com/${user.tenantId}/v2.0`)
      .setSubject(createHash('sha256').update(`sub:${this.clientId}:${objectId}`).digest('base64url'))
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + lifetime)
      .sign(this.privateKey);
  }

  /** Many tokens, a few signatures at a time (RSA signing runs on libuv's pool). */
  async mintMany(user: EntraUser, count: number): Promise<string[]> {
    const tokens: string[] = [];
    while (tokens.length < count) {
      const batch = Math.min(64, count - tokens.length);
      tokens.push(...(await Promise.all(Array.from({ length: batch }, () => this.mint(user)))));
    }
    return tokens;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
