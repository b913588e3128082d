/**
 * Payments whose process died between claiming the Idempotency-Key and recording the provider's
 * answer (issue 10, finding 6): after the claim's lease, the buyer's retry or the sweep asks the
 * provider by idempotency key; what was charged is recorded exactly once, what was not is
 * released and the retry goes through. And money received settles what it was for even when the
 * payer lost their permission before the bank confirmed (finding 7). The provider is the
 * simulated one with its own file; the "restarted" services share the server's SQLite file; time
 * moves through the clock the services and the provider read, never by waiting.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingSummaryView, InvoiceView, QuantityPreviewView } from '#shared/api/views.js';
import { SimulatedPaymentProvider } from '../../server/src/billing/simulatedPaymentProvider.js';
import { signWebhook } from '../../server/src/billing/webhookSignature.js';
import type { CallerIdentity } from '../../server/src/identity/accessTokenValidator.js';
import { DyingProvider } from '../helpers/dyingProvider.js';
import { invitationToken } from '../helpers/outbox.js';
import { paymentServices } from '../helpers/paymentServices.js';
import { buySubscription, startTestServer, type TestServer } from '../helpers/testServer.js';

const LEASE = 60_000;
const SEARCH_LAG = 30_000;
const WEBHOOK_SECRET = 'whsec_recovery_test';

let server: TestServer;
let now = Date.now();
const clock = () => now;
let provider: SimulatedPaymentProvider;
let keys = 0;
const key = () => `recovery-key-${++keys}-${Math.random().toString(36).slice(2)}`;

beforeAll(async () => {
  server = await startTestServer({ RENEWAL_INTERVAL_SECONDS: '0', PAYMENT_WEBHOOK_SECRET: WEBHOOK_SECRET });
  provider = new SimulatedPaymentProvider({
    file: path.join(server.dataDir, 'recovery-provider.sqlite'),
    searchLagMs: SEARCH_LAG,
    clock,
  });
});
afterAll(async () => {
  provider.close();
  await server.close();
});

/** The services of a process that dies during its charges, and of the one that runs after it. */
function crashingAnd(when: 'before' | 'after', leaseMs = LEASE) {
  const dying = new DyingProvider(provider, when);
  return {
    dying,
    crashed: paymentServices(server, dying, { clock, leaseMs }),
    restarted: paymentServices(server, provider, { clock, leaseMs }),
  };
}

async function caller(email: string): Promise<{ token: string; identity: CallerIdentity }> {
  const token = await server.token(email);
  return { token, identity: await server.services.authenticate(`Bearer ${token}`) };
}

const cart = { plan: 'monthly', quantity: 3, card: '4242 4242 4242 4242' };
const owned = (identity: CallerIdentity) =>
  server.services.uow.read.subscriptions.listOwnedBy(identity.tenantId, identity.objectId);

