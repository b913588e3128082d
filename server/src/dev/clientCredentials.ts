/**
 * The development identity provider's confidential-client side, as strict as Entra's (issue 17):
 *
 * - the client-credentials token endpoint `POST /dev/idp/{tenant}/oauth2/v2.0/token`
 *   (form-encoded `client_id`, `client_secret` — or HTTP Basic —, `scope=https://graph.microsoft.com/.default`,
 *   `grant_type=client_credentials`), answering Entra's error bodies: AADSTS900144 (a parameter
 *   missing), AADSTS70003 (another grant), AADSTS1002012 (a scope without `/.default`), AADSTS70011
 *   (another resource), AADSTS90002 (no such tenant), AADSTS7000216 (no credential),
 *   AADSTS7000215 (a wrong secret), AADSTS700016 (the app is not installed in that tenant: no admin
 *   ever consented there). A tenant whose administrator consented but granted no application
 *   permission — or withdrew them — still gets a token, without `roles`: Graph then refuses (Entra
 *   "OAuth 2.0 client credentials flow": "app-only tokens can be issued without a roles claim");
 * - the admin-consent endpoint `GET /dev/idp/{tenant}/adminconsent?client_id&redirect_uri&state`,
 *   a page whose button grants the registration's application permissions in that tenant and
 *   returns to the redirect with `?tenant&state&admin_consent=True`, as Microsoft's does;
 * - development controls: `GET`/`PUT`/`DELETE /dev/idp/tenants/{tenant}/application` (the
 *   tenant's grant: roles granted, or the enterprise application deleted).
 *
 * Development only: it refuses to run with NODE_ENV=production.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { GRAPH_APPLICATION_PERMISSIONS } from '#shared/api/applicationConsent.js';
import { ADMIN_CONSENT_REDIRECT_PATH } from '#shared/api/adminConsent.js';
import { escapeHtml } from '#shared/html/escapeHtml.js';
import { assertDevelopment } from './assertDevelopment.js';
import type { DevelopmentIdentityProvider } from './identityProvider.js';
import { homeTenantOf } from './identityProvider.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';
const PERMISSION_NAME = /^[A-Z][A-Za-z]*(\.[A-Za-z]+)+$/;

/** Which tenants installed the application (a service principal exists) and the application permissions each granted. */
export class ApplicationConsent {
  private readonly tenants = new Map<string, { roles: string[]; tokens: number }>();

  /** The granted roles, or null when the application is not installed in the tenant. */
  rolesOf(tenantId: string): string[] | null {
    const grant = this.tenants.get(tenantId.toLowerCase());
    return grant ? [...grant.roles] : null;
  }

  /** An administrator's consent: installs the application if needed and grants exactly these roles. */
  grant(tenantId: string, roles: readonly string[]): void {
    const known = this.tenants.get(tenantId.toLowerCase());
    this.tenants.set(tenantId.toLowerCase(), { roles: [...new Set(roles)], tokens: known?.tokens ?? 0 });
  }

  /** The enterprise application deleted from the tenant. */
  remove(tenantId: string): void {
    this.tenants.delete(tenantId.toLowerCase());
  }

  countToken(tenantId: string): void {
    const grant = this.tenants.get(tenantId.toLowerCase());
    if (grant) grant.tokens++;
  }

  view(tenantId: string): { installed: boolean; roles: string[]; tokensIssued: number } {
    const grant = this.tenants.get(tenantId.toLowerCase());
    return { installed: grant !== undefined, roles: grant ? [...grant.roles] : [], tokensIssued: grant?.tokens ?? 0 };
  }
}

