/**
 * Development identity provider: issues access tokens of exactly the shape Microsoft Entra v2
 * issues for a multi-tenant app (RS256, `kid`, per-tenant `iss`, `tid`, `oid`, `scp`, `aud`),
 * from a key set generated at start, and publishes that key set over HTTP. The API validates them
 * with its production code; only the configured JWKS URL and issuer template differ.
 * Development only: it refuses to run with NODE_ENV=production.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { normalizeEmail } from '#shared/email/normalizeEmail.js';
import { ApiError } from '../http/apiError.js';
import { assertDevelopment } from './assertDevelopment.js';
import { ApplicationConsent } from './clientCredentials.js';
import { consentRequiredError, GraphConsent, isGraphScopeName } from './graphConsent.js';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';

/** Organisations offered on the sign-in form; any other email domain gets a tenant of its own. */
export const DEVELOPMENT_ORGANISATIONS = [
  { tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', name: 'Contoso', domain: 'contoso.com' },
  { tenantId: 'c0ffee00-4b1d-4e5a-9f3c-1a2b3c4d5e6f', name: 'Fabrikam', domain: 'fabrikam.com' },
  { tenantId: 'aa11bb22-cc33-4d44-8e55-ff6677889900', name: 'Northwind Traders', domain: 'northwind.example' },
] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stable GUID derived from text, so that the same person signs in as the same (tid, oid). */
export function derivedGuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * `email` is the sign-in name. `mail` is the primary SMTP address when it differs (UPN ≠ mail).
 * `guest`: a guest of `tenantId` rather than a member. `directoryRoles`: Entra role template ids (`wids`).
 */
export interface IssueRequest {
  email: string;
  tenantId?: string;
  name?: string;
  resource?: 'api' | 'graph';
  mail?: string;
  guest?: boolean;
  directoryRoles?: string[];
  /** Graph scopes asked for (resource "graph"): each must be consented. */
  scopes?: string[];
}

/** The tenant that verified a domain here: a listed organisation's, or one derived from the domain. */
export function homeTenantOf(domain: string): string {
  return (
    DEVELOPMENT_ORGANISATIONS.find((o) => o.domain === domain)?.tenantId ?? derivedGuid(`tenant:${domain}`)
  ).toLowerCase();
}

export interface DevelopmentIdentityProvider {
  jwks: { keys: JWK[] };
  /** The Graph permissions the app registration is granted (DEV_IDP_GRAPH_SCOPES, changeable at run time). */
  graphConsent: GraphConsent;
  issue(request: IssueRequest): Promise<{
    access_token: string;
    token_type: 'Bearer';
    expires_in: number;
    account: { tenantId: string; objectId: string; email: string; name: string };
  }>;
  /** Each tenant's grant of the registration's application permissions (admin consent), for client-credentials tokens (./clientCredentials.ts). */
  applications: ApplicationConsent;
  /** An app-only Graph token for `tenantId` carrying these application permissions (`roles`; none: no claim). */
  issueApplicationToken(
    tenantId: string,
    roles: readonly string[],
  ): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number; ext_expires_in: number }>;
}

