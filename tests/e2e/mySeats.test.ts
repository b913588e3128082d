/**
 * A person leaves a seat another organisation gave them, from the portal (issue 10, finding 4),
 * in Chromium against the real server process: Contoso proved woodgrove.example by DNS and gave
 * Ida a seat; Woodgrove, her own organisation, gives her one too. The dashboard shows her own seat
 * and Contoso's, which she leaves after confirming (Cancel changes nothing); in English, French
 * and German.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callApi,
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

const call = <T>(
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  headers?: Record<string, string>,
) => callApi<T>(server.baseUrl, method, path, token, body, headers);
const token = async (email: string) =>
  (await call<{ access_token: string }>('POST', '/dev/idp/token', null, { email })).access_token;
const buy = async (owner: string, key: string) =>
  (
    await call<{ subscriptionId: string }>(
      'POST',
      '/api/v1/checkout',
      owner,
      { plan: 'monthly', quantity: 2, card: '4242 4242 4242 4242' },
      { 'idempotency-key': key },
    )
  ).subscriptionId;
const check = (person: string) =>
  call<{ code: string }>('POST', '/api/v1/license/check', person, { nonce: 'nonce-0123456789abcdef' });

let contosoSubscription: string;
let contoso: string;
let ida: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServerProcess(), launchChromium()]);
  // Woodgrove's DNS administrator let Contoso prove woodgrove.example; Contoso gives Ida a seat, which binds at her check.
  contoso = await token('olivia@contoso.com');
  contosoSubscription = await buy(contoso, 'my-seats-contoso');
  const domains = `/api/v1/subscriptions/${contosoSubscription}/domains`;
  await call('POST', domains, contoso, { domain: 'woodgrove.example' });
  const { record } = await call<{ record: { value: string } }>('GET', domains, contoso);
  await call('PUT', '/dev/dns/records', null, { name: 'woodgrove.example', txt: [record.value] });
  expect(await call('POST', `${domains}/woodgrove.example/check`, contoso)).toMatchObject({ status: 'proven' });
  await call('POST', `/api/v1/subscriptions/${contosoSubscription}/assignments`, contoso, {
    emails: ['ida@woodgrove.example'],
  });
  ida = await token('ida@woodgrove.example');
  expect(await check(ida)).toMatchObject({ code: 'ACTIVE' });
  // Her own organisation buys and gives her a seat: it wins at her next check.
  const woodgrove = await token('owner@woodgrove.example');
  const woodgroveSubscription = await buy(woodgrove, 'my-seats-woodgrove');
  await call('POST', `/api/v1/subscriptions/${woodgroveSubscription}/assignments`, woodgrove, {
    emails: ['ida@woodgrove.example'],
  });
  expect(await check(ida)).toMatchObject({ code: 'ACTIVE' });
  portal = await (await browser.newContext({ viewport: { width: 1000, height: 800 }, locale: 'en-US' })).newPage();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('leaving a foreign seat from the portal', () => {
  it("shows the person's own seat and the foreign one, and leaves the foreign one once confirmed", async () => {
    await portal.goto(`${server.baseUrl}/portal.html`);
    await signIn(portal, 'ida@woodgrove.example');

    const seats = portal.getByTestId('my-seats');
    await expectText(
      seats.getByTestId('my-seat'),
      /^Your seat: Active\. Its subscription's owner is owner@woodgrove\.example\.$/,
    );
    await expectText(
      seats.getByTestId('my-foreign-seat'),
      /contoso\.com \(contact: olivia@contoso\.com\) also assigned you a seat \(Active\)\. It is not your organisation's: you can leave it\./,
    );
    await screenshot(seats, 'my-seats-en');

    // Cancel changes nothing.
    await seats.getByRole('button', { name: 'Leave the seat of contoso.com' }).click();
    const confirm = portal.getByRole('dialog');
    await expectText(
      confirm,
      /Leave the seat of contoso\.com\?[\s\S]*only olivia@contoso\.com can assign you a seat of contoso\.com again/,
    );
    await screenshot(confirm, 'my-seats-en-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => portal.getByRole('dialog').count()).toBe(0);
    expect((await call<{ foreignSeats?: unknown[] }>('GET', '/api/v1/me/license', ida)).foreignSeats).toHaveLength(1);

    // In French and German, the same words a person reads before leaving.
    await portal.getByLabel('Language').selectOption('fr');
    await expectText(
      seats.getByTestId('my-foreign-seat'),
      /contoso\.com \(contact\u202f: olivia@contoso\.com\) t’a aussi attribué une licence \(Active\)/,
    );
    await seats.getByRole('button', { name: 'Quitter la licence de contoso.com' }).click();
    await expectText(portal.getByRole('dialog'), /Quitter la licence de contoso\.com\u202f\?[\s\S]*C’est définitif/);
    await screenshot(portal.getByRole('dialog'), 'my-seats-fr-confirm');
    await portal.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click();
    await portal.getByLabel('Langue').selectOption('de');
    await expectText(
      seats.getByTestId('my-seat'),
      /^Deine Lizenz: Aktiv\. Das Abonnement gehört owner@woodgrove\.example\.$/,
    );
    await seats.getByRole('button', { name: 'Lizenz von contoso.com verlassen' }).click();
    await expectText(
      portal.getByRole('dialog'),
      /Lizenz von contoso\.com verlassen\?[\s\S]*Das lässt sich nicht rückgängig machen/,
    );
    await screenshot(portal.getByRole('dialog'), 'my-seats-de-confirm');
    await portal.getByRole('dialog').getByRole('button', { name: 'Abbrechen' }).click();
    await portal.getByLabel('Sprache').selectOption('en');

    await seats.getByRole('button', { name: 'Leave the seat of contoso.com' }).click();
    await portal.getByTestId('leave-seat-confirm').click();
    await expectText(seats.getByTestId('my-seats-notice'), /^You left the seat of contoso\.com\.$/);
    await expect.poll(() => seats.getByTestId('my-foreign-seat').count()).toBe(0);
    await expectText(seats.getByTestId('my-seat'), /owner@woodgrove\.example/);
    await expect.poll(() => portal.getByRole('dialog').count()).toBe(0);
    await screenshot(seats, 'my-seats-en-left');

    // Contoso no longer holds her seat, and its journal says she left.
    expect((await call<{ foreignSeats?: unknown[] }>('GET', '/api/v1/me/license', ida)).foreignSeats).toBeUndefined();
    const left = await call<{ entries: Array<{ actor: string; actorRole: string }> }>(
      'GET',
      `/api/v1/subscriptions/${contosoSubscription}/journal?action=seat.left`,
      contoso,
    );
    expect(left.entries).toEqual([
      expect.objectContaining({ actor: 'ida@woodgrove.example', actorRole: 'seat_holder' }),
    ]);
  });
});
