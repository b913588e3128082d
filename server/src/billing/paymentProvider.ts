/**
 * What Outmerge needs from a payment provider (B5). The embedded default is the simulated
 * provider; a real one (Stripe, Adyen, …) implements the same interface and is chosen by the
 * PAYMENT_PROVIDER setting. The server never stores what `paymentMethod` carries: for a real
 * provider it is the token its checkout element returned, for the simulated one a test card.
 */
export interface ChargeRequest {
  amountMinor: number;
  currency: string;
  paymentMethod: string;
  description: string;
  /** Passed on to the provider so that a retried charge is not taken twice. */
  idempotencyKey: string;
}

export type DeclineReason = 'card_declined' | 'insufficient_funds' | 'expired_card';

export type ChargeResult = { status: 'succeeded'; reference: string } | { status: 'declined'; reference: string; reason: DeclineReason };

export class PaymentMethodInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentMethodInvalidError';
  }
}

export interface PaymentProvider {
  readonly name: string;
  /** Throws PaymentMethodInvalidError for a payment method the provider cannot use at all. */
  charge(request: ChargeRequest): Promise<ChargeResult>;
}
