/**
 * Seats that follow a Microsoft 365 group, end to end in Chromium (issue 17): the owner buys two
 * seats, looks for her pilot group and is told her tenant's administrator must grant Outmerge's
 * application permissions; the administrator grants them on the (development) admin-consent page
 * and lands back on the subscription; the owner links the group: two members get seats, the third
 * waits with "buy 1 more seat". A member's pane turns licensed at her next check. IT removes her
 * from the group in Entra (the Graph stand-in's directory); "Sync now" takes her seat — her footer
 * returns — and gives it to the one who waited. The owner's pane shows the group and the last sync.
 * Screenshots in English, French and German.
 */
import type { Browser, Page } from 'playwright-core';
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

const CONTOSO = '72f988bf-86f1-41af-91ab-2d7cd011db47';

let server: ServerProcess;
let browser: Browser;
let portal: Page;
let groupId: string;

/** IT changes the group in Entra: here, the Graph stand-in's directory. */
async function directory(path: string, body: unknown): Promise<Response> {
  return fetch(`${server.baseUrl}/dev/graph/tenants/${CONTOSO}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServerProcess({ GROUP_SYNC_INTERVAL_SECONDS: '0' }), launchChromium()]);
  portal = await (await browser.newContext({ viewport: { width: 1280, height: 1100 }, locale: 'en-US' })).newPage();
  const created = await directory('groups', {
    displayName: 'Outmerge pilot',
    description: 'People trying Outmerge first',
    kind: 'microsoft365',
    members: [
      { email: 'emma@contoso.com', name: 'Emma Larsen' },
      { email: 'finn@contoso.com', name: 'Finn Berg' },
      { email: 'gina@contoso.com', name: 'Gina Russo' },
    ],
  });
  expect(created.status).toBe(201);
  groupId = ((await created.json()) as { id: string }).id;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('seats that follow a Microsoft 365 group', () => {
  let pane: Page;

  it("asks for the tenant administrator's consent, then links the group: members get seats up to the quantity, the rest wait", async () => {
    await portal.goto(`${server.baseUrl}/portal.html`);
    await signIn(portal, 'olivia@contoso.com', portal.locator('body'));
    await buyMonthlySeats(portal, 2);
    const subscriptionUrl = portal.url();

    const groups = portal.getByTestId('groups-section');
    await expectText(groups.getByTestId('groups-none'), /No group linked yet/);
    await groups.getByTestId('groups-search-input').fill('pilot');
    await groups.getByTestId('groups-search').click();
    await expectText(groups.getByTestId('groups-consent'), /Permission needed from your Microsoft 365 administrator/);
    await groups.scrollIntoViewIfNeeded();
    await screenshot(groups, 'groups-en-consent');

    // The tenant's administrator opens the link: Microsoft's consent screen (here the development one), Accept.
    const consentLink = await groups.getByTestId('groups-consent-link').getAttribute('href');
    expect(consentLink).toMatch(
      new RegExp(
        `/dev/idp/${CONTOSO}/adminconsent\\?client_id=[0-9a-f-]{36}&redirect_uri=.*&state=outmerge-group-sync\\.[0-9a-f-]{36}$`,
      ),
    );
    await groups.getByTestId('groups-consent-link').click();
    await expectText(portal.locator('h1'), /Permissions requested/);
    await expectText(
      portal.locator('body'),
      /GroupMember\.Read\.All \(application\)\s+User\.Read\.All \(application\)/,
    );
    await portal.getByRole('button', { name: 'Accept' }).click();
    await expectText(portal.getByTestId('admin-consent-return'), /Your administrator granted the permissions/);
    expect(portal.url()).toBe(subscriptionUrl);

    await groups.getByTestId('groups-search-input').fill('pilot');
    await groups.getByTestId('groups-search').click();
    await expectText(
      groups.getByTestId(`group-result-${groupId}`),
      /Outmerge pilot\s+People trying Outmerge first\s+Microsoft 365 group/,
    );
    await groups.getByRole('button', { name: 'Link the group Outmerge pilot' }).click();
    await expectText(groups.getByTestId('groups-notice'), /The group Outmerge pilot is linked: 2 members got a seat/);
    await expectText(groups.getByTestId(`group-row-${groupId}`), /Outmerge pilot\s+Microsoft 365 group\s+3 members/);
    await expectText(
      groups.getByTestId('groups-waiting-explain'),
      /1 member has no seat: every seat is taken\. Buy 1 more seat/,
    );
    await expectText(groups.getByTestId('groups-waiting'), /Gina Russo <gina@contoso\.com>/);
    await expectText(groups.getByTestId('groups-last-sync'), /Last sync .*: done \(2 seats given, none removed\)/);
    await expectText(portal.getByTestId('seats-table'), /emma@contoso\.com[\s\S]*finn@contoso\.com/);
    await groups.scrollIntoViewIfNeeded();
    await screenshot(groups, 'groups-en-linked');
  });

  it('licenses a member at her next check; once IT removes her from the group, Sync now takes the seat (her footer returns) and gives it to the one who waited', async () => {
    const outlook = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
    pane = await outlook.newPage();
    await pane.goto(`${server.baseUrl}/playground.html`);
    const taskPane = pane.getByTestId('task-pane');
    await signIn(pane, 'emma@contoso.com', taskPane);
    await expectText(taskPane.getByTestId('license-status'), /^Licensed$/);

    expect((await directory(`groups/${groupId}/members`, { remove: ['emma@contoso.com'] })).status).toBe(200);
    const groups = portal.getByTestId('groups-section');
    await groups.getByTestId('groups-sync').click();
    await expectText(groups.getByTestId('groups-notice'), /Synced: 1 seat given, 1 removed/);
    await expectText(groups.getByTestId(`group-row-${groupId}`), /2 members/);
    expect(await groups.getByTestId('groups-waiting').count()).toBe(0);
    await expectText(portal.getByTestId('seats-table'), /finn@contoso\.com[\s\S]*gina@contoso\.com/);
    expect(await portal.getByTestId('seats-table').innerText()).not.toContain('emma@contoso.com');

    await taskPane.getByRole('button', { name: 'Check again' }).click();
    await expectText(taskPane.getByTestId('license-status'), /^Free version$/);
    await expectText(taskPane.getByTestId('pane-license-help'), /Your seat was removed/);
    await screenshot(taskPane, 'groups-en-pane-removed');

    // The journal names the group sync as the one who acted.
    await portal.getByTestId('tab-journal').click();
    await expectText(portal.getByRole('main'), /Group sync \(automatic\)[\s\S]*emma@contoso\.com/);
    await portal.getByTestId('tab-seats').click();
  });

  it("shows the owner the group and the last sync in the pane's admin view", async () => {
    const outlook = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
    const ownerPane = await outlook.newPage();
    await ownerPane.goto(`${server.baseUrl}/playground.html`);
    const taskPane = ownerPane.getByTestId('task-pane');
    await signIn(ownerPane, 'olivia@contoso.com', taskPane);
    await taskPane.getByTestId('pane-admin-toggle').click();
    const admin = taskPane.getByTestId('pane-groups');
    await expectText(admin, /Seats follow the group Outmerge pilot\./);
    await expectText(admin.getByTestId('pane-groups-sync'), /Last sync .*: 1 seat given, 1 removed/);
    await screenshot(taskPane, 'groups-en-pane-admin');
  });

  it('shows the Groups section in French and German', async () => {
    for (const [locale, synced] of [
      ['fr', /Dernière synchronisation .*\s: terminée/],
      ['de', /Letzte Synchronisierung .*: abgeschlossen/],
    ] as const) {
      await portal.getByTestId('language').selectOption(locale);
      const groups = portal.getByTestId('groups-section');
      await expectText(groups.getByTestId('groups-last-sync'), synced);
      await expectText(
        groups.getByTestId(`group-row-${groupId}`),
        locale === 'fr' ? /Groupe Microsoft 365\s+2 membres/ : /Microsoft 365-Gruppe\s+2 Mitglieder/,
      );
      await groups.scrollIntoViewIfNeeded();
      await screenshot(groups, `groups-${locale}-linked`);
    }
    await portal.getByTestId('language').selectOption('en');
  });
});
