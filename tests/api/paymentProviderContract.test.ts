/**
 * One contract, two providers: the same tests run against the embedded simulated provider and
 * against the production Stripe provider (the official SDK) talking to the local Stripe stand-in,
 * each inside the real app on a real SQLite file. What Outmerge relies on from any provider:
 * charges and declines, idempotency keys (same request → same payment; other parameters under
 * the same key → refused), saving a card only when the bank accepts it, off-session payments the
 * bank wants authenticated are declines, refunds, finding a payment by its key, and signed
 * webhooks that settle a payment waiting for the bank while forged or old ones are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentProvider } from '../../server/src/billing/paymentProvider.js';
import { signWebhook } from '../../server/src/billing/webhookSignature.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

interface ProviderCase {
  name: string;
  env: Record<string, string>;
  /** What the buyer's browser hands over for each test card: the number (simulated) or Stripe's test PaymentMethod. */
  cards: Record<
    'visa' | 'mastercard' | 'declined' | 'insufficientFunds' | 'alwaysAuthenticate' | 'attachThenDecline',
    string
  >;
  webhookSecret: string;
  /** A webhook body saying the payment `reference` succeeded. */
  succeededEvent(id: string, reference: string): unknown;
  /** The buyer completes 3-D Secure at the bank; the provider then tells Outmerge by webhook. */
  bankConfirms(server: TestServer, reference: string): Promise<void>;
}

const SIMULATED_SECRET = 'whsec_contract_simulated';

const CASES: ProviderCase[] = [
  {
    name: 'simulated',
    env: { PAYMENT_WEBHOOK_SECRET: SIMULATED_SECRET, SIMULATED_PAYMENT_SEARCH_LAG_SECONDS: '0' },
    cards: {
      visa: '4242 4242 4242 4242',
      mastercard: '5555 5555 5555 4444',
      declined: '4000 0000 0000 0002',
      insufficientFunds: '4000 0000 0000 9995',
      alwaysAuthenticate: '4000 0027 6000 3184',
      attachThenDecline: '4000 0000 0000 0341',
    },
    webhookSecret: SIMULATED_SECRET,
    succeededEvent: (id, reference) => ({ id, type: 'payment_action.succeeded', data: { reference } }),
    async bankConfirms(server, reference) {
      // The simulated provider has no webhook sender: the test plays it, signing as it would.
      await server.services.paymentProvider.completeAction(reference, { approved: true });
      const payload = JSON.stringify({
        id: `evt_sim_${reference}`,
        type: 'payment_action.succeeded',
        data: { reference },
      });
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/v1/payments/webhook',
        payload,
        headers: {
          'content-type': 'application/json',
          'outmerge-signature': signWebhook(payload, SIMULATED_SECRET, Math.floor(Date.now() / 1000)),
        },
      });
      expect(response.statusCode).toBe(200);
    },
  },
  {
    name: 'stripe (SDK against the stand-in)',
    env: { PAYMENT_PROVIDER: 'stripe' },
    cards: {
      visa: 'pm_card_visa',
      mastercard: 'pm_card_mastercard',
      declined: 'pm_card_chargeDeclined',
      insufficientFunds: 'pm_card_chargeDeclinedInsufficientFunds',
      alwaysAuthenticate: 'pm_card_authenticationRequired',
      attachThenDecline: 'pm_card_chargeCustomerFail',
    },
    webhookSecret: 'whsec_standin',
    succeededEvent: (id, reference) => ({
      id,
      object: 'event',
      type: 'payment_intent.succeeded',
      data: { object: { id: reference, object: 'payment_intent', status: 'succeeded' } },
    }),
    async bankConfirms(server, reference) {
      // What Stripe.js shows the buyer: the bank's page, completed; Stripe then sends the signed event.
      const standIn = server.stripeStandIn!;
      const response = await fetch(`${standIn.origin}/_standin/payment_intents/${reference}/authenticate`, {
        method: 'POST',
        body: JSON.stringify({ outcome: 'complete' }),
      });
      expect(response.status).toBe(200);
      await standIn.webhookAccepted('payment_intent.succeeded', reference);
    },
  },
];

