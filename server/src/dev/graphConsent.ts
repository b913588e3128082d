/**
 * The Microsoft Graph permissions the development app registration has been granted (admin or
 * user consent), and Entra's answer when a client asks for one that was not. Entra puts every
 * consented scope of the resource in the token's `scp`, whatever subset was asked for; asking for a
 * scope nobody consented to fails at the token endpoint with AADSTS65001 (`invalid_grant`,
 * `suberror: consent_required`). Changeable at run time so that a test can take a permission away.
 */
import { randomUUID } from 'node:crypto';

/** OpenID Connect scopes a client may add to any request; they are not Graph permissions. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
const SCOPE = /^[A-Z][A-Za-z]*(\.[A-Za-z]+)+$/;
const GRAPH_PREFIX = 'https://graph.microsoft.com/';

export class GraphConsent {
  private granted: string[];

  constructor(scopes: readonly string[]) {
    this.granted = normalise(scopes);
  }

  scopes(): string[] {
    return [...this.granted];
  }

  set(scopes: readonly string[]): void {
    this.granted = normalise(scopes);
  }

  /** The token's `scp`, or the scopes that lack consent. */
  decide(requested: readonly string[] = []): { ok: true; scp: string } | { ok: false; missing: string[] } {
    const missing = requested.map(shortName).filter((s) => !OIDC_SCOPES.has(s) && !this.granted.includes(s));
    return missing.length === 0 ? { ok: true, scp: this.granted.join(' ') } : { ok: false, missing };
  }
}

/** `https://graph.microsoft.com/Mail.Send` and `Mail.Send` are the same request. */
function shortName(scope: string): string {
  return scope.startsWith(GRAPH_PREFIX) ? scope.slice(GRAPH_PREFIX.length) : scope;
}

function normalise(scopes: readonly string[]): string[] {
  return [...new Set(scopes.map(shortName))];
}

export function isGraphScopeName(scope: string): boolean {
  return SCOPE.test(shortName(scope));
}

/** Entra's token-endpoint error body (OAuth 2.0 error response with Entra's extra fields). */
export function consentRequiredError(clientId: string, now: Date) {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
  return {
    error: 'invalid_grant',
    error_description: `AADSTS65001: The user or administrator has not consented to use the application with ID '${clientId}' named 'Outmerge'. Send an interactive authorization request for this user and resource.\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [65001],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    suberror: 'consent_required',
  };
}
