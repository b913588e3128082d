/**
 * The pane's campaign records in Chromium's IndexedDB (addin/src/storage/idbCampaignRecords.ts):
 * a campaign the previous version kept in localStorage is moved once (not while a pane of that
 * version still sends it) and resumed where it was (rows already sent are not sent again);
 * afterwards each row's state is a record of its own, the recipients are kept in parts, and
 * nothing of a campaign is left in localStorage. A campaign the browser refuses to keep (its
 * storage quota spent: Chromium's own quota, lowered through the DevTools protocol) is not started,
 * and the pane says what to do. A pane left open keeps its database after another page of the same
 * origin upgrades it (versionchange) and after the browser closes its connection (the site's data
 * cleared): it opens the database again on its next use.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectText,
  launchChromium,
  openStep,
  settledMailbox,
  startServerProcess,
  type ServerProcess,
} from './support.js';

let server: ServerProcess;
let browser: Browser;

const SEND_DELAY_MAX_MS = 200;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServerProcess({
      SEND_RATE_PER_MINUTE: '600',
      GRAPH_STANDIN_RATE_PER_MINUTE: '100000',
      GRAPH_STANDIN_LATENCY_MS: '5',
      GRAPH_STANDIN_SEND_DELAY_MS: `0-${SEND_DELAY_MAX_MS}`,
    }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page): Promise<void> {
  await page.getByTestId('sign-in').click();
  await page.getByRole('dialog').getByLabel('Email address').fill('anna@contoso.com');
  await page.getByRole('dialog').getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectText(page.getByTestId('signed-in-as'), /anna@contoso\.com/);
}

/** What the pane's database holds for a campaign, read with the plain IndexedDB API. */
function stored(
  page: Page,
  id: string,
): Promise<{
  definition: boolean;
  parts: number;
  states: Array<[number, string]>;
  sendLog: number;
  active: string | null;
}> {
  return page.evaluate(
    (campaign) =>
      new Promise((resolve, reject) => {
        const opening = indexedDB.open('outmerge');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          const tx = db.transaction(['definitions', 'recipients', 'rowStates', 'sendLog', 'settings'], 'readonly');
          const range = IDBKeyRange.bound([campaign, -Infinity], [campaign, Infinity]);
          const definition = tx.objectStore('definitions').get(campaign);
          const parts = tx.objectStore('recipients').count(range);
          const states = tx.objectStore('rowStates').getAll(range);
          const sendLog = tx.objectStore('sendLog').count();
          const active = tx.objectStore('settings').get('activeCampaign');
          tx.oncomplete = () => {
            db.close();
            resolve({
              definition: definition.result !== undefined,
              parts: parts.result,
              states: (states.result as Array<{ row: number; state: { status: string } }>).map((r) => [
                r.row,
                r.state.status,
              ]),
              sendLog: sendLog.result,
              active: (active.result as string | undefined) ?? null,
            });
          };
        };
      }),
    id,
  );
}

