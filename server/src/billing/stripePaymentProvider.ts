/**
 * The payment provider for real money: Stripe, through its official SDK (`stripe` on npm, which
 * encodes requests, retries what Stripe says may be retried — `Stripe-Should-Retry`, 409, 5xx,
 * lost connections — with the same Idempotency-Key, and verifies webhook signatures).
 *
 * How Outmerge's contract maps to Stripe (each behaviour's page: docs/stripe-behaviour.md):
 * - A stored payment method's token is `<customer id>/<payment method id>`: off-session charges
 *   need both ("Save a customer's payment method when they use it for a payment").
 * - `createPaymentMethod`: the browser's PaymentMethod (Stripe.js `createPaymentMethod`, or a
 *   test id such as `pm_card_visa`) is read for its brand and last four digits, and a Customer is
 *   made for the buyer. The card is checked by the payment that follows.
 * - `savePaymentMethod`: a SetupIntent with `confirm=true` and `usage=off_session`: the issuer
 *   checks the card; a decline (402 `card_declined`) is answered `declined` and nothing is kept.
 * - `charge`: a PaymentIntent with `confirm=true`, our idempotency key as the request's
 *   Idempotency-Key and in `metadata.outmerge_idempotency_key` (for `findCharge`'s search), and
 *   `off_session=true` when the buyer is absent; `setup_future_usage=off_session` keeps a card
 *   used on-session. `requires_action` (3-D Secure) comes back with the client secret for
 *   Stripe.js; an off-session payment the bank wants authenticated is a 402
 *   `authentication_required`, which is a decline here.
 * - `completeAction` re-reads the PaymentIntent: what the browser says is never trusted.
 * - `findCharge` uses the Search API, which lags writes (the claim lease covers it).
 * - Webhooks: `stripe.webhooks.constructEvent` checks `Stripe-Signature` (HMAC-SHA256 of
 *   `t.payload`, 300 s tolerance) against each configured secret.
 */
import Stripe from 'stripe';
import {
  PaymentMethodInvalidError,
  WebhookSignatureError,
  type ChargeRequest,
  type ChargeResult,
  type DeclineReason,
  type PaymentCustomer,
  type PaymentProvider,
  type RefundResult,
  type SaveResult,
  type StoredPaymentMethod,
  type WebhookEvent,
} from './paymentProvider.js';

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecrets: readonly string[];
  /** Where the API is: api.stripe.com by default; the development stand-in in tests. */
  api?: { host: string; port: number; protocol: 'http' | 'https' };
  /** Retries of requests Stripe says may be retried (the SDK's maxNetworkRetries). */
  maxNetworkRetries?: number;
  /** Seconds of the SDK's first retry delay: short against the stand-in. */
  timeoutMs?: number;
}

/** The metadata key `findCharge` searches PaymentIntents by. */
export const IDEMPOTENCY_METADATA_KEY = 'outmerge_idempotency_key';
const PAYMENT_METHOD_ID = /^pm_[A-Za-z0-9_]{1,250}$/;
const TOKEN = /^(cus_[A-Za-z0-9]{1,250})\/(pm_[A-Za-z0-9_]{1,250})$/;

function declineReasonOf(error: { code?: string; decline_code?: string }): DeclineReason {
  if (error.code === 'authentication_required' || error.decline_code === 'authentication_required')
    return 'authentication_required';
  if (error.code === 'expired_card' || error.decline_code === 'expired_card') return 'expired_card';
  if (error.decline_code === 'insufficient_funds') return 'insufficient_funds';
  if (error.code === 'payment_intent_authentication_failure' || error.code === 'setup_intent_authentication_failure')
    return 'authentication_failed';
  return 'card_declined';
}

