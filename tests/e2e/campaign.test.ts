/**
 * A real campaign in Chromium (M1–M10): 200 rows with CC, per-row attachments and conditionals
 * from the playground, a pane reload in the middle, every message delivered exactly once with the
 * right recipients, subject, body and files; and no recipient data or message content ever sent
 * to the Outmerge server.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectText,
  holdSends,
  launchChromium,
  openStep,
  screenshot,
  settledMailbox,
  startServerProcess,
  type DeliveredMessage,
  type ServerProcess,
} from './support.js';

let server: ServerProcess;
let browser: Browser;
let pane: Page;
const requests: Array<{ url: string; method: string; body: string }> = [];

const ROWS = 200;
const people = Array.from({ length: ROWS }, (_, i) => ({
  first: `Person${i}`,
  email: `person${i}@fabrikam.com`,
  country: i % 2 === 0 ? 'FR' : 'DE',
  company: i % 5 === 0 ? '' : `Company ${i}`,
  cc: i % 10 === 0 ? `manager${i}@fabrikam.com` : '',
  // Every third row gets the brochure in its language; everyone gets the terms.
  file: i % 3 === 0 ? `brochure-${i % 2 === 0 ? 'fr' : 'de'}.txt` : '',
}));
const csv = [
  'First Name,Email,Country,Company,Cc,Files',
  ...people.map((p) => `${p.first},${p.email},${p.country},${p.company},${p.cc},${p.file}`),
].join('\r\n');
const draftFiles = [
  { name: 'brochure-fr.txt', mimeType: 'text/plain', buffer: Buffer.from('Brochure en français') },
  { name: 'brochure-de.txt', mimeType: 'text/plain', buffer: Buffer.from('Broschüre auf Deutsch') },
  { name: 'terms.txt', mimeType: 'text/plain', buffer: Buffer.from('Terms') },
];

/** Transport delivers each message 20–300 ms after its 202 (Exchange sends a while after the send). */
const SEND_DELAY_MAX_MS = 300;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServerProcess({
      SEND_RATE_PER_MINUTE: '1500',
      GRAPH_STANDIN_RATE_PER_MINUTE: '100000',
      GRAPH_STANDIN_LATENCY_MS: '15',
      GRAPH_STANDIN_SEND_DELAY_MS: `20-${SEND_DELAY_MAX_MS}`,
    }),
    launchChromium(),
  ]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
  pane = await context.newPage();
  pane.on('request', (request: Request) =>
    requests.push({ url: request.url(), method: request.method(), body: request.postData() ?? '' }),
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function writeDraft(): Promise<void> {
  await openStep(pane, 'message');
  if (await pane.getByTestId('compose-remove-attachments').isVisible())
    await pane.getByTestId('compose-remove-attachments').click();
  await pane
    .getByTestId('compose-subject')
    .fill('{{#if Country = "FR"}}Invitation{{else}}Einladung{{/if}} for {{First Name}}');
  await pane.getByTestId('compose-body').evaluate((element) => {
    element.innerHTML =
      '<p>Dear {{First Name}},</p>{{#if Country = "FR"}}<p>Bonjour !</p>{{else}}<p>Guten Tag!</p>{{/if}}<p>Team: {{Company | your team}}</p>';
  });
  await pane.getByRole('button', { name: 'Reload from the message' }).click();
}

const mailbox = async () =>
  (await (await fetch(`${server.baseUrl}/dev/mailbox/messages`)).json()) as DeliveredMessage[];
/** What reached recipients once transport has moved everything submitted so far (Exchange sends after the 202, not during it). */
const delivered = () => settledMailbox(server.baseUrl, SEND_DELAY_MAX_MS);

describe('a 200-row campaign with CC and conditionals, reloaded in the middle', () => {
  it('sends every row exactly once and resumes by itself after a reload', async () => {
    await pane.goto(`${server.baseUrl}/playground.html`);
    await pane.getByTestId('sign-in').click();
    await pane.getByRole('dialog').getByLabel('Email address').fill('anna@contoso.com');
    await pane.getByRole('dialog').getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectText(pane.getByTestId('license-status'), /Free version/);

    await writeDraft();
    await pane.getByTestId('compose-attach').setInputFiles(draftFiles);
    await pane.getByRole('button', { name: 'Reload from the message' }).click();
    await openStep(pane, 'recipients');
    await pane
      .getByTestId('recipients-file')
      .setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expectText(pane.getByTestId('recipients-summary'), /200 rows and 6 columns/);
    await pane.getByTestId('cc-column').selectOption('Cc');
    await pane.getByTestId('attachment-column').selectOption('Files');
    await pane.getByTestId('wizard-next').click();
    await expectText(pane.getByTestId('preview-subject'), /^Invitation for Person0$/);
    await expectText(pane.getByTestId('preview-attachments'), /^Attachments: terms\.txt, brochure-fr\.txt$/);
    await screenshot(pane.getByTestId('task-pane'), 'campaign-en-check');
    await pane.getByTestId('wizard-next').click();
    await pane.getByTestId('send-button').click();

    await expect
      .poll(async () => (await mailbox()).length, { timeout: 30_000, interval: 100 })
      .toBeGreaterThanOrEqual(60);
    // Reloaded while Exchange throttles the mailbox, with nothing in doubt (see holdSends).
    const letSendsThrough = await holdSends(server.baseUrl, pane);
    await letSendsThrough();
    await pane.reload();
    await expectText(pane.getByTestId('signed-in-as'), /anna@contoso\.com/);
    await expectText(pane.getByTestId('send-progress'), /Done: 200 sent, 0 failed\./, 60_000);
    await screenshot(pane.getByTestId('task-pane'), 'campaign-en-report');

    const sent = await delivered();
    expect(sent).toHaveLength(ROWS);
    expect(new Set(sent.map((m) => m.marker)).size).toBe(ROWS);
    const byAddress = new Map(sent.map((m) => [m.to[0], m]));
    for (const person of people) {
      const message = byAddress.get(person.email);
      expect(message, person.email).toBeDefined();
      expect(message!.cc).toEqual(person.cc ? [person.cc] : []);
      expect(message!.subject).toBe(`${person.country === 'FR' ? 'Invitation' : 'Einladung'} for ${person.first}`);
      expect(message!.html).toContain(`<p>Dear ${person.first},</p>`);
      expect(message!.html).toContain(person.country === 'FR' ? '<p>Bonjour !</p>' : '<p>Guten Tag!</p>');
      expect(message!.html).toContain(`<p>Team: ${person.company || 'your team'}</p>`);
      expect(message!.html).toContain('data-outmerge-footer');
      expect(message!.attachments.map((a) => a.name)).toEqual(person.file ? ['terms.txt', person.file] : ['terms.txt']);
    }
  });

  it('sends a test of the previewed row to the sender, and a campaign from a shared mailbox they may send as', async () => {
    await pane.getByTestId('close-report').click();
    await fetch(`${server.baseUrl}/dev/mailbox/messages`, { method: 'DELETE' });
    // The reload reset the simulated compose window (Outlook would keep the draft): write it again.
    await writeDraft();
    await openStep(pane, 'recipients');
    await pane.getByTestId('recipients-file').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          'First Name,Email,Country,Company,Cc,Files',
          'Zoé,zoe@fabrikam.com,FR,Fabrikam,,',
          'Ulf,ulf@fabrikam.com,DE,,,',
        ].join('\n'),
      ),
    });
    // Same headers as before: the CC and attachment mapping is remembered.
    expect(await pane.getByTestId('cc-column').inputValue()).toBe('Cc');
    expect(await pane.getByTestId('attachment-column').inputValue()).toBe('Files');
    await openStep(pane, 'check');
    await pane.getByTestId('test-send').click();
    await expectText(pane.getByTestId('test-result'), /Test sent to anna@contoso\.com/);
    let sent = await delivered();
    expect(sent.map((m) => [m.to, m.subject])).toEqual([[['anna@contoso.com'], '[Test] Invitation for Zoé']]);

    // The sender picks the From in the message, as in Outlook; the pane reads it (Mailbox 1.7).
    await openStep(pane, 'message');
    await pane.getByTestId('compose-from').fill('ceo@contoso.com');
    await pane.getByRole('button', { name: 'Reload from the message' }).click();
    await openStep(pane, 'check');
    await pane.getByTestId('test-send').click();
    await expectText(pane.getByTestId('test-result'), /You may not send from this mailbox/);

    await openStep(pane, 'message');
    await pane.getByTestId('compose-from').fill('team@contoso.com');
    await pane.getByRole('button', { name: 'Reload from the message' }).click();
    await openStep(pane, 'send');
    await expectText(pane.getByTestId('send-from'), /team@contoso\.com/);
    await pane.getByTestId('send-button').click();
    await expectText(pane.getByTestId('send-progress'), /Done: 2 sent, 0 failed\./, 30_000);
    // Microsoft's recipe: drafts in Anna's own mailbox with `from` set to the shared one; Anna has Send As.
    sent = (await delivered()).filter((m) => !m.subject.startsWith('[Test]'));
    expect(sent.map((m) => [m.from, m.sender, m.to[0]]).sort()).toEqual([
      ['team@contoso.com', 'team@contoso.com', 'ulf@fabrikam.com'],
      ['team@contoso.com', 'team@contoso.com', 'zoe@fabrikam.com'],
    ]);
  });

  it('stops a campaign from a mailbox the sender may not send as after one try, names what IT must grant, and resumes once granted', async () => {
    await pane.getByTestId('close-report').click();
    await fetch(`${server.baseUrl}/dev/mailbox/messages`, { method: 'DELETE' });
    // Anna can open sales@ (Full Access) but may not send as it.
    const rights = (value: string[]) =>
      fetch(`${server.baseUrl}/dev/graph/rights`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mailbox: 'sales@contoso.com', user: 'anna@contoso.com', rights: value }),
      });
    await rights(['FullAccess']);
    // Picked in the message's From, as in Outlook; the pane reads it (Mailbox 1.7).
    await openStep(pane, 'message');
    await pane.getByTestId('compose-from').fill('sales@contoso.com');
    await pane.getByRole('button', { name: 'Reload from the message' }).click();
    await expectText(pane.getByTestId('message-from'), /^sales@contoso\.com$/);
    await openStep(pane, 'send');
    await expectText(pane.getByTestId('send-from'), /Send from: sales@contoso\.com/);
    await pane.getByTestId('send-button').click();
    await expectText(
      pane.getByTestId('campaign-blocked'),
      /anna@contoso\.com may not send as this mailbox[\s\S]*“Send As” or “Send on Behalf” permission on sales@contoso\.com/,
      30_000,
    );
    await expectText(pane.getByTestId('send-progress'), /0 sent, 0 failed, 2 to go/);
    await screenshot(pane.getByTestId('task-pane'), 'campaign-en-send-as-denied');
    expect(await delivered()).toEqual([]);

    await rights(['SendOnBehalf']);
    await pane.getByTestId('resume').click();
    await expectText(pane.getByTestId('send-progress'), /Done: 2 sent, 0 failed\./, 30_000);
    const sent = await delivered();
    expect(sent.map((m) => [m.from, m.sender]).sort()).toEqual([
      ['sales@contoso.com', 'anna@contoso.com'],
      ['sales@contoso.com', 'anna@contoso.com'],
    ]);
  });

  it('imports an Excel workbook with a choice of sheet', async () => {
    await pane.getByTestId('close-report').click();
    const { default: writeXlsxFile } = await import('write-excel-file/node');
    const workbook = await writeXlsxFile([
      { sheet: 'Readme', data: [[{ value: 'Sales contacts, Q3' }]] },
      {
        sheet: 'Contacts',
        data: [
          [{ value: 'First Name' }, { value: 'Email' }, { value: 'Country' }, { value: 'Company' }, { value: 'Cc' }],
          [{ value: 'Lea' }, { value: 'lea@fabrikam.com' }, { value: 'FR' }, null, null],
        ],
      },
    ]).toBuffer();
    await pane.getByTestId('recipients-file').setInputFiles({
      name: 'contacts.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook,
    });
    await expectText(pane.getByTestId('recipients-summary'), /1 row and 5 columns from contacts\.xlsx/);
    expect(await pane.getByTestId('sheet').inputValue()).toBe('Contacts');
    await openStep(pane, 'check');
    await expectText(pane.getByTestId('preview-subject'), /^Invitation for Lea$/);
    await openStep(pane, 'recipients');
    await pane.getByTestId('sheet').selectOption('Readme');
    await expectText(pane.getByTestId('recipients-error'), /contacts\.xlsx has a header row but no recipients/);
    // Without a list the later steps are closed, and Next says why.
    expect(await pane.getByTestId('step-check').isDisabled()).toBe(true);
    await expectText(pane.getByTestId('wizard-blocked'), /Choose a recipient list first/);
    await pane.getByTestId('sheet').selectOption('Contacts');
    await openStep(pane, 'check');
    await expectText(pane.getByTestId('preview-to'), /lea@fabrikam\.com/);
  });

  it('reads a large CSV off the UI thread', async () => {
    const big = [
      'First Name,Email,Country,Company,Cc',
      ...Array.from({ length: 30_000 }, (_, i) => `Name ${i},n${i}@fabrikam.com,FR,Company ${i},`),
    ].join('\n');
    const workers: string[] = [];
    pane.on('worker', (worker) => workers.push(worker.url()));
    await openStep(pane, 'recipients');
    await pane
      .getByTestId('recipients-file')
      .setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(big) });
    await expectText(pane.getByTestId('recipients-summary'), /30,000 rows and 5 columns from big\.csv/, 30_000);
    expect(workers.some((url) => url.includes('/js/'))).toBe(true);
    await openStep(pane, 'check');
    await expectText(pane.getByTestId('preview-position'), /Recipient 1 of 30,000/);
  });

  it('sends per-row attachments from the draft, common ones to everyone, and skips a row whose file is missing', async () => {
    await writeDraft();
    await pane.getByTestId('compose-attach').setInputFiles([
      { name: 'offer-a.txt', mimeType: 'text/plain', buffer: Buffer.from('Offer for A') },
      { name: 'offer-b.txt', mimeType: 'text/plain', buffer: Buffer.from('Offer for B') },
      { name: 'terms.txt', mimeType: 'text/plain', buffer: Buffer.from('Terms') },
      // Over 3 MB: it goes to each draft through a Graph upload session.
      { name: 'catalogue.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(3_500_000, 37) },
    ]);
    await expectText(pane.getByTestId('compose-attachments'), /offer-a\.txt.*offer-b\.txt.*terms\.txt.*catalogue\.pdf/);
    await pane.getByTestId('compose-from').fill('');
    await pane.getByRole('button', { name: 'Reload from the message' }).click();
    const rows = [
      'First Name,Email,Country,Company,Files',
      'Ann,ann@fabrikam.com,FR,A,offer-a.txt',
      'Ben,ben@fabrikam.com,DE,B,Offer-B.TXT',
      'Cat,cat@fabrikam.com,DE,C,missing.txt',
      ',dan@fabrikam.com,DE,D,offer-b.txt',
    ];
    await openStep(pane, 'recipients');
    await pane
      .getByTestId('recipients-file')
      .setInputFiles({ name: 'offers.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await pane.getByTestId('attachment-column').selectOption('Files');
    await openStep(pane, 'check');
    await expectText(
      pane.getByTestId('findings'),
      /Row 4 names the file "missing\.txt", which is not attached to the message/,
    );
    await expectText(pane.getByTestId('preview-attachments'), /terms\.txt, catalogue\.pdf, offer-a\.txt/);
    // Row 5 has no first name (no fallback): the sender leaves it out, takes it back, and leaves it out again.
    await pane.getByTestId('toggle-row-5').click();
    await expectText(pane.getByTestId('findings'), /Row 5 is left out of this campaign/);
    await pane.getByTestId('toggle-row-5').click();
    await expectText(pane.getByTestId('preview-position'), /Recipient 1 of 3/);
    await pane.getByTestId('toggle-row-5').click();
    await expectText(pane.getByTestId('preview-position'), /Recipient 1 of 2/);
    await fetch(`${server.baseUrl}/dev/mailbox/messages`, { method: 'DELETE' });
    await pane.getByTestId('wizard-next').click();
    await pane.getByTestId('send-button').click();
    await expectText(pane.getByTestId('send-progress'), /Done: 2 sent, 0 failed\./, 30_000);
    // catalogue.pdf (3.5 MB) went from the browser to the stand-in's upload origin: CSP connect-src and CORS allowed it.
    const sent = await delivered();
    // Messages go out concurrently, so the mailbox's order is not the sheet's.
    const byRecipient = sent
      .map((m) => [m.to[0], m.attachments.map((a) => `${a.name}:${a.size}`).sort()] as const)
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(byRecipient).toEqual([
      ['ann@fabrikam.com', ['catalogue.pdf:3500000', 'offer-a.txt:11', 'terms.txt:5']],
      ['ben@fabrikam.com', ['catalogue.pdf:3500000', 'offer-b.txt:11', 'terms.txt:5']],
    ]);
    await screenshot(pane.getByTestId('task-pane'), 'campaign-en-attachments');
  });

  it('uses Outlook contacts as recipients, from the own or a shared mailbox, by category', async () => {
    // One partner and one VIP contact have no address: they are not recipients.
    await pane.getByTestId('close-report').click();
    await pane.getByText('Or use Outlook contacts').click();
    await pane.getByTestId('contacts-category').fill('Partners');
    await pane.getByTestId('load-contacts').click();
    await expectText(
      pane.getByTestId('recipients-summary'),
      /19 rows and 6 columns from Contacts of Your mailbox \(Partners\)/,
    );
    await pane.getByTestId('contacts-mailbox').fill('team@contoso.com');
    await pane.getByTestId('contacts-category').fill('VIP');
    await pane.getByTestId('load-contacts').click();
    await expectText(
      pane.getByTestId('recipients-summary'),
      /11 rows and 6 columns from Contacts of team@contoso\.com \(VIP\)/,
    );
    await pane.getByTestId('contacts-mailbox').fill('ceo@contoso.com');
    await pane.getByTestId('load-contacts').click();
    await expectText(
      pane.getByTestId('recipients-error'),
      /The contacts could not be loaded: You may not send from this mailbox/,
    );
  });

  it('never sends recipient data or message content to the Outmerge server (M10)', () => {
    const origin = new URL(server.baseUrl).origin;
    // Microsoft Graph is on this origin only in development (the stand-in); everything else is the Outmerge server.
    const toOutmerge = requests.filter((r) => r.url.startsWith(origin) && !r.url.startsWith(`${origin}/dev/graph/`));
    expect(toOutmerge.length).toBeGreaterThan(0);
    const secrets = [
      ...people.slice(0, 50).flatMap((p) => [p.email, p.first]),
      'Bonjour',
      'Guten Tag',
      'manager0@fabrikam.com',
    ];
    for (const request of toOutmerge) {
      for (const secret of secrets) {
        expect(request.url, `${request.method} ${request.url}`).not.toContain(secret);
        expect(request.body, `${request.method} ${request.url}`).not.toContain(secret);
      }
    }
    const calls = new Set(
      toOutmerge
        .filter((r) => !/\.(html|js|png|map)$/.test(new URL(r.url).pathname))
        .map((r) => `${r.method} ${new URL(r.url).pathname}`),
    );
    // The license check and the user's own seat (for the pane's license help); no campaign data.
    expect([...calls].sort()).toEqual([
      'GET /.well-known/jwks.json',
      'GET /api/v1/me/license',
      'GET /app-config.json',
      'GET /dev/idp/organisations',
      'POST /api/v1/license/check',
      'POST /dev/idp/token',
    ]);
  });
});
