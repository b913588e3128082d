/**
 * Bounces, unsubscribes and follow-ups in Chromium, through the real pane page against the Graph
 * stand-in: the sender turns the features on, sends with an unsubscribe line, one address bounces
 * (5.1.1 report), one recipient replies, one unsubscribes by the line's link; the report shows each
 * row's honest status, the bounced address goes on the suppression list in the mailbox, and the
 * follow-up goes, as a new campaign, only to the row that neither replied nor left. No recipient
 * data reaches the Outmerge server.
 */
import type { Browser, Page, Request } from 'playwright-core';
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
let pane: Page;
const requests: Array<{ url: string; body: string }> = [];
const SEND_DELAY_MAX_MS = 200;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServerProcess({
      SEND_RATE_PER_MINUTE: '1500',
      GRAPH_STANDIN_RATE_PER_MINUTE: '100000',
      GRAPH_STANDIN_LATENCY_MS: '5',
      GRAPH_STANDIN_SEND_DELAY_MS: `20-${SEND_DELAY_MAX_MS}`,
      GRAPH_STANDIN_UNKNOWN_RECIPIENTS: 'nobody@fabrikam.com',
    }),
    launchChromium(),
  ]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 1100 }, locale: 'en-US' });
  pane = await context.newPage();
  pane.on('request', (request: Request) => requests.push({ url: request.url(), body: request.postData() ?? '' }));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const post = (path: string, body: unknown) =>
  fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const delivered = () => settledMailbox(server.baseUrl, SEND_DELAY_MAX_MS);

async function writeDraft(subject: string): Promise<void> {
  await openStep(pane, 'message');
  await pane.getByTestId('compose-subject').fill(subject);
  await pane.getByTestId('compose-body').evaluate((element) => {
    element.innerHTML = '<p>Dear {{Name}},</p><p>Our spring offer is ready.</p>';
  });
  await pane.getByRole('button', { name: 'Reload from the message' }).click();
}