function resultOf(intent: Stripe.PaymentIntent): ChargeResult {
  switch (intent.status) {
    case 'succeeded':
      return { status: 'succeeded', reference: intent.id };
    case 'requires_action':
    case 'processing':
    case 'requires_confirmation':
      return {
        status: 'requires_action',
        reference: intent.id,
        ...(intent.client_secret ? { clientSecret: intent.client_secret } : {}),
      };
    default:
      // requires_payment_method after a failed attempt (a decline, or 3-D Secure not completed), or canceled.
      return {
        status: 'declined',
        reference: intent.id,
        reason: intent.last_payment_error ? declineReasonOf(intent.last_payment_error) : 'card_declined',
      };
  }
}

function isStripeError(error: unknown, type: string): error is Stripe.errors.StripeError {
  return error instanceof Stripe.errors.StripeError && error.type === type;
}

export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe';
  readonly webhookSignatureHeader = 'stripe-signature';
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeProviderOptions) {
    this.stripe = new Stripe(options.secretKey, {
      maxNetworkRetries: options.maxNetworkRetries ?? 2,
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
      ...(options.api ? { host: options.api.host, port: options.api.port, protocol: options.api.protocol } : {}),
      appInfo: { name: 'Outmerge' },
    });
  }

  private static split(token: string): { customer: string; paymentMethod: string } {
    const match = TOKEN.exec(token);
    if (!match) throw new PaymentMethodInvalidError('Unknown payment method.');
    return { customer: match[1]!, paymentMethod: match[2]! };
  }

  private async customerFor(
    customer: PaymentCustomer | undefined,
    idempotencyKey: string | undefined,
  ): Promise<string> {
    const created = await this.stripe.customers.create(
      { ...(customer ? { email: customer.email, name: customer.name } : {}), metadata: { outmerge: 'buyer' } },
      idempotencyKey ? { idempotencyKey: `${idempotencyKey}:customer` } : undefined,
    );
    return created.id;
  }

  async createPaymentMethod(
    input: string,
    options: { idempotencyKey?: string; customer?: PaymentCustomer } = {},
  ): Promise<StoredPaymentMethod> {
    if (!PAYMENT_METHOD_ID.test(input))
      throw new PaymentMethodInvalidError('Enter the card in the payment form (a Stripe PaymentMethod id, pm_…).');
    let method: Stripe.PaymentMethod;
    try {
      method = await this.stripe.paymentMethods.retrieve(input);
    } catch (error) {
      if (isStripeError(error, 'StripeInvalidRequestError'))
        throw new PaymentMethodInvalidError('The card could not be found at the payment provider. Enter it again.');
      throw error;
    }
    const customer = await this.customerFor(options.customer, options.idempotencyKey);
    return { token: `${customer}/${method.id}`, brand: method.card?.brand ?? 'card', last4: method.card?.last4 ?? '' };
  }

  async savePaymentMethod(
    input: string,
    options: { idempotencyKey: string; customer?: PaymentCustomer },
  ): Promise<SaveResult> {
    const method = await this.createPaymentMethod(input, options);
    const { customer, paymentMethod } = StripePaymentProvider.split(method.token);
    try {
      const intent = await this.stripe.setupIntents.create(
        {
          customer,
          payment_method: paymentMethod,
          confirm: true,
          usage: 'off_session',
          allowed_payment_method_types: ['card'],
        },
        { idempotencyKey: `${options.idempotencyKey}:setup` },
      );
      // A card whose bank wants the buyer to confirm it (3-D Secure at setup) is not kept until they have.
      if (intent.status !== 'succeeded') return { status: 'declined', reason: 'authentication_required' };
      return { status: 'saved', method };
    } catch (error) {
      if (isStripeError(error, 'StripeCardError')) return { status: 'declined', reason: declineReasonOf(error) };
      if (isStripeError(error, 'StripeInvalidRequestError') && error.param === 'payment_method')
        throw new PaymentMethodInvalidError(error.message);
      throw error;
    }
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const { customer, paymentMethod } = StripePaymentProvider.split(request.paymentMethodToken);
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: request.amountMinor,
          currency: request.currency.toLowerCase(),
          customer,
          payment_method: paymentMethod,
          allowed_payment_method_types: ['card'],
          confirm: true,
          description: request.description,
          metadata: { [IDEMPOTENCY_METADATA_KEY]: request.idempotencyKey },
          ...(request.offSession
            ? { off_session: true }
            : request.savePaymentMethod
              ? { setup_future_usage: 'off_session' as const }
              : {}),
        },
        { idempotencyKey: request.idempotencyKey },
      );
      return resultOf(intent);
    } catch (error) {
      if (isStripeError(error, 'StripeCardError')) {
        const intent = (error.raw as { payment_intent?: { id?: string } }).payment_intent;
        return {
          status: 'declined',
          reference: intent?.id ?? error.requestId ?? 'unknown',
          reason: declineReasonOf(error),
        };
      }
      // A payment method Stripe does not know (deleted, another account's): nothing was charged.
      if (
        isStripeError(error, 'StripeInvalidRequestError') &&
        (error.param === 'payment_method' || error.param === 'customer')
      )
        throw new PaymentMethodInvalidError(error.message);
      throw error;
    }
  }

  async completeAction(reference: string): Promise<ChargeResult> {
    try {
      return resultOf(await this.stripe.paymentIntents.retrieve(reference));
    } catch (error) {
      if (isStripeError(error, 'StripeInvalidRequestError')) throw new PaymentMethodInvalidError(error.message);
      throw error;
    }
  }

  async findCharge(idempotencyKey: string): Promise<ChargeResult | null> {
    // Search's query language quotes values with '; our keys are om_<hex>, so nothing needs escaping.
    if (!/^[\x21-\x26\x28-\x5b\x5d-\x7e]{1,255}$/.test(idempotencyKey))
      throw new Error('An idempotency key with quotes cannot be searched for.');
    const found = await this.stripe.paymentIntents.search({
      query: `metadata['${IDEMPOTENCY_METADATA_KEY}']:'${idempotencyKey}'`,
      limit: 1,
    });
    const [intent] = found.data;
    return intent ? resultOf(intent) : null;
  }

  async refund(reference: string, amountMinor: number, options: { idempotencyKey: string }): Promise<RefundResult> {
    try {
      const refund = await this.stripe.refunds.create(
        { payment_intent: reference, amount: amountMinor },
        { idempotencyKey: options.idempotencyKey },
      );
      return {
        status:
          refund.status === 'succeeded'
            ? 'succeeded'
            : refund.status === 'failed' || refund.status === 'canceled'
              ? 'failed'
              : 'pending',
        reference: refund.id,
      };
    } catch (error) {
      if (isStripeError(error, 'StripeInvalidRequestError')) throw new PaymentMethodInvalidError(error.message);
      throw error;
    }
  }

  verifyWebhook(rawBody: string, signatureHeader: string | undefined, nowSeconds: number): WebhookEvent | null {
    if (!signatureHeader) throw new WebhookSignatureError('malformed');
    let event: Stripe.Event | null = null;
    let reason: WebhookSignatureError['reason'] = 'signature_mismatch';
    for (const secret of this.options.webhookSecrets) {
      try {
        event = this.stripe.webhooks.constructEvent(
          rawBody,
          signatureHeader,
          secret,
          300,
          undefined,
          nowSeconds * 1000,
        );
        break;
      } catch (error) {
        if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) return null;
        if (/tolerance/i.test(error.message)) reason = 'timestamp_out_of_tolerance';
        else if (/Unable to extract/i.test(error.message)) reason = 'malformed';
      }
    }
    if (!event) throw new WebhookSignatureError(reason);
    if (typeof event.id !== 'string' || typeof event.type !== 'string') return null;
    if (event.type === 'payment_intent.succeeded' || event.type === 'payment_intent.payment_failed') {
      const intent = event.data.object;
      return {
        id: event.id,
        type: event.type === 'payment_intent.succeeded' ? 'payment_action.succeeded' : 'payment_action.failed',
        reference: intent.id,
      };
    }
    return { id: event.id, type: 'other', providerType: event.type };
  }
}
