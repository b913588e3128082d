/**
 * The page about Outmerge (/outmerge.html), where the free version's footer leads (issue 14, point
 * 8), in Chromium against the real server: in the visitor's language from the browser and
 * switchable, readable on a phone 375 px wide without sideways scrolling, with no accessibility
 * violation axe-core finds (WCAG 2 A and AA), and the ways to get Outmerge: Microsoft's store when
 * the deployment names its listing, the IT department otherwise.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectText, launchChromium, screenshot, startServerProcess, type ServerProcess } from './support.js';

const APPSOURCE = 'https://appsource.microsoft.com/product/office/WA200000000';
const PHONE = { width: 375, height: 812 };
let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServerProcess({ APPSOURCE_URL: APPSOURCE }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(locale: string, viewport = PHONE): Promise<Page> {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/outmerge.html`);
  return page;
}

/** Whether the page is wider than the window: sideways scrolling on a phone. */
const overflowsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** axe-core's WCAG 2 A and AA rules, run in the page (evaluated through the DevTools protocol, which the page's CSP does not govern). */
async function accessibilityViolations(page: Page): Promise<Array<{ id: string; nodes: number }>> {
  const source = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(context: Document, options: object): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.length }));
  });
}

describe('the page about Outmerge', () => {
  it('speaks the browser’s language, fits a phone, and says how to get Outmerge', async () => {
    const page = await open('fr-FR');
    await expectText(
      page.getByRole('heading', { level: 1 }),
      /^Des e-mails personnels à de nombreuses personnes, envoyés depuis Outlook$/,
    );
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expectText(page.getByTestId('landing'), /Ton adresse reste chez l’expéditeur/);
    // The deployment names its AppSource listing; IT gets the portal's help page.
    await expect.poll(() => page.getByTestId('landing-store').getAttribute('href')).toBe(APPSOURCE);
    expect(await page.getByTestId('landing-it').getAttribute('href')).toBe('/portal.html#/it-help');
    expect(await overflowsSideways(page)).toBe(false);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page.locator('body'), 'landing-fr-375');
    await page.context().close();
  });

  it('switches language on request, still without sideways scrolling', async () => {
    const page = await open('en-US');
    await expectText(page.getByRole('heading', { level: 1 }), /^Personal emails to many people, sent from Outlook$/);
    await page.getByLabel('Language').selectOption('de');
    await expectText(
      page.getByRole('heading', { level: 1 }),
      /^Persönliche E-Mails an viele Menschen, gesendet aus Outlook$/,
    );
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await page.title()).toBe('Outmerge — Serien-E-Mails für Outlook');
    expect(await overflowsSideways(page)).toBe(false);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page.locator('body'), 'landing-de-375');
    await page.context().close();
  });

  it('reads well on a wide screen, and says how to find Outmerge in Outlook where no listing is configured', async () => {
    const plain = await startServerProcess();
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(`${plain.baseUrl}/outmerge.html`);
      await expectText(page.getByTestId('landing'), /search for “Outmerge” and add it/);
      // The configuration has been read (the footer's default link is this page) and names no listing.
      expect(((await (await fetch(`${plain.baseUrl}/app-config.json`)).json()) as { promoUrl: string }).promoUrl).toBe(
        `${plain.baseUrl}/outmerge.html`,
      );
      await expect
        .poll(() =>
          page.evaluate(() =>
            performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/app-config.json')),
          ),
        )
        .toBe(true);
      expect(await page.getByTestId('landing-store').count()).toBe(0);
      await screenshot(page, 'landing-en-wide');
      await context.close();
    } finally {
      await plain.stop();
    }
  });
});
