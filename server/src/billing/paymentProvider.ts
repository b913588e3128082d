/**
 * What Outmerge needs from a payment provider (B5). The embedded default is the simulated
 * provider (./simulatedPaymentProvider.ts); a real one (Stripe, Adyen, …) implements the same
 * interface and is chosen by the PAYMENT_PROVIDER setting in ../services.ts.
 *
 * The contract:
 * - `createPaymentMethod` turns what the buyer's browser obtained from the provider (a real
 *   provider's payment-method token from its card element; a test card for the simulated one) into
 *   a reusable payment method. Outmerge stores only the returned `token`, `brand` and `last4`;
 *   never a card number.
 * - `charge` takes money from a stored payment method's token. `offSession` is true when the buyer
 *   is not present (renewals, quantity changes): the provider must not ask for authentication
 *   then. An on-session charge may answer `requires_action` (3-D Secure): the buyer authenticates
 *   with their bank and `completeAction` tells the outcome.
 * - `idempotencyKey` is passed to the provider so that a retried call never charges twice (Stripe
 *   keeps the first result of a key for at least 24 hours and refuses the same key with other
 *   parameters: "Idempotent requests" in Stripe's API reference). The provider also stores it with
 *   the payment (Stripe: in the PaymentIntent's `metadata`), so that `findCharge` can look the
 *   payment up later by that key.
 * - `findCharge` is how a claim cut by a crash is reconciled (./idempotentCharge.ts): the payment
 *   made with this idempotency key, in its current state, or null when the provider never took it.
 *   Stripe answers it with the Search API (`metadata['outmerge_idempotency_key']:'…'` on
 *   PaymentIntents), whose index lags writes ("under normal operating conditions, data is
 *   searchable in less than a minute"): Outmerge asks only about claims older than the claim lease
 *   (PAYMENT_CLAIM_LEASE_SECONDS), which must outlast that lag and the longest charge call.
 * - `savePaymentMethod` keeps a card for later without charging it (Stripe: a SetupIntent confirmed
 *   with `usage=off_session`). The bank checks the card then: a declined card is answered
 *   `declined` and must never become a subscription's payment method.
 * - `charge` with `savePaymentMethod` keeps the card once the payment succeeds (Stripe:
 *   `setup_future_usage=off_session`), so that later off-session charges may use it.
 * - `refund` gives money back on a payment (Stripe: a Refund on the PaymentIntent), with our
 *   idempotency key so that a retried refund is made once.
 * - Webhooks: `verifyWebhook` checks the provider's signature over the raw body (Stripe:
 *   `Stripe-Signature: t=<unix seconds>,v1=<HMAC-SHA256 hex of "<t>.<raw body>">`, 300 s tolerance,
 *   verified by the SDK's `webhooks.constructEvent`; the simulated provider signs the same way under
 *   `Outmerge-Signature`, ./webhookSignature.ts) and reads it into the events Outmerge understands.
 */
export interface StoredPaymentMethod {
  /** The provider's reusable reference; the only thing Outmerge keeps besides brand and last4. */
  token: string;
  brand: string;
  last4: string;
}

export interface ChargeRequest {
  amountMinor: number;
  currency: string;
  /** A token from `createPaymentMethod`. */
  paymentMethodToken: string;
  description: string;
  /** Passed on to the provider so that a retried charge is not taken twice. */
  idempotencyKey: string;
  offSession: boolean;
  /** Keep the payment method for later off-session charges once this payment succeeds (on-session only). */
  savePaymentMethod?: boolean;
}

/**
 * Why a bank or the provider refused: Stripe's `decline_code` or error `code`
 * (docs.stripe.com/declines/codes, docs.stripe.com/error-codes). `authentication_required`: an
 * off-session payment the bank wants the absent buyer to authenticate; `authentication_failed`:
 * the buyer did not complete 3-D Secure.
 */
export type DeclineReason =
  'card_declined' | 'insufficient_funds' | 'expired_card' | 'authentication_failed' | 'authentication_required';

export type ChargeResult =
  | { status: 'succeeded'; reference: string }
  | { status: 'declined'; reference: string; reason: DeclineReason }
  /**
   * The buyer must authenticate with their bank; finish with `completeAction(reference, …)`.
   * `clientSecret`: what the buyer's browser needs to authenticate with a real provider's script
   * (Stripe.js `handleNextAction`); the simulated provider has none.
   */
  | { status: 'requires_action'; reference: string; clientSecret?: string };

export type SaveResult =
  { status: 'saved'; method: StoredPaymentMethod } | { status: 'declined'; reason: DeclineReason };

export interface RefundResult {
  status: 'succeeded' | 'pending' | 'failed';
  reference: string;
}

/** Who the payment method belongs to, as the provider's customer record names them. */
export interface PaymentCustomer {
  email: string;
  name: string;
}

export type WebhookEvent =
  | { id: string; type: 'payment_action.succeeded' | 'payment_action.failed'; reference: string }
  | { id: string; type: 'other'; providerType: string };

export class PaymentMethodInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentMethodInvalidError';
  }
}

/** A webhook whose signature is missing, wrong or too old: answered 400, the provider sends it again. */
export class WebhookSignatureError extends Error {
  constructor(readonly reason: 'malformed' | 'timestamp_out_of_tolerance' | 'signature_mismatch') {
    super(`Webhook signature refused: ${reason}`);
    this.name = 'WebhookSignatureError';
  }
}

export interface PaymentProvider {
  readonly name: string;
  /**
   * A payment method for a payment made now (its card is checked by that payment). Throws
   * PaymentMethodInvalidError for a payment method the provider cannot use at all.
   * `idempotencyKey`: a retried request gets the payment method its first attempt made (Stripe: idempotent requests).
   */
  createPaymentMethod(
    input: string,
    options?: { idempotencyKey?: string; customer?: PaymentCustomer },
  ): Promise<StoredPaymentMethod>;
  /** Keeps a card for later charges after the bank checked it; a declined card is not kept. */
  savePaymentMethod(
    input: string,
    options: { idempotencyKey: string; customer?: PaymentCustomer },
  ): Promise<SaveResult>;
  /** Throws PaymentMethodInvalidError for an unknown token. */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /**
   * The outcome of a charge that required authentication. `clientResult` is what the buyer's
   * browser reported (for a real provider the server re-reads the payment's status instead of
   * trusting it; the simulated provider treats it as the bank's answer).
   */
  completeAction(reference: string, clientResult: { approved: boolean }): Promise<ChargeResult>;
  /**
   * The payment requested with this idempotency key, as it stands now (a payment that waited for
   * the bank answers with the bank's outcome once known), or null when there is none.
   */
  findCharge(idempotencyKey: string): Promise<ChargeResult | null>;
  /** Gives `amountMinor` of a succeeded payment back; the same idempotency key refunds once. */
  refund(reference: string, amountMinor: number, options: { idempotencyKey: string }): Promise<RefundResult>;
  /**
   * Verifies a webhook's signature (the header named `webhookSignatureHeader`, lower case) at
   * `nowSeconds` and reads the event; throws WebhookSignatureError when it does not verify, and
   * answers null for a verified body that is not an event.
   */
  readonly webhookSignatureHeader: string;
  verifyWebhook(rawBody: string, signatureHeader: string | undefined, nowSeconds: number): WebhookEvent | null;
}
