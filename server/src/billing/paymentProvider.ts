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
 * - Webhooks: the provider signs each event with `t=<unix seconds>,v1=<HMAC-SHA256 hex>` over
 *   `"<t>.<raw body>"` with the configured PAYMENT_WEBHOOK_SECRET (./webhookSignature.ts);
 *   `parseWebhookEvent` reads a verified body into the events Outmerge understands.
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
}

export type DeclineReason = 'card_declined' | 'insufficient_funds' | 'expired_card' | 'authentication_failed';

export type ChargeResult =
  | { status: 'succeeded'; reference: string }
  | { status: 'declined'; reference: string; reason: DeclineReason }
  /** The buyer must authenticate with their bank; finish with `completeAction(reference, …)`. */
  | { status: 'requires_action'; reference: string };

export type WebhookEvent =
  | { id: string; type: 'payment_action.succeeded' | 'payment_action.failed'; reference: string }
  | { id: string; type: 'other'; providerType: string };

export class PaymentMethodInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentMethodInvalidError';
  }
}

export interface PaymentProvider {
  readonly name: string;
  /** Throws PaymentMethodInvalidError for a payment method the provider cannot use at all. */
  /** `idempotencyKey`: a retried request gets the payment method its first attempt made (Stripe: idempotent requests). */
  createPaymentMethod(input: string, options?: { idempotencyKey?: string }): Promise<StoredPaymentMethod>;
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
  /** Reads a webhook body whose signature was already verified. */
  parseWebhookEvent(body: unknown): WebhookEvent | null;
}
