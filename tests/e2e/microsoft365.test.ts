/**
 * Issue 9's story end to end, in Chromium against the real server process and the Graph stand-in
 * as strict as Microsoft 365: a campaign from a shared mailbox picked in the message's From
 * (team@contoso.com, Send As), each message carrying a 3 MB catalogue (an upload session on the
 * stand-in's second origin, so the pane's CSP connect-src is exercised for real) and the
 * signature logo inline under its content id, CC and BCC from the list; transport that moves each
 * message to Sent Items seconds after the 202, and seeded faults on every kind of request. Two
 * panes are open (a second message window follows read-only), the sending pane reloads in the
 * middle, the campaign goes on, and the sender stops it. Then: no row went twice (each marker once
 * in the mailbox, counted only after the stand-in's clock moved past transport's delay), no
 * stopped row went out, no draft is left, and the report lists every row of the list with its
 * status, as the mailbox shows it.
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectText,
  launchChromium,
  openStep,
  screenshot,
  settledMailbox,
  startServerProcess,
  type ServerProcess,
} from './support.js';

let server: ServerProcess;
let browser: Browser;

/** Transport delivers each message 0.5–3 s after its 202. */
const SEND_DELAY_MAX_MS = 3000;
/** Over Graph's 3 MB: it goes to each draft through an upload session. */
const CATALOGUE_BYTES = 3_300_000;
const LOGO = { name: 'contoso-logo.png', isInline: true, contentId: 'contoso-logo.png@outmerge.playground' };
const RECIPIENTS = 40;
/** Row n of the sheet (the header is row 1): who it goes to, with CC on every third row and BCC on every fourth. */
const people = Array.from({ length: RECIPIENTS }, (_, i) => ({
  row: i + 2,
  first: `Guest${i}`,
  email: `guest${i}@fabrikam.com`,
  company: i % 2 === 0 ? `Company ${i}` : '',
  cc: i % 3 === 0 ? `assistant${i}@fabrikam.com` : '',
  bcc: i % 4 === 0 ? 'crm@contoso.com' : '',
}));
/** Two rows that cannot go: the report lists them too. */
const sheet = [
  'FirstName,Email,Company,Cc,Bcc',
  ...people.map((p) => `${p.first},${p.email},${p.company},${p.cc},${p.bcc}`),
  'Again,GUEST1@fabrikam.com,,,',
  'Broken,not-an-address,,,',
];
const LIST_ROWS = sheet.length - 1;

