/**
 * No seat without payment (issue 10, findings 1–3), each attack through the API on a real SQLite
 * file with a clock the test moves: self-made partner trials, product keys that bought more than
 * their seats and term, and consolidation credit made from money never paid. Each test is the
 * attack as reported, then its variations; all of them passed (the attack worked) before the fix.
 * The property over random sequences is in valueForMoney.property.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartnerView } from '#shared/api/views.js';
import { setPartnerTrialAllowance } from '../../server/src/partners/trialAllowance.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const DAY = 86_400_000;
let server: TestServer;
let now = Date.UTC(2031, 0, 1, 12);

beforeAll(async () => {
  server = await startTestServer(
    {
      RENEWAL_INTERVAL_SECONDS: '0',
      PAST_DUE_GRACE_DAYS: '0',
      INVITATION_RATE_PER_MINUTE: '100000',
      LICENSE_CHECK_RATE_PER_MINUTE: '100000',
    },
    { clock: () => now },
  );
});
afterAll(() => server.close());

let sequence = 0;
const idem = () => ({ 'idempotency-key': `vfm-${++sequence}-${Math.random().toString(36).slice(2)}` });

const accounts = new Map<string, [string, string]>();
async function person(email: string, tenantId?: string) {
  const response = await server.call('POST', '/dev/idp/token', { body: { email, ...(tenantId ? { tenantId } : {}) } });
  const issued = response.json<{ access_token: string; account: { tenantId: string; objectId: string } }>();
  accounts.set(issued.access_token, [issued.account.tenantId, issued.account.objectId]);
  return issued.access_token;
}
async function enrol(token: string, name: string): Promise<PartnerView> {
  const response = await server.call('POST', '/api/v1/partners', { token, body: { name } });
  expect(response.statusCode).toBe(201);
  return response.json<PartnerView>();
}
function linkParts(link: string) {
  const params = new URLSearchParams(new URL(link).hash.replace(/^#\/offer\?/, ''));
  return { code: params.get('code')!, token: params.get('token')! };
}
const trialOffer = (token: string, partnerId: string, quantity: number, trialDays = 30, plan = 'monthly') =>
  server.call('POST', `/api/v1/partners/${partnerId}/offers`, {
    token,
    body: { kind: 'trial', plan, quantity, trialDays },
  });
const redeem = (token: string, link: string) =>
  server.call('POST', '/api/v1/offers/redeem', { token, body: linkParts(link) });
const check = async (token: string) =>
  (
    await server.call('POST', '/api/v1/license/check', {
      token,
      body: { nonce: `nonce-${Math.random().toString(36).slice(2)}-0000` },
    })
  ).json<{ code: string; subscriptionId: string | null }>();
const assign = (token: string, id: string, emails: string[]) =>
  server.call('POST', `/api/v1/subscriptions/${id}/assignments`, { token, body: { emails } });
const subscription = async (token: string, id: string) =>
  (await server.call('GET', `/api/v1/subscriptions/${id}`, { token })).json<{
    quantity: number;
    status: string;
    periodEnd: string;
  }>();
async function buy(token: string, quantity: number, plan = 'monthly'): Promise<string> {
  const response = await server.call('POST', '/api/v1/checkout', {
    token,
    body: { plan, quantity, card: '4242 4242 4242 4242' },
    headers: idem(),
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ subscriptionId: string }>().subscriptionId;
}
async function keys(
  token: string,
  partnerId: string,
  seats: number,
  termPeriods: number,
  count = 1,
  plan = 'monthly',
): Promise<{ keys: string[]; amountMinor: number }> {
  const response = await server.call('POST', `/api/v1/partners/${partnerId}/product-keys`, {
    token,
    body: { plan, seats, termPeriods, count, card: '4242 4242 4242 4242' },
    headers: idem(),
  });
  expect(response.statusCode).toBe(201);
  return response.json();
}
const redeemKey = (token: string, key: string, subscriptionId?: string) =>
  server.call('POST', '/api/v1/product-keys/redeem', {
    token,
    body: { key, ...(subscriptionId ? { subscriptionId } : {}) },
  });
const approve = (partner: PartnerView, seats: number) =>
  setPartnerTrialAllowance(server.services.uow, partner.advisorCode, seats, now);

describe('finding 1: self-made partner trials', () => {
  it('the attack: enrol, a 10,000-seat 90-day trial offer, redeem it yourself three times: refused at every step, nobody is ACTIVE', async () => {
    const attacker = await person('boss@mallory.example');
    const partner = await enrol(attacker, 'Mallory Partners');
    // Enrolling alone gives no power to make free seats.
    expect((await trialOffer(attacker, partner.id, 10_000, 90)).json()).toMatchObject({
      error: { code: 'TRIAL_OVER_LIMIT' },
    });
    expect((await trialOffer(attacker, partner.id, 25)).json()).toMatchObject({
      error: { code: 'PARTNER_TRIAL_ALLOWANCE_EXCEEDED' },
    });
    // Even once the vendor approved trials, the partner's own organisation (any of its people) cannot take them.
    await approve(partner, 1000);
    const { link } = (await trialOffer(attacker, partner.id, 25)).json<{ link: string }>();
    expect((await redeem(attacker, link)).json()).toMatchObject({ error: { code: 'PARTNER_OWN_CUSTOMER' } });
    const colleague = await person('eve@mallory.example');
    expect((await redeem(colleague, link)).json()).toMatchObject({ error: { code: 'PARTNER_OWN_CUSTOMER' } });
    // Signing in from another tenant with the partner's own domain is still the partner.
    const elsewhere = await person('eve@mallory.example', '00000000-0000-4000-8000-0000000000e1');
    expect((await redeem(elsewhere, link)).json()).toMatchObject({ error: { code: 'PARTNER_OWN_CUSTOMER' } });
    expect(await server.services.uow.read.subscriptions.listOwnedBy(...ids(attacker))).toEqual([]);
    expect((await check(colleague)).code).toBe('NO_LICENSE');
  });

  it('trials are capped, one per organisation and plan, never stacked, never after a purchase, and count against the allowance', async () => {
    const boss = await person('boss@trusty-partners.example');
    const partner = await enrol(boss, 'Trusty');
    await approve(partner, 40);
    expect((await trialOffer(boss, partner.id, 26)).json()).toMatchObject({
      error: { code: 'TRIAL_OVER_LIMIT', details: { maxSeats: 25, maxDays: 30 } },
    });
    expect((await trialOffer(boss, partner.id, 5, 31)).json()).toMatchObject({ error: { code: 'TRIAL_OVER_LIMIT' } });
    const monthly = (await trialOffer(boss, partner.id, 20)).json<{ link: string }>().link;
    const annual = (await trialOffer(boss, partner.id, 10, 30, 'annual')).json<{ link: string }>().link;

    const first = await person('owner@alpha-customer.example');
    expect((await redeem(first, monthly)).statusCode).toBe(201);
    // No stacking: no second trial while one runs, whatever the plan; and one per plan, ever.
    expect((await redeem(first, annual)).json()).toMatchObject({ error: { code: 'TRIAL_ALREADY_USED' } });
    const other = await enrol(await person('boss@other-partners.example'), 'Other');
    await approve(other, 100);
    const otherMonthly = (await trialOffer(await person('boss@other-partners.example'), other.id, 5)).json<{
      link: string;
    }>().link;
    expect((await redeem(first, otherMonthly)).json()).toMatchObject({ error: { code: 'TRIAL_ALREADY_USED' } });
    // No trial of a plan the organisation pays for.
    const payer = await person('owner@bravo-customer.example');
    await buy(payer, 3);
    expect((await redeem(payer, monthly)).json()).toMatchObject({ error: { code: 'TRIAL_AFTER_PURCHASE' } });
    // 20 of the 40 allowed seats are given: another 20-seat trial passes, a third does not.
    expect((await redeem(await person('owner@charlie-customer.example'), monthly)).statusCode).toBe(201);
    expect((await redeem(await person('owner@delta-customer.example'), monthly)).json()).toMatchObject({
      error: { code: 'PARTNER_TRIAL_ALLOWANCE_EXCEEDED' },
    });
    expect((await trialOffer(boss, partner.id, 1)).json()).toMatchObject({
      error: { code: 'PARTNER_TRIAL_ALLOWANCE_EXCEEDED' },
    });
    // A trial does not grow: more seats are bought.
    const trialId = (await server.services.uow.read.subscriptions.listOwnedBy(...ids(first))).find(
      (s) => s.status === 'trial',
    )!.id;
    expect(
      (
        await server.call('GET', `/api/v1/subscriptions/${trialId}/quantity/preview?quantity=2000`, { token: first })
      ).json(),
    ).toMatchObject({ error: { code: 'TRIAL_SEATS_FIXED' } });
    // The vendor's approval is journaled for the partner.
    const entries = (await server.call('GET', `/api/v1/partners/${partner.id}/journal`, { token: boss })).json<
      Array<{ action: string; actorRole: string }>
    >();
    expect(entries).toContainEqual(
      expect.objectContaining({ action: 'partner.trial_allowance_set', actorRole: 'vendor' }),
    );
  });

  it('a partner cannot buy through its own purchase offer or redeem its own product key', async () => {
    const boss = await person('boss@selfish-partners.example');
    const partner = await enrol(boss, 'Selfish');
    const offer = (
      await server.call('POST', `/api/v1/partners/${partner.id}/offers`, {
        token: boss,
        body: { kind: 'purchase', plan: 'monthly', quantity: 3 },
      })
    ).json<{ link: string }>();
    const before = server.services.paymentProvider;
    expect(
      (
        await server.call('POST', '/api/v1/offers/redeem', {
          token: boss,
          body: { ...linkParts(offer.link), card: '4242 4242 4242 4242' },
          headers: idem(),
        })
      ).json(),
    ).toMatchObject({ error: { code: 'PARTNER_OWN_CUSTOMER' } });
    expect(server.services.paymentProvider).toBe(before);
    const bought = await keys(boss, partner.id, 2, 1);
    expect((await redeemKey(boss, bought.keys[0]!)).json()).toMatchObject({ error: { code: 'PARTNER_OWN_CUSTOMER' } });
  });
});

function ids(token: string): [string, string] {
  return accounts.get(token)!;
}

describe('finding 2: a product key buys exactly its seats for exactly its term', () => {
  it("a 1-seat key on a trial gives a 1-seat subscription, not the trial's seats; refused while more people hold a seat", async () => {
    const boss = await person('boss@keys-partners.example');
    const partner = await enrol(boss, 'Keys');
    await approve(partner, 100);
    const { link } = (await trialOffer(boss, partner.id, 25)).json<{ link: string }>();
    const owner = await person('owner@echo-customer.example');
    const trial = (await redeem(owner, link)).json<{ subscriptionId: string }>().subscriptionId;
    await assign(owner, trial, ['a@echo-customer.example', 'b@echo-customer.example']);
    const key = (await keys(boss, partner.id, 1, 3)).keys[0]!;
    expect((await redeemKey(owner, key, trial)).json()).toMatchObject({
      error: { code: 'PRODUCT_KEY_SEATS_MISMATCH' },
    });
    expect(await subscription(owner, trial)).toMatchObject({ status: 'trial', quantity: 25 });
    await server.call(
      'DELETE',
      `/api/v1/subscriptions/${trial}/assignments/${encodeURIComponent('b@echo-customer.example')}`,
      { token: owner },
    );
    const redeemed = (await redeemKey(owner, key, trial)).json<{
      quantity: number;
      status: string;
      periodEnd: string;
      prepaidPeriods: number;
    }>();
    expect(redeemed).toMatchObject({ quantity: 1, status: 'active', prepaidPeriods: 2 });
    expect(Date.parse(redeemed.periodEnd)).toBe(Date.UTC(2031, 1, 1, 12) + (now - Date.UTC(2031, 0, 1, 12)));
  });

  it("a 1-seat key does not extend a 50-seat subscription; a key of the subscription's seats prepays exactly its renewals, then the card pays", async () => {
    const boss = await person('boss@keys2-partners.example');
    const partner = await enrol(boss, 'Keys Two');
    const owner = await person('owner@foxtrot-customer.example');
    const big = await buy(owner, 50);
    const before = await subscription(owner, big);
    const one = (await keys(boss, partner.id, 1, 1)).keys[0]!;
    // One seat prepaid of fifty: the renewal charges the other 49; the end date does not move.
    expect((await redeemKey(owner, one, big)).json()).toMatchObject({
      created: false,
      quantity: 50,
      prepaidPeriods: 1,
      periodEnd: before.periodEnd,
    });
    now = Date.parse(before.periodEnd) + 1000;
    await server.services.billing.runRenewals(now);
    const price = server.services.config.payments.plans.find((p) => p.id === 'monthly')!.unitPriceMinor;
    const full = 9 * price + 41 * Math.round(price * 0.8);
    const renewals = async () =>
      (await server.services.uow.read.invoices.listInvoices(big)).filter((i) => i.kind === 'renewal');
    expect((await renewals()).map((i) => [i.status, i.totalMinor])).toEqual([['paid', full - price]]);
    // The next renewal is charged in full: the key paid one period of one seat, no more.
    now = Date.parse((await subscription(owner, big)).periodEnd) + 1000;
    await server.services.billing.runRenewals(now);
    expect((await renewals()).map((i) => i.totalMinor)).toEqual([full, full - price]);
    // Two 50-seat keys prepay the same 50 seats one after the other; a 51-seat key does not fit.
    const fifty = (await keys(boss, partner.id, 50, 1, 2)).keys;
    for (const k of fifty) expect((await redeemKey(owner, k, big)).statusCode).toBe(201);
    for (let i = 0; i < 3; i++) {
      now = Date.parse((await subscription(owner, big)).periodEnd) + 1000;
      await server.services.billing.runRenewals(now);
    }
    expect((await renewals()).map((i) => i.totalMinor)).toEqual([full, 0, 0, full, full - price]);
    const tooBig = (await keys(boss, partner.id, 51, 1)).keys[0]!;
    expect((await redeemKey(owner, tooBig, big)).json()).toMatchObject({
      error: { code: 'PRODUCT_KEY_SEATS_MISMATCH' },
    });
  });

  it('a subscription made from a key ends with its term: no grace, no seat-day more', async () => {
    const boss = await person('boss@keys3-partners.example');
    const partner = await enrol(boss, 'Keys Three');
    const owner = await person('owner@golf-customer.example');
    const key = (await keys(boss, partner.id, 2, 2)).keys[0]!;
    const made = (await redeemKey(owner, key)).json<{
      subscriptionId: string;
      periodEnd: string;
      prepaidPeriods: number;
    }>();
    expect(made.prepaidPeriods).toBe(1);
    await assign(owner, made.subscriptionId, ['owner@golf-customer.example']);
    now = Date.parse(made.periodEnd) + 1000;
    await server.services.billing.runRenewals(now);
    const second = await subscription(owner, made.subscriptionId);
    expect(second.status).toBe('active');
    expect((await check(owner)).code).toBe('ACTIVE');
    now = Date.parse(second.periodEnd);
    await server.services.billing.runRenewals(now);
    expect((await subscription(owner, made.subscriptionId)).status).toBe('expired');
    expect((await check(owner)).code).toBe('SUBSCRIPTION_EXPIRED');
  });
});

function chargesTotal(): number {
  const provider = server.services.paymentProvider as unknown as {
    listCharges(): ReadonlyArray<{ amountMinor: number; status: string }>;
  };
  return provider
    .listCharges()
    .filter((c) => c.status === 'succeeded')
    .reduce((sum, c) => sum + c.amountMinor, 0);
}

describe('finding 3: credit is only unused money actually paid', () => {
  it("consolidating a free trial into a paid subscription gives no credit: its people's seats are paid for", async () => {
    const boss = await person('boss@merge-partners.example');
    const partner = await enrol(boss, 'Merge');
    await approve(partner, 100);
    const { link } = (await trialOffer(boss, partner.id, 25)).json<{ link: string }>();
    const owner = await person('owner@hotel-customer.example');
    const trial = (await redeem(owner, link)).json<{ subscriptionId: string }>().subscriptionId;
    const paid = await buy(owner, 2);
    await assign(owner, trial, ['a@hotel-customer.example', 'b@hotel-customer.example', 'c@hotel-customer.example']);
    now += 10 * DAY;
    const start = chargesTotal();
    const merged = await server.call('POST', `/api/v1/subscriptions/${paid}/consolidate`, {
      token: owner,
      body: { sources: [trial] },
      headers: idem(),
    });
    expect(merged.statusCode).toBe(200);
    const body = merged.json<{ quantity: number; creditMinor: number; chargedMinor: number }>();
    expect(body.quantity).toBe(3);
    expect(body.creditMinor).toBe(0);
    // The paid subscription's one extra seat for the rest of its period was charged, in money.
    expect(body.chargedMinor).toBeGreaterThan(0);
    expect(chargesTotal() - start).toBe(body.chargedMinor);
  });

  it('a paid source leaves exactly the unused part of what it paid, never more; a key-made source leaves none', async () => {
    const owner = await person('owner@india-customer.example');
    const target = await buy(owner, 1);
    const source = await buy(owner, 4);
    const paidForSource = (await server.services.uow.read.invoices.listInvoices(source)).reduce(
      (sum, i) => sum + i.totalMinor,
      0,
    );
    const period = (await server.services.uow.read.subscriptions.find(source))!;
    now = period.periodStart + Math.floor((period.periodEnd - period.periodStart) / 4);
    await assign(owner, source, ['a@india-customer.example']);
    const merged = (
      await server.call('POST', `/api/v1/subscriptions/${target}/consolidate`, {
        token: owner,
        body: { sources: [source] },
        headers: idem(),
      })
    ).json<{ creditMinor: number }>();
    const unused = Math.floor((paidForSource * (period.periodEnd - now)) / (period.periodEnd - period.periodStart));
    // The target grew by one seat, paid from the credit first; what is left is the rest of the unused money.
    expect(merged.creditMinor).toBeLessThanOrEqual(unused);
    const credits = await server.services.uow.read.invoices.creditBalance(target);
    expect(credits).toBe(merged.creditMinor);

    const boss = await person('boss@merge2-partners.example');
    const partner = await enrol(boss, 'Merge Two');
    const key = (await keys(boss, partner.id, 3, 3)).keys[0]!;
    const fromKey = (await redeemKey(owner, key)).json<{ subscriptionId: string }>().subscriptionId;
    const again = (
      await server.call('POST', `/api/v1/subscriptions/${target}/consolidate`, {
        token: owner,
        body: { sources: [fromKey] },
        headers: idem(),
      })
    ).json<{ creditMinor: number }>();
    expect(again.creditMinor).toBe(credits);
  });
});
