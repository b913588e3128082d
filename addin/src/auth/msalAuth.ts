/**
 * The auth port with MSAL against Microsoft Entra. In Outlook, nested app authentication
 * (`createNestablePublicClientApplication`): Outlook brokers the sign-in, no popup of our own.
 * In a plain browser page (the portal), a standard client with MSAL's popup. MSAL is loaded only
 * when used, so the playground and development builds do not carry it.
 *
 * Every token is asked for silently first; a popup opens only when MSAL says interaction is
 * required (authFlow.ts). Each feature asks for its own Graph scopes when it is first used, so
 * Entra's consent is incremental.
 */
import type { AccountInfo, IPublicClientApplication } from '@azure/msal-browser';
import { GRAPH_SCOPES_FOR, graphScopeUri, type GraphScope } from '#shared/api/graphScopes.js';
import { acquire, failureOf, permissionName } from './authFlow.js';
import { NotSignedInError, type Account, type AuthPort } from './authPort.js';

/**
 * Work and school accounts only: the app registration's signInAudience is AzureADMultipleOrgs
 * (README, "App registration"), so Entra's sign-in page does not offer personal accounts.
 */
export const ENTRA_AUTHORITY = 'https://login.microsoftonline.com/organizations';

export class MsalAuth implements AuthPort {
  private account: AccountInfo | null = null;

  private constructor(
    private readonly client: IPublicClientApplication,
    private readonly apiScope: string,
    private readonly nested: boolean,
    private readonly loginHint: string | null,
  ) {}

  static async create(options: {
    clientId: string;
    apiScope: string;
    nested: boolean;
    loginHint: string | null;
  }): Promise<MsalAuth> {
    const msal = await import('@azure/msal-browser');
    const configuration = {
      auth: { clientId: options.clientId, authority: ENTRA_AUTHORITY },
      cache: { cacheLocation: 'localStorage' as const },
    };
    const client = options.nested
      ? await msal.createNestablePublicClientApplication(configuration)
      : await msal.createStandardPublicClientApplication(configuration);
    const auth = new MsalAuth(client, options.apiScope, options.nested, options.loginHint);
    auth.account = client.getActiveAccount() ?? client.getAllAccounts()[0] ?? null;
    return auth;
  }

  currentAccount(): Account | null {
    return this.account ? toAccount(this.account) : null;
  }

  /**
   * Sign-in asks for the API's scope only (MSAL adds openid, profile, offline_access). Under NAA,
   * Outlook knows the user: silent SSO, a popup only if interaction is required. In a browser the
   * user has just clicked "Sign in", and a popup opened after an await is blocked, so it opens at
   * once; the standard client also names User.Read, which Entra requires consented for an app that
   * asks for a token for itself (AADSTS90008), so the first consent screen shows it.
   */
  async signIn(): Promise<Account> {
    const permissions = [permissionName(this.apiScope)];
    const request = { scopes: [this.apiScope], ...(this.loginHint ? { loginHint: this.loginHint } : {}) };
    let result;
    if (this.nested) {
      result = await acquire(
        () => this.client.ssoSilent(request),
        () => this.client.acquireTokenPopup(request),
        permissions,
      );
    } else {
      try {
        result = await this.client.acquireTokenPopup({
          ...request,
          prompt: 'select_account',
          extraScopesToConsent: GRAPH_SCOPES_FOR.signIn.map(graphScopeUri),
        });
      } catch (error) {
        throw failureOf(error, permissions);
      }
    }
    this.account = result.account;
    this.client.setActiveAccount(result.account);
    return toAccount(result.account);
  }

  /** Under NAA the account is Outlook's: forgetting it here is all there is. In a browser, the tokens leave this browser's storage too. */
  async signOut(): Promise<void> {
    const account = this.account;
    this.account = null;
    this.client.setActiveAccount(null);
    if (!this.nested && account) await this.client.clearCache({ account });
  }

  apiToken(): Promise<string> {
    return this.token([this.apiScope]);
  }

  graphToken(scopes: readonly GraphScope[]): Promise<string> {
    return this.token(scopes.map(graphScopeUri));
  }

  private async token(scopes: string[]): Promise<string> {
    const account = this.account;
    if (!account) throw new NotSignedInError();
    const request = { scopes, account };
    const result = await acquire(
      () => this.client.acquireTokenSilent(request),
      () => this.client.acquireTokenPopup(request),
      scopes.map(permissionName),
    );
    return result.accessToken;
  }
}

function toAccount(account: AccountInfo): Account {
  return {
    tenantId: account.tenantId,
    objectId: account.localAccountId,
    email: account.username,
    name: account.name ?? account.username,
  };
}
