/**
 * The auth port with the development identity provider: the user types or picks an email and an
 * organisation (the `prompt` the page shows), and the server's /dev/idp issues Entra-shaped tokens.
 * The chosen identity is remembered in browser storage so other pages start signed in.
 */
import { apiFetch } from '../api/apiClient.js';
import type { KeyValueStore } from '../storage/keyValueStore.js';
import type { GraphScope } from '../../../shared/src/api/graphScopes.js';
import { NotSignedInError, type Account, type AuthPort } from './authPort.js';

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

  constructor(
    private readonly prompt: () => Promise<DevelopmentIdentity>,
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

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

  private async issue(identity: DevelopmentIdentity, resource: 'api' | 'graph', scopes: readonly GraphScope[] = []): Promise<TokenResponse> {
    const response = await apiFetch<TokenResponse>('/dev/idp/token', { method: 'POST', body: { ...identity, resource, ...(resource === 'graph' ? { scopes } : {}) } });
    this.tokens.set(cacheKey(resource, scopes), { token: response.access_token, expiresAt: this.now() + response.expires_in * 1000 });
    return response;
  }
}

function cacheKey(resource: 'api' | 'graph', scopes: readonly GraphScope[]): string {
  return resource === 'api' ? 'api' : `graph:${[...scopes].sort().join(' ')}`;
}
