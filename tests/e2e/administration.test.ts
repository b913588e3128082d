/**
 * Organisation administration end to end in Chromium (A2–A7): the owner buys seats, assigns in
 * bulk (paste and CSV upload), searches, suspends and transfers seats, invites an IT
 * administrator, who accepts in a private window after signing in and then sees exactly what
 * their permissions allow; the journal shows it all.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buyMonthlySeats,
  expectText,
  launchChromium,
  screenshot,
  signIn,
  startServerProcess,
  type ServerProcess,
} from './support.js';

let server: ServerProcess;
let browser: Browser;
let ownerContext: BrowserContext;
let portal: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServerProcess(), launchChromium()]);
  ownerContext = await browser.newContext({ viewport: { width: 1280, height: 1100 }, locale: 'en-US' });
  portal = await ownerContext.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('administering a subscription in the portal', () => {
  it('buys 10 seats and assigns in bulk by paste and by CSV upload, with a result per address', async () => {
    await portal.goto(`${server.baseUrl}/portal.html`);
    await signIn(portal, 'olivia@contoso.com');
    await buyMonthlySeats(portal, 10);

    await portal.getByTestId('assign-emails').fill('anna@contoso.com, not-an-address\neve@elsewhere.org');
    await portal.getByTestId('assign').click();
    await expectText(
      portal.getByTestId('assignment-results'),
      /1 × assigned; welcome email sent[\s\S]*1 × not a valid email address[\s\S]*1 × not at a domain your organisation proved/,
    );
    await portal.getByTestId('assign-file').setInputFiles({
      name: 'staff.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Name;Email\nBen;ben@contoso.com\nCara;cara@contoso.com\nDan;dan@contoso.com\nAnna;anna@contoso.com\n',
      ),
    });
    await expectText(
      portal.getByTestId('assignment-results'),
      /3 × assigned; welcome email sent[\s\S]*1 × already has a seat/,
    );
    await expectText(portal.getByTestId('seats-table'), /ben@contoso\.com[\s\S]*dan@contoso\.com/);
    await screenshot(portal, 'admin-en-seats');
  });

  it('searches, suspends and transfers a seat', async () => {
    await portal.getByTestId('seat-search').fill('cara');
    await expectText(portal.getByTestId('seats-table'), /^(?![\s\S]*ben@)[\s\S]*cara@contoso\.com/);
    await portal.getByRole('button', { name: 'Suspend the seat of cara@contoso.com' }).click();
    await expectText(portal.getByTestId('seats-table'), /cara@contoso\.com\s+Suspended/);
    await portal.getByTestId('seat-search').fill('');
    await portal.getByRole('button', { name: 'Transfer the seat of dan@contoso.com to someone else' }).click();
    await portal.getByTestId('transfer-to').fill('erin@contoso.com');
    await portal.getByTestId('transfer-confirm').click();
    await expectText(
      portal.getByTestId('seats-notice'),
      /The seat of dan@contoso\.com now belongs to erin@contoso\.com/,
    );
    await expectText(portal.getByTestId('seats-table'), /erin@contoso\.com/);
  });

  it('invites an IT administrator who accepts in a private window and gets exactly the permissions granted', async () => {
    await portal.getByTestId('tab-delegates').click();
    await portal.getByTestId('invite-email').fill('it@contoso.com');
    await portal.getByRole('checkbox', { name: 'view the subscription' }).first().uncheck();
    await portal.getByTestId('invite').click();
    await expectText(portal.getByTestId('delegates-notice'), /Invitation sent to it@contoso\.com/);
    await expectText(portal.getByTestId('invitations-table'), /it@contoso\.com\s+assign and remove licenses/);
    await screenshot(portal, 'admin-en-delegates');

    const outbox = (await (await fetch(`${server.baseUrl}/dev/outbox/messages`)).json()) as Array<{
      kind: string;
      text: string;
    }>;
    const link = /https?:\/\/\S+#\/accept\?token=[A-Za-z0-9_-]+/.exec(
      outbox.find((m) => m.kind === 'invitation')!.text,
    )![0];

    const privateWindow = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const it = await privateWindow.newPage();
    await it.goto(link);
    await expectText(it.locator('main'), /Sign in with the Microsoft 365 account the invitation was sent to/);
    await signIn(it, 'mallory@contoso.com');
    await it.getByTestId('accept').click();
    await expectText(it.getByTestId('accept-error'), /This invitation is for another address/);
    await it.getByRole('button', { name: 'Sign out' }).click();
    await signIn(it, 'it@contoso.com');
    await it.getByTestId('accept').click();
    await expectText(
      it.getByTestId('accept-result'),
      /olivia@contoso\.com made you a delegated administrator with these permissions: assign and remove licenses/,
    );
    await screenshot(it, 'admin-en-accepted');
    await it.getByRole('link', { name: 'Open the subscription' }).click();
    await expectText(it.getByTestId('seats-table'), /anna@contoso\.com/);
    expect(await it.getByTestId('tab-delegates').count()).toBe(0);
    expect(await it.getByTestId('tab-journal').count()).toBe(0);
    await privateWindow.close();
  });

  it('shows every change in the journal, filterable', async () => {
    await portal.reload();
    await portal.getByTestId('tab-journal').click();
    await expectText(
      portal.getByTestId('journal-table'),
      /Invitation accepted[\s\S]*Invitation sent[\s\S]*Seat transferred[\s\S]*Seat suspended/,
    );
    await portal.getByTestId('journal-action').selectOption('seat.suspended');
    await expectText(
      portal.getByTestId('journal-table'),
      /^(?![\s\S]*Seat transferred)[\s\S]*Seat suspended[\s\S]*cara@contoso\.com/,
    );
    await screenshot(portal, 'admin-en-journal');
  });

  it('shows the administration screens in French and German', async () => {
    for (const locale of ['fr', 'de'] as const) {
      await portal.getByTestId('language').selectOption(locale);
      await portal.getByTestId('tab-delegates').click();
      await expectText(portal.getByTestId('tab-delegates'), locale === 'fr' ? /Administrateurs/i : /Administratoren/i);
      await screenshot(portal, `admin-${locale}-delegates`);
      await portal.getByTestId('tab-seats').click();
      await screenshot(portal, `admin-${locale}-seats`);
    }
  });
});
