/**
 * A README story with the keyboard alone (issue 16), in Chromium against the real server process:
 * sign in to the portal, buy seats (a declined card first), assign a seat to oneself, remove it
 * again after confirming, and move between a subscription's tabs with the arrow keys. Only Tab,
 * Shift+Tab, Enter, Space, the arrows and typing: no click. Each Tab is counted, so an element
 * the keyboard cannot reach fails the test. And focus goes to what changed: the dialog that
 * opens, the page that opens (its title), the checkout step that opens, the error that appears,
 * the results of an assignment, the confirmation of a removal.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, launchChromium, screenshot, startServerProcess, type ServerProcess } from './support.js';

let server: ServerProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServerProcess(), launchChromium()]);
  page = await (await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-US' })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The focused element, described for a failure message: tag, test id, name. */
const focused = () =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return 'nothing (the page itself)';
    return `<${element.tagName.toLowerCase()}${element.dataset.testid ? ` data-testid="${element.dataset.testid}"` : ''}> ${(element.getAttribute('aria-label') ?? element.innerText ?? '').slice(0, 60)}`;
  });

const focusMatches = (selector: string) =>
  page.evaluate((css) => document.activeElement?.matches(css) ?? false, selector);

/** Presses Tab (Shift+Tab when `backwards`) until the focused element matches `selector`; at most `limit` presses. */
async function tabTo(selector: string, options: { backwards?: boolean; limit?: number } = {}): Promise<void> {
  const passed: string[] = [];
  for (let presses = 0; presses < (options.limit ?? 60); presses++) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    if (await focusMatches(selector)) return;
    passed.push(await focused());
  }
  throw new Error(`Tab never reached ${selector}; it went through:\n  ${passed.join('\n  ')}`);
}

/** Waits until focus is on an element matching `selector` (focus moved by the page, not by the test). */
async function expectFocusOn(selector: string): Promise<void> {
  await expect
    .poll(async () => ((await focusMatches(selector)) ? 'focused' : `focus is on ${await focused()}`), {
      timeout: 15_000,
      interval: 50,
    })
    .toBe('focused');
}

describe('signing in, buying seats and assigning one with the keyboard alone', () => {
  it('signs in: the dialog takes the focus, Enter sends the form', async () => {
    await page.goto(`${server.baseUrl}/portal.html`);
    await tabTo('[data-testid="sign-in"]');
    await page.keyboard.press('Enter');
    await expectFocusOn('[role="dialog"] input[type="email"]');
    await page.keyboard.type('anna@contoso.com');
    await page.keyboard.press('Enter');
    await expectText(page.getByTestId('signed-in-as'), /anna@contoso\.com/);
  });

  it("buys 5 seats: each step takes the focus, the declined card's message too", async () => {
    await tabTo('[data-testid="buy-button"]');
    await page.keyboard.press('Enter');
    await expectFocusOn('h2');
    expect(await focused()).toContain('Buy');

    await tabTo('[data-testid="quantity-monthly"]');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('5');
    await tabTo('[data-testid="to-review"]');
    await page.keyboard.press('Enter');
    await expectFocusOn('li[aria-current="step"]');
    expect(await focused()).toContain('Review');
    await expectText(page.getByTestId('checkout-total'), /€25\.00/);

    await tabTo('[data-testid="confirm-order"]');
    await page.keyboard.press('Space');
    await expectFocusOn('li[aria-current="step"]');
    expect(await focused()).toContain('Payment');
    await tabTo('[data-testid="card"]');
    await page.keyboard.type('4000 0000 0000 0002');
    await page.keyboard.press('Enter');
    await expectFocusOn('[role="group"]:has([data-testid="checkout-error"])');
    await expectText(page.getByTestId('checkout-error'), /The card was declined/);
    await screenshot(page, 'keyboard-en-checkout-declined');

    await tabTo('[data-testid="card"]', { backwards: true });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('4242 4242 4242 4242');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/subscriptions\/[0-9a-f-]{36}$/);
    await expectFocusOn('h2');
    expect(await focused()).toMatch(/Monthly, 5 seats/);
  });

  it('assigns a seat to oneself: the results take the focus', async () => {
    await tabTo('[data-testid="assign-emails"]');
    await page.keyboard.type('anna@contoso.com');
    await page.keyboard.press('Tab');
    expect(await focusMatches('[data-testid="assign"]')).toBe(true);
    await page.keyboard.press('Enter');
    await expectFocusOn('#results-heading');
    await expectText(page.getByTestId('assignment-results'), /anna@contoso\.com: assigned; welcome email sent/);
    await expectText(page.getByTestId('seats-table'), /anna@contoso\.com\s+Pending/);
  });

  it('removes the seat after confirming in a dialog that holds the focus', async () => {
    await tabTo('button[aria-label="Remove the seat of anna@contoso.com"]');
    await page.keyboard.press('Space');
    await expectFocusOn('[role="dialog"] *');
    await expectText(page.getByRole('dialog'), /Remove the seat of anna@contoso\.com\?/);
    // Tab stays inside the dialog: it reaches the confirmation without leaving it.
    await tabTo('[data-testid="remove-seat-confirm"]', { limit: 5 });
    await screenshot(page, 'keyboard-en-remove-seat');
    await page.keyboard.press('Enter');
    await expectFocusOn('[role="group"]:has([data-testid="seats-notice"])');
    await expectText(page.getByTestId('seats-notice'), /The seat of anna@contoso\.com was removed/);
  });

  it("moves between the subscription's tabs with the arrow keys", async () => {
    await tabTo('[data-testid="tab-seats"]', { backwards: true });
    await page.keyboard.press('ArrowRight');
    expect(await focusMatches('[data-testid="tab-delegates"]')).toBe(true);
    await page.keyboard.press('Enter');
    await tabTo('[data-testid="invite-email"]');
    await screenshot(page, 'keyboard-en-delegates');
  });
});
