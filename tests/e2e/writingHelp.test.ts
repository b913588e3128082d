/**
 * Writing help and lists (issue 14, points 6 and 7) in Chromium against the real server: the
 * merge-field picker putting a column's field at the cursor (in the playground's compose window,
 * and in Outlook through Office.js's Body.setSelectedDataAsync, played by officeStandIn.ts), the
 * merge syntax explained, a misspelt field shown in the words around it with "did you mean", the
 * test send to another address, the recipient grid filtered and rows left out together, Excel cells
 * as the sheet shows them, a list whose address column holds mostly something else, and the
 * estimated duration and days of a campaign of 12,000 messages at 30 a minute.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installOffice } from './officeStandIn.js';
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
let context: BrowserContext;
let pane: Page;

const SEND_DELAY_MAX_MS = 50;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServerProcess({
      SEND_RATE_PER_MINUTE: '30',
      GRAPH_STANDIN_LATENCY_MS: '5',
      GRAPH_STANDIN_SEND_DELAY_MS: `0-${SEND_DELAY_MAX_MS}`,
    }),
    launchChromium(),
  ]);
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
  pane = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const csv = (lines: string[]) => ({
  name: 'people.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(lines.join('\r\n')),
});
const PEOPLE = [
  'First Name,Email,Company,City',
  'Zoé,zoe@fabrikam.com,Fabrikam,Paris',
  'Ulf,ulf@contoso.com,Contoso,München',
  'Anna,anna.b@contoso.com,Contoso,Berlin',
  'Lea,lea@fabrikam.com,,Lyon',
];

async function writeDraft(subject: string, bodyHtml: string): Promise<void> {
  await openStep(pane, 'message');
  await pane.getByTestId('compose-subject').fill(subject);
  await pane.getByTestId('compose-body').evaluate((element, html) => {
    element.innerHTML = html;
  }, bodyHtml);
  await pane.getByRole('button', { name: 'Reload from the message' }).click();
}

async function chooseList(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await openStep(pane, 'recipients');
  await pane.getByTestId('recipients-file').setInputFiles(file);
}

describe('writing help in the playground', () => {
  it('puts a column’s field where the cursor is, explains the syntax, and points at a misspelt field in the words around it', async () => {
    await pane.goto(`${server.baseUrl}/playground.html`);
    await pane.getByTestId('sign-in').click();
    await pane.getByRole('dialog').getByLabel('Email address').fill('anna@contoso.com');
    await pane.getByRole('dialog').getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectText(pane.getByTestId('signed-in-as'), /anna@contoso\.com/);

    await writeDraft(
      'Invitation for {{First Name}}',
      '<p>Dear <span>NAME</span>,</p><p>We are glad to invite you and the {{Compnay}} team to our open day in March.</p>',
    );
    await expectText(pane.getByTestId('field-picker'), /Choose a recipient list first/);
    await chooseList(csv(PEOPLE));
    await expectText(pane.getByTestId('recipients-summary'), /4 rows and 4 columns/);

    // The sender selects the word to replace in the message, then picks the column in the pane.
    await openStep(pane, 'message');
    await pane.getByTestId('compose-body').getByText('NAME').dblclick();
    await pane.getByTestId('picker-column').selectOption('First Name');
    await pane.getByTestId('picker-fallback').fill('there');
    await pane.getByTestId('picker-insert').click();
    await expectText(
      pane.getByTestId('picker-result'),
      /\{\{First Name \| there\}\} is now in the message where the cursor was/,
    );
    expect(await pane.getByTestId('compose-body').innerText()).toMatch(
      /^Dear \{\{First Name \| there\}\},\s+We are glad/,
    );
    // The pane read the message again: the new field is counted.
    await expectText(pane.getByTestId('fields-used'), /First Name/);
    await pane.getByTestId('syntax-help').getByText('How merge fields work').click();
    await expectText(
      pane.getByTestId('syntax-help'),
      /\{\{First Name \| there\}\}\s+The same, or “there” when the cell is empty/,
    );
    await screenshot(pane.getByTestId('task-pane'), 'writing-help-en-picker');

    await openStep(pane, 'check');
    const findings = pane.getByTestId('findings');
    await expectText(
      findings,
      /The body uses \{\{Compnay\}\} in “…[^”]*the \{\{Compnay\}\} team to our open day[^”]*”, but no column is called “Compnay”\. Rename the merge field or the column\. Did you mean \{\{Company\}\}\?/,
    );
    expect(await findings.innerText()).not.toMatch(/line \d|column \d/);
    await screenshot(pane.getByTestId('task-pane'), 'writing-help-en-error-excerpt');
  });

  it('sends the test to another address once it is one, and its footer leads to the page about Outmerge', async () => {
    await writeDraft(
      'Invitation for {{First Name}}',
      '<p>Dear {{First Name | there}},</p><p>We are glad to invite you and the {{Company | whole}} team to our open day in March.</p>',
    );
    await openStep(pane, 'check');
    const to = pane.getByTestId('test-to');
    expect(await to.inputValue()).toBe('anna@contoso.com');
    await to.fill('ulf@');
    await expectText(
      pane.getByTestId('task-pane'),
      /“ulf@” is not an email address\. Type an address such as anna@contoso\.com\./,
    );
    expect(await pane.getByTestId('test-send').isDisabled()).toBe(true);
    await to.fill('ulf@fabrikam.com');
    await pane.getByTestId('test-send').click();
    await expectText(pane.getByTestId('test-result'), /Test sent to ulf@fabrikam\.com/);
    await screenshot(pane.getByTestId('task-pane'), 'writing-help-en-test-to-colleague');
    const sent = await settledMailbox(server.baseUrl, SEND_DELAY_MAX_MS);
    expect(sent.map((m) => [m.to, m.subject])).toEqual([[['ulf@fabrikam.com'], '[Test] Invitation for Zoé']]);
    // The free version's footer links to the page about Outmerge, which the reader can open.
    const link = /<div data-outmerge-footer="1"[^>]*>[\s\S]*?<a href="([^"]+)"/.exec(sent[0]!.html)?.[1];
    expect(link).toBe(`${server.baseUrl}/outmerge.html`);
    const landing = await context.newPage();
    await landing.goto(link!);
    await expectText(landing.getByRole('heading', { level: 1 }), /Personal emails to many people, sent from Outlook/);
    await landing.close();
  });

  it('filters the recipient grid and leaves out what the search finds; Excel cells read as the sheet shows them', async () => {
    const { default: writeXlsxFile } = await import('write-excel-file/node');
    const header = ['First Name', 'Email', 'Company', 'Since', 'Amount'].map((value) => ({ value }));
    const row = (first: string, email: string, company: string, day: number, amount: number) => [
      { value: first },
      { value: email },
      { value: company },
      { value: new Date(Date.UTC(2026, 2, day)), type: Date, format: 'dd/mm/yyyy' },
      { value: amount, format: '#,##0.00 [$€-407]' },
    ];
    const workbook = await writeXlsxFile([
      header,
      row('Zoé', 'zoe@fabrikam.com', 'Fabrikam', 12, 1234.5),
      row('Ulf', 'ulf@contoso.com', 'Contoso', 13, 99),
      row('Anna', 'anna.b@contoso.com', 'Contoso', 14, 12000),
      row('Lea', 'lea@fabrikam.com', 'Fabrikam', 15, 0.5),
    ]).toBuffer();
    await writeDraft(
      'Invitation for {{First Name}} ({{Amount}}, since {{Since}})',
      '<p>Dear {{First Name | there}},</p>',
    );
    await chooseList({
      name: 'orders.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook,
    });
    await expectText(pane.getByTestId('recipients-summary'), /4 rows and 5 columns from orders\.xlsx/);
    await expectText(pane.getByTestId('grid-count'), /^4 rows of 4 will be sent$/);
    await expect.poll(() => pane.getByTestId('grid-row').count()).toBe(4);

    await pane.getByTestId('grid-search').fill('CONTOSO');
    await expectText(pane.getByTestId('grid-count'), /2 rows contain “CONTOSO”\. 4 rows of 4 will be sent/);
    await expect.poll(() => pane.getByTestId('grid-row').count()).toBe(2);
    await pane.getByTestId('grid-exclude-shown').click();
    await expectText(pane.getByTestId('grid-count'), /2 rows contain “CONTOSO”\. 2 rows of 4 will be sent/);
    await expect.poll(() => pane.getByTestId('grid-include-3').isChecked()).toBe(false);
    await screenshot(pane.locator('section[aria-labelledby="recipient-grid"]'), 'writing-help-en-grid-filtered');
    // One of them back by its own box.
    await pane.getByTestId('grid-include-4').click();
    await expectText(pane.getByTestId('grid-count'), /3 rows of 4 will be sent/);
    await pane.getByTestId('grid-search').fill('');
    await expect.poll(() => pane.getByTestId('grid-row').count()).toBe(4);

    await openStep(pane, 'check');
    await expectText(pane.getByTestId('findings'), /Row 3 is left out of this campaign\./);
    await expectText(pane.getByTestId('preview-subject'), /^Invitation for Zoé \(1,234\.50 €, since 12\/03\/2026\)$/);
    await openStep(pane, 'send');
    await expectText(pane.getByTestId('send-button'), /^Send 3 messages$/);
  });

  it('says how many values of the address column are not addresses when most of them are not', async () => {
    const rows = Array.from({ length: 10 }, (_, i) =>
      i === 0 ? `P${i},p${i}@contoso.com` : `P${i},p${i} at contoso.com`,
    );
    await chooseList({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['Name,Email', ...rows].join('\n')),
    });
    await expectText(
      pane.getByTestId('recipients-error'),
      /The column “Email” of bad\.csv should hold the recipients’ addresses, but 9 of 10 values are not email addresses \(for example “p1 at contoso\.com”\)\./,
    );
  });

  it('tells how long sending takes and how many days: 12,000 messages at 30 a minute', async () => {
    await writeDraft('Invitation for {{First Name}}', '<p>Dear {{First Name | there}},</p>');
    const rows = Array.from({ length: 12_000 }, (_, i) => `P${i},p${i}@fabrikam.com,Fabrikam`);
    await chooseList({
      name: 'big.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['First Name,Email,Company', ...rows].join('\n')),
    });
    await expectText(pane.getByTestId('recipients-summary'), /12,000 rows and 3 columns/, 30_000);
    await openStep(pane, 'send');
    await expectText(
      pane.getByTestId('send-estimate'),
      /^Sending takes about 6\.7 hours at 30 messages a minute\. With the mailbox’s 24-hour limit the campaign takes 2 days and should be done around .+\.$/,
      30_000,
    );
    await expectText(pane.getByTestId('budget-split'), /in 2 parts/);
    await pane.getByTestId('send-button').scrollIntoViewIfNeeded();
    await screenshot(pane.getByTestId('task-pane'), 'writing-help-en-estimate');
  });
});

describe('the field picker in Outlook', () => {
  it('inserts the field as text through Body.setSelectedDataAsync, at the top of the body where the cursor never was', async () => {
    const bodies: string[] = [];
    const outlook = await browser.newContext({ viewport: { width: 480, height: 900 }, locale: 'en-US' });
    await installOffice(
      outlook,
      {
        displayLanguage: 'en-US',
        email: 'anna@contoso.com',
        subject: 'Hello',
        bodyHtml: '<html><body><p>Hello team</p></body></html>',
        nestedAppAuth: true,
      },
      (html) => bodies.push(html),
    );
    const outlookPane = await outlook.newPage();
    await outlookPane.goto(`${server.baseUrl}/taskpane.html`);
    await openStep(outlookPane, 'recipients');
    // A column whose name holds markup characters: as text it stays a name, as HTML it would become a tag.
    await outlookPane.getByTestId('recipients-file').setInputFiles(csv(['R&D <team>,Email', 'Lab,lab@contoso.com']));
    await expectText(outlookPane.getByTestId('recipients-summary'), /1 row and 2 columns/);
    await openStep(outlookPane, 'message');
    await outlookPane.getByTestId('picker-column').selectOption('R&D <team>');
    await outlookPane.getByTestId('picker-insert').click();
    await expectText(outlookPane.getByTestId('picker-result'), /\{\{R&D <team>\}\} is now in the message/);
    expect(bodies).toEqual(['<html><body>{{R&amp;D &lt;team&gt;}}<p>Hello team</p></body></html>']);
    // Read again through body.getAsync, the field names the column.
    await expectText(outlookPane.getByTestId('fields-used'), /^R&D <team>$/);
    await screenshot(outlookPane, 'writing-help-en-outlook-picker');
    await outlook.close();
  });
});
