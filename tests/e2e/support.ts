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
