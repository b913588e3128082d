/**
 * The auth port: who the user is and access tokens for the two resources the pane calls, the
 * Outmerge API and Microsoft Graph (tokens are per resource). In Outlook it is MSAL with nested
 * app authentication (msalAuth.ts), or the Office dialog where Outlook lacks it (dialogAuth.ts);
 * in the portal MSAL with its popup; with the development identity provider, developmentAuth.ts.
 * Which one a page gets is decided in authFlow.ts.
 */
import type { GraphScope } from '#shared/api/graphScopes.js';

export interface Account {
  tenantId: string;
  objectId: string;
  email: string;
  name: string;
}

export class NotSignedInError extends Error {
  constructor() {
    super('Sign in first.');
    this.name = 'NotSignedInError';
  }
}

export interface AuthPort {
  currentAccount(): Account | null;
  /** Interactive sign-in (a prompt or popup). */
  signIn(): Promise<Account>;
  signOut(): Promise<void>;
  /** A fresh access token for the Outmerge API; never cached by callers. */
  apiToken(): Promise<string>;
  /** An access token for Microsoft Graph carrying at least `scopes` (asked for only when a feature needs them). */
  graphToken(scopes: readonly GraphScope[]): Promise<string>;
}

/**
 * Why a sign-in or token request did not succeed, in terms the pages can act on:
 * - `consent_required`: the organisation has not granted `permissions` (and the user may not, or did not):
 *   IT grants them with the admin-consent link;
 * - `cancelled`: the user closed the sign-in window; nothing to report;
 * - `window_blocked`: the browser or Office on the web did not let the sign-in window open;
 * - `failed`: anything else (network, service), with Microsoft's message.
 */
export type AuthFailureReason = 'consent_required' | 'cancelled' | 'window_blocked' | 'failed';

export class AuthFailure extends Error {
  constructor(
    readonly reason: AuthFailureReason,
    /** The permissions the request asked for (`Mail.ReadWrite`, or the API's `access_as_user`). */
    readonly permissions: readonly string[],
    message: string,
  ) {
    super(message);
    this.name = 'AuthFailure';
  }
}