beforeAll(async () => {
  // About a message a second: slow enough to open a second pane, reload and stop in the middle.
  [server, browser] = await Promise.all([
    startServerProcess({
      SEND_RATE_PER_MINUTE: '60',
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

async function control(method: 'PUT' | 'GET' | 'DELETE', path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

/** The drafts left in anna's own mailbox (where the campaign's drafts are made), read through Graph as the pane would. */
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

async function openPane(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/playground.html`);
  return page;
}

/** How many messages the pane counts as sent. */
async function sentSoFar(page: Page): Promise<number> {
  const progress = page.getByTestId('send-progress');
  if ((await progress.count()) === 0) return 0;
  return Number(/^(?:Done: |Stopped: )?(\d+) sent/.exec(await progress.innerText())?.[1] ?? 0);
}

/** The pane as Outlook shows it at its narrowest, 320 pixels. */
async function narrowScreenshot(page: Page, name: string): Promise<void> {
  await page.addStyleTag({ content: '[data-testid="task-pane"] { width: 320px !important; flex: none; }' });
  await screenshot(page.getByTestId('task-pane'), name);
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  return fs.readFileSync((await download.path())!, 'utf8');
}

/** The report's CSV rows: row number → [status, detail]. */
function reportRows(csv: string): Map<number, { to: string; cc: string; bcc: string; status: string; detail: string }> {
  const lines = csv
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('Row,To,CC,BCC,Subject,Status,Detail');
  const cells = (line: string) =>
    [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) =>
      (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"'),
    );
  return new Map(
    lines.slice(1).map((line) => {
      const [row, to, cc, bcc, , status, detail] = cells(line);
      return [Number(row), { to: to ?? '', cc: cc ?? '', bcc: bcc ?? '', status: status ?? '', detail: detail ?? '' }];
    }),
  );
}

describe('a campaign as issue 9 tells it: shared mailbox, 3 MB file, inline logo, CC/BCC, delayed transport, faults, two panes, a reload and Stop', () => {
  it('sends each row at most once, never a stopped row, and reports every row of the list as the mailbox shows it', async () => {
    await control('DELETE', '/dev/mailbox/messages');
    const context = await browser.newContext({
      viewport: { width: 1280, height: 1000 },
      locale: 'en-US',
      acceptDownloads: true,
    });
    // Every refusal of the pages' CSP, in every page and across the reload: the inline logo is `cid:` in the body
    // Outlook gives and in the sent messages, and neither the playground nor the preview may make the browser fetch it.
    const cspViolations: string[] = [];
    await context.exposeBinding('reportCspViolation', (_source, text: string) => void cspViolations.push(text));
    await context.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(
          `${event.effectiveDirective} ${event.blockedURI}`,
        ),
      ),
    );
    const first = await openPane(context);
    await first.getByTestId('sign-in').click();
    await first.getByRole('dialog').getByLabel('Email address').fill('anna@contoso.com');
    await first.getByRole('dialog').getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectText(first.getByTestId('signed-in-as'), /anna@contoso\.com/);

    // The message: the sample's body with its signature logo, a 3 MB catalogue, From the team's shared mailbox.
    await openStep(first, 'message');
    await first.getByTestId('compose-subject').fill('Open day, {{FirstName}}');
    await first
      .getByTestId('compose-attach')
      .setInputFiles([
        { name: 'catalogue.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(CATALOGUE_BYTES, 37) },
      ]);
    await first.getByTestId('compose-from').fill('team@contoso.com');
    await first.getByRole('button', { name: 'Reload from the message' }).click();
    await expectText(first.getByTestId('message-from'), /^team@contoso\.com$/);

    await openStep(first, 'recipients');
    await first
      .getByTestId('recipients-file')
      .setInputFiles({ name: 'open-day.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet.join('\n')) });
    await expectText(first.getByTestId('recipients-summary'), new RegExp(`${LIST_ROWS} rows`));
    await first.getByTestId('cc-column').selectOption('Cc');
    await first.getByTestId('bcc-column').selectOption('Bcc');
    await openStep(first, 'check');
    await expectText(first.getByTestId('preview-attachments'), /^Attachments: catalogue\.pdf$/);
    await openStep(first, 'send');
    await expectText(first.getByTestId('send-from'), /Send from: team@contoso\.com/);

    // Microsoft 365 on a bad day: seeded faults on drafts, uploads (both origins), sends and look-ups — refusals (503, 429),
    // answers lost after the effect (504), connections cut before it. Not a connection cut after the effect with no byte of
    // answer: Chromium itself sends such a POST again on a reused connection, unseen by the page (README, *Campaigns across windows, reloads and lost connections*).
    expect(
      (
        await control('PUT', '/dev/graph/faults', {
          seed: 9,
          probabilities: { 'drop-before': 0.03, '503': 0.04, '504': 0.04, '429': 0.04 },
          operations: ['create', 'send', 'list', 'upload'],
          retryAfterSeconds: 1,
        })
      ).status,
    ).toBe(200);
    await first.getByTestId('send-button').click();
    await expect.poll(() => sentSoFar(first), { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(2);

    // A second message window opens the pane: it follows the campaign read-only.
    const second = await openPane(context);
    await expectText(second.getByTestId('signed-in-as'), /anna@contoso\.com/);
    await expectText(second.getByTestId('campaign-observing'), /Another Outmerge pane .* is sending this campaign/);
    expect(await second.getByTestId('cancel').count()).toBe(0);
    await narrowScreenshot(second, 'microsoft365-en-observing');

    // The sending pane reloads in the middle (Outlook keeps its message). The second pane is first to the campaign,
    // but its message is another one, without the catalogue: it builds nothing and says why.
    await first.reload();
    await expectText(second.getByTestId('campaign-blocked'), /belongs to a message without catalogue\.pdf/, 15_000);
    await narrowScreenshot(second, 'microsoft365-en-other-message');
    // Back in its own message, the first pane carries on by itself.
    await expectText(first.getByTestId('signed-in-as'), /anna@contoso\.com/);
    const before = await sentSoFar(first);
    await expect.poll(() => sentSoFar(first), { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(before + 3);
    await expectText(second.getByTestId('campaign-observing'), /Another Outmerge pane/);
    expect(await first.getByTestId('campaign-blocked').count()).toBe(0);
    await narrowScreenshot(first, 'microsoft365-en-after-reload');

    // Stop, from the pane that sends.
    const sender = first;
    await sender.getByTestId('cancel').click();
    await expectText(sender.getByTestId('send-progress'), /^Stopped: \d+ sent, \d+ not sent\.$/, 90_000);
    const [, sentText] = /^Stopped: (\d+) sent/.exec(await sender.getByTestId('send-progress').innerText()) ?? [];
    const sentCount = Number(sentText);
    expect(sentCount).toBeLessThan(RECIPIENTS);
    const other = sender === first ? second : first;
    await expectText(other.getByTestId('send-progress'), new RegExp(`^Stopped: ${sentCount} sent`));
    // The faults end with the campaign: what follows reads the mailbox as it is.
    const faults = (await (await control('GET', '/dev/graph/faults')).json()) as { injected: Record<string, number> };
    expect(Object.values(faults.injected).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect((await control('PUT', '/dev/graph/faults', null)).status).toBe(200);

    // What reached people once transport moved everything: each marker once, each message whole.
    const delivered = await settledMailbox(server.baseUrl, SEND_DELAY_MAX_MS);
    const markers = delivered.map((m) => m.marker ?? '');
    expect(new Set(markers).size).toBe(markers.length);
    expect(delivered.length).toBeGreaterThanOrEqual(sentCount);
    for (const message of delivered) {
      const person = people.find((p) => p.email === message.to[0]);
      expect(person, message.to[0]).toBeDefined();
      expect(message.marker).toMatch(new RegExp(`:${person!.row}$`));
      // Microsoft's recipe: the draft in Anna's own mailbox with `from` the shared one; Anna holds Send As.
      expect([message.from, message.sender, message.sentBy]).toEqual([
        'team@contoso.com',
        'team@contoso.com',
        'anna@contoso.com',
      ]);
      expect(message.cc).toEqual(person!.cc ? [person!.cc] : []);
      expect(message.bcc).toEqual(person!.bcc ? [person!.bcc] : []);
      expect(message.subject).toBe(`Open day, ${person!.first}`);
      expect(message.html).toContain(`src="cid:${LOGO.contentId}"`);
      expect(
        message.attachments
          .map((a) => ({
            name: a.name,
            size: a.name === 'catalogue.pdf' ? a.size : 'logo',
            isInline: a.isInline ?? false,
            contentId: a.contentId ?? null,
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      ).toEqual([
        { name: 'catalogue.pdf', size: CATALOGUE_BYTES, isInline: false, contentId: null },
        { ...LOGO, size: 'logo' },
      ]);
    }

    // The report: every row of the list, each as the mailbox shows it.
    await expectText(
      sender.getByTestId('report-totals'),
      new RegExp(`^${LIST_ROWS} rows in the list: ${sentCount} sent, \\d+ failed, \\d+ cancelled, 2 left out\\.$`),
    );
    await narrowScreenshot(sender, 'microsoft365-en-report');
    const report = reportRows(await downloaded(sender, () => sender.getByTestId('report-export').click()));
    expect([...report.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: LIST_ROWS }, (_, i) => i + 2));
    const deliveredRows = new Set(markers.map((m) => Number(m.slice(m.lastIndexOf(':') + 1))));
    /** Rows whose send was under way when the pane reloaded or stopped, and that Sent Items did not show in time: said so, never sent again. */
    const unconfirmed = people.filter((p) => /not confirmed|stopped while being sent/.test(report.get(p.row)!.status));
    for (const person of people) {
      const line = report.get(person.row)!;
      expect([line.to, line.cc, line.bcc], `row ${person.row}`).toEqual([person.email, person.cc, person.bcc]);
      if (line.status === 'Sent') expect(deliveredRows.has(person.row), `row ${person.row} reported sent`).toBe(true);
      else if (!unconfirmed.includes(person))
        expect(deliveredRows.has(person.row), `row ${person.row} reported ${line.status}: ${line.detail}`).toBe(false);
    }
    expect([...report.values()].filter((line) => line.status === 'Sent')).toHaveLength(sentCount);
    expect(delivered).toHaveLength(sentCount + unconfirmed.filter((p) => deliveredRows.has(p.row)).length);
    // Stop removed every draft but those of unconfirmed rows that never went: they stay for the sender to look at.
    expect(await draftsLeft()).toBe(unconfirmed.filter((p) => !deliveredRows.has(p.row)).length);
    expect(report.get(RECIPIENTS + 2)!.status).toMatch(/^Left out: same address as row 3/);
    expect(report.get(RECIPIENTS + 3)!.status).toMatch(/^Left out: "not-an-address" is not a valid email address/);
    expect(cspViolations).toEqual([]);
    await context.close();
  });
});
