/**
 * The sign-in page inside the Office dialog, for an Outlook without nested app authentication: a
 * standard MSAL client with the redirect flow, as Microsoft's Outlook-Add-in-SSO-NAA sample does in
 * `fallback/fallbackauthdialog.ts`. Its account and refresh token stay in this page's MSAL cache,
 * so later openings answer silently; the pane gets one access token per opening
 * (authDialogProtocol.ts). The page's address is registered as a single-page-application redirect
 * URI, and it is served without `Cross-Origin-Opener-Policy: same-origin` (Office: error 12006).
 */
import type { AuthenticationResult, IPublicClientApplication } from '@azure/msal-browser';
import { GRAPH_SCOPES_FOR, graphScopeUri } from '#shared/api/graphScopes.js';
import { AUTH_DIALOG_PATH, readAuthDialogRequest, type AuthDialogMessage } from './authDialogProtocol.js';
import { failureOf, needsInteraction, permissionName } from './authFlow.js';
import { ENTRA_AUTHORITY } from './msalAuth.js';

/** What the page asked for before it went to Entra: the redirect back carries no query. */
const PENDING_KEY = 'outmerge.authDialog.pending';

interface Pending {
  permissions: string[];
  locale: string;
}

export interface AuthDialogRun {
  /** The answer for the pane, or null while the page is on its way to Entra's sign-in. */
  message: AuthDialogMessage | null;
  locale: string;
}

export async function runAuthDialog(options: {
  clientId: string;
  apiScope: string;
  origin: string;
  search: string;
  storage: Storage;
}): Promise<AuthDialogRun> {
  const msal = await import('@azure/msal-browser');
  const redirectUri = `${options.origin}${AUTH_DIALOG_PATH}`;
  const client = await msal.createStandardPublicClientApplication({
    // The answer is handled on this page itself, not on the page that started the sign-in.
    auth: { clientId: options.clientId, authority: ENTRA_AUTHORITY, redirectUri, navigateToLoginRequestUrl: false },
    cache: { cacheLocation: 'localStorage' },
  });

  const saved = options.storage.getItem(PENDING_KEY);
  const pending = saved ? (JSON.parse(saved) as Pending) : null;
  options.storage.removeItem(PENDING_KEY);
  try {
    const returned = await client.handleRedirectPromise();
    if (returned) return { message: answer(client, returned), locale: pending?.locale ?? 'en' };
  } catch (error) {
    const failure = failureOf(error, pending?.permissions ?? []);
    return {
      message: { ok: false, reason: failure.reason, message: failure.message },
      locale: pending?.locale ?? 'en',
    };
  }

  const request = readAuthDialogRequest(options.search, options.apiScope);
  const locale = request.locale;
  if (request.op === 'signout') {
    await client.clearCache();
    return { message: { ok: true, op: 'signout' }, locale };
  }
  const scopes = request.op === 'signin' ? [options.apiScope] : request.scopes;
  const permissions = scopes.map(permissionName);
  const account =
    (request.loginHint ? client.getAccount({ username: request.loginHint }) : null) ?? client.getActiveAccount();
  if (account) {
    try {
      return { message: answer(client, await client.acquireTokenSilent({ scopes, account })), locale };
    } catch (error) {
      // Interactive only when MSAL says so; anything else goes back to the pane as it is.
      if (!needsInteraction(error)) {
        const failure = failureOf(error, permissions);
        return { message: { ok: false, reason: failure.reason, message: failure.message }, locale };
      }
    }
  }
  options.storage.setItem(PENDING_KEY, JSON.stringify({ permissions, locale } satisfies Pending));
  await client.acquireTokenRedirect({
    scopes,
    redirectUri,
    ...(request.op === 'signin' ? { extraScopesToConsent: GRAPH_SCOPES_FOR.signIn.map(graphScopeUri) } : {}),
    ...(account ? { account } : request.loginHint ? { loginHint: request.loginHint } : { prompt: 'select_account' }),
  });
  return { message: null, locale };
}

/** The access token and what it was granted; never the ID or refresh token. */
function answer(client: IPublicClientApplication, result: AuthenticationResult): AuthDialogMessage {
  client.setActiveAccount(result.account);
  return {
    ok: true,
    op: 'token',
    accessToken: result.accessToken,
    expiresOn: result.expiresOn?.getTime() ?? Date.now() + 60 * 60_000,
    scopes: result.scopes,
    account: {
      tenantId: result.account.tenantId,
      objectId: result.account.localAccountId,
      email: result.account.username,
      name: result.account.name ?? result.account.username,
    },
  };
}
