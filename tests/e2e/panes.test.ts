/**
 * The pane as a real user meets it, in Chromium against the real server and the Graph stand-in:
 * two panes open on one campaign (one sends, the other follows and takes over when the first
 * closes), Stop that stops, a report with every row of the list (pane and CSV, in the reader's
 * language), pre-flight findings beyond the first page, inline images and the test send with the
 * row's files, the compose From, and what an older Outlook shows.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectText,
  holdSends,
  launchChromium,
  openStep,
  screenshot,
  settledMailbox,
  startServerProcess,
  type ServerProcess,
} from './support.js';

let server: ServerProcess;
let browser: Browser;

/** Transport delivers each message 0.5–3 s after its 202, as Exchange does a while after the send. */
const SEND_DELAY_MAX_MS = 3000;

beforeAll(async () => {
  // About three messages a second: slow enough to open a second pane, or to stop, in the middle.
  [server, browser] = await Promise.all([
    startServerProcess({
      SEND_RATE_PER_MINUTE: '180',
      GRAPH_STANDIN_RATE_PER_MINUTE: '100000',
      GRAPH_STANDIN_LATENCY_MS: '10',
      GRAPH_STANDIN_SEND_DELAY_MS: `500-${SEND_DELAY_MAX_MS}`,
    }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Everything submitted so far, delivered: what recipients end up with. */
const settled = () => settledMailbox(server.baseUrl, SEND_DELAY_MAX_MS);
const clearMailbox = () => fetch(`${server.baseUrl}/dev/mailbox/messages`, { method: 'DELETE' });

/** The drafts left in anna's mailbox, read through the stand-in's Graph API as the pane would. */
async function draftsLeft(): Promise<number> {
  const config = (await (await fetch(`${server.baseUrl}/app-config.json`)).json()) as { graphBaseUrl: string };
  const token = (await (
    await fetch(`${server.baseUrl}/dev/idp/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'anna@contoso.com', resource: 'graph', scopes: ['Mail.ReadWrite'] }),
    })
  ).json()) as { access_token: string };
  const graphBase = config.graphBaseUrl.replace(new URL(config.graphBaseUrl).origin, server.baseUrl);
  const response = await fetch(`${graphBase}/v1.0/me/mailFolders/drafts/messages`, {
    headers: { authorization: `Bearer ${token.access_token}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { value: unknown[] }).value.length;
}

async function newContext(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US', acceptDownloads: true });
}

async function openPlayground(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/playground.html`);
  return page;
}

async function signIn(page: Page): Promise<void> {
  await page.getByTestId('sign-in').click();
  await page.getByRole('dialog').getByLabel('Email address').fill('anna@contoso.com');
  await page.getByRole('dialog').getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectText(page.getByTestId('signed-in-as'), /anna@contoso\.com/);
}

async function writeDraft(page: Page, subject: string, bodyHtml: string): Promise<void> {
  await openStep(page, 'message');
  await page.getByTestId('compose-subject').fill(subject);
  await page.getByTestId('compose-body').evaluate((element, html) => {
    element.innerHTML = html;
  }, bodyHtml);
  await page.getByRole('button', { name: 'Reload from the message' }).click();
}

async function chooseList(page: Page, lines: string[]): Promise<void> {
  await openStep(page, 'recipients');
  await page
    .getByTestId('recipients-file')
    .setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await expectText(page.getByTestId('recipients-summary'), new RegExp(`${lines.length - 1} rows`));
}

/** The pane as Outlook shows it at its narrowest, 320 pixels. */
async function narrowScreenshot(page: Page, name: string): Promise<void> {
  await page.addStyleTag({ content: '[data-testid="task-pane"] { width: 320px !important; flex: none; }' });
  await screenshot(page.getByTestId('task-pane'), name);
}

/** How many messages the pane counts as sent (Exchange accepted them; transport delivers them a while later). */
async function sentSoFar(page: Page): Promise<number> {
  const progress = page.getByTestId('send-progress');
  if ((await progress.count()) === 0) return 0;
  return Number(/^(\d+) sent/.exec(await progress.innerText())?.[1] ?? 0);
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  return fs.readFileSync((await download.path())!, 'utf8');
}

describe('two panes open on one campaign', () => {
  it('one sends, the other shows the progress read-only and takes over when the first closes: each row once', async () => {
    await clearMailbox();
    const context = await newContext();
    const first = await openPlayground(context);
    await signIn(first);
    await writeDraft(first, 'Hello {{Name}}', '<p>Dear {{Name}},</p><p>See you soon.</p>');
    await chooseList(first, ['Name,Email', ...Array.from({ length: 20 }, (_, i) => `P${i},p${i}@fabrikam.com`)]);
    await openStep(first, 'send');
    await first.getByTestId('send-button').click();
    await expect.poll(() => sentSoFar(first), { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(2);

    // A second compose window opens the pane: same storage, same Web Locks, signed in already.
    const second = await openPlayground(context);
    await expectText(second.getByTestId('signed-in-as'), /anna@contoso\.com/);
    await expectText(second.getByTestId('campaign-observing'), /Another Outmerge pane .* is sending this campaign/);
    expect(await second.getByTestId('pause').count()).toBe(0);
    expect(await second.getByTestId('cancel').count()).toBe(0);
    await expect
      .poll(async () => second.getByTestId('send-progress').innerText(), { timeout: 30_000, interval: 100 })
      .toMatch(/^([3-9]|1\d) sent/);
    await narrowScreenshot(second, 'panes-en-observing');

    // The first pane closes while Exchange throttles the mailbox, with nothing in doubt (see holdSends);
    // the hold ends before it closes: its runner keeps waiting, and the second pane finds sends let through.
    const letSendsThrough = await holdSends(server.baseUrl, first);
    await letSendsThrough();
    await first.close();
    await expectText(second.getByTestId('send-progress'), /Done: 20 sent, 0 failed\./, 60_000);
    const sent = await settled();
    expect(sent).toHaveLength(20);
    expect(new Set(sent.map((m) => m.marker)).size).toBe(20);
    expect(sent.map((m) => m.to[0]).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `p${i}@fabrikam.com`).sort());
    await context.close();
  });
});

describe('two panes on a host without Web Locks', () => {
  it('are kept to one runner by the storage lease alone, and the second takes over when the first closes', async () => {
    await clearMailbox();
    const context = await newContext();
    // A webview without the Web Locks API: only the lease in the shared storage guards the campaign.
    await context.addInitScript(() => {
      delete (Navigator.prototype as { locks?: unknown }).locks;
    });
    const first = await openPlayground(context);
    expect(await first.evaluate(() => 'locks' in navigator)).toBe(false);
    await signIn(first);
    await writeDraft(first, 'Hi {{Name}}', '<p>Dear {{Name}},</p>');
    await chooseList(first, ['Name,Email', ...Array.from({ length: 12 }, (_, i) => `L${i},l${i}@fabrikam.com`)]);
    await openStep(first, 'send');
    await first.getByTestId('send-button').click();
    await expect.poll(() => sentSoFar(first), { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(2);
    const second = await openPlayground(context);
    await expectText(second.getByTestId('campaign-observing'), /Another Outmerge pane/);
    await first.close();
    await expectText(second.getByTestId('send-progress'), /Done: 12 sent, 0 failed\./, 60_000);
    const sent = await settled();
    expect(sent).toHaveLength(12);
    expect(new Set(sent.map((m) => m.marker)).size).toBe(12);
    await context.close();
  });
});

describe('Stop, the full report, and the checks beyond the first page', () => {
  it('stops for good, reports every row of the list (pane and CSV, translated), and a new campaign starts at once', async () => {
    await clearMailbox();
    const context = await newContext();
    const pane = await openPlayground(context);
    await signIn(pane);
    await writeDraft(pane, 'News for {{Name}}', '<p>Dear {{Name}},</p>');
    // 12 recipients, then 53 rows that cannot be sent: a duplicate, two invalid addresses (one looks like a spreadsheet formula), 50 without address.
    const lines = [
      'Name,Email',
      ...Array.from({ length: 12 }, (_, i) => `R${i},r${i}@fabrikam.com`),
      'Again,R0@Fabrikam.com',
      '=1+2,=1+2',
      'Bad,bad-address',
      ...Array.from({ length: 50 }, (_, i) => `Nobody${i},`),
    ];
    await chooseList(pane, lines);

    await openStep(pane, 'check');
    await expectText(pane.getByTestId('findings-pages'), /1–20 of 53/);
    await pane.getByTestId('findings-pages').getByRole('button', { name: 'Next' }).click();
    await pane.getByTestId('findings-pages').getByRole('button', { name: 'Next' }).click();
    await expectText(pane.getByTestId('findings-pages'), /41–53 of 53/);
    await expectText(pane.getByTestId('findings'), /Row 66 has no email address/);
    await narrowScreenshot(pane, 'panes-en-findings-paged');
    const checks = await downloaded(pane, () => pane.getByTestId('findings-export').click());
    const checkLines = checks
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(checkLines[0]).toBe('Row,Finding');
    expect(checkLines).toHaveLength(54);
    expect(checks).toContain('15,"Row 15: ""=1+2"" is not a valid email address. This row will be skipped."');

    await openStep(pane, 'send');
    await pane.getByTestId('send-button').click();
    await expect.poll(() => sentSoFar(pane), { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(2);
    await pane.getByTestId('cancel').click();
    await expectText(pane.getByTestId('send-progress'), /^Stopped: \d+ sent, \d+ not sent\.$/, 60_000);
    const [, sentText, notSentText] =
      /^Stopped: (\d+) sent, (\d+) not sent\.$/.exec(await pane.getByTestId('send-progress').innerText()) ?? [];
    const sent = Number(sentText);
    expect(sent + Number(notSentText)).toBe(12);
    expect(sent).toBeLessThan(12);
    // What Stop reported is what Exchange has: nothing more went out, no draft is left behind.
    expect(await settled()).toHaveLength(sent);
    expect(await draftsLeft()).toBe(0);

    // The report: every row of the list, the ones left out before sending with their reason.
    await expectText(
      pane.getByTestId('report-totals'),
      new RegExp(`65 rows in the list: ${sent} sent, 0 failed, ${12 - sent} cancelled, 53 left out\\.`),
    );
    await expectText(pane.getByTestId('report-row-14'), /Left out: same address as row 2/);
    await expectText(pane.getByTestId('report-row-16'), /Left out: "bad-address" is not a valid email address/);
    await expectText(pane.getByTestId('report-pages'), /1–50 of 65/);
    await pane.getByTestId('report-pages').getByRole('button', { name: 'Next' }).click();
    await expectText(pane.getByTestId('report-row-66'), /Left out: no email address/);
    await narrowScreenshot(pane, 'panes-en-report-stopped');
    const report = await downloaded(pane, () => pane.getByTestId('report-export').click());
    const reportLines = report
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(reportLines[0]).toBe('Row,To,CC,BCC,Subject,Status,Detail');
    expect(reportLines).toHaveLength(66);
    // A cell that a spreadsheet would run as a formula is neutralised.
    expect(report).toContain(`15,"'=1+2",,,,"Left out: ""=1+2"" is not a valid email address",`);
    expect(reportLines.filter((line) => line.includes(',Cancelled,'))).toHaveLength(12 - sent);

    // In French, the export speaks French.
    await pane.getByLabel('Outlook display language').selectOption('fr');
    await expectText(pane.getByTestId('report-totals'), /65 lignes dans la liste/);
    const french = await downloaded(pane, () => pane.getByTestId('report-export').click());
    expect(french.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('Ligne,À,Cc,Cci,Objet,Statut,Détail');
    await pane.getByLabel('Langue d’affichage d’Outlook').selectOption('en');

    // A new campaign at once; the stopped rows never go.
    await pane.getByTestId('close-report').click();
    await chooseList(pane, ['Name,Email', 'New,new@fabrikam.com', 'Newer,newer@fabrikam.com']);
    await openStep(pane, 'send');
    await pane.getByTestId('send-button').click();
    await expectText(pane.getByTestId('send-progress'), /Done: 2 sent, 0 failed\./, 30_000);
    const all = await settled();
    expect(all).toHaveLength(sent + 2);
    expect(new Set(all.map((m) => m.to[0])).size).toBe(sent + 2);
    await context.close();
  });
});

describe('inline images, the test send with files, the compose From, and older Outlooks', () => {
  it('sends the signature logo inline with its content id, and the test carries the row’s files and pictures', async () => {
    await clearMailbox();
    const context = await newContext();
    const pane = await openPlayground(context);
    await signIn(pane);
    // The sample message as it opens: a signature logo in the body.
    await pane.getByTestId('compose-attach').setInputFiles([
      { name: 'terms.txt', mimeType: 'text/plain', buffer: Buffer.from('Terms') },
      { name: 'catalogue.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(3_500_000, 37) },
    ]);
    await pane.getByRole('button', { name: 'Reload from the message' }).click();
    await chooseList(pane, ['FirstName,Email,Company', 'Zoé,zoe@fabrikam.com,Fabrikam', 'Ulf,ulf@fabrikam.com,']);
    await openStep(pane, 'check');
    // The logo is part of the text, not a file.
    await expectText(pane.getByTestId('preview-attachments'), /^Attachments: terms\.txt, catalogue\.pdf$/);
    // The preview shows the logo (the message itself refers to it by cid:).
    await expect
      .poll(() =>
        pane.frameLocator('iframe[title^="Preview of the message"]').locator('img[alt="Contoso"]').getAttribute('src'),
      )
      .toMatch(/^data:image\/png;base64,/);
    await pane.getByTestId('test-send').click();
    await expectText(pane.getByTestId('test-result'), /Test sent to anna@contoso\.com/, 30_000);
    const tests = await settled();
    expect(tests).toHaveLength(1);
    const [test] = tests;
    expect(test).toMatchObject({ to: ['anna@contoso.com'], subject: '[Test] Your invitation, Zoé' });
    const logo = { name: 'contoso-logo.png', isInline: true, contentId: 'contoso-logo.png@outmerge.playground' };
    expect(
      test!.attachments
        .map((a) => ({ name: a.name, size: a.size, isInline: a.isInline ?? false, contentId: a.contentId ?? null }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual([
      { name: 'catalogue.pdf', size: 3_500_000, isInline: false, contentId: null },
      { ...logo, size: expect.any(Number) },
      { name: 'terms.txt', size: 5, isInline: false, contentId: null },
    ]);
    expect(test!.html).toContain('src="cid:contoso-logo.png@outmerge.playground"');

    await openStep(pane, 'send');
    await pane.getByTestId('send-button').click();
    await expectText(pane.getByTestId('send-progress'), /Done: 2 sent, 0 failed\./, 30_000);
    const campaign = (await settled()).filter((m) => !m.subject.startsWith('[Test]'));
    expect(campaign).toHaveLength(2);
    for (const message of campaign) {
      expect(message.attachments.filter((a) => a.isInline)).toEqual([expect.objectContaining(logo)]);
      expect(message.html).toContain('cid:contoso-logo.png@outmerge.playground');
    }
    await pane.getByTestId('close-report').click();

    // From a shared mailbox picked in the message's From: the campaign's mailbox follows it.
    await openStep(pane, 'message');
    await pane.getByTestId('compose-from').fill('team@contoso.com');
    await pane.getByRole('button', { name: 'Reload from the message' }).click();
    await expectText(pane.getByTestId('message-from'), /^team@contoso\.com$/);
    await openStep(pane, 'send');
    await expectText(pane.getByTestId('send-from'), /Send from: team@contoso\.com/);
    await pane.getByTestId('compose-from').fill('');
    await openStep(pane, 'message');
    await pane.getByRole('button', { name: 'Reload from the message' }).click();
    await expectText(pane.getByTestId('message-from'), /^anna@contoso\.com$/);

    // An Outlook below Mailbox 1.16 does not say which attachment a picture is: the pane says what happens.
    await pane.getByTestId('compose-version').selectOption('1.15');
    await pane.getByRole('button', { name: 'Reload from the message' }).click();
    await expectText(pane.getByTestId('inline-unmatched'), /1 picture in the message cannot go with it/);
    await narrowScreenshot(pane, 'panes-en-inline-older-outlook');
    // Below 1.7 and 1.8: no From (a labelled field instead), no attachments (said so).
    await pane.getByTestId('compose-version').selectOption('1.6');
    await pane.getByRole('button', { name: 'Reload from the message' }).click();
    await expectText(pane.getByTestId('attachments-unreadable'), /does not let add-ins read the message’s attachments/);
    await expect.poll(() => pane.getByTestId('from-mailbox').count()).toBe(1);
    await narrowScreenshot(pane, 'panes-en-oldest-outlook');
    await context.close();
  });
});
