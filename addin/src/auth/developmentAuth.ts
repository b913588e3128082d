/**
 * The auth port with the development identity provider: the user types or picks an email and an
 * organisation (the `prompt` the page shows), and the server's /dev/idp issues Entra-shaped tokens.
 * It asks the way MSAL asks Entra: sign-in gets the API's token only, and each feature's Graph
 * scopes are asked for when the feature is first used (a token per scope set). A refusal comes back
 * in the shape of Entra's token endpoint (`invalid_grant`, `suberror: consent_required`, AADSTS65001)
 * and becomes the same `AuthFailure` as with MSAL; there is no consent screen in development.
 * The chosen identity is remembered in browser storage so other pages start signed in.
 */
import { isApiErrorBody } from '#shared/api/errors.js';
import type { GraphScope } from '#shared/api/graphScopes.js';
import type { KeyValueStore } from '../storage/keyValueStore.js';
import { permissionName, tokenEndpointFailure } from './authFlow.js';
import { AuthFailure, NotSignedInError, type Account, type AuthPort } from './authPort.js';

export interface DevelopmentIdentity {
  email: string;
  tenantId?: string;
  name?: string;
}

interface TokenResponse {
  access_token: string;
  expires_in: number;
  account: Account;
}

export interface DevelopmentAuthOptions {
  now?: () => number;
  /** The API's scope, named in a refusal (`access_as_user`). */
  apiScope?: string;
  /** Where /dev/idp lives: this page's own server unless told otherwise. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

const STORAGE_KEY = 'outmerge.devIdentity';

/** The identity last chosen in this browser: the playground's simulated Outlook is that person's mailbox. */
export function rememberedDevelopmentIdentity(store: KeyValueStore): DevelopmentIdentity | null {
  const saved = store.get(STORAGE_KEY);
  return saved ? (JSON.parse(saved) as DevelopmentIdentity) : null;
}

export class DevelopmentAuth implements AuthPort {
  private account: Account | null = null;
  /** Tokens by resource and scope set ("api", or "graph:" and the sorted scopes). */
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();
  private readonly now: () => number;
  private readonly fetchImpl: typeof fetch;

  constructor(
    private readonly prompt: () => Promise<DevelopmentIdentity>,
    private readonly store: KeyValueStore,
    private readonly options: DevelopmentAuthOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.fetchImpl = options.fetch ?? ((...args) => fetch(...args));
  }

  /** Restores the identity chosen earlier in this browser, if any. */
  async restore(): Promise<Account | null> {
    const saved = this.store.get(STORAGE_KEY);
    if (!saved) return null;
    try {
      return await this.signInAs(JSON.parse(saved) as DevelopmentIdentity);
    } catch {
      this.store.remove(STORAGE_KEY);
      return null;
    }
  }

  rememberedIdentity(): DevelopmentIdentity | null {
    return rememberedDevelopmentIdentity(this.store);
  }

  currentAccount(): Account | null {
    return this.account;
  }

  async signIn(): Promise<Account> {
    return this.signInAs(await this.prompt());
  }

  private async signInAs(identity: DevelopmentIdentity): Promise<Account> {
    this.tokens.clear();
    const response = await this.issue(identity, 'api');
    this.account = response.account;
    this.store.set(STORAGE_KEY, JSON.stringify(identity));
    return response.account;
  }

  async signOut(): Promise<void> {
    this.account = null;
    this.tokens.clear();
    this.store.remove(STORAGE_KEY);
  }

  apiToken(): Promise<string> {
    return this.token('api', []);
  }

  graphToken(scopes: readonly GraphScope[]): Promise<string> {
    return this.token('graph', scopes);
  }

  private async token(resource: 'api' | 'graph', scopes: readonly GraphScope[]): Promise<string> {
    const identity = this.rememberedIdentity();
    if (!this.account || !identity) throw new NotSignedInError();
    const cached = this.tokens.get(cacheKey(resource, scopes));
    if (cached && cached.expiresAt > this.now() + 60_000) return cached.token;
    return (await this.issue(identity, resource, scopes)).access_token;
  }

  private async issue(
    identity: DevelopmentIdentity,
    resource: 'api' | 'graph',
    scopes: readonly GraphScope[] = [],
  ): Promise<TokenResponse> {
    const permissions = resource === 'api' ? [permissionName(this.options.apiScope ?? 'access_as_user')] : [...scopes];
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.options.baseUrl ?? ''}/dev/idp/token`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...identity, resource, ...(resource === 'graph' ? { scopes } : {}) }),
      });
    } catch (error) {
      throw new AuthFailure(
        'failed',
        permissions,
        error instanceof Error ? error.message : 'The identity provider could not be reached.',
      );
    }
    const payload: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      // Entra's token-endpoint shape for a refusal; our API's shape for a bad request (an invalid
      // address), read the same way in case a refusal ever comes in it.
      throw tokenEndpointFailure(
        isApiErrorBody(payload)
          ? { error: payload.error.code.toLowerCase(), error_description: payload.error.message }
          : payload,
        permissions,
      );
    }
    const issued = payload as TokenResponse;
    this.tokens.set(cacheKey(resource, scopes), {
      token: issued.access_token,
      expiresAt: this.now() + issued.expires_in * 1000,
    });
    return issued;
  }
}

function cacheKey(resource: 'api' | 'graph', scopes: readonly GraphScope[]): string {
  return resource === 'api' ? 'api' : `graph:${[...scopes].sort().join(' ')}`;
}
