/**
 * The auth port in an Outlook without nested app authentication: each token comes from our sign-in
 * page in the Office dialog (authDialogPage.ts), as Microsoft's Outlook-Add-in-SSO-NAA sample falls
 * back. The dialog runs in another browser instance with its own storage (Office's "Authenticate
 * with the Office dialog API": the library's cache is not the pane's), so the pane keeps the access
 * tokens it was handed in memory, one per resource, and reuses one while it covers the scopes asked
 * for and is not about to expire. Once signed in, the dialog answers from its own cache without
 * asking the user. One dialog at a time (Office refuses a second with 12007).
 */
import { graphScopeUri, scopesCover, type GraphScope } from '#shared/api/graphScopes.js';
import { AuthDialogError } from '../host/mailHost.js';
import {
  authDialogUrl,
  decodeAuthDialogMessage,
  type AuthDialogMessage,
  type AuthDialogRequest,
} from './authDialogProtocol.js';
import { permissionName } from './authFlow.js';
import { AuthFailure, NotSignedInError, type Account, type AuthPort } from './authPort.js';

interface CachedToken {
  accessToken: string;
  expiresOn: number;
  scopes: string[];
}

type Resource = 'api' | 'graph';

/** Like MSAL, a token is renewed when it has less than five minutes left. */
const RENEW_BEFORE_MS = 5 * 60_000;

export interface OfficeDialogAuthOptions {
  /** The host port's dialog (officeMailHost.ts): opens a URL, resolves with the page's message. */
  open: (url: string) => Promise<string>;
  /** This deployment's origin: the dialog's page must be on the pane's own domain. */
  origin: string;
  apiScope: string;
  loginHint: string | null;
  locale: string;
  now?: () => number;
}

export class OfficeDialogAuth implements AuthPort {
  private account: Account | null = null;
  private readonly tokens = new Map<Resource, CachedToken>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly options: OfficeDialogAuthOptions) {
    this.now = options.now ?? Date.now;
  }

  currentAccount(): Account | null {
    return this.account;
  }

  async signIn(): Promise<Account> {
    const answer = await this.ask({ op: 'signin', loginHint: this.options.loginHint, locale: this.options.locale }, [
      this.options.apiScope,
    ]);
    this.tokens.clear();
    this.account = answer.account;
    this.tokens.set('api', { accessToken: answer.accessToken, expiresOn: answer.expiresOn, scopes: answer.scopes });
    return answer.account;
  }

  /** Forgets the tokens here and the account in the dialog's cache, so the next sign-in may choose another account. */
  async signOut(): Promise<void> {
    this.account = null;
    this.tokens.clear();
    try {
      await this.enqueue(() => this.open({ op: 'signout', locale: this.options.locale }, []));
    } catch (error) {
      if (!(error instanceof AuthFailure && error.reason === 'cancelled')) throw error;
    }
  }

  apiToken(): Promise<string> {
    return this.token('api', [this.options.apiScope]);
  }

  graphToken(scopes: readonly GraphScope[]): Promise<string> {
    return this.token('graph', scopes.map(graphScopeUri));
  }

  private cached(resource: Resource, scopes: string[]): string | null {
    const token = this.tokens.get(resource);
    return token && token.expiresOn - this.now() > RENEW_BEFORE_MS && scopesCover(token.scopes, scopes)
      ? token.accessToken
      : null;
  }

  private async token(resource: Resource, scopes: string[]): Promise<string> {
    const account = this.account;
    if (!account) throw new NotSignedInError();
    const ready = this.cached(resource, scopes);
    if (ready) return ready;
    return this.enqueue(async () => {
      // Another request may have brought this token while this one waited for the dialog.
      const meanwhile = this.cached(resource, scopes);
      if (meanwhile) return meanwhile;
      const answer = await this.ask(
        { op: 'token', scopes, loginHint: account.email, locale: this.options.locale },
        scopes,
        false,
      );
      if (answer.account.tenantId !== account.tenantId || answer.account.objectId !== account.objectId) {
        throw new AuthFailure(
          'failed',
          scopes.map(permissionName),
          `The sign-in window signed in as ${answer.account.email}, not ${account.email}. Sign out and sign in again.`,
        );
      }
      this.tokens.set(resource, {
        accessToken: answer.accessToken,
        expiresOn: answer.expiresOn,
        scopes: answer.scopes,
      });
      return answer.accessToken;
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async ask(
    request: AuthDialogRequest,
    scopes: string[],
    queued = true,
  ): Promise<Extract<AuthDialogMessage, { op: 'token' }>> {
    const answer = queued ? await this.enqueue(() => this.open(request, scopes)) : await this.open(request, scopes);
    if (!answer.ok || answer.op !== 'token')
      throw new AuthFailure('failed', scopes.map(permissionName), 'The sign-in window did not send a token.');
    return answer;
  }

  private async open(request: AuthDialogRequest, scopes: string[]): Promise<AuthDialogMessage> {
    const permissions = scopes.map(permissionName);
    let raw: string;
    try {
      raw = await this.options.open(authDialogUrl(this.options.origin, request));
    } catch (error) {
      if (error instanceof AuthDialogError) {
        const reason =
          error.reason === 'closed' ? 'cancelled' : error.reason === 'blocked' ? 'window_blocked' : 'failed';
        throw new AuthFailure(reason, permissions, error.message);
      }
      throw new AuthFailure('failed', permissions, error instanceof Error ? error.message : String(error));
    }
    let answer: AuthDialogMessage;
    try {
      answer = decodeAuthDialogMessage(raw);
    } catch (error) {
      throw new AuthFailure('failed', permissions, error instanceof Error ? error.message : String(error));
    }
    if (!answer.ok) throw new AuthFailure(answer.reason, permissions, answer.message);
    return answer;
  }
}