describe('a purchase cut by a crash', () => {
  it('charged but not recorded: the retry after the lease records it once and answers it; before that it is in progress', async () => {
    const buyer = await caller('ann@alpha-recovery.example');
    const { dying, crashed, restarted } = crashingAnd('after');
    const idempotencyKey = key();
    void crashed.checkout.purchase(buyer.identity, cart, idempotencyKey, null);
    await expect.poll(() => dying.died).toBe(1);
    expect(provider.records.count()).toBe(1);

    await expect(restarted.checkout.purchase(buyer.identity, cart, idempotencyKey, null)).rejects.toMatchObject({
      statusCode: 409,
      code: 'IDEMPOTENCY_KEY_IN_USE',
    });
    now += LEASE + 1;
    const answer = await restarted.checkout.purchase(buyer.identity, cart, idempotencyKey, null);
    expect(answer.statusCode).toBe(201);
    const [subscription] = await owned(buyer.identity);
    expect(answer.body).toMatchObject({ status: 'active', subscriptionId: subscription?.id, quantity: 3 });
    expect(await owned(buyer.identity)).toHaveLength(1);
    expect(await server.services.uow.read.invoices.countPayments(subscription!.id)).toEqual({
      succeeded: 1,
      amountMinor: 1500,
    });
    expect(provider.records.count()).toBe(1);
    expect(await restarted.checkout.purchase(buyer.identity, cart, idempotencyKey, null)).toEqual(answer);
  });

  it('never reached the provider: the claim is released after the lease and the retry buys once', async () => {
    const buyer = await caller('ben@bravo-recovery.example');
    const { dying, crashed, restarted } = crashingAnd('before');
    const idempotencyKey = key();
    const charges = provider.records.count();
    void crashed.checkout.purchase(buyer.identity, cart, idempotencyKey, null);
    await expect.poll(() => dying.died).toBe(1);
    now += LEASE + 1;
    expect((await restarted.checkout.purchase(buyer.identity, cart, idempotencyKey, null)).statusCode).toBe(201);
    expect(await owned(buyer.identity)).toHaveLength(1);
    expect(provider.records.count()).toBe(charges + 1);
  });

  it("with a lease shorter than the provider's search lag the payment is not found yet, and the retry still charges once (the provider's idempotency)", async () => {
    const buyer = await caller('cleo@charlie-recovery.example');
    const { dying, crashed, restarted } = crashingAnd('after', SEARCH_LAG / 3);
    const idempotencyKey = key();
    void crashed.checkout.purchase(buyer.identity, cart, idempotencyKey, null);
    await expect.poll(() => dying.died).toBe(1);
    const charges = provider.records.count();
    now += SEARCH_LAG / 3 + 1;
    expect((await restarted.checkout.purchase(buyer.identity, cart, idempotencyKey, null)).statusCode).toBe(201);
    expect(provider.records.count()).toBe(charges);
    expect(await owned(buyer.identity)).toHaveLength(1);
  });

  it("two instances' sweeps meet on one cut purchase: one takes the claim over, the charge is recorded once", async () => {
    const buyer = await caller('chen@twosweeps-recovery.example');
    const { dying, crashed, restarted } = crashingAnd('after');
    // A second instance on the same database: its own services, the same provider and clock.
    const other = paymentServices(server, provider, { clock, leaseMs: LEASE });
    void crashed.checkout.purchase(buyer.identity, cart, key(), null);
    await expect.poll(() => dying.died).toBe(1);
    now += LEASE + 1;
    await Promise.all([restarted.charges.recoverStale(), other.charges.recoverStale()]);
    const subscriptions = await owned(buyer.identity);
    expect(subscriptions).toHaveLength(1);
    expect(await server.services.uow.read.invoices.countPayments(subscriptions[0]!.id)).toEqual({
      succeeded: 1,
      amountMinor: 1500,
    });
  });

  it('nobody retries: the sweep records it, the product keys are emailed, and the replay answers with them masked', async () => {
    const partnerOwner = await caller('pia@delta-partners.example');
    const enrolled = await server.call('POST', '/api/v1/partners', {
      token: partnerOwner.token,
      body: { name: 'Delta', language: 'en' },
    });
    const partnerId = enrolled.json<{ id: string }>().id;
    const { dying, crashed, restarted } = crashingAnd('after');
    const request = { plan: 'monthly', seats: 2, termPeriods: 1, count: 1, card: '4242 4242 4242 4242' };
    const idempotencyKey = key();
    void crashed.partners.keys.buyKeys(partnerOwner.identity, partnerId, request, idempotencyKey, null);
    await expect.poll(() => dying.died).toBe(1);
    now += LEASE + 1;
    expect(await restarted.charges.recoverStale()).toBeGreaterThanOrEqual(1);
    const mails = (await server.services.uow.read.outbox.listSent(500)).filter(
      (m) => m.kind === 'product-keys' && m.to === 'pia@delta-partners.example',
    );
    expect(mails).toHaveLength(1);
    const replay = await restarted.partners.keys.buyKeys(
      partnerOwner.identity,
      partnerId,
      request,
      idempotencyKey,
      null,
    );
    expect(replay).toMatchObject({
      statusCode: 201,
      body: { keysShownOnce: true, keys: [expect.stringMatching(/^XXXXX-/)] },
    });
    expect(
      (await server.call('GET', `/api/v1/partners/${partnerId}/invoices`, { token: partnerOwner.token })).json<
        unknown[]
      >(),
    ).toHaveLength(1);
  });

  it('a quantity change and a renewal cut after the charge are recorded by the sweep: seats, paid invoices, locks given back', async () => {
    const owner = await caller('olga@echo-recovery.example');
    const id = await buySubscription(server, owner.token, 5);
    const { dying, crashed, restarted } = crashingAnd('after');
    const preview = (
      await server.call('GET', `/api/v1/subscriptions/${id}/quantity/preview?quantity=8`, { token: owner.token })
    ).json<QuantityPreviewView>();
    // The preview's second is "now" for the services too.
    now = Date.parse(preview.prorationDate);
    void crashed.billing.changeQuantity(
      owner.identity,
      id,
      { quantity: 8, prorationDate: preview.prorationDate, expectedAmountMinor: preview.amountDueMinor },
      key(),
      null,
    );
    await expect.poll(() => dying.died).toBe(1);
    now += LEASE + 1;
    await restarted.charges.recoverStale();
    const summary = (
      await server.call('GET', `/api/v1/subscriptions/${id}/billing`, { token: owner.token })
    ).json<BillingSummaryView>();
    expect(summary).toMatchObject({ quantity: 8, openInvoice: null });
    expect((await server.services.uow.read.invoices.countPayments(id)).amountMinor).toBe(2500 + preview.amountDueMinor);
    expect(await server.services.uow.read.subscriptions.isBillingLocked(id, now)).toBe(false);

    const periodEnd = Date.parse(summary.periodEnd);
    void crashed.billing.runRenewals(periodEnd + 1000);
    await expect.poll(() => dying.died).toBe(2);
    const open = (await server.call('GET', `/api/v1/subscriptions/${id}/invoices`, { token: owner.token })).json<{
      invoices: InvoiceView[];
    }>().invoices[0];
    expect(open).toMatchObject({ kind: 'renewal', status: 'open' });
    now += LEASE + 1;
    await restarted.charges.recoverStale();
    const renewed = (await server.call('GET', `/api/v1/subscriptions/${id}/invoices`, { token: owner.token })).json<{
      invoices: InvoiceView[];
    }>().invoices[0];
    expect(renewed).toMatchObject({ id: open?.id, kind: 'renewal', status: 'paid' });
    expect((await server.call('GET', `/api/v1/subscriptions/${id}`, { token: owner.token })).json()).toMatchObject({
      status: 'active',
    });
    expect((await server.services.uow.read.invoices.countPayments(id)).succeeded).toBe(3);
  });
});