/** Entra's token-endpoint error body (OAuth 2.0 error response with Entra's fields). */
function entraError(error: string, code: number, text: string) {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
  return {
    error,
    error_description: `AADSTS${code}: ${text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
  };
}

/** `{tenant}` in a path: a tenant id, or a domain the tenant verified; anything else is AADSTS90002. */
function resolveTenant(raw: string): string | null {
  if (GUID.test(raw)) return raw.toLowerCase();
  if (DOMAIN.test(raw)) return homeTenantOf(raw.toLowerCase());
  return null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Client id and secret from the form, or from `Authorization: Basic` (RFC 6749 2.3.1, which Entra supports). */
function clientCredentialsOf(
  form: URLSearchParams,
  authorization: string | undefined,
): { clientId: string | null; secret: string | null } {
  const basic = /^Basic ([A-Za-z0-9+/]+=*)$/.exec(authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0)
      return {
        clientId: decodeURIComponent(decoded.slice(0, colon)),
        secret: decodeURIComponent(decoded.slice(colon + 1)),
      };
  }
  return { clientId: form.get('client_id'), secret: form.get('client_secret') };
}

export function registerClientCredentialsRoutes(
  app: FastifyInstance,
  idp: DevelopmentIdentityProvider,
  options: { clientId: string; clientSecret: string; publicUrl: string },
): void {
  assertDevelopment('The development identity provider');
  const registeredRedirect = `${options.publicUrl}${ADMIN_CONSENT_REDIRECT_PATH}`;

  // Form bodies, in this scope only: the API itself takes JSON and nothing else.
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_request, body, done) => done(null, new URLSearchParams(String(body))),
    );

    scope.post<{ Params: { tenant: string } }>(
      '/dev/idp/:tenant/oauth2/v2.0/token',
      { schema: { hide: true }, config: { rateLimit: { max: 600, timeWindow: '1 minute' } } },
      async (request, reply) => {
        const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
        const fail = (status: number, error: string, code: number, text: string) =>
          reply
            .code(status)
            .header('cache-control', 'no-store')
            .send(entraError(error, code, text));
        for (const name of ['grant_type', 'scope'] as const) {
          if (!form.get(name))
            return fail(
              400,
              'invalid_request',
              900144,
              `The request body must contain the following parameter: '${name}'.`,
            );
        }
        const grantType = form.get('grant_type') ?? '';
        if (grantType !== 'client_credentials')
          return fail(
            400,
            'unsupported_grant_type',
            70003,
            `The app requested an unsupported grant type '${grantType}'.`,
          );
        const scopeValue = form.get('scope') ?? '';
        if (scopeValue !== GRAPH_DEFAULT_SCOPE) {
          if (scopeValue.startsWith('https://graph.microsoft.com/'))
            return fail(
              400,
              'invalid_scope',
              1002012,
              `The provided value for scope ${scopeValue} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
            );
          return fail(
            400,
            'invalid_scope',
            70011,
            `The provided value for the input parameter 'scope' is not valid. The scope ${scopeValue} is not valid.`,
          );
        }
        const tenantId = resolveTenant(request.params.tenant);
        if (tenantId === null)
          return fail(
            400,
            'invalid_request',
            90002,
            `Tenant '${request.params.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
          );
        const { clientId, secret } = clientCredentialsOf(form, request.headers.authorization);
        if (!clientId)
          return fail(
            400,
            'invalid_request',
            900144,
            "The request body must contain the following parameter: 'client_id'.",
          );
        const notInstalled = () =>
          fail(
            400,
            'unauthorized_client',
            700016,
            `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
          );
        if (clientId !== options.clientId) return notInstalled();
        if (!secret)
          return fail(
            401,
            'invalid_client',
            7000216,
            "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
          );
        if (!sameSecret(secret, options.clientSecret))
          return fail(
            401,
            'invalid_client',
            7000215,
            `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
          );
        const roles = idp.applications.rolesOf(tenantId);
        if (roles === null) return notInstalled();
        idp.applications.countToken(tenantId);
        return reply.header('cache-control', 'no-store').send(await idp.issueApplicationToken(tenantId, roles));
      },
    );

    // The admin-consent endpoint: a page standing for Microsoft's sign-in and consent screens.
    const consentPage = (reply: FastifyReply, status: number, body: string) =>
      reply
        .code(status)
        .type('text/html; charset=utf-8')
        .send(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Permissions requested</title></head><body>${body}</body></html>`,
        );
    const checkConsentRequest = (
      reply: FastifyReply,
      tenantRaw: string,
      query: { client_id?: string; redirect_uri?: string },
    ) => {
      const tenantId = resolveTenant(tenantRaw);
      if (tenantId === null)
        return { done: consentPage(reply, 400, `<p>AADSTS90002: Tenant '${escapeHtml(tenantRaw)}' not found.</p>`) };
      if (query.client_id !== options.clientId)
        return {
          done: consentPage(
            reply,
            400,
            `<p>AADSTS700016: Application with identifier '${escapeHtml(query.client_id ?? '')}' was not found in the directory '${tenantId}'.</p>`,
          ),
        };
      // The redirect must be one the registration lists, exactly (AADSTS50011).
      if (query.redirect_uri !== registeredRedirect)
        return {
          done: consentPage(
            reply,
            400,
            `<p>AADSTS50011: The redirect URI '${escapeHtml(query.redirect_uri ?? '')}' specified in the request does not match the redirect URIs configured for the application '${options.clientId}'.</p>`,
          ),
        };
      return { tenantId };
    };
    type ConsentQuery = { client_id?: string; redirect_uri?: string; state?: string };
    scope.get<{ Params: { tenant: string }; Querystring: ConsentQuery }>(
      '/dev/idp/:tenant/adminconsent',
      { schema: { hide: true } },
      async (request, reply) => {
        const checked = checkConsentRequest(reply, request.params.tenant, request.query);
        if ('done' in checked) return checked.done;
        const list = GRAPH_APPLICATION_PERMISSIONS.map((p) => `<li>${escapeHtml(p)} (application)</li>`).join('');
        return consentPage(
          reply,
          200,
          `<h1>Permissions requested</h1><p>Outmerge asks an administrator of tenant ${checked.tenantId} to grant, for the whole organisation:</p><ul>${list}</ul>` +
            `<form method="post"><input type="hidden" name="client_id" value="${escapeHtml(request.query.client_id ?? '')}"><input type="hidden" name="redirect_uri" value="${escapeHtml(request.query.redirect_uri ?? '')}"><input type="hidden" name="state" value="${escapeHtml(request.query.state ?? '')}"><button type="submit">Accept</button></form>`,
        );
      },
    );
    scope.post<{ Params: { tenant: string } }>(
      '/dev/idp/:tenant/adminconsent',
      { schema: { hide: true } },
      async (request, reply) => {
        const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
        const query = {
          client_id: form.get('client_id') ?? undefined,
          redirect_uri: form.get('redirect_uri') ?? undefined,
        };
        const checked = checkConsentRequest(reply, request.params.tenant, query);
        if ('done' in checked) return checked.done;
        idp.applications.grant(checked.tenantId, GRAPH_APPLICATION_PERMISSIONS);
        const back = new URLSearchParams({
          tenant: checked.tenantId,
          ...(form.get('state') ? { state: form.get('state') as string } : {}),
          admin_consent: 'True',
        });
        return reply.redirect(`${registeredRedirect}?${back.toString()}`, 302);
      },
    );
  });

  // Development controls: what the tenant's administrator granted (Enterprise applications > Outmerge > Permissions).
  const tenantParams = {
    type: 'object',
    required: ['tenantId'],
    properties: { tenantId: { type: 'string', pattern: GUID.source } },
  };
  app.get<{ Params: { tenantId: string } }>(
    '/dev/idp/tenants/:tenantId/application',
    { schema: { hide: true, params: tenantParams } },
    async (request) => idp.applications.view(request.params.tenantId),
  );
  app.put<{ Params: { tenantId: string }; Body: { roles: string[] } }>(
    '/dev/idp/tenants/:tenantId/application',
    {
      schema: {
        hide: true,
        params: tenantParams,
        body: {
          type: 'object',
          required: ['roles'],
          additionalProperties: false,
          properties: {
            roles: { type: 'array', maxItems: 20, items: { type: 'string', pattern: PERMISSION_NAME.source } },
          },
        },
      },
    },
    async (request) => {
      idp.applications.grant(request.params.tenantId, request.body.roles);
      return idp.applications.view(request.params.tenantId);
    },
  );
  app.delete<{ Params: { tenantId: string } }>(
    '/dev/idp/tenants/:tenantId/application',
    { schema: { hide: true, params: tenantParams } },
    async (request, reply) => {
      idp.applications.remove(request.params.tenantId);
      return reply.code(204).send();
    },
  );
}
