/**
 * The auth decisions, free of I/O so they can be tested: which sign-in path a page takes, when a
 * token request may become interactive, and what a failure means. MSAL is loaded only on demand, so
 * its errors are read by their documented fields (`name`, `errorCode`, `subError`, `errorMessage`)
 * rather than by `instanceof`.
 */
import { GRAPH_RESOURCE } from '#shared/api/graphScopes.js';
import type { AuthBroker } from '../host/mailHost.js';
import { AuthFailure } from './authPort.js';

export type SignInPath = 'development' | 'nested' | 'dialog' | 'popup';

/**
 * The development identity provider wherever it is configured; with Entra, nested app
 * authentication where Outlook brokers it, the Office dialog in an Outlook without it, and MSAL's
 * own popup in a plain browser page (the portal, the playground).
 */
export function signInPath(provider: 'development' | 'entra', broker: AuthBroker['kind']): SignInPath {
  if (provider === 'development') return 'development';
  if (broker === 'nested') return 'nested';
  if (broker === 'dialog') return 'dialog';
  return 'popup';
}

interface ErrorFields {
  name?: unknown;
  errorCode?: unknown;
  subError?: unknown;
  errorMessage?: unknown;
  message?: unknown;
}

/**
 * Entra's codes for a missing grant (Entra's "authentication and authorization error codes"):
 * 65001 DelegationDoesNotExist (not consented), 65004 UserDeclinedConsent (also when a user who may
 * not consent returns from "Need admin approval"), 90008 TokenForItselfRequiresGraphPermission
 * (User.Read missing), 90094 AdminConsentRequired.
 */
const CONSENT_CODES = /\bAADSTS(65001|65004|90008|90094)\b/;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** MSAL says interaction is required (InteractionRequiredAuthError): the only case that may open a popup or dialog. */
export function needsInteraction(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as ErrorFields).name === 'InteractionRequiredAuthError';
}

function refusesConsent(fields: ErrorFields): boolean {
  return (
    fields.errorCode === 'consent_required' ||
    fields.subError === 'consent_required' ||
    CONSENT_CODES.test(`${text(fields.errorMessage)} ${text(fields.message)}`)
  );
}

/** What an MSAL (or dialog) error means for the user. */
export function failureOf(error: unknown, permissions: readonly string[]): AuthFailure {
  if (error instanceof AuthFailure) return error;
  const fields: ErrorFields = typeof error === 'object' && error !== null ? (error as ErrorFields) : {};
  const code = text(fields.errorCode);
  const message = text(fields.errorMessage) || text(fields.message) || String(error);
  if (refusesConsent(fields)) return new AuthFailure('consent_required', permissions, message);
  // BrowserAuthError user_cancelled (popup closed); NAA's bridge answers ClientAuthError user_canceled.
  if (code === 'user_cancelled' || code === 'user_canceled') return new AuthFailure('cancelled', permissions, message);
  if (code === 'popup_window_error' || code === 'empty_window_error')
    return new AuthFailure('window_blocked', permissions, message);
  return new AuthFailure('failed', permissions, message);
}

/**
 * Silent first; interactive only when MSAL says interaction is required, as Office's NAA article
 * does ("checks if acquireTokenSilent threw an InteractionRequiredAuthError … Error can't be
 * resolved through interaction" otherwise). Any other failure surfaces as it is.
 */
export async function acquire<T>(
  silent: () => Promise<T>,
  interactive: () => Promise<T>,
  permissions: readonly string[],
): Promise<T> {
  let silentError: unknown;
  try {
    return await silent();
  } catch (error) {
    silentError = error;
  }
  if (!needsInteraction(silentError)) throw failureOf(silentError, permissions);
  try {
    return await interactive();
  } catch (error) {
    throw failureOf(error, permissions);
  }
}

/**
 * An error body of Entra's token endpoint (`{error, error_description, error_codes, suberror}`,
 * Entra's "OAuth 2.0 authorization code flow", error response), as the development identity
 * provider answers it too. There is no consent screen to go to in development, so a refused
 * consent is final.
 */
export function tokenEndpointFailure(body: unknown, permissions: readonly string[]): AuthFailure {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as {
    error?: unknown;
    error_description?: unknown;
    error_codes?: unknown;
    suberror?: unknown;
  };
  const description =
    text(fields.error_description) || text(fields.error) || 'The identity provider refused the request.';
  const codes = Array.isArray(fields.error_codes) ? fields.error_codes.map((c) => `AADSTS${String(c)}`).join(' ') : '';
  const consent =
    fields.error === 'consent_required' ||
    fields.suberror === 'consent_required' ||
    CONSENT_CODES.test(`${description} ${codes}`);
  return new AuthFailure(consent ? 'consent_required' : 'failed', permissions, description);
}

/** A permission's name for people: Graph's `Mail.Send`, the API's `access_as_user`. */
export function permissionName(scope: string): string {
  if (scope.startsWith(`${GRAPH_RESOURCE}/`)) return scope.slice(GRAPH_RESOURCE.length + 1);
  const slash = scope.lastIndexOf('/');
  return slash >= 0 ? scope.slice(slash + 1) : scope;
}
