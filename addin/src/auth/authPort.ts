/**
 * The auth port: who the user is and access tokens for the two resources the pane calls, the
 * Outmerge API and Microsoft Graph (tokens are per resource). In Outlook it is MSAL with nested
 * app authentication (msalAuth.ts); with the development identity provider, developmentAuth.ts.
 */
import type { GraphScope } from '../../../shared/src/api/graphScopes.js';

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
