/**
 * A local payment provider for development and tests, with documented test cards in the style
 * of real providers' test modes (Stripe's numbers). It refuses to exist when NODE_ENV=production.
 * Tokens name the card's behaviour and a random id, never the card number.
 */
import { randomUUID } from 'node:crypto';
import { assertDevelopment } from '../dev/assertDevelopment.js';
import { PaymentMethodInvalidError, type ChargeRequest, type ChargeResult, type PaymentProvider, type StoredPaymentMethod, type WebhookEvent } from './paymentProvider.js';

type Behaviour = 'succeeds' | 'card_declined' | 'insufficient_funds' | 'expired_card' | 'authenticate' | 'attach_then_decline';

/** The test cards (spaces allowed when typed). Any other number is refused. */
export const SIMULATED_TEST_CARDS: Readonly<Record<string, Behaviour>> = {
  '4242424242424242': 'succeeds',
  '5555555555554444': 'succeeds',
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
  '4000000000000069': 'expired_card',
  /** Asks for additional authentication (3-D Secure) on every on-session payment; off-session charges succeed. */
  '4000002760003184': 'authenticate',
  /** Can be saved (checkout declines it, replacing a payment method accepts it); every charge is declined: failed renewals. */
  '4000000000000341': 'attach_then_decline',
};

const TOKEN = /^pm_sim_(succeeds|card_declined|insufficient_funds|expired_card|authenticate|attach_then_decline)_[0-9a-f-]{36}$/;

/** A charge as the provider's own ledger shows it (Stripe: "List all charges"), with its final status. */
export interface SimulatedCharge {
  reference: string;
  amountMinor: number;
  currency: string;
  paymentMethodToken: string;
  idempotencyKey: string;
  offSession: boolean;
  status: ChargeResult['status'];
}

export class SimulatedPaymentProvider implements PaymentProvider {
  readonly name = 'simulated';
  private readonly byIdempotencyKey = new Map<string, ChargeResult>();
  private readonly pendingActions = new Map<string, ChargeResult>();
  private readonly ledger: SimulatedCharge[] = [];
  private readonly methods: string[] = [];

  constructor() {
    assertDevelopment('The simulated payment provider');
  }

  createPaymentMethod(input: string): Promise<StoredPaymentMethod> {
    const card = input.replace(/[\s-]/g, '');
    const behaviour = SIMULATED_TEST_CARDS[card];
    if (!behaviour) return Promise.reject(new PaymentMethodInvalidError("Use one of the simulated provider's test cards, for example 4242 4242 4242 4242."));
    const token = `pm_sim_${behaviour}_${randomUUID()}`;
    this.methods.push(token);
    return Promise.resolve({ token, brand: card.startsWith('5') ? 'mastercard' : 'visa', last4: card.slice(-4) });
  }

  charge(request: ChargeRequest): Promise<ChargeResult> {
    const previous = this.byIdempotencyKey.get(request.idempotencyKey);
    if (previous) return Promise.resolve(this.pendingActions.get(previous.reference) ?? previous);
    const behaviour = TOKEN.exec(request.paymentMethodToken)?.[1] as Behaviour | undefined;
    if (!behaviour) return Promise.reject(new PaymentMethodInvalidError('Unknown payment method.'));
    const reference = `sim_${randomUUID()}`;
    let result: ChargeResult;
    if (behaviour === 'succeeds' || (behaviour === 'authenticate' && request.offSession)) result = { status: 'succeeded', reference };
    else if (behaviour === 'authenticate') {
      result = { status: 'requires_action', reference };
      this.pendingActions.set(reference, result);
    } else result = { status: 'declined', reference, reason: behaviour === 'attach_then_decline' ? 'card_declined' : behaviour };
    this.byIdempotencyKey.set(request.idempotencyKey, result);
    this.ledger.push({ reference, amountMinor: request.amountMinor, currency: request.currency, paymentMethodToken: request.paymentMethodToken, idempotencyKey: request.idempotencyKey, offSession: request.offSession, status: result.status });
    return Promise.resolve(result);
  }

  /** Every charge attempted, oldest first, with its status now (a confirmed 3-D Secure payment reads succeeded): what the provider says it took. */
  listCharges(): readonly SimulatedCharge[] {
    return this.ledger;
  }

  /** Every payment method token made, oldest first. */
  listPaymentMethods(): readonly string[] {
    return this.methods;
  }

  completeAction(reference: string, clientResult: { approved: boolean }): Promise<ChargeResult> {
    const pending = this.pendingActions.get(reference);
    if (!pending) return Promise.reject(new PaymentMethodInvalidError('Unknown payment.'));
    if (pending.status !== 'requires_action') return Promise.resolve(pending);
    const result: ChargeResult = clientResult.approved ? { status: 'succeeded', reference } : { status: 'declined', reference, reason: 'authentication_failed' };
    this.pendingActions.set(reference, result);
    const entry = this.ledger.find((charge) => charge.reference === reference);
    if (entry) entry.status = result.status;
    return Promise.resolve(result);
  }

  parseWebhookEvent(body: unknown): WebhookEvent | null {
    const event = body as { id?: unknown; type?: unknown; data?: { reference?: unknown } } | null;
    if (typeof event?.id !== 'string' || typeof event.type !== 'string') return null;
    if ((event.type === 'payment_action.succeeded' || event.type === 'payment_action.failed') && typeof event.data?.reference === 'string') {
      return { id: event.id, type: event.type, reference: event.data.reference };
    }
    return { id: event.id, type: 'other', providerType: event.type };
  }
}
