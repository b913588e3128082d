/**
 * Proving a domain end to end in Chromium (issue 10, finding 4): the first buyer sees their
 * tenant's domain proven, adds another domain, reads the TXT record to publish, presses "Check
 * now" (not found yet), publishes the record in the development DNS stand-in (as they would at
 * their DNS provider), checks again and assigns a seat there. The server's production resolver
 * asks the stand-in over UDP.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buyMonthlySeats,
  expectText,
  launchChromium,
  screenshot,
  signIn,
  startServerProcess,
  type ServerProcess,
} from './support.js';

let server: ServerProcess;
let browser: Browser;
let portal: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServerProcess(), launchChromium()]);
  portal = await (await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('proving a domain in the portal', () => {
  it('shows the TXT record, checks it, and lets seats go to the domain once proven', async () => {
    await portal.goto(`${server.baseUrl}/portal.html`);
    await signIn(portal, 'olivia@contoso.com');
    await buyMonthlySeats(portal, 3);

    // A domain not proven yet takes no seat.
    await portal.getByTestId('assign-emails').fill('rita@contoso-research.example');
    await portal.getByTestId('assign').click();
    await expectText(portal.getByTestId('assignment-results'), /1 × not at a domain your organisation proved/);

    await portal.getByTestId('tab-domains').click();
    await expectText(
      portal.getByTestId('domain-row-contoso.com'),
      /contoso\.com\s+Proven\s+verified by your Microsoft 365 tenant/,
    );
    await portal.getByTestId('domain-input').fill('contoso-research.example');
    await portal.getByRole('button', { name: 'Add', exact: true }).click();
    await expectText(portal.getByRole('main'), /contoso-research\.example does not exist in DNS/);
    await expectText(portal.getByTestId('domain-row-contoso-research.example'), /Waiting for proof/);
    const value = await portal.getByTestId('domain-record-value').innerText();
    expect(value).toMatch(/^outmerge-verification=[A-Za-z0-9_-]{43}$/);

    // The customer publishes the record at their DNS provider: here, the development DNS stand-in.
    const published = await fetch(`${server.baseUrl}/dev/dns/records`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'contoso-research.example', txt: ['v=spf1 -all', value] }),
    });
    expect(published.status).toBe(200);
    await portal.getByRole('button', { name: 'Check now whether contoso-research.example is proven' }).click();
    await expectText(portal.getByRole('main'), /contoso-research\.example is proven: you can assign seats at it now/);
    await expectText(portal.getByTestId('domain-row-contoso-research.example'), /Proven\s+by its DNS record/);
    await screenshot(portal, 'domains-en-proven');

    await portal.getByTestId('tab-seats').click();
    await portal.getByTestId('assign-emails').fill('rita@contoso-research.example');
    await portal.getByTestId('assign').click();
    await expectText(portal.getByTestId('assignment-results'), /1 × assigned; welcome email sent/);
  });
});