describe('bounces, unsubscribes and follow-ups', () => {
  it('shows each row honestly, keeps the suppression list in the mailbox, and follows up only who did not answer', async () => {
    await pane.goto(`${server.baseUrl}/playground.html`);
    await pane.getByTestId('sign-in').click();
    await pane.getByRole('dialog').getByLabel('Email address').fill('anna@contoso.com');
    await pane.getByRole('dialog').getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectText(pane.getByTestId('signed-in-as'), /anna@contoso\.com/);
    await writeDraft('Spring offer for {{Name}}');
    const csv = [
      'Name,Email',
      'Ann,ann@fabrikam.com',
      'Nobody,nobody@fabrikam.com',
      'Cat,cat@fabrikam.com',
      'Dan,dan@fabrikam.com',
    ].join('\n');
    await openStep(pane, 'recipients');
    await pane
      .getByTestId('recipients-file')
      .setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    // The features are off until the sender turns them on; then the list is read from the mailbox.
    await openStep(pane, 'send');
    await pane.getByTestId('inbox-enable').click();
    await expectText(pane.getByTestId('inbox-suppressed'), /Nobody is on your suppression list\./);
    await pane.getByTestId('inbox-unsubscribe-line').click();
    await screenshot(pane.getByTestId('task-pane'), 'inbox-en-options');
    await pane.getByTestId('send-button').click();
    await expectText(pane.getByTestId('send-progress'), /Done: 4 sent, 0 failed\./, 30_000);

    // Exchange took all four; the unknown address comes back as a report, the others got the line.
    const first = await delivered();
    expect(first.map((m) => m.to[0]).sort()).toEqual(['ann@fabrikam.com', 'cat@fabrikam.com', 'dan@fabrikam.com']);
    expect(first.find((m) => m.to[0] === 'ann@fabrikam.com')?.html).toMatch(
      /Don&#x27;t want these emails any more\? <a href="mailto:anna@contoso\.com\?subject&#x3D;Unsubscribe%20%5BOM-UNSUBSCRIBE%5D">Unsubscribe<\/a>/,
    );

    // Cat answers in the conversation; Dan uses the unsubscribe link (a new message with the tag).
    const sent = (await (await fetch(`${server.baseUrl}/dev/graph/sent?mailbox=anna%40contoso.com`)).json()) as Array<{
      to: string[];
      internetMessageId: string;
    }>;
    const cats = sent.find((m) => m.to.includes('cat@fabrikam.com'));
    expect(
      (
        await post('/dev/graph/inbound', {
          mailbox: 'anna@contoso.com',
          from: 'cat@fabrikam.com',
          subject: 'RE: Spring offer for Cat',
          html: '<p>Interested!</p>',
          inReplyTo: cats?.internetMessageId,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await post('/dev/graph/inbound', {
          mailbox: 'anna@contoso.com',
          from: 'dan@fabrikam.com',
          subject: 'Unsubscribe [OM-UNSUBSCRIBE]',
          html: '',
        })
      ).status,
    ).toBe(201);

    await pane.getByTestId('inbox-check').click();
    await expectText(
      pane.getByTestId('inbox-summary'),
      /Accepted by Exchange: 3 · bounced: 1 · still waiting: 0 · replied: 1/,
    );
    await expectText(
      pane.getByTestId('report-row-3'),
      /Sent — bounced: 5\.1\.1 RESOLVER\.ADR\.RecipNotFound; not found/,
    );
    await expectText(pane.getByTestId('report-row-4'), /Sent — accepted by Exchange; replied/);
    await expectText(pane.getByTestId('report-row-2'), /Sent — accepted by Exchange\s*$/);
    await screenshot(pane.getByTestId('task-pane'), 'inbox-en-report');
    // The same report in French and German.
    await pane.getByLabel('Outlook display language').selectOption('fr');
    await expectText(
      pane.getByTestId('inbox-summary'),
      /Acceptés par Exchange\s: 3 · non distribués\s: 1 · encore en attente\s: 0 · réponses\s: 1/,
    );
    await expectText(pane.getByTestId('report-row-3'), /non distribué\s: 5\.1\.1 RESOLVER/);
    await screenshot(pane.getByTestId('task-pane'), 'inbox-fr-report');
    await pane.getByLabel('Langue d’affichage d’Outlook').selectOption('de');
    await expectText(
      pane.getByTestId('inbox-summary'),
      /Von Exchange angenommen: 3 · unzustellbar: 1 · noch ausstehend: 0 · beantwortet: 1/,
    );
    await screenshot(pane.getByTestId('task-pane'), 'inbox-de-report');
    await pane.getByLabel('Anzeigesprache von Outlook').selectOption('en');

    await pane.getByTestId('inbox-suppress-bounced').click();
    await expectText(pane.getByTestId('inbox-suppressed-now'), /1 address added to your suppression list\./);

    // Follow-up after 0 days: Ann and Dan did not answer in the conversation; Dan has since left the list.
    await pane.getByTestId('inbox-follow-up-days').fill('0');
    await pane.getByTestId('inbox-follow-up').click();
    await expectText(pane.getByTestId('follow-up-notice'), /Only the 2 rows that did not reply get it\./);
    await writeDraft('Following up, {{Name}}');
    // The rows outside the follow-up are not sent and not the sender's to take back in.
    await openStep(pane, 'recipients');
    await expectText(pane.getByTestId('grid-count'), /^2 rows of 4 will be sent$/);
    expect(await pane.getByRole('checkbox', { name: 'Row 3 is not in the follow-up' }).isDisabled()).toBe(true);
    expect(await pane.getByRole('checkbox', { name: 'Send to row 2' }).isChecked()).toBe(true);
    await openStep(pane, 'check');
    await expectText(
      pane.getByTestId('findings'),
      /Row 5 \(dan@fabrikam\.com\) is left out: this address asked to unsubscribe\./,
    );
    // Not a finding each: a list of 10,000 followed up for 50 would drown what is worth a look.
    expect(await pane.getByTestId('findings').innerText()).not.toMatch(/Row [34] is left out/);
    await screenshot(pane.getByTestId('task-pane'), 'inbox-en-follow-up-check');
    await openStep(pane, 'send');
    await expectText(pane.getByTestId('inbox-suppressed'), /2 addresses are on your suppression list/);
    await pane.getByTestId('send-button').click();
    await expectText(pane.getByTestId('send-progress'), /Done: 1 sent, 0 failed\./, 30_000);
    const followUps = (await delivered()).filter((m) => m.subject.startsWith('Following up'));
    expect(followUps.map((m) => m.to)).toEqual([['ann@fabrikam.com']]);
    await expectText(pane.getByTestId('report-row-3'), /Left out: not in the follow-up/);
    expect(await pane.getByTestId('follow-up-notice').count()).toBe(0);

    // The mailbox was read by the pane alone: nothing of it went to the Outmerge server.
    const toServer = requests.filter(
      (r) => r.url.startsWith(server.baseUrl) && !r.url.startsWith(`${server.baseUrl}/dev/graph/`),
    );
    expect(toServer.filter((r) => /fabrikam|OM-UNSUBSCRIBE|Spring offer/.test(r.url + r.body))).toEqual([]);
  });
});
