/**
 * An auth port whose implementation is loaded when it is first needed. In Outlook with nested app
 * authentication, MSAL (the largest part of the pane after Fluent UI and React) is then not part
 * of the pane's first load: someone who has not signed in sees the sign-in card without it, and
 * MSAL arrives when they press "Sign in". Someone who signed in before is restored at once: the
 * pane remembers that (a flag, nothing else: the account and its tokens stay in MSAL's cache) and
 * loads MSAL when it opens, as it needs a token for the license check straight away.
 */
import { NotSignedInError, type Account, type AuthPort } from './authPort.js';
import type { GraphScope } from '#shared/api/graphScopes.js';
import type { KeyValueStore } from '../storage/keyValueStore.js';

const SIGNED_IN_KEY = 'outmerge.auth.signedIn';

export class LazyAuth implements AuthPort {
  private port: AuthPort | null = null;
  private loading: Promise<AuthPort> | null = null;

  constructor(
    private readonly load: () => Promise<AuthPort>,
    private readonly store: KeyValueStore,
  ) {}

  /** Someone signed in on this device and did not sign out: the port is needed at once. */
  get signedInBefore(): boolean {
    return this.store.get(SIGNED_IN_KEY) !== null;
  }

  /** Loads the implementation (once; a failed load is tried again next time). */
  ready(): Promise<AuthPort> {
    this.loading ??= this.load().then(
      (port) => (this.port = port),
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }

  currentAccount(): Account | null {
    return this.port?.currentAccount() ?? null;
  }

  async signIn(): Promise<Account> {
    const account = await (await this.ready()).signIn();
    this.store.set(SIGNED_IN_KEY, '1');
    return account;
  }

  async signOut(): Promise<void> {
    this.store.remove(SIGNED_IN_KEY);
    await this.port?.signOut();
  }

  /** Before the implementation is loaded nobody is signed in: there is no token to give. */
  apiToken(): Promise<string> {
    return this.port ? this.port.apiToken() : Promise.reject(new NotSignedInError());
  }

  graphToken(scopes: readonly GraphScope[]): Promise<string> {
    return this.port ? this.port.graphToken(scopes) : Promise.reject(new NotSignedInError());
  }
}
