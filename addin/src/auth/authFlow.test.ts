/**
 * When sign-in goes interactive, and what a failure means, with MSAL's own error classes (the ones
 * msal-browser 4 throws): silent first, a popup or dialog only on InteractionRequiredAuthError.
 */
import {
  BrowserAuthError,
  BrowserAuthErrorCodes,
  ClientAuthError,
  ClientAuthErrorCodes,
  InteractionRequiredAuthError,
  ServerError,
} from '@azure/msal-browser';
import { describe, expect, it, vi } from 'vitest';
import { acquire, failureOf, permissionName, signInPath, tokenEndpointFailure } from './authFlow.js';
import { AuthFailure } from './authPort.js';

describe('which sign-in path a page takes', () => {
  it('uses the development identity provider wherever it is configured', () => {
    expect(signInPath('development', 'nested')).toBe('development');
    expect(signInPath('development', 'dialog')).toBe('development');
    expect(signInPath('development', 'browser')).toBe('development');
  });

  it('with Entra: NAA where Outlook brokers it, the Office dialog where it does not, the popup in a browser', () => {
    expect(signInPath('entra', 'nested')).toBe('nested');
    expect(signInPath('entra', 'dialog')).toBe('dialog');
    expect(signInPath('entra', 'browser')).toBe('popup');
  });
});

const PERMISSIONS = ['Mail.ReadWrite', 'Mail.Send'];

interface Outcome {
  token?: string;
  /** What the caller sees when no token came (an AuthFailure: fields read by the assertions). */
  failure: AuthFailure;
  interactive: number;
}

async function outcome(silentError: unknown, interactiveError?: unknown): Promise<Outcome> {
  const interactive = vi.fn(async () => {
    if (interactiveError) throw interactiveError;
    return 'interactive-token';
  });
  try {
    const token = await acquire(
      async () => {
        throw silentError;
      },
      interactive,
      PERMISSIONS,
    );
    return { token, interactive: interactive.mock.calls.length } as Outcome;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthFailure);
    return { failure: error as AuthFailure, interactive: interactive.mock.calls.length };
  }
}

