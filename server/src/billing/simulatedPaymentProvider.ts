/**
 * A local payment provider for development and tests, with documented test cards in the style
 * of real providers' test modes. It refuses to exist when NODE_ENV=production.
 */
import { randomUUID } from 'node:crypto';
import { assertDevelopment } from '../dev/assertDevelopment.js';
import { PaymentMethodInvalidError, type ChargeRequest, type ChargeResult, type DeclineReason, type PaymentProvider } from './paymentProvider.js';

/** The test cards (spaces allowed when typed). Any other number is refused. */
export const SIMULATED_TEST_CARDS: Readonly<Record<string, 'succeeds' | DeclineReason>> = {
  '4242424242424242': 'succeeds',
  '5555555555554444': 'succeeds',
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
  '4000000000000069': 'expired_card',
};

export class SimulatedPaymentProvider implements PaymentProvider {
  readonly name = 'simulated';
  private readonly byIdempotencyKey = new Map<string, ChargeResult>();

  constructor() {
    assertDevelopment('The simulated payment provider');
  }

  charge(request: ChargeRequest): Promise<ChargeResult> {
    const previous = this.byIdempotencyKey.get(request.idempotencyKey);
    if (previous) return Promise.resolve(previous);
    const card = request.paymentMethod.replace(/[\s-]/g, '');
    const outcome = SIMULATED_TEST_CARDS[card];
    if (!outcome) {
      return Promise.reject(new PaymentMethodInvalidError('Use one of the simulated provider\'s test cards, for example 4242 4242 4242 4242.'));
    }
    const reference = `sim_${randomUUID()}`;
    const result: ChargeResult = outcome === 'succeeds' ? { status: 'succeeded', reference } : { status: 'declined', reference, reason: outcome };
    this.byIdempotencyKey.set(request.idempotencyKey, result);
    return Promise.resolve(result);
  }
}
