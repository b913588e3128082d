/**
 * The pane's side of the Office dialog fallback, against a stand-in for Office's dialog that keeps
 * its documented rules (Office's "Handle errors and events in the Office dialog box": the page must
 * be HTTPS on the pane's own domain, 12004/12005; one dialog at a time, 12007; closed by the user,
 * 12006) and plays our sign-in page's answers: what is asked, what is reused, what is refused.
 */
import { describe, expect, it } from 'vitest';
import { AuthDialogError, authDialogFailure } from '../host/mailHost.js';
import {
  encodeAuthDialogMessage,
  readAuthDialogRequest,
  type AuthDialogMessage,
  type AuthDialogRequest,
} from './authDialogProtocol.js';
import { AuthFailure, NotSignedInError } from './authPort.js';
import { OfficeDialogAuth } from './dialogAuth.js';

const ORIGIN = 'https://outmerge.example.com';
const API = 'api://11111111-2222-4333-8444-555555555555/access_as_user';
const ANNA = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  objectId: 'a0a0a0a0-0000-4000-8000-000000000001',
  email: 'anna@contoso.com',
  name: 'Anna',
};
const HOUR = 3_600_000;

type Page = (request: AuthDialogRequest) => AuthDialogMessage | 'close';

/** Office's dialog, as strict as Office: it checks the URL and refuses a second dialog while one is open. */
function officeDialog(page: Page) {
  const opened: AuthDialogRequest[] = [];
  let open = false;
  return {
    opened,
    async open(url: string): Promise<string> {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:')
        throw new AuthDialogError(authDialogFailure(12005), 12005, 'HTTPS is required.');
      if (parsed.origin !== ORIGIN)
        throw new AuthDialogError(authDialogFailure(12004), 12004, 'The domain of the URL is not trusted.');
      if (open) throw new AuthDialogError(authDialogFailure(12007), 12007, 'This add-in already has an active dialog.');
      open = true;
      try {
        // Office appends _host_info to the first URL; the page must ignore it.
        const request = readAuthDialogRequest(`${parsed.search}&_host_info=Outlook$Win32$16.01$en-US`, API);
        opened.push(request);
        await Promise.resolve();
        const answer = page(request);
        if (answer === 'close') throw new AuthDialogError(authDialogFailure(12006), 12006, 'The dialog was closed.');
        return encodeAuthDialogMessage(answer);
      } finally {
        open = false;
      }
    },
  };
}

/** Our sign-in page when the organisation granted `granted`: a token for what was asked, carrying everything granted for that resource. */
function signInPage(granted: string[], account = ANNA, now = () => 0): Page {
  return (request) => {
    if (request.op === 'signout') return { ok: true, op: 'signout' };
    const scopes = request.op === 'signin' ? [API] : request.scopes;
    if (!scopes.every((s) => granted.includes(s)))
      return {
        ok: false,
        reason: 'consent_required',
        message: 'AADSTS65004: User declined to consent to access the app.',
      };
    const resource = scopes[0] === API ? [API] : granted.filter((s) => s.startsWith('https://graph.microsoft.com/'));
    return {
      ok: true,
      op: 'token',
      accessToken: `token:${scopes.join(',')}`,
      expiresOn: now() + HOUR,
      scopes: resource,
      account,
    };
  };
}

const GRAPH = (scope: string) => `https://graph.microsoft.com/${scope}`;

function auth(dialog: ReturnType<typeof officeDialog>, now = () => 0) {
  return new OfficeDialogAuth({
    open: (url) => dialog.open(url),
    origin: ORIGIN,
    apiScope: API,
    loginHint: 'anna@contoso.com',
    locale: 'fr',
    now,
  });
}