describe('acquiring a token', () => {
  it('returns the silent token without any interaction', async () => {
    const interactive = vi.fn(async () => 'interactive-token');
    expect(await acquire(async () => 'silent-token', interactive, PERMISSIONS)).toBe('silent-token');
    expect(interactive).not.toHaveBeenCalled();
  });

  it('goes interactive when MSAL says interaction is required (consent missing, session expired)', async () => {
    expect(
      await outcome(
        new InteractionRequiredAuthError(
          'invalid_grant',
          'AADSTS65001: The user or administrator has not consented to use the application.',
          'consent_required',
        ),
      ),
    ).toEqual({ token: 'interactive-token', interactive: 1 });
    expect(
      await outcome(
        new InteractionRequiredAuthError(
          'login_required',
          'AADSTS50058: A silent sign-in request was sent but no user is signed in.',
        ),
      ),
    ).toEqual({ token: 'interactive-token', interactive: 1 });
    expect(await outcome(new InteractionRequiredAuthError('no_tokens_found'))).toEqual({
      token: 'interactive-token',
      interactive: 1,
    });
  });

  it('never opens a window for an error interaction cannot solve: it surfaces as it is', async () => {
    const timeout = await outcome(new BrowserAuthError(BrowserAuthErrorCodes.monitorWindowTimeout));
    expect(timeout.interactive).toBe(0);
    expect(timeout.failure).toMatchObject({ reason: 'failed', permissions: PERMISSIONS });
    const network = await outcome(new ClientAuthError(ClientAuthErrorCodes.networkError));
    expect(network.interactive).toBe(0);
    expect(network.failure.reason).toBe('failed');
    const server = await outcome(
      new ServerError('temporarily_unavailable', 'AADSTS90006: The service is temporarily unavailable.'),
    );
    expect(server.interactive).toBe(0);
    expect(server.failure.message).toContain('AADSTS90006');
    expect((await outcome(new TypeError('Failed to fetch'))).interactive).toBe(0);
  });

  it('reports a consent the user may not (or did not) give as consent_required, naming the permissions asked for', async () => {
    const needsConsent = new InteractionRequiredAuthError(
      'invalid_grant',
      'AADSTS65001: not consented',
      'consent_required',
    );
    // "Need admin approval" → "Return to the application without granting consent".
    const declined = await outcome(
      needsConsent,
      new ServerError('access_denied', 'AADSTS65004: User declined to consent to access the app.'),
    );
    expect(declined).toMatchObject({
      interactive: 1,
      failure: { reason: 'consent_required', permissions: PERMISSIONS },
    });
    const adminOnly = await outcome(
      needsConsent,
      new ServerError('invalid_request', 'AADSTS90094: The grant requires admin permission.'),
    );
    expect(adminOnly.failure.reason).toBe('consent_required');
    const noUserRead = await outcome(
      needsConsent,
      new ServerError(
        'invalid_grant',
        "AADSTS90008: The user or administrator hasn't consented to use the application.",
      ),
    );
    expect(noUserRead.failure.reason).toBe('consent_required');
  });

  it("treats a closed window as cancelled (popup, and NAA's bridge) and a blocked one as blocked", async () => {
    const interaction = new InteractionRequiredAuthError('interaction_required');
    expect((await outcome(interaction, new BrowserAuthError(BrowserAuthErrorCodes.userCancelled))).failure.reason).toBe(
      'cancelled',
    );
    expect((await outcome(interaction, new ClientAuthError(ClientAuthErrorCodes.userCanceled))).failure.reason).toBe(
      'cancelled',
    );
    expect(
      (await outcome(interaction, new BrowserAuthError(BrowserAuthErrorCodes.popupWindowError))).failure.reason,
    ).toBe('window_blocked');
    expect(
      (await outcome(interaction, new BrowserAuthError(BrowserAuthErrorCodes.emptyWindowError))).failure.reason,
    ).toBe('window_blocked');
  });

  it('keeps an AuthFailure as it is', () => {
    const failure = new AuthFailure('window_blocked', ['Mail.Send'], 'blocked');
    expect(failureOf(failure, PERMISSIONS)).toBe(failure);
  });
});

describe("Entra's token-endpoint errors (the development identity provider answers the same way)", () => {
  it('reads a refused consent from suberror, error_codes or the AADSTS code', () => {
    // The body Entra's token endpoint answers for a scope the user or admin has not consented to.
    const body = {
      error: 'invalid_grant',
      error_description:
        "AADSTS65001: The user or administrator has not consented to use the application with ID '…' named 'Outmerge'. Send an interactive authorization request for this user and resource.",
      error_codes: [65001],
      timestamp: '2026-11-28 10:00:00Z',
      trace_id: '0000aaaa-11bb-cccc-dd22-eeeeee333333',
      correlation_id: 'aaaa0000-bb11-2222-33cc-444444dddddd',
      suberror: 'consent_required',
    };
    expect(tokenEndpointFailure(body, ['Mail.ReadWrite'])).toMatchObject({
      reason: 'consent_required',
      permissions: ['Mail.ReadWrite'],
    });
    expect(tokenEndpointFailure({ error: 'invalid_grant', error_codes: [65001] }, []).reason).toBe('consent_required');
    expect(tokenEndpointFailure({ error: 'invalid_grant', suberror: 'consent_required' }, []).reason).toBe(
      'consent_required',
    );
  });

  it('reports anything else as a plain failure with its description', () => {
    expect(
      tokenEndpointFailure(
        {
          error: 'invalid_scope',
          error_description: 'AADSTS70011: The provided value for the input parameter scope is not valid.',
        },
        [],
      ),
    ).toMatchObject({ reason: 'failed', message: expect.stringContaining('AADSTS70011') });
    expect(tokenEndpointFailure(null, []).reason).toBe('failed');
  });
});

describe('permission names for people', () => {
  it('shortens Graph and API scope URIs', () => {
    expect(permissionName('https://graph.microsoft.com/Mail.Send.Shared')).toBe('Mail.Send.Shared');
    expect(permissionName('api://11111111-2222-4333-8444-555555555555/access_as_user')).toBe('access_as_user');
    expect(permissionName('access_as_user')).toBe('access_as_user');
  });
});
