/**
 * The Stripe stand-in speaks Stripe's HTTP API as strictly as Stripe (docs/stripe-behaviour.md):
 * raw HTTP for the protocol (keys, form bodies, error objects, idempotency, rate limits, search
 * lag), the official SDK for what it makes of those answers, and Stripe's own webhook
 * verification (`stripe.webhooks.constructEvent`) for the events it signs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StripePaymentProvider } from '../../server/src/billing/stripePaymentProvider.js';
import { startStripeStandIn, type StripeStandIn } from '../../server/src/dev/stripe/stripeStandIn.js';

const KEY = 'sk_test_standin_test';
let standIn: StripeStandIn;
let lagged: StripeStandIn;
let n = 0;
const key = () => `standin-${++n}-${Math.random().toString(36).slice(2)}`;

beforeAll(async () => {
  standIn = await startStripeStandIn({ secretKey: KEY, ratePerSecond: 1000 });
  lagged = await startStripeStandIn({ secretKey: KEY, searchLagMs: 60_000, ratePerSecond: 1000 });
});
afterAll(async () => {
  await standIn.close();
  await lagged.close();
});

const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}, target = standIn) =>
  fetch(`${target.origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
const customer = async () =>
  (await (await post('/v1/customers', { email: 'olivia@contoso.com' })).json()) as { id: string };
const provider = (options: { maxNetworkRetries?: number } = {}) =>
  new StripePaymentProvider({
    secretKey: KEY,
    webhookSecrets: ['whsec_x'],
    api: { host: standIn.host, port: standIn.port, protocol: 'http' },
    ...options,
  });

describe('the Stripe stand-in', () => {
  it('refuses a request without the secret key (401) and a body that is not form-encoded (400)', async () => {
    const unauthenticated = await fetch(`${standIn.origin}/v1/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40b.c',
    });
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    const json = await fetch(`${standIn.origin}/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: '{"email":"a@b.c"}',
    });
    expect(json.status).toBe(400);
  });

  it('reads nested form parameters and refuses parameters an endpoint does not take', async () => {
    const created = await post('/v1/customers', { email: 'olivia@contoso.com', 'metadata[organisation]': 'contoso' });
    expect(await created.json()).toMatchObject({
      object: 'customer',
      email: 'olivia@contoso.com',
      metadata: { organisation: 'contoso' },
    });
    const unknown = await post('/v1/customers', { emial: 'olivia@contoso.com' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: 'emial', message: 'Received unknown parameter: emial' },
    });
  });

  it('replays the first answer of an idempotency key, refuses the key with other parameters, and saves no answer a validation refused', async () => {
    const buyer = await customer();
    const idempotencyKey = key();
    const form = {
      amount: '1500',
      currency: 'eur',
      customer: buyer.id,
      payment_method: 'pm_card_visa',
      confirm: 'true',
      'metadata[order]': '1',
    };
    const first = await post('/v1/payment_intents', form, { 'idempotency-key': idempotencyKey });
    const replay = await post('/v1/payment_intents', form, { 'idempotency-key': idempotencyKey });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(await first.json());
    const conflict = await post(
      '/v1/payment_intents',
      { ...form, amount: '1600' },
      { 'idempotency-key': idempotencyKey },
    );
    expect(conflict.status).toBe(400);
    expect(await conflict.json()).toMatchObject({ error: { type: 'idempotency_error' } });

    const retried = key();
    const invalid = await post('/v1/payment_intents', { ...form, amount: '20' }, { 'idempotency-key': retried });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'amount_too_small', param: 'amount' },
    });
    expect((await post('/v1/payment_intents', form, { 'idempotency-key': retried })).status).toBe(200);
  });

  it("declines with 402 and Stripe's error object, the failed PaymentIntent inside", async () => {
    const response = await post('/v1/payment_intents', {
      amount: '1500',
      currency: 'eur',
      payment_method: 'pm_card_chargeDeclinedInsufficientFunds',
      confirm: 'true',
    });
    expect(response.status).toBe(402);
    const body = (await response.json()) as {
      error: {
        type: string;
        code: string;
        decline_code: string;
        message: string;
        payment_intent: { status: string; last_payment_error: { decline_code: string } };
      };
    };
    expect(body.error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    });
    expect(body.error.payment_intent).toMatchObject({
      status: 'requires_payment_method',
      last_payment_error: { decline_code: 'insufficient_funds' },
    });
  });

  it('refuses an off-session payment the bank wants authenticated with authentication_required', async () => {
    const buyer = await customer();
    const response = await post('/v1/payment_intents', {
      amount: '1500',
      currency: 'eur',
      customer: buyer.id,
      payment_method: 'pm_card_authenticationRequired',
      confirm: 'true',
      off_session: 'true',
    });
    expect(response.status).toBe(402);
    expect(await response.json()).toMatchObject({
      error: { type: 'card_error', code: 'authentication_required', decline_code: 'authentication_required' },
    });
  });

  it('lets a card set up for future payments go through off-session without authentication', async () => {
    const buyer = await customer();
    const setup = await post('/v1/setup_intents', {
      customer: buyer.id,
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      confirm: 'true',
      usage: 'off_session',
    });
    expect(await setup.json()).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
    const first = (await (
      await post('/v1/payment_intents', {
        amount: '1500',
        currency: 'eur',
        customer: buyer.id,
        payment_method: 'pm_card_authenticationRequiredOnSetup',
        confirm: 'true',
        setup_future_usage: 'off_session',
      })
    ).json()) as { id: string; status: string; payment_method: string };
    expect(first.status).toBe('requires_action');
    await fetch(`${standIn.origin}/_standin/payment_intents/${first.id}/authenticate`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'complete' }),
    });
    const later = await post('/v1/payment_intents', {
      amount: '1500',
      currency: 'eur',
      customer: buyer.id,
      payment_method: first.payment_method,
      confirm: 'true',
      off_session: 'true',
    });
    expect(await later.json()).toMatchObject({ status: 'succeeded' });
  });

  it('answers 429 with Stripe-Should-Retry; the SDK retries with the same key and the payment is made once', async () => {
    const direct = await fetch(`${standIn.origin}/_standin/faults`, {
      method: 'POST',
      body: JSON.stringify({ rateLimited: 1 }),
    });
    expect(direct.status).toBe(200);
    const limited = await post('/v1/customers', { email: 'a@b.c' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('stripe-should-retry')).toBe('true');
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limit' } });

    const sdk = provider();
    const method = await sdk.createPaymentMethod('pm_card_visa', { idempotencyKey: key() });
    const before = standIn.objects.paymentIntents.size;
    await fetch(`${standIn.origin}/_standin/faults`, { method: 'POST', body: JSON.stringify({ rateLimited: 1 }) });
    const charged = await sdk.charge({
      amountMinor: 990,
      currency: 'EUR',
      paymentMethodToken: method.token,
      description: 'x',
      idempotencyKey: `om_${key()}`,
      offSession: false,
    });
    expect(charged.status).toBe('succeeded');
    expect(standIn.objects.paymentIntents.size).toBe(before + 1);

    await fetch(`${standIn.origin}/_standin/faults`, { method: 'POST', body: JSON.stringify({ rateLimited: 5 }) });
    await expect(
      provider({ maxNetworkRetries: 1 }).charge({
        amountMinor: 990,
        currency: 'EUR',
        paymentMethodToken: method.token,
        description: 'x',
        idempotencyKey: `om_${key()}`,
        offSession: false,
      }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    await fetch(`${standIn.origin}/_standin/faults`, { method: 'POST', body: JSON.stringify({ rateLimited: 0 }) });
  });

  it('finds a PaymentIntent by metadata only once search has caught up with the write', async () => {
    const form = {
      amount: '1500',
      currency: 'eur',
      payment_method: 'pm_card_visa',
      confirm: 'true',
      'metadata[outmerge_idempotency_key]': 'om_lag',
    };
    await post('/v1/payment_intents', form, {}, lagged);
    const search = await fetch(
      `${lagged.origin}/v1/payment_intents/search?query=${encodeURIComponent("metadata['outmerge_idempotency_key']:'om_lag'")}`,
      { headers: { authorization: `Bearer ${KEY}` } },
    );
    expect(await search.json()).toMatchObject({ object: 'search_result', data: [] });
  });

  it("signs its webhooks so that Stripe's own verification accepts them, and sends them again until they are taken", async () => {
    const secret = 'whsec_standin_webhooks';
    let refusals = 1;
    const received: Array<{ body: string; signature: string }> = [];
    const endpoint = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ body, signature: String(req.headers['stripe-signature']) });
        res.writeHead(refusals-- > 0 ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const sender = await startStripeStandIn({ secretKey: KEY, webhookRetryDelaysMs: [10] });
    sender.setWebhookEndpoint(`http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/hook`, secret);
    try {
      const created = (await (
        await post(
          '/v1/payment_intents',
          { amount: '1500', currency: 'eur', payment_method: 'pm_card_visa', confirm: 'true' },
          {},
          sender,
        )
      ).json()) as { id: string };
      const delivery = await sender.webhookAccepted('payment_intent.succeeded', created.id);
      expect(delivery.attempt).toBe(2);
      const last = received.at(-1)!;
      expect(last.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      const event = Stripe.webhooks.constructEvent(last.body, last.signature, secret);
      expect(event).toMatchObject({
        type: 'payment_intent.succeeded',
        data: { object: { id: created.id, status: 'succeeded' } },
      });
      expect(() => Stripe.webhooks.constructEvent(last.body, last.signature, 'whsec_other')).toThrow(
        Stripe.errors.StripeSignatureVerificationError,
      );
    } finally {
      await sender.close();
      await new Promise<void>((resolve) => endpoint.close(() => resolve()));
    }
  });
});
