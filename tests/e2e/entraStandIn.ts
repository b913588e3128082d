/**
 * A stand-in for Microsoft Entra's v2 endpoints as a browser page meets them, served to Chromium
 * through Playwright's routing of `https://login.microsoftonline.com/*` (the production code keeps
 * Microsoft's real authority). It speaks the protocol of Entra's "OAuth 2.0 authorization code
 * flow" with its refusals:
 * - `/authorize`: the registered client and SPA redirect URI only, `response_type=code`, PKCE with
 *   S256 (required for single-page apps), answers in the requested `response_mode` with `state` and
 *   `client_info`; a scope not consented goes to consent, or, where users may not consent, comes
 *   back `access_denied` with AADSTS65004 (the user returned from "Need admin approval");
 * - `/token`: cross-origin only (an SPA redemption without `Origin` is `invalid_request`,
 *   AADSTS9002327), the code once, within 10 minutes, for the same redirect URI and PKCE verifier;
 *   scopes of one resource (AADSTS28000 otherwise); a refresh token for a scope not consented is
 *   `invalid_grant` with `suberror: consent_required` (AADSTS65001); error bodies in Entra's shape.
 * Every request is recorded for the test to assert on.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { BrowserContext, Route } from 'playwright-core';

export interface EntraUser {
  tenantId: string;
  objectId: string;
  email: string;
  name: string;
}

export interface EntraStandInOptions {
  clientId: string;
  /** Single-page-application redirect URIs of the registration. */
  redirectUris: string[];
  user: EntraUser;
  /** Scope URIs already consented for this user (by them or an administrator). */
  consented: string[];
  /** Whether the tenant lets users consent themselves; if not, a missing scope ends at "Need admin approval". */
  userMayConsent: boolean;
}

export interface RecordedEntraRequest {
  endpoint: 'authorize' | 'token' | 'other';
  params: Record<string, string>;
  origin: string | null;
}

const OIDC = new Set(['openid', 'profile', 'offline_access', 'email']);
const GRAPH = 'https://graph.microsoft.com/';