describe('signing in through the Office dialog', () => {
  it("signs in with the API's scope only, passing Outlook's address as the hint and the pane's language", async () => {
    const dialog = officeDialog(signInPage([API]));
    const pane = auth(dialog);
    expect(pane.currentAccount()).toBeNull();
    await expect(pane.apiToken()).rejects.toBeInstanceOf(NotSignedInError);
    expect(await pane.signIn()).toEqual(ANNA);
    expect(dialog.opened).toEqual([{ op: 'signin', loginHint: 'anna@contoso.com', locale: 'fr' }]);
    // The sign-in answer carried the API token: no second dialog for it.
    expect(await pane.apiToken()).toBe(`token:${API}`);
    expect(dialog.opened).toHaveLength(1);
  });

  it("asks for a feature's Graph scopes when it is used, and reuses the token while it covers what is asked and is fresh", async () => {
    let clock = 0;
    const dialog = officeDialog(
      signInPage(
        [API, GRAPH('User.Read'), GRAPH('Mail.ReadWrite'), GRAPH('Mail.Send'), GRAPH('Contacts.Read')],
        ANNA,
        () => clock,
      ),
    );
    const pane = auth(dialog, () => clock);
    await pane.signIn();
    expect(await pane.graphToken(['Contacts.Read'])).toBe(`token:${GRAPH('Contacts.Read')}`);
    expect(dialog.opened[1]).toEqual({
      op: 'token',
      scopes: [GRAPH('Contacts.Read')],
      loginHint: 'anna@contoso.com',
      locale: 'fr',
    });
    // The Graph token carries everything granted for Graph: Mail.Send needs no new dialog.
    await pane.graphToken(['Mail.Send']);
    expect(dialog.opened).toHaveLength(2);
    // Less than five minutes left: a new one.
    clock = HOUR - 4 * 60_000;
    await pane.graphToken(['Mail.Send']);
    expect(dialog.opened).toHaveLength(3);
    expect(dialog.opened[2]).toMatchObject({ op: 'token', scopes: [GRAPH('Mail.Send')] });
  });

  it('opens one dialog at a time: requests made together wait, and the second is answered by the first', async () => {
    const dialog = officeDialog(signInPage([API, GRAPH('Mail.ReadWrite'), GRAPH('Mail.Send')]));
    const pane = auth(dialog);
    await pane.signIn();
    const tokens = await Promise.all([
      pane.graphToken(['Mail.ReadWrite']),
      pane.graphToken(['Mail.Send']),
      pane.graphToken(['Mail.ReadWrite', 'Mail.Send']),
    ]);
    expect(tokens).toHaveLength(3);
    expect(dialog.opened.filter((r) => r.op === 'token')).toHaveLength(1);
  });

  it('reports a consent the organisation has not given, naming the permissions', async () => {
    const dialog = officeDialog(signInPage([API, GRAPH('Mail.ReadWrite')]));
    const pane = auth(dialog);
    await pane.signIn();
    const failure = await pane.graphToken(['Mail.Send']).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AuthFailure);
    expect(failure).toMatchObject({ reason: 'consent_required', permissions: ['Mail.Send'] });
  });

  it('treats a closed dialog as cancelled and a refused one (Office on the web: Ignore) as blocked', async () => {
    const closed = auth(officeDialog(() => 'close'));
    await expect(closed.signIn()).rejects.toMatchObject({ reason: 'cancelled' });
    expect(closed.currentAccount()).toBeNull();
    const ignored = new OfficeDialogAuth({
      open: async () =>
        Promise.reject(
          new AuthDialogError(authDialogFailure(12009), 12009, 'The user chose to ignore the dialog box.'),
        ),
      origin: ORIGIN,
      apiScope: API,
      loginHint: null,
      locale: 'en',
    });
    await expect(ignored.signIn()).rejects.toMatchObject({ reason: 'window_blocked' });
  });

  it("refuses an answer that is not the page's, and a token for someone else", async () => {
    const forged = new OfficeDialogAuth({
      open: async () => JSON.stringify({ ok: true, accessToken: 'x' }),
      origin: ORIGIN,
      apiScope: API,
      loginHint: null,
      locale: 'en',
    });
    await expect(forged.signIn()).rejects.toMatchObject({ reason: 'failed' });

    let account = ANNA;
    const dialog = officeDialog((request) => signInPage([API, GRAPH('Mail.Send')], account)(request));
    const pane = auth(dialog);
    await pane.signIn();
    account = { ...ANNA, objectId: 'b0b0b0b0-0000-4000-8000-000000000002', email: 'bob@contoso.com' };
    await expect(pane.graphToken(['Mail.Send'])).rejects.toMatchObject({
      reason: 'failed',
      message: expect.stringContaining('bob@contoso.com'),
    });
  });

  it("signs out here and in the dialog's cache", async () => {
    const dialog = officeDialog(signInPage([API]));
    const pane = auth(dialog);
    await pane.signIn();
    await pane.signOut();
    expect(pane.currentAccount()).toBeNull();
    expect(dialog.opened.at(-1)).toEqual({ op: 'signout', locale: 'fr' });
    await expect(pane.apiToken()).rejects.toBeInstanceOf(NotSignedInError);
  });
});
