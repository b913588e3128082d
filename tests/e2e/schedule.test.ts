/**
 * Sending later and past campaigns (issue 14, points 1 and 5) in Chromium, through the real pane
 * page against the stand-ins: a campaign over the 24-hour budget is scheduled in the user's time
 * zone (named), shown in the parts Exchange will send it in, handed to Exchange and kept there
 * (nothing delivered; a reload changes nothing); a second scheduled campaign is cancelled from the
 * history, which lists both and opens a report again; when the stand-in's clock passes the times,
 * the first campaign arrives — each row once, within the limit — and the cancelled one never does.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, launchChromium, openStep, screenshot, startServerProcess, type ServerProcess } from './support.js';

let server: ServerProcess;
let browser: Browser;
let context: BrowserContext;
let pane: Page;
const DAY_MS = 24 * 3600_000;
const SEND_DELAY_MAX_MS = 200;

beforeAll(async () => {
  // A budget of 5 recipients a day, on both sides: what the pane plans with and what "Exchange" enforces.
  [server, browser] = await Promise.all([
    startServerProcess({
      DAILY_RECIPIENT_LIMIT: '5',
      GRAPH_STANDIN_DAILY_RECIPIENTS: '5',
      SEND_RATE_PER_MINUTE: '1500',
      GRAPH_STANDIN_RATE_PER_MINUTE: '100000',
      GRAPH_STANDIN_LATENCY_MS: '5',
      GRAPH_STANDIN_SEND_DELAY_MS: `20-${SEND_DELAY_MAX_MS}`,
    }),
    launchChromium(),
  ]);
  context = await browser.newContext({
    viewport: { width: 1280, height: 1100 },
    locale: 'en-US',
    timezoneId: 'Europe/Paris',
  });
  pane = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const sent = async () =>
  (await (await fetch(`${server.baseUrl}/dev/mailbox/messages`)).json()) as Array<{
    to: string[];
    subject: string;
    marker: string;
  }>;
const advance = async (ms: number) => {
  const moved = await fetch(`${server.baseUrl}/dev/graph/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
  expect(moved.status).toBe(200);
};

/** A `datetime-local` value `hours` from now, on the hour, in the page's time zone. */
const localValue = (page: Page, hours: number) =>
  page.evaluate((h) => {
    const at = new Date(Date.now() + h * 3600_000);
    at.setMinutes(0, 0, 0);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
  }, hours);

async function signIn(page: Page, language?: 'de') {
  await page.goto(`${server.baseUrl}/playground.html`);
  // The simulated Outlook's display language, as a user of a German Outlook has it.
  if (language) await page.getByTestId('language').first().selectOption(language);
  await page.getByTestId('sign-in').click();
  await page
    .getByRole('dialog')
    .getByLabel(/Email address|E-Mail-Adresse/)
    .fill('anna@contoso.com');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(Sign in|Anmelden)$/ })
    .click();
  await expectText(page.getByTestId('signed-in-as'), /anna@contoso\.com/);
}