function errorBody(error: string, code: number, description: string, extra: Record<string, unknown> = {}) {
  const now = new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z';
  return {
    error,
    error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${randomUUID()}\r\nCorrelation ID: ${randomUUID()}\r\nTimestamp: ${now}`,
    error_codes: [code],
    timestamp: now,
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
    ...extra,
  };
}

/** Graph scopes are written in full (`https://graph.microsoft.com/Mail.Send`), as the registration's resource URI plus the value. */
function resourceOf(scope: string): string {
  if (OIDC.has(scope.toLowerCase())) return '';
  const slash = scope.lastIndexOf('/');
  return slash < 0 ? GRAPH : scope.slice(0, slash + 1).toLowerCase();
}

function fullScope(scope: string): string {
  return scope.includes('/') ? scope : `${GRAPH}${scope}`;
}

export class EntraStandIn {
  readonly requests: RecordedEntraRequest[] = [];
  private readonly consented: Set<string>;
  private readonly codes = new Map<
    string,
    { redirectUri: string; challenge: string; scopes: string[]; nonce: string; issuedAt: number; used: boolean }
  >();
  private readonly refreshTokens = new Set<string>();
  private readonly issued: string[] = [];
  private key!: CryptoKey;
  private publicKey!: CryptoKey;

  private constructor(private readonly options: EntraStandInOptions) {
    this.consented = new Set(options.consented.map((s) => fullScope(s).toLowerCase()));
  }

  static async create(options: EntraStandInOptions): Promise<EntraStandIn> {
    const standIn = new EntraStandIn(options);
    const pair = await generateKeyPair('RS256');
    standIn.key = pair.privateKey;
    standIn.publicKey = pair.publicKey;
    return standIn;
  }

  /** Every ID and refresh token handed out: none of them may reach the pane. */
  get secretsIssued(): readonly string[] {
    return this.issued;
  }

  /**
   * Serves the signing keys as Entra's `/common/discovery/v2.0/keys` does (no `alg`, `kid` and `use`),
   * on a loopback port for the Outmerge server's ENTRA_JWKS_URL: the server validates the tokens
   * with its production code.
   */
  async serveKeys(): Promise<{ url: string; close(): Promise<void> }> {
    const { alg: _alg, ...jwk } = await exportJWK(this.publicKey);
    const body = JSON.stringify({ keys: [{ ...jwk, kid: 'stand-in', use: 'sig' }] });
    const server = http.createServer((request, response) => {
      response
        .writeHead(request.url === '/common/discovery/v2.0/keys' ? 200 : 404, { 'content-type': 'application/json' })
        .end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/common/discovery/v2.0/keys`,
      close: () => new Promise((resolve) => server.close(() => resolve())),
    };
  }

  /** The registration's SPA redirect URIs, when the test learns its server's address after creating the stand-in. */
  registerRedirectUri(uri: string): void {
    this.options.redirectUris.push(uri);
  }

  grant(scope: string): void {
    this.consented.add(fullScope(scope).toLowerCase());
  }

  async install(context: BrowserContext): Promise<void> {
    await context.route('https://login.microsoftonline.com/**', (route) => this.handle(route));
  }

  private async handle(route: Route): Promise<void> {
    const request = route.request();
    const url = new URL(request.url());
    const origin = (await request.headerValue('origin')) ?? null;
    if (url.pathname.endsWith('/oauth2/v2.0/authorize')) {
      this.requests.push({ endpoint: 'authorize', params: Object.fromEntries(url.searchParams), origin });
      return this.authorize(route, url.searchParams);
    }
    if (url.pathname.endsWith('/oauth2/v2.0/token')) {
      const params = Object.fromEntries(new URLSearchParams(request.postData() ?? ''));
      this.requests.push({ endpoint: 'token', params, origin });
      return this.token(route, request.method(), params, origin);
    }
    this.requests.push({ endpoint: 'other', params: Object.fromEntries(url.searchParams), origin });
    const cors: Record<string, string> = origin ? { 'access-control-allow-origin': origin } : {};
    const tenant = url.pathname.split('/')[1] ?? 'common';
    if (url.pathname.endsWith('/v2.0/.well-known/openid-configuration')) {
      const base = `https://login.microsoftonline.com/${tenant}`;
      return route.fulfill({
        status: 200,
        headers: { ...cors, 'content-type': 'application/json' },
        body: JSON.stringify({
          token_endpoint: `${base}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
          issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
          response_modes_supported: ['query', 'fragment', 'form_post'],
        }),
      });
    }
    if (url.pathname === '/common/discovery/instance') {
      return route.fulfill({
        status: 200,
        headers: { ...cors, 'content-type': 'application/json' },
        body: JSON.stringify({
          tenant_discovery_endpoint: `https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [
            {
              preferred_network: 'login.microsoftonline.com',
              preferred_cache: 'login.windows.net',
              aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'],
            },
          ],
        }),
      });
    }
    return route.fulfill({
      status: 404,
      headers: { ...cors, 'content-type': 'application/json' },
      body: JSON.stringify(errorBody('invalid_request', 90002, 'The stand-in does not serve this address.')),
    });
  }

  private redirect(route: Route, redirectUri: string, mode: string, values: Record<string, string>): Promise<void> {
    const encoded = new URLSearchParams(values).toString();
    return route.fulfill({
      status: 302,
      headers: { location: mode === 'query' ? `${redirectUri}?${encoded}` : `${redirectUri}#${encoded}` },
    });
  }

  private async authorize(route: Route, query: URLSearchParams): Promise<void> {
    const redirectUri = query.get('redirect_uri') ?? '';
    // An unregistered client or redirect is shown on Entra's own page, never sent anywhere.
    if (query.get('client_id') !== this.options.clientId)
      return route.fulfill({
        status: 400,
        contentType: 'text/html',
        body: '<p>AADSTS700016: Application not found in the directory.</p>',
      });
    if (!this.options.redirectUris.includes(redirectUri))
      return route.fulfill({
        status: 400,
        contentType: 'text/html',
        body: '<p>AADSTS50011: The redirect URI specified in the request does not match the redirect URIs configured for the application.</p>',
      });
    const mode = query.get('response_mode') ?? 'query';
    const state = query.get('state') ?? '';
    const fail = (error: string, code: number, description: string) =>
      this.redirect(route, redirectUri, mode, {
        error,
        error_description: errorBody(error, code, description).error_description,
        state,
      });
    if (query.get('response_type') !== 'code')
      return fail('unsupported_response_type', 700054, 'response_type must be code for this application.');
    if (!query.get('code_challenge') || query.get('code_challenge_method') !== 'S256')
      return fail(
        'invalid_request',
        9002325,
        'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
      );
    const scopes = (query.get('scope') ?? '').split(' ').filter(Boolean);
    if (!scopes.some((s) => s.toLowerCase() === 'openid'))
      return fail('invalid_request', 900144, "The request body must contain the following parameter: 'openid'.");
    const missing = scopes
      .filter((s) => !OIDC.has(s.toLowerCase()))
      .map(fullScope)
      .filter((s) => !this.consented.has(s.toLowerCase()));
    if (missing.length > 0) {
      // "Need admin approval" → "Return to the application without granting consent".
      if (!this.options.userMayConsent)
        return fail('access_denied', 65004, 'User declined to consent to access the app.');
      for (const scope of missing) this.consented.add(scope.toLowerCase());
    }
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, {
      redirectUri,
      challenge: query.get('code_challenge') ?? '',
      scopes,
      nonce: query.get('nonce') ?? '',
      issuedAt: Date.now(),
      used: false,
    });
    return this.redirect(route, redirectUri, mode, {
      code,
      client_info: this.clientInfo(),
      state,
      session_state: randomUUID(),
    });
  }

  private clientInfo(): string {
    return Buffer.from(JSON.stringify({ uid: this.options.user.objectId, utid: this.options.user.tenantId })).toString(
      'base64url',
    );
  }

  private async token(
    route: Route,
    method: string,
    params: Record<string, string>,
    origin: string | null,
  ): Promise<void> {
    const cors: Record<string, string> = origin ? { 'access-control-allow-origin': origin } : {};
    const answer = (status: number, body: unknown) =>
      route.fulfill({
        status,
        headers: { ...cors, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        body: JSON.stringify(body),
      });
    if (method !== 'POST')
      return answer(405, errorBody('invalid_request', 900561, 'The endpoint only accepts POST requests.'));
    if (!origin)
      return answer(
        400,
        errorBody(
          'invalid_request',
          9002327,
          "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
        ),
      );
    if (params.client_id !== this.options.clientId)
      return answer(400, errorBody('unauthorized_client', 700016, 'Application not found in the directory.'));
    const scopes = (params.scope ?? '').split(' ').filter(Boolean);
    const resources = new Set(scopes.map(resourceOf).filter(Boolean));
    if (resources.size > 1)
      return answer(
        400,
        errorBody(
          'invalid_scope',
          28000,
          'Provided value for the input parameter scope is not valid because it contains more than one resource.',
        ),
      );
    let nonce = '';
    if (params.grant_type === 'authorization_code') {
      const code = this.codes.get(params.code ?? '');
      if (!code || code.used || Date.now() - code.issuedAt > 10 * 60_000)
        return answer(
          400,
          errorBody(
            'invalid_grant',
            70008,
            'The provided authorization code or refresh token has expired or was already used.',
          ),
        );
      code.used = true;
      if (params.redirect_uri !== code.redirectUri)
        return answer(
          400,
          errorBody(
            'invalid_grant',
            50148,
            'The redirect URI does not match the one used to obtain the authorization code.',
          ),
        );
      const verifier = createHash('sha256')
        .update(params.code_verifier ?? '')
        .digest('base64url');
      if (verifier !== code.challenge)
        return answer(
          400,
          errorBody(
            'invalid_grant',
            501481,
            'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
          ),
        );
      nonce = code.nonce;
    } else if (params.grant_type === 'refresh_token') {
      if (!this.refreshTokens.has(params.refresh_token ?? ''))
        return answer(
          400,
          errorBody(
            'invalid_grant',
            70008,
            'The provided authorization code or refresh token has expired or was already used.',
          ),
        );
      const missing = scopes
        .filter((s) => !OIDC.has(s.toLowerCase()))
        .map(fullScope)
        .filter((s) => !this.consented.has(s.toLowerCase()));
      if (missing.length > 0)
        return answer(
          400,
          errorBody(
            'invalid_grant',
            65001,
            `The user or administrator has not consented to use the application with ID '${this.options.clientId}'. Send an interactive authorization request for this user and resource.`,
            { suberror: 'consent_required' },
          ),
        );
    } else {
      return answer(400, errorBody('unsupported_grant_type', 70003, 'The app requested an unsupported grant type.'));
    }
    const resource = [...resources][0] ?? GRAPH;
    // The token carries every scope consented for its resource, not only those asked for.
    const granted = [...this.consented].filter((s) => resourceOf(s) === resource);
    const user = this.options.user;
    const issuer = `https://login.microsoftonline.com/${user.tenantId}/v2.0`;
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({
      tid: user.tenantId,
      oid: user.objectId,
      preferred_username: user.email,
      name: user.name,
      scp: granted.map((s) => s.slice(resource.length)).join(' '),
      azp: this.options.clientId,
      ver: '2.0',
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'stand-in' })
      .setIssuer(issuer)
      .setAudience(resource === GRAPH ? 'https://graph.microsoft.com' : this.options.clientId)
      .setSubject(user.objectId)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(this.key);
    const idToken = await new SignJWT({
      tid: user.tenantId,
      oid: user.objectId,
      preferred_username: user.email,
      name: user.name,
      ver: '2.0',
      ...(nonce ? { nonce } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'stand-in' })
      .setIssuer(issuer)
      .setAudience(this.options.clientId)
      .setSubject(user.objectId)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 3600)
      .sign(this.key);
    const refreshToken = randomBytes(48).toString('base64url');
    this.refreshTokens.add(refreshToken);
    this.issued.push(idToken, refreshToken);
    return answer(200, {
      token_type: 'Bearer',
      scope: [...granted, ...scopes.filter((s) => OIDC.has(s.toLowerCase()) && s !== 'offline_access')].join(' '),
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: accessToken,
      refresh_token: refreshToken,
      id_token: idToken,
      client_info: this.clientInfo(),
    });
  }
}