describe('campaign records in IndexedDB', () => {
  it('moves a campaign kept in localStorage by the previous version once, and resumes it where it was', async () => {
    await fetch(`${server.baseUrl}/dev/mailbox/messages`, { method: 'DELETE' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/playground.html`);
    await signIn(page);

    // What the previous version left: rows 2 and 3 sent, the campaign paused, two sends in the device's log.
    const id = 'c0ffee00-0000-4000-8000-000000000001';
    const rows = Array.from({ length: 6 }, (_, i) => ({ Name: `P${i}`, Email: `p${i}@fabrikam.com` }));
    const definition = {
      id,
      subject: 'Hello {{Name}}',
      bodyHtml: '<p>Dear {{Name}},</p>',
      columns: ['Name', 'Email'],
      rows,
      emailColumn: 'Email',
      ccColumn: null,
      bccColumn: null,
      attachmentColumn: null,
      attachments: [],
      excludedRows: [],
      footerHtml: null,
    };
    const now = Date.now();
    const ledger = {
      id,
      createdAt: now - 60_000,
      mailbox: null,
      rows: [2, 3, 4, 5, 6, 7],
      states: {
        2: { status: 'sent', at: now - 50_000 },
        3: { status: 'sent', at: now - 40_000 },
        4: { status: 'pending' },
        5: { status: 'pending' },
        6: { status: 'pending' },
        7: { status: 'pending' },
      },
      status: 'paused',
    };
    await page.evaluate(
      ({ id, definition, ledger, log }) => {
        localStorage.setItem('outmerge.campaign.active', id);
        localStorage.setItem(`outmerge.campaign.${id}.definition`, JSON.stringify(definition));
        localStorage.setItem(`outmerge.campaign.${id}.ledger`, JSON.stringify(ledger));
        localStorage.setItem('outmerge.sendLog', JSON.stringify(log));
      },
      {
        id,
        definition,
        ledger,
        log: [
          [now - 50_000, 1],
          [now - 40_000, 1],
        ],
      },
    );
    // A pane of the previous version still sending it (its lease is live): not moved yet, that pane's ledger goes on in localStorage.
    const lease = `outmerge.campaign.${id}.runner`;
    await page.evaluate(
      (key) =>
        localStorage.setItem(key, JSON.stringify({ token: 'previous-version-pane', expiresAt: Date.now() + 600_000 })),
      lease,
    );
    await page.reload();
    await expectText(page.getByTestId('signed-in-as'), /anna@contoso\.com/);
    // The pane opened its database (and looked at localStorage then) …
    await expect
      .poll(() =>
        page.evaluate(async () =>
          (await indexedDB.databases()).some((db) => db.name === 'outmerge' && db.version === 1),
        ),
      )
      .toBe(true);
    // … and left the campaign where it is.
    expect(await page.evaluate(() => localStorage.getItem('outmerge.campaign.active'))).toBe(id);
    expect(await stored(page, id)).toMatchObject({ definition: false, active: null, sendLog: 0 });
    expect(await page.getByTestId('send-progress').count()).toBe(0);

    // That pane let go: the next pane moves it.
    await page.evaluate((key) => localStorage.removeItem(key), lease);
    await page.reload();
    await expectText(page.getByTestId('campaign-paused'), /2 of 6/);
    await expectText(page.getByTestId('send-progress'), /^2 sent, 0 failed, 4 to go$/);
    // Moved, not copied: localStorage keeps no campaign, the database has it, its sent rows each a record.
    expect(
      await page.evaluate(() =>
        Object.keys(localStorage).filter((key) => key.startsWith('outmerge.campaign') || key === 'outmerge.sendLog'),
      ),
    ).toEqual([]);
    expect(await stored(page, id)).toEqual({
      definition: true,
      parts: 1,
      states: [
        [2, 'sent'],
        [3, 'sent'],
      ],
      sendLog: 2,
      active: id,
    });

    // Read from the database alone now: a second reload shows the same campaign.
    await page.reload();
    await expectText(page.getByTestId('send-progress'), /^2 sent, 0 failed, 4 to go$/);
    await page.getByTestId('resume').click();
    await expectText(page.getByTestId('send-progress'), /Done: 6 sent, 0 failed\./, 30_000);

    // The rows the previous version had sent were not sent again; the others went once each.
    const sent = await settledMailbox<{ to: string[]; marker: string }>(server.baseUrl, SEND_DELAY_MAX_MS);
    expect(sent.map((m) => m.to[0]).sort()).toEqual([
      'p2@fabrikam.com',
      'p3@fabrikam.com',
      'p4@fabrikam.com',
      'p5@fabrikam.com',
    ]);
    expect(sent.map((m) => m.marker).sort()).toEqual([4, 5, 6, 7].map((row) => `${id}:${row}`));
    const after = await stored(page, id);
    expect(after.states).toEqual([2, 3, 4, 5, 6, 7].map((row) => [row, 'sent']));
    expect(after.sendLog).toBe(6);

    // The report seen, the campaign is forgotten.
    await page.getByTestId('close-report').click();
    await expect.poll(async () => (await stored(page, id)).definition).toBe(false);
    expect(await stored(page, id)).toMatchObject({ parts: 0, states: [], active: null });
    await context.close();
  });

  it('does not start a campaign the browser refuses to keep, says what to do, and starts it once there is room', async () => {
    await fetch(`${server.baseUrl}/dev/mailbox/messages`, { method: 'DELETE' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/playground.html`);
    await signIn(page);
    await openStep(page, 'message');
    await page.getByTestId('compose-subject').fill('Hello {{Name}}');
    await page.getByTestId('compose-body').evaluate((element) => (element.innerHTML = '<p>Dear {{Name}},</p>'));
    await page.getByRole('button', { name: 'Reload from the message' }).click();
    await openStep(page, 'recipients');
    const csv = ['Name,Email', ...Array.from({ length: 3 }, (_, i) => `P${i},q${i}@fabrikam.com`)].join('\n');
    await page
      .getByTestId('recipients-file')
      .setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expectText(page.getByTestId('recipients-summary'), /3 rows and 2 columns/);
    // The pane has opened its database; from now on the origin may keep nothing more (a full disk, a tight quota).
    await expect
      .poll(() => page.evaluate(async () => (await indexedDB.databases()).some((db) => db.name === 'outmerge')))
      .toBe(true);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.baseUrl, quotaSize: 1 });
    await openStep(page, 'send');
    await page.getByTestId('send-button').click();
    await expectText(
      page.getByTestId('start-error'),
      /could not be kept in this browser.*Free some disk space, or allow this site to store data, then send again\./,
    );
    // Nothing started: no campaign kept, nothing sent, and Send can be pressed again.
    const kept = () =>
      page.evaluate(
        () =>
          new Promise<{ definitions: number; active: unknown }>((resolve, reject) => {
            const opening = indexedDB.open('outmerge');
            opening.onerror = () => reject(opening.error);
            opening.onsuccess = () => {
              const tx = opening.result.transaction(['definitions', 'settings'], 'readonly');
              const definitions = tx.objectStore('definitions').count();
              const active = tx.objectStore('settings').get('activeCampaign');
              tx.oncomplete = () => {
                opening.result.close();
                resolve({ definitions: definitions.result, active: active.result ?? null });
              };
            };
          }),
      );
    expect(await kept()).toEqual({ definitions: 0, active: null });
    expect(await page.getByTestId('send-progress').count()).toBe(0);
    expect(await (await fetch(`${server.baseUrl}/dev/mailbox/messages`)).json()).toEqual([]);
    await expect.poll(() => page.getByTestId('send-button').isEnabled()).toBe(true);

    // Room again: the same Send starts it, and the message is gone.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.baseUrl });
    await page.getByTestId('send-button').click();
    await expectText(page.getByTestId('send-progress'), /Done: 3 sent, 0 failed\./, 30_000);
    expect(await page.getByTestId('start-error').count()).toBe(0);
    const sent = await settledMailbox<{ to: string[] }>(server.baseUrl, SEND_DELAY_MAX_MS);
    expect(sent.map((m) => m.to[0]).sort()).toEqual(['q0@fabrikam.com', 'q1@fabrikam.com', 'q2@fabrikam.com']);
    await context.close();
  });
  it('keeps sending after another page upgrades the database, and after the browser closed its connection', async () => {
    await fetch(`${server.baseUrl}/dev/mailbox/messages`, { method: 'DELETE' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/playground.html`);
    await signIn(page);
    await openStep(page, 'message');
    await page.getByTestId('compose-subject').fill('Hello {{Name}}');
    await page.getByTestId('compose-body').evaluate((element) => (element.innerHTML = '<p>Dear {{Name}},</p>'));
    await page.getByRole('button', { name: 'Reload from the message' }).click();
    await openStep(page, 'recipients');
    const csv = ['Name,Email', ...Array.from({ length: 3 }, (_, i) => `P${i},u${i}@fabrikam.com`)].join('\n');
    await page
      .getByTestId('recipients-file')
      .setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expectText(page.getByTestId('recipients-summary'), /3 rows and 2 columns/);
    await expect
      .poll(() =>
        page.evaluate(async () =>
          (await indexedDB.databases()).some((db) => db.name === 'outmerge' && db.version === 1),
        ),
      )
      .toBe(true);

    // Another tab of the same origin upgrades the database, as a newer version of the pane would: it adds a store.
    // The open pane lets go at once (the upgrade is not blocked), and keeps working at the newer version.
    const other = await context.newPage();
    await other.goto(`${server.baseUrl}/privacy.html`);
    const upgraded = await other.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const opening = indexedDB.open('outmerge', 2);
          opening.onupgradeneeded = () => opening.result.createObjectStore('addedByALaterVersion');
          opening.onblocked = () => reject(new Error('blocked by the open pane'));
          opening.onerror = () => reject(opening.error);
          opening.onsuccess = () => {
            opening.result.close();
            resolve(opening.result.version);
          };
        }),
    );
    expect(upgraded).toBe(2);
    await openStep(page, 'send');
    await page.getByTestId('send-button').click();
    await expectText(page.getByTestId('send-progress'), /Done: 3 sent, 0 failed\./, 30_000);
    expect(await page.getByTestId('start-error').count()).toBe(0);
    const sent = await settledMailbox<{ to: string[] }>(server.baseUrl, SEND_DELAY_MAX_MS);
    expect(sent.map((m) => m.to[0]).sort()).toEqual(['u0@fabrikam.com', 'u1@fabrikam.com', 'u2@fabrikam.com']);
    await page.getByTestId('close-report').click();
    expect(
      await page.evaluate(async () => (await indexedDB.databases()).find((db) => db.name === 'outmerge')?.version),
    ).toBe(2);

    // The browser closes the connection itself (the site's data cleared, as from the browser's settings): the next send opens it again.
    await fetch(`${server.baseUrl}/dev/mailbox/messages`, { method: 'DELETE' });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: server.baseUrl, storageTypes: 'indexeddb' });
    await openStep(page, 'send');
    await page.getByTestId('send-button').click();
    await expectText(page.getByTestId('send-progress'), /Done: 3 sent, 0 failed\./, 30_000);
    expect(await page.getByTestId('start-error').count()).toBe(0);
    expect((await settledMailbox<{ to: string[] }>(server.baseUrl, SEND_DELAY_MAX_MS)).length).toBe(3);
    await context.close();
  });
});
