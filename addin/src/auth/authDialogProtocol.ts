/**
 * What the pane and the sign-in page in the Office dialog say to each other. The pane opens
 * `/auth-dialog.html` with what it needs in the query (never a token); the page answers once with
 * `messageParent`: an access token for one resource and what it was granted, as Microsoft's
 * Outlook-Add-in-SSO-NAA fallback hands back, plus the account's public identifiers. ID and refresh
 * tokens stay in the dialog's own MSAL cache. Both sides validate what they receive.
 */
import { AUTH_DIALOG_PATH } from '#shared/api/authDialog.js';
import { GRAPH_PERMISSIONS, graphScopeUri } from '#shared/api/graphScopes.js';
import type { Account, AuthFailureReason } from './authPort.js';

export { AUTH_DIALOG_PATH };

const PROTOCOL = 'outmerge-auth-dialog/1';

/** `signin`: the API token, consenting to sign-in (User.Read) too; `token`: one resource's scopes; `signout`: forget the account. */
export type AuthDialogRequest =
  | { op: 'signin'; loginHint: string | null; locale: string }
  | { op: 'token'; scopes: string[]; loginHint: string | null; locale: string }
  | { op: 'signout'; locale: string };

export type AuthDialogMessage =
  | { ok: true; op: 'token'; accessToken: string; expiresOn: number; scopes: string[]; account: Account }
  | { ok: true; op: 'signout' }
  | { ok: false; reason: AuthFailureReason; message: string };

export class AuthDialogProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthDialogProtocolError';
  }
}

export function authDialogUrl(origin: string, request: AuthDialogRequest): string {
  const query = new URLSearchParams({ op: request.op, lang: request.locale });
  if (request.op !== 'signout' && request.loginHint) query.set('login_hint', request.loginHint);
  if (request.op === 'token') query.set('scope', request.scopes.join(' '));
  return `${origin}${AUTH_DIALOG_PATH}?${query.toString()}`;
}

/**
 * Scopes the page may ask Entra for: the API's own scope, or the Graph permissions the
 * registration declares, one resource per request (an access token is for one resource). Anything
 * else in a crafted link is refused.
 */
function allowedScopes(scopes: string[], apiScope: string): boolean {
  const graph = new Set(GRAPH_PERMISSIONS.map(graphScopeUri));
  if (scopes.length === 0 || scopes.length > GRAPH_PERMISSIONS.length) return false;
  return (scopes.length === 1 && scopes[0] === apiScope) || scopes.every((s) => graph.has(s));
}

/** Reads the page's query; Office adds `_host_info`, which is left alone (Office's dialog best practices). */
export function readAuthDialogRequest(search: string, apiScope: string): AuthDialogRequest {
  const query = new URLSearchParams(search);
  const locale = query.get('lang') ?? 'en';
  const loginHint = query.get('login_hint');
  const op = query.get('op');
  if (op === 'signout') return { op, locale };
  if (op === 'signin') return { op, loginHint, locale };
  if (op === 'token') {
    const scopes = (query.get('scope') ?? '').split(' ').filter(Boolean);
    if (!allowedScopes(scopes, apiScope))
      throw new AuthDialogProtocolError(`Outmerge does not ask for "${scopes.join(' ')}".`);
    return { op, scopes, loginHint, locale };
  }
  throw new AuthDialogProtocolError('This page opens from the Outmerge pane in Outlook.');
}

export function encodeAuthDialogMessage(message: AuthDialogMessage): string {
  return JSON.stringify({ protocol: PROTOCOL, ...message });
}

const REASONS: readonly AuthFailureReason[] = ['consent_required', 'cancelled', 'window_blocked', 'failed'];

function isString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** The pane's reading of the page's answer: exactly one of the three shapes, or an error. */
export function decodeAuthDialogMessage(raw: string): AuthDialogMessage {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw new AuthDialogProtocolError("The sign-in window sent something that is not Outmerge's answer.");
  }
  if (typeof value !== 'object' || value === null || value.protocol !== PROTOCOL)
    throw new AuthDialogProtocolError("The sign-in window sent something that is not Outmerge's answer.");
  if (value.ok === false) {
    const reason = REASONS.find((r) => r === value.reason) ?? 'failed';
    return { ok: false, reason, message: typeof value.message === 'string' ? value.message : '' };
  }
  if (value.ok === true && value.op === 'signout') return { ok: true, op: 'signout' };
  const account = value.account as Record<string, unknown> | undefined;
  if (
    value.ok === true &&
    value.op === 'token' &&
    isString(value.accessToken) &&
    typeof value.expiresOn === 'number' &&
    Number.isFinite(value.expiresOn) &&
    Array.isArray(value.scopes) &&
    value.scopes.every(isString) &&
    account &&
    isString(account.tenantId) &&
    isString(account.objectId) &&
    isString(account.email) &&
    typeof account.name === 'string'
  ) {
    return {
      ok: true,
      op: 'token',
      accessToken: value.accessToken,
      expiresOn: value.expiresOn,
      scopes: value.scopes as string[],
      account: {
        tenantId: account.tenantId,
        objectId: account.objectId,
        email: account.email,
        name: account.name || account.email,
      },
    };
  }
  throw new AuthDialogProtocolError("The sign-in window's answer is incomplete.");
}
