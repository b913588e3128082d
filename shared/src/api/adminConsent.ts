/**
 * Microsoft's admin-consent link, following Office's "Publish an add-in that requires admin consent
 * for Microsoft Graph scopes" and Entra's "Admin consent on the Microsoft identity platform": the
 * v2.0 endpoint with an explicit `scope` list (the OpenID Connect scopes MSAL always asks for,
 * every Graph permission the registration declares, and the API's own scope), and a redirect the
 * registration lists as a single-page application. The tenant is the signed-in person's when known
 * (Entra: "use the tenant ID when possible"), otherwise `organizations` (the administrator's home
 * tenant). Built from configuration only, never from a request.
 */
import { GRAPH_PERMISSIONS, graphScopeUri, OIDC_SCOPES } from './graphScopes.js';

export const ADMIN_CONSENT_REDIRECT_PATH = '/portal.html';

/** The API's scope as Entra names it (`api://{client id}/{scope}`: the Application ID URI the README registers). */
export function apiScopeUri(clientId: string, apiScope: string): string {
  return apiScope.startsWith('api://') ? apiScope : `api://${clientId}/${apiScope}`;
}

/** Exactly what an administrator grants for everyone with the link, in the order the README lists it. */
export function adminConsentScopes(clientId: string, apiScope: string): string[] {
  return [...OIDC_SCOPES, ...GRAPH_PERMISSIONS.map(graphScopeUri), apiScopeUri(clientId, apiScope)];
}

export function adminConsentUrl(options: {
  tenant: string;
  clientId: string;
  apiScope: string;
  publicUrl: string;
}): string {
  const query = new URLSearchParams({
    client_id: options.clientId,
    scope: adminConsentScopes(options.clientId, options.apiScope).join(' '),
    redirect_uri: `${options.publicUrl}${ADMIN_CONSENT_REDIRECT_PATH}`,
  });
  return `https://login.microsoftonline.com/${encodeURIComponent(options.tenant)}/v2.0/adminconsent?${query.toString()}`;
}
