/**
 * The billing engine through the API (B1–B5, A9): cart checkout with invoices, additional
 * authentication, quantity changes whose charge equals the preview, idempotent replays, renewals
 * with past due and expiry as the license check sees them, paying an open invoice, payment
 * methods, the signed webhook and consolidation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingSummaryView, InvoiceView, QuantityPreviewView } from '#shared/api/views.js';
import { GatedProvider } from '../helpers/gatedProvider.js';
import { paymentServices } from '../helpers/paymentServices.js';
import { signWebhook } from '../../server/src/billing/webhookSignature.js';
import { buySubscription, startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let owner: string;
const WEBHOOK_SECRET = 'whsec_billing_test';
let keys = 0;
const key = () => `billing-key-${++keys}-${Math.random().toString(36).slice(2)}`;

beforeAll(async () => {
  server = await startTestServer({
    TAX_RATE_BP: '810',
    RENEWAL_INTERVAL_SECONDS: '0',
    PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  owner = await server.token('olivia@contoso.com');
});
afterAll(() => server.close());

const base = (id: string) => `/api/v1/subscriptions/${id}`;
const subscription = async (id: string, token = owner) =>
  (await server.call('GET', base(id), { token })).json<{
    quantity: number;
    status: string;
    assigned: number;
    periodEnd: string;
    actions: string[];
  }>();
const summary = async (id: string, token = owner) =>
  (await server.call('GET', `${base(id)}/billing`, { token })).json<BillingSummaryView>();
const invoices = async (id: string, token = owner) =>
  (await server.call('GET', `${base(id)}/invoices`, { token })).json<{ invoices: InvoiceView[] }>().invoices;
const payments = (id: string) => server.services.uow.read.invoices.countPayments(id);
const preview = async (id: string, quantity: number, token = owner) =>
  (
    await server.call('GET', `${base(id)}/quantity/preview?quantity=${quantity}`, { token })
  ).json<QuantityPreviewView>();
const change = (id: string, body: unknown, idempotencyKey = key(), token = owner) =>
  server.call('POST', `${base(id)}/quantity`, { token, body, headers: { 'idempotency-key': idempotencyKey } });
const checkout = (body: unknown, idempotencyKey = key(), token = owner) =>
  server.call('POST', '/api/v1/checkout', { token, body, headers: { 'idempotency-key': idempotencyKey } });
const assign = (id: string, emails: string[]) =>
  server.call('POST', `${base(id)}/assignments`, { token: owner, body: { emails } });
const licenseCheck = async (token: string) =>
  (
    await server.call('POST', '/api/v1/license/check', {
      token,
      body: { nonce: `nonce-${Math.random().toString(36).slice(2)}-0000` },
    })
  ).json<{ code: string; subscriptionId: string | null }>();
const replaceCard = (id: string, card: string, token = owner) =>
  server.call('PUT', `${base(id)}/payment-method`, { token, body: { card } });

describe('checkout with a cart', () => {
  it('buys several lines in one payment: one subscription, one numbered invoice with tax and the stored card per line', async () => {
    const response = await checkout({
      lines: [
        { plan: 'monthly', quantity: 12 },
        { plan: 'annual', quantity: 2 },
      ],
      card: '5555 5555 5555 4444',
    });
    expect(response.statusCode).toBe(201);
    const body = response.json<{ subscriptionIds: string[]; amountMinor: number; invoiceNumbers: string[] }>();
    expect(body.subscriptionIds).toHaveLength(2);
    // monthly: 9 × 500 + 3 × 400 = 5700, tax 8.1 % = 461.7 → 462; annual: 2 × 5000 = 10000, tax 810.
    expect(body.amountMinor).toBe(5700 + 462 + 10000 + 810);
    const [monthly, annual] = body.subscriptionIds as [string, string];
    const [invoice] = await invoices(monthly);
    expect(invoice).toMatchObject({
      kind: 'purchase',
      status: 'paid',
      subtotalMinor: 5700,
      taxMinor: 462,
      totalMinor: 6162,
      currency: 'EUR',
    });
    expect(invoice?.number).toMatch(/^OM-\d{4}-\d{6}$/);
    const [second] = await invoices(annual);
    expect(Number(second?.number.slice(-6))).toBe(Number(invoice?.number.slice(-6)) + 1);
    expect((await summary(monthly)).paymentMethod).toEqual({ brand: 'mastercard', last4: '4444' });
    expect(await payments(monthly)).toEqual({ succeeded: 1, amountMinor: 6162 });
  });

  it('refuses a cart naming a plan twice and a body with both forms, creating nothing', async () => {
    expect(
      (
        await checkout({
          lines: [
            { plan: 'monthly', quantity: 1 },
            { plan: 'monthly', quantity: 2 },
          ],
          card: '4242424242424242',
        })
      ).json(),
    ).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(
      (
        await checkout({
          lines: [{ plan: 'monthly', quantity: 1 }],
          plan: 'monthly',
          quantity: 1,
          card: '4242424242424242',
        })
      ).statusCode,
    ).toBe(400);
    expect((await checkout({ lines: [{ plan: 'gold', quantity: 1 }], card: '4242424242424242' })).json()).toMatchObject(
      { error: { code: 'PLAN_UNKNOWN' } },
    );
    expect((await checkout({ lines: [], card: '4242424242424242' })).statusCode).toBe(400);
  });

  it('asks for additional authentication with 4000 0027 6000 3184; the key replays the pending answer, then the final one', async () => {
    const before = (await server.call('GET', '/api/v1/subscriptions', { token: owner })).json<{
      subscriptions: unknown[];
    }>().subscriptions.length;
    const idempotencyKey = key();
    const first = await checkout({ plan: 'monthly', quantity: 3, card: '4000 0027 6000 3184' }, idempotencyKey);
    expect(first.statusCode).toBe(202);
    const pending = first.json<{ status: string; actionId: string; amountMinor: number }>();
    expect(pending).toMatchObject({ status: 'requires_action', amountMinor: 1500 + 122, currency: 'EUR' });
    expect(
      (await checkout({ plan: 'monthly', quantity: 3, card: '4000 0027 6000 3184' }, idempotencyKey)).json(),
    ).toEqual(pending);
    const stranger = await server.token('mallory@fabrikam.com');
    expect(
      (
        await server.call('POST', `/api/v1/payment-actions/${pending.actionId}/complete`, {
          token: stranger,
          body: { approved: true },
        })
      ).statusCode,
    ).toBe(404);

    const done = await server.call('POST', `/api/v1/payment-actions/${pending.actionId}/complete`, {
      token: owner,
      body: { approved: true },
    });
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({ status: 'active', quantity: 3, amountMinor: 1622 });
    expect(
      (
        await server.call('POST', `/api/v1/payment-actions/${pending.actionId}/complete`, {
          token: owner,
          body: { approved: true },
        })
      ).json(),
    ).toEqual(done.json());
    expect(
      (await checkout({ plan: 'monthly', quantity: 3, card: '4000 0027 6000 3184' }, idempotencyKey)).json(),
    ).toEqual(done.json());
    expect(
      (await server.call('GET', '/api/v1/subscriptions', { token: owner })).json<{ subscriptions: unknown[] }>()
        .subscriptions.length,
    ).toBe(before + 1);
  });

  it('a refused authentication is a decline and creates nothing', async () => {
    const first = (await checkout({ plan: 'annual', quantity: 1, card: '4000002760003184' })).json<{
      actionId: string;
    }>();
    const refused = await server.call('POST', `/api/v1/payment-actions/${first.actionId}/complete`, {
      token: owner,
      body: { approved: false },
    });
    expect(refused.statusCode).toBe(402);
    expect(refused.json()).toMatchObject({
      error: { code: 'PAYMENT_DECLINED', details: { reason: 'authentication_failed' } },
    });
  });
});

describe('quantity changes', () => {
  it('charges exactly the previewed amount at the previewed second, with the new recurring price', async () => {
    const id = await buySubscription(server, owner, 5);
    const seen = await preview(id, 12);
    expect(seen).toMatchObject({
      quantity: 5,
      newQuantity: 12,
      effective: 'now',
      recurringMinor: 5700,
      recurringTotalMinor: 5700 + 462,
      taxRateBp: 810,
    });
    expect(seen.debitMinor + seen.creditMinor).toBe(seen.subtotalMinor);
    expect(seen.amountDueMinor).toBe(seen.subtotalMinor + seen.taxMinor);
    expect(seen.amountDueMinor).toBeGreaterThan(0);
    const response = await change(id, {
      quantity: 12,
      prorationDate: seen.prorationDate,
      expectedAmountMinor: seen.amountDueMinor,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      quantity: 12,
      pendingQuantity: null,
      effective: 'now',
      chargedMinor: seen.amountDueMinor,
    });
    const [latest] = await invoices(id);
    expect(latest).toMatchObject({
      kind: 'quantity_change',
      status: 'paid',
      totalMinor: seen.amountDueMinor,
      subtotalMinor: seen.subtotalMinor,
      taxMinor: seen.taxMinor,
    });
    expect((await payments(id)).amountMinor).toBe(2500 + 203 + seen.amountDueMinor);
    expect((await subscription(id)).quantity).toBe(12);
  });

  it('replays a key without charging again; the same key with another body is refused', async () => {
    const id = await buySubscription(server, owner, 5);
    const seen = await preview(id, 7);
    const idempotencyKey = key();
    const body = { quantity: 7, prorationDate: seen.prorationDate, expectedAmountMinor: seen.amountDueMinor };
    const first = await change(id, body, idempotencyKey);
    const paid = await payments(id);
    const again = await change(id, body, idempotencyKey);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await payments(id)).toEqual(paid);
    expect((await invoices(id)).length).toBe(2);
    const other = await change(id, { ...body, quantity: 8 }, idempotencyKey);
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect((await subscription(id)).quantity).toBe(7);
  });

  it('refuses a stale or old preview and a missing key, changing nothing', async () => {
    const id = await buySubscription(server, owner, 5);
    const seen = await preview(id, 9);
    const stale = await change(id, {
      quantity: 9,
      prorationDate: seen.prorationDate,
      expectedAmountMinor: seen.amountDueMinor + 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: { code: 'QUANTITY_PREVIEW_STALE', details: { amountDueMinor: seen.amountDueMinor } },
    });
    const old = new Date(Date.parse(seen.prorationDate) - 16 * 60_000).toISOString();
    expect(
      (await change(id, { quantity: 9, prorationDate: old, expectedAmountMinor: seen.amountDueMinor })).json(),
    ).toMatchObject({ error: { code: 'QUANTITY_PREVIEW_EXPIRED' } });
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await change(id, { quantity: 9, prorationDate: future, expectedAmountMinor: 0 })).json()).toMatchObject({
      error: { code: 'QUANTITY_PREVIEW_EXPIRED' },
    });
    expect(
      (
        await server.call('POST', `${base(id)}/quantity`, {
          token: owner,
          body: { quantity: 9, prorationDate: seen.prorationDate, expectedAmountMinor: seen.amountDueMinor },
        })
      ).json(),
    ).toMatchObject({
      error: { code: 'IDEMPOTENCY_KEY_MISSING' },
    });
    for (const bad of [
      { quantity: 0, prorationDate: seen.prorationDate, expectedAmountMinor: 0 },
      { quantity: 9, prorationDate: 'yesterday', expectedAmountMinor: 0 },
      { quantity: 9, prorationDate: seen.prorationDate, expectedAmountMinor: -1 },
      { quantity: 9 },
    ]) {
      expect((await change(id, bad)).statusCode).toBe(400);
    }
    expect((await server.call('GET', `${base(id)}/quantity/preview?quantity=abc`, { token: owner })).statusCode).toBe(
      400,
    );
    // A subscription holds at most 100,000 seats (BillingService's rule, no longer the route's).
    expect(
      (await server.call('GET', `${base(id)}/quantity/preview?quantity=100001`, { token: owner })).json(),
    ).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('100,000') } });
    expect(
      (await server.call('GET', `${base(id)}/quantity/preview?quantity=100000`, { token: owner })).statusCode,
    ).toBe(200);
    expect((await subscription(id)).quantity).toBe(5);
    expect((await payments(id)).succeeded).toBe(1);
  });

  it('schedules a decrease for the renewal, never below the assigned seats, charging nothing', async () => {
    const id = await buySubscription(server, owner, 5);
    await assign(id, ['a1@contoso.com', 'a2@contoso.com', 'a3@contoso.com']);
    const below = await preview(id, 2);
    expect(below).toMatchObject({ error: { code: 'QUANTITY_BELOW_ASSIGNED' } });
    const seen = await preview(id, 3);
    expect(seen).toMatchObject({ effective: 'renewal', amountDueMinor: 0, recurringMinor: 1500 });
    const response = await change(id, { quantity: 3, prorationDate: seen.prorationDate, expectedAmountMinor: 0 });
    expect(response.json()).toMatchObject({ quantity: 5, pendingQuantity: 3, effective: 'renewal', chargedMinor: 0 });
    expect(await summary(id)).toMatchObject({ quantity: 5, pendingQuantity: 3, recurringMinor: 1500 });
    expect((await payments(id)).succeeded).toBe(1);
  });

  it('a declined payment leaves the quantity unchanged and is journaled', async () => {
    const id = await buySubscription(server, owner, 5);
    expect((await replaceCard(id, '4000 0000 0000 0341')).json()).toEqual({ brand: 'visa', last4: '0341' });
    const seen = await preview(id, 6);
    const response = await change(id, {
      quantity: 6,
      prorationDate: seen.prorationDate,
      expectedAmountMinor: seen.amountDueMinor,
    });
    expect(response.statusCode).toBe(402);
    expect(response.json()).toMatchObject({ error: { code: 'PAYMENT_DECLINED' } });
    expect((await subscription(id)).quantity).toBe(5);
    expect((await invoices(id)).length).toBe(1);
    const journal = (await server.call('GET', `${base(id)}/journal`, { token: owner }))
      .json<{ entries: Array<{ action: string }> }>()
      .entries.map((e) => e.action);
    expect(journal).toEqual(
      expect.arrayContaining(['subscription.purchased', 'payment_method.replaced', 'quantity.payment_failed']),
    );
  });
});

describe('renewal, past due, expiry', () => {
  it('renews with the stored card, applies a scheduled decrease and rolls the period', async () => {
    const id = await buySubscription(server, owner, 5);
    const seen = await preview(id, 4);
    await change(id, { quantity: 4, prorationDate: seen.prorationDate, expectedAmountMinor: 0 });
    const periodEnd = Date.parse((await subscription(id)).periodEnd);
    await server.services.billing.runRenewals(periodEnd + 1000);
    const after = await subscription(id);
    expect(after).toMatchObject({ status: 'active', quantity: 4 });
    expect(Date.parse(after.periodEnd)).toBeGreaterThan(periodEnd);
    const [renewal] = await invoices(id);
    expect(renewal).toMatchObject({
      kind: 'renewal',
      status: 'paid',
      subtotalMinor: 2000,
      taxMinor: 162,
      periodStart: new Date(periodEnd).toISOString(),
    });
    expect((await summary(id)).pendingQuantity).toBeNull();
  });

  it('a failed renewal makes it past due (still licensed), then expired (SUBSCRIPTION_EXPIRED) after the grace; paying the open invoice reactivates it', async () => {
    const id = await buySubscription(server, owner, 2);
    await assign(id, ['renewal.user@contoso.com']);
    const user = await server.token('renewal.user@contoso.com');
    expect(await licenseCheck(user)).toMatchObject({ code: 'ACTIVE', subscriptionId: id });
    await replaceCard(id, '4000000000000341');
    const periodEnd = Date.parse((await subscription(id)).periodEnd);

    await server.services.billing.runRenewals(periodEnd + 1000);
    const pastDue = await summary(id);
    expect(pastDue).toMatchObject({
      status: 'past_due',
      openInvoice: { kind: 'renewal', status: 'open', totalMinor: 1000 + 81 },
    });
    expect(Date.parse(pastDue.graceUntil ?? '')).toBe(periodEnd + 14 * 86_400_000);
    expect(await licenseCheck(user)).toMatchObject({ code: 'ACTIVE' });
    // The owner is told what happened, until when the users stay licensed, and where to pay.
    const ownerMail = async (kind: string) =>
      (await server.services.uow.read.outbox.listSent(500)).filter(
        (m) => m.kind === kind && m.to === 'olivia@contoso.com' && m.text.includes(id),
      );
    expect(await ownerMail('payment-failed')).toHaveLength(1);
    expect((await ownerMail('payment-failed'))[0]!.text).toContain(pastDue.openInvoice!.number);

    // The view offers what a past-due subscription allows: paying, not a quantity change or a merge into it (the API answers 409).
    expect((await subscription(id)).actions).toEqual(expect.arrayContaining(['billing.manage', 'seats.assign']));
    expect((await subscription(id)).actions).not.toContain('quantity.change');
    expect((await subscription(id)).actions).not.toContain('subscription.consolidate');
    expect(
      (await server.call('GET', `${base(id)}/quantity/preview?quantity=3`, { token: owner })).json(),
    ).toMatchObject({ error: { code: 'SUBSCRIPTION_NOT_ACTIVE' } });

    await server.services.billing.runRenewals(periodEnd + 14 * 86_400_000 - 1000);
    expect((await subscription(id)).status).toBe('past_due');
    await server.services.billing.runRenewals(periodEnd + 14 * 86_400_000 + 1000);
    expect((await subscription(id)).status).toBe('expired');
    expect(await licenseCheck(user)).toMatchObject({ code: 'SUBSCRIPTION_EXPIRED' });
    expect(await ownerMail('subscription-expired')).toHaveLength(1);

    const invoiceId = pastDue.openInvoice?.id ?? '';
    const declined = await server.call('POST', `${base(id)}/invoices/${invoiceId}/pay`, {
      token: owner,
      body: {},
      headers: { 'idempotency-key': key() },
    });
    expect(declined.statusCode).toBe(402);
    expect((await subscription(id)).status).toBe('expired');
    const paid = await server.call('POST', `${base(id)}/invoices/${invoiceId}/pay`, {
      token: owner,
      body: { card: '4242 4242 4242 4242' },
      headers: { 'idempotency-key': key() },
    });
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', invoice: { id: invoiceId, status: 'paid' } });
    expect(await summary(id)).toMatchObject({
      status: 'active',
      graceUntil: null,
      openInvoice: null,
      paymentMethod: { last4: '4242' },
    });
    expect((await subscription(id)).actions).toEqual(
      expect.arrayContaining(['quantity.change', 'subscription.consolidate']),
    );
    expect(await licenseCheck(user)).toMatchObject({ code: 'ACTIVE' });
    const again = await server.call('POST', `${base(id)}/invoices/${invoiceId}/pay`, {
      token: owner,
      body: {},
      headers: { 'idempotency-key': key() },
    });
    expect(again.json()).toMatchObject({ error: { code: 'INVOICE_NOT_OPEN' } });
    const actions = (
      await server.call('GET', `${base(id)}/journal?action=subscription.expired`, { token: owner })
    ).json<{ entries: Array<{ actorRole: string }> }>().entries;
    expect(actions).toEqual([expect.objectContaining({ actorRole: 'system' })]);
  });

  it('numbers invoices without gaps across purchases, changes and renewals', async () => {
    const numbers = server.services.uow.read.invoices;
    const all: string[] = [];
    const { subscriptions } = (await server.call('GET', '/api/v1/subscriptions', { token: owner })).json<{
      subscriptions: Array<{ id: string }>;
    }>();
    for (const s of subscriptions) all.push(...(await numbers.listInvoices(s.id)).map((i) => i.number));
    const sequence = all.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(sequence).toEqual(Array.from({ length: sequence.length }, (_, i) => i + 1));
  });
});

describe('invoices and payment methods', () => {
  it('serves an invoice as printable, escaped HTML in the asked language', async () => {
    const id = await buySubscription(server, owner, 3);
    const [invoice] = await invoices(id);
    const response = await server.call('GET', `${base(id)}/invoices/${invoice?.id}/html?lang=de`, { token: owner });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain(`Rechnung ${invoice?.number}`);
    expect(response.body).toContain('@media print');
    expect(response.body).toContain('15,00');
    expect(
      (
        await server.call('GET', `${base(id)}/invoices/00000000-0000-4000-8000-000000000000/html`, { token: owner })
      ).json(),
    ).toMatchObject({ error: { code: 'INVOICE_NOT_FOUND' } });
  });

  it('stores only token, brand and last four digits; refuses unusable cards', async () => {
    const id = await buySubscription(server, owner, 1);
    expect((await replaceCard(id, '1234')).json()).toMatchObject({ error: { code: 'PAYMENT_CARD_INVALID' } });
    expect((await replaceCard(id, '5555555555554444')).json()).toEqual({ brand: 'mastercard', last4: '4444' });
    const stored = await server.services.uow.read.invoices.currentPaymentMethod(id);
    expect(stored?.token).toMatch(/^pm_sim_/);
    expect(JSON.stringify(stored)).not.toContain('5555555555554444');
  });
});

describe('payment provider webhook', () => {
  const send = (payload: string, signature: string | undefined) =>
    server.app.inject({
      method: 'POST',
      url: '/api/v1/payments/webhook',
      payload,
      headers: { 'content-type': 'application/json', ...(signature ? { 'outmerge-signature': signature } : {}) },
    });
  const now = () => Math.floor(Date.now() / 1000);

  it('accepts a signed event once, and completes the payment it confirms', async () => {
    const pending = (await checkout({ plan: 'monthly', quantity: 2, card: '4000002760003184' })).json<{
      actionId: string;
    }>();
    const reference = (await server.services.uow.read.invoices.findPaymentAction(pending.actionId))?.providerReference;
    const payload = JSON.stringify({
      id: `evt_${keys}_${Date.now()}`,
      type: 'payment_action.succeeded',
      data: { reference },
    });
    const first = await send(payload, signWebhook(payload, WEBHOOK_SECRET, now()));
    expect(first.json()).toEqual({ received: true, duplicate: false });
    expect((await server.services.uow.read.invoices.findPaymentAction(pending.actionId))?.status).toBe('succeeded');
    const replay = await send(payload, signWebhook(payload, WEBHOOK_SECRET, now()));
    expect(replay.json()).toEqual({ received: true, duplicate: true });
    const completed = await server.call('POST', `/api/v1/payment-actions/${pending.actionId}/complete`, {
      token: owner,
      body: { approved: true },
    });
    expect(completed.statusCode).toBe(201);
  });

  it('refuses tampered, old, unsigned and wrongly signed events', async () => {
    const payload = JSON.stringify({ id: 'evt_tamper', type: 'charge.refunded', data: {} });
    const signature = signWebhook(payload, WEBHOOK_SECRET, now());
    const cases: Array<[string, string | undefined, string]> = [
      [payload.replace('refunded', 'succeeded'), signature, 'signature_mismatch'],
      [payload, signWebhook(payload, WEBHOOK_SECRET, now() - 301), 'timestamp_out_of_tolerance'],
      [payload, signWebhook(payload, 'whsec_wrong', now()), 'signature_mismatch'],
      [payload, undefined, 'malformed'],
    ];
    for (const [body, header, reason] of cases) {
      const response = await send(body, header);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'WEBHOOK_SIGNATURE_INVALID', details: { reason } } });
    }
    expect((await send(payload, signature)).json()).toEqual({ received: true, duplicate: false });
  });
});

describe('consolidation', () => {
  it('refuses new seats on a source while the merge is being charged, so every seat that moves was paid for', async () => {
    // An annual target growing by two seats costs more than a monthly source's unused time: a charge, held at the provider.
    const target = (await checkout({ lines: [{ plan: 'annual', quantity: 1 }], card: '4242 4242 4242 4242' })).json<{
      subscriptionIds: string[];
    }>().subscriptionIds[0]!;
    const source = await buySubscription(server, owner, 3);
    await assign(target, ['u1@contoso.com']);
    await assign(source, ['u2@contoso.com', 'u5@contoso.com']);
    const provider = new GatedProvider();
    await replaceCard(target, '4242 4242 4242 4242');
    const { billing } = paymentServices(server, provider);
    const caller = await server.services.authenticate(`Bearer ${owner}`);
    const merging = billing.consolidate(caller, target, [source], key(), null);
    await expect.poll(() => provider.held()).toBe(1);
    const during = await assign(source, ['u3@contoso.com']);
    expect(during.statusCode).toBe(409);
    expect(during.json()).toMatchObject({ error: { code: 'BILLING_BUSY' } });
    provider.release();
    expect((await merging).statusCode).toBe(200);
    expect(await subscription(target)).toMatchObject({ quantity: 3, assigned: 3 });
    // Afterwards the target answers assignments as usual again (full now, but not busy).
    expect((await assign(target, ['u4@contoso.com'])).json()).toEqual({
      results: [{ email: 'u4@contoso.com', result: 'no_seat_left' }],
    });
  });

  it('moves the seats of individual subscriptions into the target, ends them with a prorated credit, and keeps users licensed', async () => {
    const target = await buySubscription(server, owner, 2);
    const first = await buySubscription(server, owner, 3);
    const second = await buySubscription(server, owner, 2);
    await assign(target, ['t1@contoso.com']);
    await assign(first, ['m1@contoso.com', 'm2@contoso.com']);
    await assign(second, ['m2@contoso.com', 'm3@contoso.com']);
    const m1 = await server.token('m1@contoso.com');
    expect(await licenseCheck(m1)).toMatchObject({ code: 'ACTIVE', subscriptionId: first });
    const paidBefore = await payments(target);

    const idempotencyKey = key();
    const response = await server.call('POST', `${base(target)}/consolidate`, {
      token: owner,
      body: { sources: [first, second] },
      headers: { 'idempotency-key': idempotencyKey },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      quantity: number;
      seatsMoved: number;
      cancelled: string[];
      creditMinor: number;
      chargedMinor: number;
      invoiceNumber: string;
    }>();
    // t1 + m1, m2, m3: 4 people; the target grows from 2 to 4, paid from the credit of the ended subscriptions (3 + 2 seats unused).
    expect(body).toMatchObject({ quantity: 4, seatsMoved: 3, cancelled: [first, second], chargedMinor: 0 });
    expect(body.creditMinor).toBeGreaterThan(0);
    expect(await payments(target)).toEqual(paidBefore);
    expect(await subscription(target)).toMatchObject({ quantity: 4, assigned: 4 });
    expect(await subscription(first)).toMatchObject({ status: 'cancelled', assigned: 0 });
    expect(await subscription(second)).toMatchObject({ status: 'cancelled' });
    expect(await licenseCheck(m1)).toMatchObject({ code: 'ACTIVE', subscriptionId: target });
    const [invoice] = await invoices(target);
    expect(invoice).toMatchObject({ kind: 'consolidation', number: body.invoiceNumber, totalMinor: 0 });
    expect(
      (
        await server.call('POST', `${base(target)}/consolidate`, {
          token: owner,
          body: { sources: [first, second] },
          headers: { 'idempotency-key': idempotencyKey },
        })
      ).json(),
    ).toEqual(body);
    expect(
      (
        await server.call('POST', `${base(target)}/consolidate`, {
          token: owner,
          body: { sources: [first] },
          headers: { 'idempotency-key': key() },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'CONSOLIDATION_INVALID' } });
    const journal = (
      await server.call('GET', `${base(target)}/journal?action=subscription.consolidated`, { token: owner })
    ).json<{ entries: unknown[] }>().entries;
    expect(journal).toHaveLength(1);
    // The rest of the credit waits for the next invoice: the renewal.
    const periodEnd = Date.parse((await subscription(target)).periodEnd);
    await server.services.billing.runRenewals(periodEnd + 1000);
    const [renewal] = await invoices(target);
    expect(renewal).toMatchObject({ kind: 'renewal', subtotalMinor: 2000 - Math.min(2000, body.creditMinor) });
  });

  it("refuses another organisation's subscription (404) and the target itself", async () => {
    const target = await buySubscription(server, owner, 1);
    const foreignOwner = await server.token('owner@fabrikam.com');
    const foreign = await buySubscription(server, foreignOwner, 1);
    expect(
      (
        await server.call('POST', `${base(target)}/consolidate`, {
          token: owner,
          body: { sources: [foreign] },
          headers: { 'idempotency-key': key() },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await server.call('POST', `${base(target)}/consolidate`, {
          token: owner,
          body: { sources: [target] },
          headers: { 'idempotency-key': key() },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'CONSOLIDATION_INVALID' } });
    expect((await subscription(foreign, foreignOwner)).status).toBe('active');
  });
});
