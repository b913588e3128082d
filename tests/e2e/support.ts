/** Debian's Chromium for end-to-end tests, and helpers to wait for text and take screenshots. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { expect } from 'vitest';

export { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';

export const SCREENSHOTS = path.resolve('test-results/screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Waits until the locator's text matches: the page says so, rather than a fixed sleep. */
export async function expectText(locator: Locator, pattern: RegExp, timeout = 15_000): Promise<void> {
  await expect.poll(async () => (await locator.count()) > 0 ? locator.first().innerText() : '', { timeout, interval: 100 }).toMatch(pattern);
}

export async function screenshot(locator: { screenshot(options: { path: string }): Promise<unknown> }, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await locator.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Opens a step of the pane's wizard by its tab, as a user would. */
export async function openStep(page: { getByTestId(id: string): Locator }, step: 'message' | 'recipients' | 'check' | 'send'): Promise<void> {
  await page.getByTestId(`step-${step}`).click();
}

/**
 * What reached recipients once transport has moved everything submitted so far. Exchange sends a
 * while after the 202 (the stand-in delays each message by up to `maxSendDelayMs`, its
 * GRAPH_STANDIN_SEND_DELAY_MS bound), so the stand-in's clock is moved past that bound instead of
 * waiting: a message submitted twice shows twice, and nothing can arrive after this read.
 */
export async function settledMailbox<T>(baseUrl: string, maxSendDelayMs: number): Promise<T[]> {
  const moved = await fetch(`${baseUrl}/dev/graph/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: maxSendDelayMs + 1 }) });
  expect(moved.status).toBe(200);
  return (await (await fetch(`${baseUrl}/dev/mailbox/messages`)).json()) as T[];
}