export async function createDevelopmentIdentityProvider(options: {
  issuerTemplate: string;
  apiAudience: string;
  apiScope: string;
  clientId: string;
  graphScopes?: readonly string[];
}): Promise<DevelopmentIdentityProvider> {
  assertDevelopment('The development identity provider');
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };

  const graphConsent = new GraphConsent(options.graphScopes ?? []);

  return {
    jwks: { keys: [publicJwk] },
    graphConsent,
    applications: new ApplicationConsent(),
    async issueApplicationToken(tenantId, roles) {
      const expiresIn = 3599;
      // An app-only token as Entra issues it for Graph (access token claims reference): `idtyp` app,
      // the client's `appid` and `azp`, the service principal of the tenant as `oid` and `sub`, `roles`
      // only when some application permission is granted — a token without it is still issued.
      const servicePrincipal = derivedGuid(`service-principal:${tenantId}:${options.clientId}`);
      const accessToken = await new SignJWT({
        tid: tenantId,
        oid: servicePrincipal,
        appid: options.clientId,
        azp: options.clientId,
        appidacr: '1',
        idtyp: 'app',
        ...(roles.length > 0 ? { roles: [...roles] } : {}),
        ver: '1.0',
      })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(options.issuerTemplate.replace('{tid}', tenantId))
        .setAudience(GRAPH_AUDIENCE)
        .setSubject(servicePrincipal)
        .setIssuedAt()
        .setNotBefore('0s')
        .setExpirationTime(`${expiresIn}s`)
        .setJti(randomUUID())
        .sign(privateKey);
      return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn };
    },
    async issue(request) {
      const email = normalizeEmail(request.email);
      if (!email.ok) throw new ApiError(400, 'VALIDATION_FAILED', `"${request.email}" is not a valid email address.`);
      if (request.tenantId !== undefined && !GUID.test(request.tenantId))
        throw new ApiError(400, 'VALIDATION_FAILED', 'tenantId must be a GUID.');
      const mail = normalizeEmail(request.mail ?? request.email);
      if (!mail.ok) throw new ApiError(400, 'VALIDATION_FAILED', `"${request.mail}" is not a valid email address.`);
      const tenantId = (request.tenantId ?? homeTenantOf(email.domain)).toLowerCase();
      const objectId = derivedGuid(`user:${tenantId}:${email.canonical}`);
      const name = request.name?.trim() || email.display.split('@')[0] || email.display;
      const graph = request.resource === 'graph';
      // Entra: a Graph token carries every consented scope; a scope without consent is AADSTS65001.
      const consent = graph ? graphConsent.decide(request.scopes) : null;
      if (consent && !consent.ok) throw new ConsentRequired(consentRequiredError(options.clientId, new Date()));
      const expiresIn = 3600;
      // As strict as Entra: a member's UPN can only carry a domain its tenant verified (Graph, user
      // resource), otherwise the tenant's onmicrosoft.com name; `xms_edov` is true only for an address
      // at a domain the tenant verified, and for a guest's (redeemed with its own account or a passcode).
      const member = !request.guest;
      const upn =
        homeTenantOf(email.domain) === tenantId
          ? email.display
          : `${email.canonical.slice(0, email.canonical.lastIndexOf('@'))}@t${tenantId.slice(0, 8)}.onmicrosoft.com`;
      const accessToken = await new SignJWT({
        tid: tenantId,
        oid: objectId,
        preferred_username: email.display,
        name,
        acct: member ? 0 : 1,
        ...(member ? { upn } : {}),
        email: mail.display,
        xms_edov: member ? homeTenantOf(mail.domain) === tenantId : true,
        ...(request.directoryRoles ? { wids: request.directoryRoles } : {}),
        scp: consent?.ok ? consent.scp : options.apiScope,
        azp: options.clientId,
        ver: '2.0',
      })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(options.issuerTemplate.replace('{tid}', tenantId))
        .setAudience(graph ? GRAPH_AUDIENCE : options.apiAudience)
        .setSubject(derivedGuid(`sub:${options.clientId}:${objectId}`))
        .setIssuedAt()
        .setNotBefore('0s')
        .setExpirationTime(`${expiresIn}s`)
        .setJti(randomUUID())
        .sign(privateKey);
      return {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: expiresIn,
        account: { tenantId, objectId, email: email.display, name },
      };
    },
  };
}

/** Entra answers a token request without consent with 400 and its own error body, not the API's. */
export class ConsentRequired extends Error {
  constructor(readonly body: ReturnType<typeof consentRequiredError>) {
    super(body.error_description);
  }
}

export function registerDevelopmentIdentityRoutes(app: FastifyInstance, idp: DevelopmentIdentityProvider): void {
  app.get('/dev/idp/discovery/v2.0/keys', { schema: { hide: true } }, async () => idp.jwks);
  app.get('/dev/idp/organisations', { schema: { hide: true } }, async () => DEVELOPMENT_ORGANISATIONS);
  app.post<{ Body: IssueRequest & { scopes?: string[] } }>(
    '/dev/idp/token',
    {
      config: { rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: {
        hide: true,
        body: {
          type: 'object',
          required: ['email'],
          additionalProperties: false,
          properties: {
            email: { type: 'string', minLength: 3, maxLength: 254 },
            tenantId: { type: 'string', maxLength: 36 },
            name: { type: 'string', maxLength: 200 },
            resource: { type: 'string', enum: ['api', 'graph'] },
            scopes: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 100 } },
            mail: { type: 'string', minLength: 3, maxLength: 254 },
            guest: { type: 'boolean' },
            directoryRoles: { type: 'array', maxItems: 20, items: { type: 'string', pattern: '^[0-9a-fA-F-]{36}$' } },
          },
        },
      },
    },
    async (request, reply) => {
      try {
        return await idp.issue(request.body);
      } catch (error) {
        if (error instanceof ConsentRequired) return reply.code(400).send(error.body);
        throw error;
      }
    },
  );
  // What the app registration is granted, for tests that take a permission away (or give one).
  app.get('/dev/idp/consent', { schema: { hide: true } }, async () => ({ scopes: idp.graphConsent.scopes() }));
  app.put<{ Body: { scopes: string[] } }>(
    '/dev/idp/consent',
    {
      schema: {
        hide: true,
        body: {
          type: 'object',
          required: ['scopes'],
          additionalProperties: false,
          properties: {
            scopes: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 3, maxLength: 100 } },
          },
        },
      },
    },
    async (request) => {
      const invalid = request.body.scopes.filter((s) => !isGraphScopeName(s));
      if (invalid.length > 0)
        throw new ApiError(400, 'VALIDATION_FAILED', `Not Microsoft Graph permission names: ${invalid.join(', ')}.`);
      idp.graphConsent.set(request.body.scopes);
      return { scopes: idp.graphConsent.scopes() };
    },
  );
}
