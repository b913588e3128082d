/**
 * A campaign bigger than the mailbox's 24-hour budget (M4) in Chromium: the pre-flight shows the
 * parts, the first part goes out, the campaign waits (also across a pane reload), and it goes on
 * by itself when a day has passed — for the browser (Playwright's clock) and for the Graph
 * stand-in (its test clock) alike. Every row is delivered exactly once.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, launchChromium, openStep, screenshot, startServerProcess, type ServerProcess } from './support.js';

let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let pane: Page;
const DAY_MS = 24 * 3600_000;

beforeAll(async () => {
  // A budget of 5 recipients a day, on both sides: what the pane plans with and what "Exchange" enforces.
  [server, browser] = await Promise.all([
    startServerProcess({
      DAILY_RECIPIENT_LIMIT: '5',
      GRAPH_STANDIN_DAILY_RECIPIENTS: '5',
      SEND_RATE_PER_MINUTE: '1500',
      GRAPH_STANDIN_RATE_PER_MINUTE: '100000',
      GRAPH_STANDIN_LATENCY_MS: '5',
      GRAPH_STANDIN_SEND_DELAY_MS: '20-200',
    }),
    launchChromium(),
  ]);
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
  // Time flows as usual until the test moves it forward.
  await context.clock.install();
  pane = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const sent = async () =>
  (await (await fetch(`${server.baseUrl}/dev/mailbox/messages`)).json()) as Array<{ to: string[]; cc: string[] }>;
/** Exchange sends after the 202: wait until transport has delivered `count` messages. */
const delivered = async (count: number) => {
  await expect.poll(async () => (await sent()).length, { timeout: 10_000, interval: 50 }).toBeGreaterThanOrEqual(count);
  return sent();
};

describe('a campaign over the 24-hour recipient budget', () => {
  it('goes out in parts over two days, by itself, each row once', async () => {
    await pane.goto(`${server.baseUrl}/playground.html`);
    await pane.getByTestId('sign-in').click();
    await pane.getByRole('dialog').getByLabel('Email address').fill('anna@contoso.com');
    await pane.getByRole('dialog').getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectText(pane.getByTestId('signed-in-as'), /anna@contoso\.com/);
    await pane.getByTestId('compose-subject').fill('Hello {{Name}}');
    await pane.getByTestId('compose-body').evaluate((element) => {
      element.innerHTML = '<p>Dear {{Name}},</p><p>See you soon.</p>';
    });
    await pane.getByRole('button', { name: 'Reload from the message' }).click();

    // Row 2 has a CC: 9 recipients in 8 messages, 5 a day.
    const rows = [
      'Name,Email,Cc',
      'Ann,ann@fabrikam.com,boss@fabrikam.com',
      ...['Ben', 'Cat', 'Dan', 'Eve', 'Fay', 'Gus', 'Hal'].map((n) => `${n},${n.toLowerCase()}@fabrikam.com,`),
    ];
    await openStep(pane, 'recipients');
    await pane
      .getByTestId('recipients-file')
      .setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await pane.getByTestId('cc-column').selectOption('Cc');
    await openStep(pane, 'check');
    await expectText(
      pane.getByTestId('budget-split'),
      /needs 9 recipients[\s\S]*may reach 5 in 24 hours and 5 are left now[\s\S]*2 parts/,
    );
    await expectText(
      pane.getByTestId('budget-split'),
      /Part 1: 4 messages \(5 recipients\), now[\s\S]*Part 2: 4 messages \(4 recipients\), from about/,
    );
    await screenshot(pane.getByTestId('task-pane'), 'campaign-en-daily-split');

    await openStep(pane, 'send');
    await pane.getByTestId('send-button').click();
    await expectText(pane.getByTestId('campaign-waiting'), /limit is reached: 4 of 8 messages sent/, 30_000);
    expect((await delivered(4)).reduce((n, m) => n + m.to.length + m.cc.length, 0)).toBe(5);
    await screenshot(pane.getByTestId('task-pane'), 'campaign-en-waiting');

    // Closing and reopening the pane keeps the campaign waiting; nothing more goes out.
    await pane.reload();
    await expectText(pane.getByTestId('campaign-waiting'), /4 of 8 messages sent/);
    expect(await sent()).toHaveLength(4);

    // A day later, on both clocks: the rest goes out without anyone pressing a button.
    await fetch(`${server.baseUrl}/dev/graph/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: DAY_MS + 60_000 }),
    });
    await pane.clock.fastForward(DAY_MS + 60_000);
    await expectText(pane.getByTestId('send-progress'), /Done: 8 sent, 0 failed\./, 30_000);
    const all = await delivered(8);
    expect(all.map((m) => m.to[0]).sort()).toEqual(
      ['ann', 'ben', 'cat', 'dan', 'eve', 'fay', 'gus', 'hal'].map((n) => `${n}@fabrikam.com`),
    );
  });
});