async function prepare(page: Page, subject: string, names: string[]) {
  await openStep(page, 'message');
  await page.getByTestId('compose-subject').fill(subject);
  await page.getByTestId('compose-body').evaluate((element) => {
    element.innerHTML = '<p>Dear {{Name}},</p><p>See you soon.</p>';
  });
  await page.getByRole('button', { name: /Reload from the message|Aus der Nachricht neu laden/ }).click();
  await openStep(page, 'recipients');
  const csv = ['Name,Email', ...names.map((n) => `${n},${n.toLowerCase()}@fabrikam.com`)].join('\n');
  await page
    .getByTestId('recipients-file')
    .setInputFiles({ name: `${subject.slice(0, 6)}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await openStep(page, 'send');
}

describe('sending later', () => {
  it("schedules a campaign over the budget in the user's time zone, keeps it in Exchange, cancels another from the history, and delivers each row once at its time", async () => {
    await signIn(pane);
    await prepare(pane, 'Spring offer for {{Name}}', ['Ann', 'Ben', 'Cat', 'Dan', 'Eve', 'Fay', 'Gus', 'Hal']);

    await pane.getByTestId('schedule-switch').click();
    // A time in the past is refused with what to do instead.
    await pane.getByTestId('schedule-time').fill(await localValue(pane, -2));
    await expectText(pane.getByTestId('schedule'), /Choose a time at least a minute from now/);
    await expect.poll(() => pane.getByTestId('send-button').isDisabled()).toBe(true);

    await pane.getByTestId('schedule-time').fill(await localValue(pane, 3));
    await expectText(pane.getByTestId('schedule'), /In your time zone: Europe\/Paris/);
    await expectText(
      pane.getByTestId('schedule-parts'),
      /may send to 5 recipients in 24 hours[\s\S]*2 parts[\s\S]*5 messages at[\s\S]*3 messages at/,
    );
    // Sending now's estimate is not shown: the schedule says when each part goes.
    expect(await pane.getByTestId('send-estimate').count()).toBe(0);
    await expectText(pane.getByTestId('send-button'), /^Schedule 8 messages$/);
    await screenshot(pane.getByTestId('task-pane'), 'schedule-en-choose');

    await pane.getByTestId('send-button').click();
    await expectText(
      pane.getByTestId('schedule-status'),
      /Scheduled: Exchange keeps 8 messages and sends them from/,
      30_000,
    );
    await expectText(pane.getByTestId('send-progress'), /Done: 8 sent, 0 failed\./);
    await expectText(pane.getByTestId('report-table'), /Scheduled for/);
    await screenshot(pane.getByTestId('task-pane'), 'schedule-en-scheduled');
    await advance(SEND_DELAY_MAX_MS + 1);
    expect(await sent()).toEqual([]);

    // Closing and reopening the pane: still scheduled, nothing handed over again.
    await pane.reload();
    await expectText(pane.getByTestId('schedule-status'), /Exchange keeps 8 messages/);
    expect(await sent()).toEqual([]);

    // A second campaign, scheduled later, then cancelled from the history.
    await pane.getByTestId('close-report').click();
    await prepare(pane, 'Reminder for {{Name}}', ['Ivy', 'Jon']);
    await pane.getByTestId('schedule-switch').click();
    await pane.getByTestId('schedule-time').fill(await localValue(pane, 5));
    await pane.getByTestId('send-button').click();
    await expectText(pane.getByTestId('schedule-status'), /Exchange keeps 2 messages/, 30_000);

    await pane.getByTestId('history-toggle').click();
    await expectText(
      pane.getByTestId('history-scheduled'),
      /Spring offer for \{\{Name\}\}[\s\S]*8 messages kept by Exchange[\s\S]*Reminder for \{\{Name\}\}[\s\S]*2 messages kept by Exchange|Reminder for \{\{Name\}\}[\s\S]*2 messages kept by Exchange[\s\S]*Spring offer for \{\{Name\}\}[\s\S]*8 messages kept by Exchange/,
    );
    await expectText(
      pane.getByTestId('history'),
      /Kept in this browser on this device only \(the last 50\)[\s\S]*No campaign yet/,
    );
    await screenshot(pane.getByTestId('task-pane'), 'schedule-en-history');
    await pane
      .getByTestId('history-scheduled')
      .locator('li', { hasText: 'Reminder' })
      .getByTestId('cancel-scheduled')
      .click();
    await expectText(pane.getByRole('dialog'), /Cancel this scheduled campaign\?[\s\S]*will not be sent/);
    await pane.getByTestId('confirm-cancel-scheduled').click();
    await expect
      .poll(async () => pane.getByTestId('history-scheduled').locator('li', { hasText: 'Reminder' }).count(), {
        timeout: 15_000,
      })
      .toBe(0);

    // The cancelled one is a past campaign now; searching finds it, and its report says cancelled.
    await pane.getByTestId('history-search').fill('reminder');
    await expect.poll(() => pane.getByTestId('history-list').locator('li').count()).toBe(1);
    await pane.getByTestId('history-list').getByTestId('history-open').click();
    await expectText(pane.getByTestId('history-report'), /Reminder for \{\{Name\}\}[\s\S]*Cancelled/);
    await screenshot(pane.getByTestId('task-pane'), 'schedule-en-history-report');
    await pane.getByTestId('close-report').click();

    // Exchange's time passes (the stand-in's clock): the first part, then the second a day later.
    await advance(3 * 3600_000 + 10 * 60_000);
    await expect.poll(async () => (await sent()).length, { timeout: 10_000 }).toBe(5);
    await advance(DAY_MS + 10 * 60_000);
    await advance(2 * DAY_MS);
    const all = await sent();
    expect(all.map((m) => m.to[0]).sort()).toEqual(
      ['ann', 'ben', 'cat', 'dan', 'eve', 'fay', 'gus', 'hal'].map((n) => `${n}@fabrikam.com`),
    );
    expect(new Set(all.map((m) => m.marker)).size).toBe(8);
    expect(all.some((m) => m.subject.startsWith('Reminder'))).toBe(false);
  });

  it('speaks German: the schedule, its time zone and the history', async () => {
    const german = await browser.newContext({
      viewport: { width: 1280, height: 1000 },
      locale: 'de-DE',
      timezoneId: 'Europe/Berlin',
    });
    const page = await german.newPage();
    try {
      await signIn(page, 'de');
      await prepare(page, 'Angebot für {{Name}}', ['Uwe', 'Vera']);
      await page.getByTestId('schedule-switch').click();
      await expectText(page.getByTestId('schedule'), /Später senden[\s\S]*In deiner Zeitzone: Europe\/Berlin/);
      await expectText(page.getByTestId('send-button'), /^2 Nachrichten planen$/);
      await screenshot(page.getByTestId('task-pane'), 'schedule-de-choose');
      await page.getByTestId('history-toggle').click();
      await expectText(
        page.getByTestId('history'),
        /Frühere und geplante Kampagnen[\s\S]*Nur in diesem Browser auf diesem Gerät gespeichert/,
      );
    } finally {
      await german.close();
    }
  });
});