describe.each(CASES)('payment provider contract: $name', (c) => {
  let server: TestServer;
  let provider: PaymentProvider;
  let owner: string;
  let n = 0;
  const key = () => `contract-${++n}-${Math.random().toString(36).slice(2)}`;
  const charge = (token: string, amountMinor: number, idempotencyKey: string, offSession = false) =>
    provider.charge({
      amountMinor,
      currency: 'EUR',
      paymentMethodToken: token,
      description: 'contract',
      idempotencyKey,
      offSession,
    });

  beforeAll(async () => {
    server = await startTestServer({ RENEWAL_INTERVAL_SECONDS: '0', ...c.env });
    provider = server.services.paymentProvider;
    owner = await server.token('olivia@contoso.com');
  });
  afterAll(() => server.close());

  it('charges a card, and a retry with the same idempotency key is the same payment', async () => {
    const method = await provider.createPaymentMethod(c.cards.visa, { idempotencyKey: key() });
    expect(method).toMatchObject({ brand: 'visa', last4: '4242' });
    const idempotencyKey = `om_${key()}`;
    const first = await charge(method.token, 1234, idempotencyKey);
    expect(first.status).toBe('succeeded');
    expect(await charge(method.token, 1234, idempotencyKey)).toEqual(first);
    expect(await provider.findCharge(idempotencyKey)).toEqual(first);
    expect(await provider.findCharge(`om_${key()}`)).toBeNull();
  });

  it('refuses the same idempotency key with other parameters instead of guessing which request was meant', async () => {
    const method = await provider.createPaymentMethod(c.cards.mastercard, { idempotencyKey: key() });
    const idempotencyKey = `om_${key()}`;
    expect((await charge(method.token, 1000, idempotencyKey)).status).toBe('succeeded');
    await expect(charge(method.token, 2000, idempotencyKey)).rejects.toThrow(/same parameters|other parameters/);
  });

  it("answers declines with the bank's reason", async () => {
    const declined = await provider.createPaymentMethod(c.cards.declined, { idempotencyKey: key() });
    expect(await charge(declined.token, 1000, `om_${key()}`)).toMatchObject({
      status: 'declined',
      reason: 'card_declined',
    });
    const poor = await provider.createPaymentMethod(c.cards.insufficientFunds, { idempotencyKey: key() });
    expect(await charge(poor.token, 1000, `om_${key()}`)).toMatchObject({
      status: 'declined',
      reason: 'insufficient_funds',
    });
  });

  it('asks for authentication on-session, and declines with authentication_required off-session', async () => {
    const method = await provider.createPaymentMethod(c.cards.alwaysAuthenticate, { idempotencyKey: key() });
    expect(await charge(method.token, 1000, `om_${key()}`)).toMatchObject({ status: 'requires_action' });
    const other = await provider.createPaymentMethod(c.cards.alwaysAuthenticate, { idempotencyKey: key() });
    expect(await charge(other.token, 1000, `om_${key()}`, true)).toMatchObject({
      status: 'declined',
      reason: 'authentication_required',
    });
  });

  it('saves a card only when the bank accepts it; a card that saves may still decline every charge', async () => {
    expect(await provider.savePaymentMethod(c.cards.declined, { idempotencyKey: key() })).toEqual({
      status: 'declined',
      reason: 'card_declined',
    });
    const saved = await provider.savePaymentMethod(c.cards.attachThenDecline, { idempotencyKey: key() });
    if (saved.status !== 'saved') throw new Error(`not saved: ${JSON.stringify(saved)}`);
    expect(saved.method.last4).toBe('0341');
    expect(await charge(saved.method.token, 1000, `om_${key()}`, true)).toMatchObject({
      status: 'declined',
      reason: 'card_declined',
    });
    const visa = await provider.savePaymentMethod(c.cards.visa, { idempotencyKey: key() });
    if (visa.status !== 'saved') throw new Error('visa not saved');
    expect((await charge(visa.method.token, 1000, `om_${key()}`, true)).status).toBe('succeeded');
  });

  it('refunds part of a payment once per key, and never more than was paid', async () => {
    const method = await provider.createPaymentMethod(c.cards.visa, { idempotencyKey: key() });
    const paid = await charge(method.token, 5000, `om_${key()}`);
    const refundKey = key();
    const first = await provider.refund(paid.reference, 2000, { idempotencyKey: refundKey });
    expect(first.status).toBe('succeeded');
    expect(await provider.refund(paid.reference, 2000, { idempotencyKey: refundKey })).toEqual(first);
    await expect(provider.refund(paid.reference, 3001, { idempotencyKey: key() })).rejects.toThrow();
    expect((await provider.refund(paid.reference, 3000, { idempotencyKey: key() })).status).toBe('succeeded');
  });

  it("refuses an unknown payment method as the buyer's mistake (400), charging nothing", async () => {
    const response = await server.call('POST', '/api/v1/checkout', {
      token: owner,
      body: { plan: 'monthly', quantity: 1, card: 'pm_card_doesNotExist' },
      headers: { 'idempotency-key': key() },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'PAYMENT_CARD_INVALID' } });
  });

  it('keeps the stored card when a declined card is offered in its place', async () => {
    const bought = await server.call('POST', '/api/v1/checkout', {
      token: owner,
      body: { plan: 'monthly', quantity: 2, card: c.cards.visa },
      headers: { 'idempotency-key': key() },
    });
    expect(bought.statusCode).toBe(201);
    const id = bought.json<{ subscriptionId: string }>().subscriptionId;
    const replaced = await server.call('PUT', `/api/v1/subscriptions/${id}/payment-method`, {
      token: owner,
      body: { card: c.cards.declined },
    });
    expect(replaced.statusCode).toBe(402);
    expect(replaced.json()).toMatchObject({
      error: { code: 'PAYMENT_DECLINED', details: { reason: 'card_declined' } },
    });
    const billing = await server.call('GET', `/api/v1/subscriptions/${id}/billing`, { token: owner });
    expect(billing.json()).toMatchObject({ paymentMethod: { brand: 'visa', last4: '4242' } });
  });

  it("settles a purchase that waited for the bank when the provider's signed webhook arrives", async () => {
    const idempotencyKey = key();
    const body = { plan: 'monthly', quantity: 3, card: c.cards.alwaysAuthenticate };
    const waiting = await server.call('POST', '/api/v1/checkout', {
      token: owner,
      body,
      headers: { 'idempotency-key': idempotencyKey },
    });
    expect(waiting.statusCode).toBe(202);
    const { actionId } = waiting.json<{ actionId: string }>();
    const reference = (await server.services.uow.read.invoices.findPaymentAction(actionId))!.providerReference;
    await c.bankConfirms(server, reference);
    expect((await server.services.uow.read.invoices.findPaymentAction(actionId))?.status).toBe('succeeded');
    // The buyer's retry of the same request gets the purchase the webhook recorded.
    const replay = await server.call('POST', '/api/v1/checkout', {
      token: owner,
      body,
      headers: { 'idempotency-key': idempotencyKey },
    });
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toMatchObject({ status: 'active', quantity: 3 });
  });

  it('refuses forged, tampered and old webhook signatures (400), and accepts a well-signed event once', async () => {
    const header = provider.webhookSignatureHeader;
    const now = Math.floor(Date.now() / 1000);
    const payload = JSON.stringify({
      id: `evt_${key()}`,
      object: 'event',
      type: 'customer.updated',
      data: { object: { id: 'cus_x' } },
    });
    const send = (body: string, signature: string | undefined) =>
      server.app.inject({
        method: 'POST',
        url: '/api/v1/payments/webhook',
        payload: body,
        headers: { 'content-type': 'application/json', ...(signature ? { [header]: signature } : {}) },
      });
    const cases: Array<[string, string | undefined, string]> = [
      [
        payload.replace('customer.updated', 'payment_intent.succeeded'),
        signWebhook(payload, c.webhookSecret, now),
        'signature_mismatch',
      ],
      [payload, signWebhook(payload, 'whsec_forged', now), 'signature_mismatch'],
      [payload, signWebhook(payload, c.webhookSecret, now - 301), 'timestamp_out_of_tolerance'],
      [payload, undefined, 'malformed'],
    ];
    for (const [body, signature, reason] of cases) {
      const response = await send(body, signature);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'WEBHOOK_SIGNATURE_INVALID', details: { reason } } });
    }
    expect((await send(payload, signWebhook(payload, c.webhookSecret, now))).json()).toEqual({
      received: true,
      duplicate: false,
    });
    expect((await send(payload, signWebhook(payload, c.webhookSecret, now))).json()).toEqual({
      received: true,
      duplicate: true,
    });
  });

  it('ignores a signed event about a payment it waits for only when the signature is right', async () => {
    const waiting = await server.call('POST', '/api/v1/checkout', {
      token: owner,
      body: { plan: 'annual', quantity: 1, card: c.cards.alwaysAuthenticate },
      headers: { 'idempotency-key': key() },
    });
    const { actionId } = waiting.json<{ actionId: string }>();
    const reference = (await server.services.uow.read.invoices.findPaymentAction(actionId))!.providerReference;
    const payload = JSON.stringify(c.succeededEvent(`evt_${key()}`, reference));
    const forged = await server.app.inject({
      method: 'POST',
      url: '/api/v1/payments/webhook',
      payload,
      headers: {
        'content-type': 'application/json',
        [provider.webhookSignatureHeader]: signWebhook(payload, 'whsec_attacker', Math.floor(Date.now() / 1000)),
      },
    });
    expect(forged.statusCode).toBe(400);
    expect((await server.services.uow.read.invoices.findPaymentAction(actionId))?.status).toBe('pending');
  });
});