describe('a limited partner offer whose purchase was cut', () => {
  it("keeps the buyer's place while the purchase is being reconciled, so nobody else pays for it; the retry then gets it", async () => {
    const partnerOwner = await caller('paul@hotel-partners.example');
    const partnerId = (
      await server.call('POST', '/api/v1/partners', {
        token: partnerOwner.token,
        body: { name: 'Hotel', language: 'en' },
      })
    ).json<{ id: string }>().id;
    const created = (
      await server.call('POST', `/api/v1/partners/${partnerId}/offers`, {
        token: partnerOwner.token,
        body: { kind: 'purchase', plan: 'monthly', quantity: 2, maxCustomers: 1 },
      })
    ).json<{ link: string }>();
    const params = new URLSearchParams(new URL(created.link).hash.replace(/^#\/offer\?/, ''));
    const link = { code: params.get('code')!, token: params.get('token')! };
    const [first, second] = await Promise.all([
      caller('ines@india-recovery.example'),
      caller('jon@juliet-recovery.example'),
    ]);
    const { dying, crashed, restarted } = crashingAnd('after');
    const idempotencyKey = key();
    void crashed.partners.offers.redeemOffer(
      first.identity,
      { ...link, card: '4242 4242 4242 4242' },
      idempotencyKey,
      null,
    );
    await expect.poll(() => dying.died).toBe(1);
    // The buyer retries while the claim is live: still being processed, and the place stays theirs.
    await expect(
      restarted.partners.offers.redeemOffer(
        first.identity,
        { ...link, card: '4242 4242 4242 4242' },
        idempotencyKey,
        null,
      ),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE' });
    await expect(
      restarted.partners.offers.redeemOffer(second.identity, { ...link, card: '4242 4242 4242 4242' }, key(), null),
    ).rejects.toMatchObject({ code: 'OFFER_USED' });
    now += LEASE + 1;
    expect(
      (
        await restarted.partners.offers.redeemOffer(
          first.identity,
          { ...link, card: '4242 4242 4242 4242' },
          idempotencyKey,
          null,
        )
      ).statusCode,
    ).toBe(201);
    expect(await owned(first.identity)).toHaveLength(1);
    expect(await owned(second.identity)).toHaveLength(0);
  });
});

describe('money received settles what it was for', () => {
  const webhook = (event: { id: string; type: string; data: { reference: string } }) => {
    const payload = JSON.stringify(event);
    return server.app.inject({
      method: 'POST',
      url: '/api/v1/payments/webhook',
      payload,
      headers: {
        'content-type': 'application/json',
        'outmerge-signature': signWebhook(payload, WEBHOOK_SECRET, Math.floor(Date.now() / 1000)),
      },
    });
  };

  it("an invoice paid with the bank's confirmation is settled by the webhook although the payer lost the billing permission meanwhile", async () => {
    const owner = await caller('oscar@foxtrot-recovery.example');
    const id = await buySubscription(server, owner.token, 2);
    const base = `/api/v1/subscriptions/${id}`;
    await server.call('PUT', `${base}/payment-method`, { token: owner.token, body: { card: '4000000000000341' } });
    const periodEnd = Date.parse(
      (await server.call('GET', base, { token: owner.token })).json<{ periodEnd: string }>().periodEnd,
    );
    await server.services.billing.runRenewals(periodEnd + 1000);
    const invoice = (await server.call('GET', `${base}/billing`, { token: owner.token })).json<BillingSummaryView>()
      .openInvoice!;

    await server.call('POST', `${base}/delegates`, {
      token: owner.token,
      body: { email: 'fay@foxtrot-recovery.example', permissions: ['billing'] },
    });
    const fay = await server.token('fay@foxtrot-recovery.example');
    await server.call('POST', '/api/v1/invitations/accept', {
      token: fay,
      body: { token: await invitationToken(server, 'fay@foxtrot-recovery.example') },
    });
    const waiting = await server.call('POST', `${base}/invoices/${invoice.id}/pay`, {
      token: fay,
      body: { card: '4000 0027 6000 3184' },
      headers: { 'idempotency-key': key() },
    });
    expect(waiting.statusCode).toBe(202);
    const { actionId } = waiting.json<{ actionId: string }>();
    const delegates = (await server.call('GET', `${base}/delegates`, { token: owner.token })).json<{
      delegates: Array<{ id: string; email: string }>;
    }>().delegates;
    await server.call(
      'DELETE',
      `${base}/delegates/${delegates.find((d) => d.email === 'fay@foxtrot-recovery.example')!.id}`,
      { token: owner.token },
    );
    expect((await server.call('GET', `${base}/billing`, { token: fay })).statusCode).toBe(404);

    // The bank confirms at the provider, which tells Outmerge by webhook.
    const reference = (await server.services.uow.read.invoices.findPaymentAction(actionId))!.providerReference;
    await server.services.charges.provider.completeAction(reference, { approved: true });
    const event = { id: `evt_${key()}`, type: 'payment_action.succeeded', data: { reference } };
    const delivered = await webhook(event);
    expect(delivered.statusCode).toBe(200);
    expect(delivered.json()).toEqual({ received: true, duplicate: false });
    expect((await server.call('GET', `${base}/billing`, { token: owner.token })).json()).toMatchObject({
      status: 'active',
      openInvoice: null,
    });
    const journal = (await server.call('GET', `${base}/journal?action=invoice.paid`, { token: owner.token })).json<{
      entries: Array<{ actorEmail: string; actorRole: string }>;
    }>().entries;
    expect(journal).toEqual([expect.objectContaining({ actorRole: 'delegate' })]);
    expect((await webhook(event)).json()).toEqual({ received: true, duplicate: true });
  });

  it('an event about a payment not recorded yet is refused without being marked, and accepted once the reconciled claim recorded it', async () => {
    const buyer = await caller('gus@golf-recovery.example');
    const { dying, crashed, restarted } = crashingAnd('after');
    const idempotencyKey = key();
    const card = { plan: 'monthly', quantity: 1, card: '4000 0027 6000 3184' };
    void crashed.checkout.purchase(buyer.identity, card, idempotencyKey, null);
    await expect.poll(() => dying.died).toBe(1);
    // The bank confirmed; the provider's webhook arrives while Outmerge still lacks the payment.
    const row = provider.records.all().find((r) => r.status === 'requires_action')!;
    await provider.completeAction(row.reference, { approved: true });
    const event = { id: `evt_${key()}`, type: 'payment_action.succeeded', data: { reference: row.reference } };
    const early = await webhook(event);
    expect(early.statusCode).toBe(404);
    expect(early.json()).toMatchObject({ error: { code: 'PAYMENT_ACTION_NOT_FOUND' } });

    now += LEASE + 1;
    await restarted.charges.recoverStale();
    expect(await owned(buyer.identity)).toHaveLength(1);
    expect((await restarted.checkout.purchase(buyer.identity, card, idempotencyKey, null)).statusCode).toBe(201);
    expect((await webhook(event)).json()).toEqual({ received: true, duplicate: false });
    expect((await webhook(event)).json()).toEqual({ received: true, duplicate: true });
  });
});

describe('the simulated provider behaves as a separate service', () => {
  it('keeps its charges in its own file across instances, dedupes a key, refuses it with other parameters, and is searchable only after its lag', async () => {
    const file = path.join(server.dataDir, 'separate-provider.sqlite');
    let t = 1_000_000;
    const first = new SimulatedPaymentProvider({ file, searchLagMs: 1000, clock: () => t });
    const method = await first.createPaymentMethod('4242424242424242');
    const request = {
      amountMinor: 500,
      currency: 'EUR',
      paymentMethodToken: method.token,
      description: 'test',
      idempotencyKey: 'om_test_key',
      offSession: false,
    };
    const charged = await first.charge(request);
    expect(await first.findCharge('om_test_key')).toBeNull();
    first.close();
    const second = new SimulatedPaymentProvider({ file, searchLagMs: 1000, clock: () => t });
    expect(await second.charge(request)).toEqual(charged);
    await expect(second.charge({ ...request, amountMinor: 600 })).rejects.toThrow(/other parameters/);
    t += 1000;
    expect(await second.findCharge('om_test_key')).toEqual(charged);
    expect(await second.findCharge('om_other_key')).toBeNull();
    // Stripe keeps a key's result for 24 hours; afterwards the same key makes a new payment.
    t += 24 * 60 * 60 * 1000;
    expect((await second.charge(request)).reference).not.toBe(charged.reference);
    second.close();
    expect(fs.existsSync(file)).toBe(true);
  });
});
