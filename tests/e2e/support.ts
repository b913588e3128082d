/** Debian's Chromium for end-to-end tests, and helpers to wait for text and take screenshots. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

export { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';

export const SCREENSHOTS = path.resolve('test-results/screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Waits until the locator's text matches: the page says so, rather than a fixed sleep. */
export async function expectText(locator: Locator, pattern: RegExp, timeout = 15_000): Promise<void> {
  await expect
    .poll(async () => ((await locator.count()) > 0 ? locator.first().innerText() : ''), { timeout, interval: 100 })
    .toMatch(pattern);
}

export async function screenshot(
  locator: { screenshot(options: { path: string }): Promise<unknown> },
  name: string,
): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await locator.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/**
 * Signs in through the development identity provider's form, as a person would: "Sign in" in `scope`
 * (the page, or the task pane's frame), the form's dialog on `page`, until `scope` names who signed in.
 */
export async function signIn(page: Page, email: string, scope: Page | Locator = page): Promise<void> {
  await scope.getByTestId('sign-in').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Email address').fill(email);
  await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectText(scope.getByTestId('signed-in-as'), new RegExp(email.replaceAll('.', '\\.')));
}

/** Buys monthly seats in the portal with the simulated provider's plain test card, landing on the new subscription. */
export async function buyMonthlySeats(portal: Page, quantity: number): Promise<void> {
  await portal.getByTestId('buy-button').click();
  await portal.getByTestId('quantity-monthly').fill(String(quantity));
  await portal.getByTestId('quantity-monthly').press('Tab');
  await portal.getByTestId('to-review').click();
  await portal.getByTestId('confirm-order').click();
  await portal.getByTestId('card').fill('4242 4242 4242 4242');
  await portal.getByTestId('pay').click();
  await portal.waitForURL(/#\/subscriptions\//);
}

/**
 * Calls the server's HTTP API (or a development stand-in's route) for a story's set-up, failing on any
 * answer that is not a success: the body as JSON or text by its type; nothing for an empty body.
 */
export async function callApi<T>(
  baseUrl: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  if (text === '') return undefined as T;
  return ((response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text) as T;
}

/** Opens a step of the pane's wizard by its tab, as a user would. */
export async function openStep(
  page: { getByTestId(id: string): Locator },
  step: 'message' | 'recipients' | 'check' | 'send',
): Promise<void> {
  await page.getByTestId(`step-${step}`).click();
}

/** A message the Graph stand-in delivered, as `GET /dev/mailbox/messages` lists it (server/src/dev/graph/graphStandIn.ts). */
export interface DeliveredMessage {
  id: string;
  /** The mailbox that sent it. */
  mailbox: string;
  from: string;
  sender: string;
  sentBy: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  contentType: 'html' | 'text';
  html: string;
  attachments: Array<{
    name: string;
    contentType: string;
    size: number;
    isInline?: boolean;
    contentId?: string | null;
  }>;
  /** The row marker Outmerge sets on each message, or null. */
  marker: string | null;
  headers: Array<{ name: string; value: string }>;
  sentAt: string;
}

/**
 * What reached recipients once transport has moved everything submitted so far. Exchange sends a
 * while after the 202 (the stand-in delays each message by up to `maxSendDelayMs`, its
 * GRAPH_STANDIN_SEND_DELAY_MS bound), so the stand-in's clock is moved past that bound instead of
 * waiting: a message submitted twice shows twice, and nothing can arrive after this read.
 */
export async function settledMailbox<T = DeliveredMessage>(baseUrl: string, maxSendDelayMs: number): Promise<T[]> {
  const moved = await fetch(`${baseUrl}/dev/graph/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: maxSendDelayMs + 1 }),
  });
  expect(moved.status).toBe(200);
  return (await (await fetch(`${baseUrl}/dev/mailbox/messages`)).json()) as T[];
}

/**
 * Rows a pane has saved as "sending" (its send may have left), read from the pane's IndexedDB
 * as the pane reads its ledgers (addin/src/storage/idbCampaignRecords.ts): each campaign's folded
 * row states, then the writes logged since, in order.
 */
export async function rowsSavedAsSending(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('outmerge');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const tx = db.transaction(['ledgers', 'rowStates', 'ledgerLog'], 'readonly');
      const read = <T>(store: string) =>
        new Promise<Array<{ key: IDBValidKey; value: T }>>((resolve, reject) => {
          const keys = tx.objectStore(store).getAllKeys();
          const values = tx.objectStore(store).getAll();
          values.onsuccess = () => resolve(keys.result.map((key, i) => ({ key, value: values.result[i] as T })));
          values.onerror = () => reject(values.error);
        });
      type State = { status: string };
      const [ledgers, rowStates, log] = await Promise.all([
        read<{ id: string; version: number }>('ledgers'),
        read<{ row: number; state: State }>('rowStates'),
        read<{ states: Array<[number, State]> }>('ledgerLog'),
      ]);
      const sending: number[] = [];
      for (const { value: ledger } of ledgers) {
        const states = new Map<number, State>();
        for (const { key, value } of rowStates)
          if ((key as [string, number])[0] === ledger.id) states.set(value.row, value.state);
        for (const { key, value } of log) {
          const [id, version] = key as [string, number];
          if (id === ledger.id && version > ledger.version)
            for (const [row, state] of value.states) states.set(row, state);
        }
        for (const [row, state] of states) if (state.status === 'sending') sending.push(row);
      }
      return sending;
    } finally {
      db.close();
    }
  });
}

/**
 * Brings a running campaign to a moment when no row is in doubt, before a test closes or reloads
 * its pane: every send is refused as a throttled mailbox refuses it (429, Retry-After ten
 * minutes), the runner drafts each refused row again and starts none, and the test waits until
 * no row is saved as "sending". Without it, a pane closed between saving a row as "sending" and
 * its request leaving leaves a row only time can settle (the runner looks for it in Sent Items
 * for up to 17 minutes, and never sends it again): by design, but not what these tests are
 * about. Returns what lets sends through again.
 */
export async function holdSends(baseUrl: string, page: Page): Promise<() => Promise<void>> {
  const faults = (plan: unknown) =>
    fetch(`${baseUrl}/dev/graph/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(plan),
    });
  expect(
    (await faults({ seed: 1, probabilities: { '429': 1 }, operations: ['send'], retryAfterSeconds: 600 })).status,
  ).toBe(200);
  await expect
    .poll(
      async () =>
        ((await (await fetch(`${baseUrl}/dev/graph/faults`)).json()) as { injected: { '429': number } }).injected[
          '429'
        ],
      {
        timeout: 30_000,
        interval: 50,
      },
    )
    .toBeGreaterThan(0);
  await expect.poll(() => rowsSavedAsSending(page), { timeout: 30_000, interval: 100 }).toEqual([]);
  return async () => void expect((await faults(null)).status).toBe(200);
}

/** axe-core's own script, injected into a page as the brief of issue 16 asks (`addScriptTag`). */
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA, best practices, and the "label in name" rule, WCAG 2.5.3) on
 * what the page shows now and fails on any serious or critical violation, listing each with the
 * elements it found. Left out: message frames, which show an email's own HTML (merged by the
 * sender, or what Outmerge mailed), not the pages' interface; and Tabster's focus guards
 * (`data-tabster-dummy`, Fluent UI's keyboard navigation), focusable and aria-hidden on purpose
 * so that focus moves on through them without a screen reader announcing them: a false
 * positive of `aria-hidden-focus` that Fluent lists among its known issues (microsoft/tabster#288,
 * microsoft/fluentui#25133). Pages send a CSP without inline scripts, which is how axe-core is
 * injected: the context must be made with `bypassCSP: true`.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${screen}: [${v.impact}] ${v.id} (${v.help})\n    ${v.nodes.join('\n    ')}`)).toEqual([]);
}

/** Every violation axe-core finds on the page as it is now (see expectAccessible). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Colours are read as drawn: a dialog still fading in has its final contrast only once it has.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{
            violations: Array<{
              id: string;
              impact?: string | null;
              help: string;
              nodes: Array<{ target: unknown[]; failureSummary?: string }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(
      { exclude: [['iframe'], ['[data-tabster-dummy]']] },
      { iframes: false, rules: { 'label-content-name-mismatch': { enabled: true } }, resultTypes: ['violations'] },
    );
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
  });
}

/** An access token of the development identity provider, to call the API as that person (`tenantId`: as a member of another tenant). */
export async function devToken(baseUrl: string, email: string, tenantId?: string): Promise<string> {
  const response = await fetch(`${baseUrl}/dev/idp/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(tenantId ? { email, tenantId } : { email }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}
