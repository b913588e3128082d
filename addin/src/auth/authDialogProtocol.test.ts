import { describe, expect, it } from 'vitest';
import { authDialogFailure } from '../host/mailHost.js';
import {
  AUTH_DIALOG_PATH,
  authDialogUrl,
  decodeAuthDialogMessage,
  encodeAuthDialogMessage,
  readAuthDialogRequest,
} from './authDialogProtocol.js';

const ORIGIN = 'https://outmerge.example.com';
const API = 'api://11111111-2222-4333-8444-555555555555/access_as_user';
const ACCOUNT = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  objectId: 'a0a0a0a0-0000-4000-8000-000000000001',
  email: 'anna@contoso.com',
  name: 'Anna',
};

describe("the sign-in page's address", () => {
  it("is the registered page on the pane's own origin and carries the request, never a token", () => {
    const url = new URL(
      authDialogUrl(ORIGIN, {
        op: 'token',
        scopes: ['https://graph.microsoft.com/Mail.ReadWrite', 'https://graph.microsoft.com/Mail.Send'],
        loginHint: 'anna@contoso.com',
        locale: 'de',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${ORIGIN}${AUTH_DIALOG_PATH}`);
    expect(readAuthDialogRequest(url.search, API)).toEqual({
      op: 'token',
      scopes: ['https://graph.microsoft.com/Mail.ReadWrite', 'https://graph.microsoft.com/Mail.Send'],
      loginHint: 'anna@contoso.com',
      locale: 'de',
    });
    expect(
      readAuthDialogRequest(
        new URL(authDialogUrl(ORIGIN, { op: 'signin', loginHint: null, locale: 'fr' })).search,
        API,
      ),
    ).toEqual({ op: 'signin', loginHint: null, locale: 'fr' });
    expect(readAuthDialogRequest(new URL(authDialogUrl(ORIGIN, { op: 'signout', locale: 'en' })).search, API)).toEqual({
      op: 'signout',
      locale: 'en',
    });
  });

  it("ignores Office's _host_info", () => {
    expect(readAuthDialogRequest('?op=signin&lang=en&_host_info=Outlook$Win32$16.01$en-US$$$$0', API)).toEqual({
      op: 'signin',
      loginHint: null,
      locale: 'en',
    });
  });

  it('asks Entra only for what Outmerge uses: the API scope alone, or declared Graph permissions', () => {
    expect(readAuthDialogRequest(`?op=token&scope=${encodeURIComponent(API)}`, API)).toMatchObject({ scopes: [API] });
    for (const scope of [
      'https://graph.microsoft.com/Mail.ReadWrite.All',
      'https://graph.microsoft.com/.default',
      `${API} https://graph.microsoft.com/Mail.Send`,
      'api://other/access_as_user',
      '',
    ]) {
      expect(() => readAuthDialogRequest(`?op=token&scope=${encodeURIComponent(scope)}`, API)).toThrow(
        /does not ask for/,
      );
    }
    expect(() => readAuthDialogRequest('?op=steal', API)).toThrow(/from the Outmerge pane/);
  });
});

describe("the page's answer", () => {
  it('round-trips a token, a sign-out and a refusal', () => {
    const token = {
      ok: true as const,
      op: 'token' as const,
      accessToken: 'eyJ…',
      expiresOn: 1_900_000_000_000,
      scopes: ['https://graph.microsoft.com/Mail.Send'],
      account: ACCOUNT,
    };
    expect(decodeAuthDialogMessage(encodeAuthDialogMessage(token))).toEqual(token);
    expect(decodeAuthDialogMessage(encodeAuthDialogMessage({ ok: true, op: 'signout' }))).toEqual({
      ok: true,
      op: 'signout',
    });
    expect(
      decodeAuthDialogMessage(
        encodeAuthDialogMessage({ ok: false, reason: 'consent_required', message: 'AADSTS65004' }),
      ),
    ).toEqual({ ok: false, reason: 'consent_required', message: 'AADSTS65004' });
  });

  it('keeps only what the pane needs: no ID or refresh token passes through', () => {
    const raw = JSON.parse(
      encodeAuthDialogMessage({
        ok: true,
        op: 'token',
        accessToken: 'a',
        expiresOn: 1,
        scopes: ['s'],
        account: ACCOUNT,
      }),
    ) as Record<string, unknown>;
    raw.idToken = 'id';
    raw.refreshToken = 'refresh';
    expect(Object.keys(decodeAuthDialogMessage(JSON.stringify(raw))).sort()).toEqual([
      'accessToken',
      'account',
      'expiresOn',
      'ok',
      'op',
      'scopes',
    ]);
  });

  it('refuses anything else', () => {
    expect(() => decodeAuthDialogMessage('close')).toThrow();
    expect(() => decodeAuthDialogMessage(JSON.stringify({ ok: true, op: 'token', accessToken: 'a' }))).toThrow();
    const valid = JSON.parse(
      encodeAuthDialogMessage({
        ok: true,
        op: 'token',
        accessToken: 'a',
        expiresOn: 1,
        scopes: ['s'],
        account: ACCOUNT,
      }),
    ) as Record<string, unknown>;
    expect(() => decodeAuthDialogMessage(JSON.stringify({ ...valid, protocol: 'other/1' }))).toThrow();
    expect(() =>
      decodeAuthDialogMessage(JSON.stringify({ ...valid, account: { ...ACCOUNT, objectId: '' } })),
    ).toThrow();
    expect(decodeAuthDialogMessage(JSON.stringify({ ...valid, ok: false, reason: 'made_up' }))).toMatchObject({
      ok: false,
      reason: 'failed',
    });
  });
});

describe("Office's dialog error codes", () => {
  it('maps each documented code to what the pane tells the user', () => {
    expect(authDialogFailure(12006)).toBe('closed');
    expect(authDialogFailure(12009)).toBe('blocked');
    expect(authDialogFailure(12011)).toBe('blocked');
    expect(authDialogFailure(12007)).toBe('busy');
    expect(authDialogFailure(12004)).toBe('failed');
    expect(authDialogFailure(12002)).toBe('failed');
  });
});
