/**
 * Least privilege, asked when needed, as a user meets it in the playground (development identity
 * provider, Graph stand-in, the built pane in Chromium): every request the page makes to
 * /dev/idp/token is recorded. Sign-in asks for no Mail or Contacts permission; loading contacts
 * asks for Contacts.Read; a campaign asks for Mail.ReadWrite and Mail.Send; a shared mailbox asks
 * for their `.Shared` variants.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, launchChromium, openStep, startServerProcess, type ServerProcess } from './support.js';

let server: ServerProcess;
let browser: Browser;
let pane: Page;
/** What the page asked the identity provider for, in order: "api", or the Graph scopes. */
const asked: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServerProcess({ SEND_RATE_PER_MINUTE: '600' }), launchChromium()]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
  pane = await context.newPage();
  pane.on('request', (request: Request) => {
    if (!request.url().endsWith('/dev/idp/token')) return;
    const body = JSON.parse(request.postData() ?? '{}') as { resource?: string; scopes?: string[] };
    asked.push(body.resource === 'graph' ? [...(body.scopes ?? [])].sort().join(' ') : 'api');
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** What was asked since the last call. */
function newlyAsked(): string[] {
  return asked.splice(0, asked.length);
}

const csv = (rows: string[]) => ({
  name: 'people.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(['First Name,Email', ...rows].join('\n')),
});

/** A campaign from the mailbox picked in the message's From (empty: Anna's own), as a sender does in Outlook. */
async function sendCampaign(fromMailbox: string, rows: string[]): Promise<void> {
  await openStep(pane, 'message');
  await pane.getByTestId('compose-from').fill(fromMailbox);
  await pane.getByTestId('compose-subject').fill('Hello {{First Name}}');
  await pane.getByTestId('compose-body').evaluate((element) => {
    element.innerHTML = '<p>Dear {{First Name}},</p>';
  });
  await pane.getByRole('button', { name: 'Reload from the message' }).click();
  await expectText(
    pane.getByTestId('message-from'),
    new RegExp(`^${(fromMailbox || 'anna@contoso.com').replace(/\./g, '\\.')}$`),
  );
  await openStep(pane, 'recipients');
  await pane.getByTestId('recipients-file').setInputFiles(csv(rows));
  await expectText(pane.getByTestId('recipients-summary'), new RegExp(`^${rows.length} rows? and 2 columns`));
  await openStep(pane, 'send');
  await pane.getByTestId('send-button').click();
  await expectText(pane.getByTestId('send-progress'), new RegExp(`Done: ${rows.length} sent, 0 failed\\.`), 30_000);
  await pane.getByTestId('close-report').click();
}

describe('the permissions the pane asks for, feature by feature', () => {
  it('asks for no Graph permission at sign-in', async () => {
    await pane.goto(`${server.baseUrl}/playground.html`);
    await pane.getByTestId('sign-in').click();
    await pane.getByRole('dialog').getByLabel('Email address').fill('anna@contoso.com');
    await pane.getByRole('dialog').getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectText(pane.getByTestId('license-status'), /Free version/);
    const requests = newlyAsked();
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((request) => request === 'api')).toBe(true);
  });

  it('asks for Contacts.Read when contacts are loaded', async () => {
    await openStep(pane, 'recipients');
    await pane.getByText('Or use Outlook contacts').click();
    await pane.getByTestId('load-contacts').click();
    await expectText(pane.getByTestId('recipients-summary'), /rows and \d+ columns from Contacts of/);
    expect(newlyAsked()).toEqual(['Contacts.Read']);
  });

  it('asks for Mail.ReadWrite and Mail.Send for a campaign from the own mailbox', async () => {
    await sendCampaign('', ['Zoé,zoe@fabrikam.com', 'Ulf,ulf@fabrikam.com']);
    const requests = newlyAsked().filter((request) => request !== 'api');
    expect(new Set(requests)).toEqual(new Set(['Mail.ReadWrite Mail.Send', 'Mail.ReadWrite', 'Mail.Send']));
  });

  it('adds Mail.Send.Shared for a campaign from a shared mailbox (drafts stay in the own mailbox)', async () => {
    await sendCampaign('team@contoso.com', ['Vera,vera@fabrikam.com']);
    const requests = newlyAsked().filter((request) => request !== 'api');
    // The drafts reuse the first campaign's Mail.ReadWrite token: no Mail.ReadWrite.Shared, nothing new for them.
    expect(new Set(requests)).toEqual(
      new Set(['Mail.ReadWrite Mail.Send Mail.Send.Shared', 'Mail.Send Mail.Send.Shared']),
    );
  });
});
