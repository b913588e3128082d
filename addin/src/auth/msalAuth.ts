/**
 * The auth port with MSAL against Microsoft Entra. In Outlook, nested app authentication
 * (`createNestablePublicClientApplication`): Outlook brokers the sign-in, no popup of our own.
 * In the portal, a standard browser client with a popup. MSAL is loaded only when used, so the
 * playground and development builds do not carry it.
 */
import type { AccountInfo, IPublicClientApplication } from '@azure/msal-browser';
import { graphScopeUri, type GraphScope } from '../../../shared/src/api/graphScopes.js';
import { NotSignedInError, type Account, type AuthPort } from './authPort.js';


export class MsalAuth implements AuthPort {
  private account: AccountInfo | null = null;

  private constructor(
    private readonly client: IPublicClientApplication,
    private readonly apiScope: string,
    private readonly loginHint: string | null,
  ) {}

  static async create(options: { clientId: string; apiScope: string; nested: boolean; loginHint: string | null }): Promise<MsalAuth> {
    const msal = await import('@azure/msal-browser');
    const configuration = { auth: { clientId: options.clientId, authority: 'https://login.microsoftonline.com/common' }, cache: { cacheLocation: 'localStorage' as const } };
    const client = options.nested ? await msal.createNestablePublicClientApplication(configuration) : await msal.createStandardPublicClientApplication(configuration);
    const auth = new MsalAuth(client, options.apiScope, options.loginHint);
    auth.account = client.getActiveAccount() ?? client.getAllAccounts()[0] ?? null;
    return auth;
  }

  currentAccount(): Account | null {
    return this.account ? toAccount(this.account) : null;
  }

  async signIn(): Promise<Account> {
    const request = { scopes: [this.apiScope], ...(this.loginHint ? { loginHint: this.loginHint } : {}) };
    const result = await this.client.ssoSilent(request).catch(() => this.client.acquireTokenPopup(request));
    this.account = result.account;
    this.client.setActiveAccount(result.account);
    return toAccount(result.account);
  }

  async signOut(): Promise<void> {
    this.account = null;
    this.client.setActiveAccount(null);
  }

  apiToken(): Promise<string> {
    return this.token([this.apiScope]);
  }

  graphToken(scopes: readonly GraphScope[]): Promise<string> {
    return this.token(scopes.map(graphScopeUri));
  }

  private async token(scopes: string[]): Promise<string> {
    if (!this.account) throw new NotSignedInError();
    const request = { scopes, account: this.account };
    try {
      return (await this.client.acquireTokenSilent(request)).accessToken;
    } catch {
      return (await this.client.acquireTokenPopup(request)).accessToken;
    }
  }
}

function toAccount(account: AccountInfo): Account {
  return { tenantId: account.tenantId, objectId: account.localAccountId, email: account.username, name: account.name ?? account.username };
}
