/**
 * A local payment provider for development and tests, with documented test cards in the style
 * of real providers' test modes (Stripe's numbers). It refuses to exist when NODE_ENV=production.
 * Tokens name the card's behaviour and an id, never the card number. Each payment method made is a
 * new one (Stripe gives every PaymentMethod its own id), except that one made again with the same
 * idempotency key is the first one: a retried purchase presents the same card (Stripe's
 * idempotent requests apply to creating payment methods too).
 *
 * It behaves as a separate service would, as strictly as Stripe where tests depend on it:
 * - its charges live in its own SQLite file (../storage/simulatedPaymentStorage.ts), written
 *   before it answers, so they survive the Outmerge process being killed;
 * - a charge retried with the same idempotency key within 24 hours returns the first payment in
 *   its current state, and the same key with other parameters is refused (Stripe's "Idempotent
 *   requests"); after 24 hours the key makes a new payment;
 * - `findCharge` sees a payment only `searchLagMs` after it was made, as Stripe's Search API
 *   ("data is searchable in less than a minute");
 * - `latencyMs` is spent half before the payment is recorded and half after (the request and the
 *   answer on the wire), so a caller can die with the payment made and its answer not received.
 */
import { createHash, randomUUID } from 'node:crypto';
import { assertDevelopment } from '../dev/assertDevelopment.js';
import { SimulatedPaymentStorage, type SimulatedChargeRow } from '../storage/simulatedPaymentStorage.js';
import {
  PaymentMethodInvalidError,
  WebhookSignatureError,
  type ChargeRequest,
  type ChargeResult,
  type DeclineReason,
  type PaymentProvider,
  type RefundResult,
  type SaveResult,
  type StoredPaymentMethod,
  type WebhookEvent,
} from './paymentProvider.js';
import { verifyWebhook } from './webhookSignature.js';

type Behaviour =
  | 'succeeds'
  | 'card_declined'
  | 'insufficient_funds'
  | 'expired_card'
  | 'authenticate'
  | 'authenticate_on_setup'
  | 'attach_then_decline';

/** The test cards (spaces allowed when typed). Any other number is refused. */
export const SIMULATED_TEST_CARDS: Readonly<Record<string, Behaviour>> = {
  '4242424242424242': 'succeeds',
  '5555555555554444': 'succeeds',
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
  '4000000000000069': 'expired_card',
  /**
   * Asks for additional authentication (3-D Secure) on every payment, as Stripe's
   * `pm_card_authenticationRequired`: on-session the buyer confirms, off-session (renewals,
   * quantity changes) the bank declines with `authentication_required`.
   */
  '4000002760003184': 'authenticate',
  /**
   * Stripe's `pm_card_authenticationRequiredOnSetup`: the buyer confirms the first payment (or
   * saving the card); once saved, off-session charges go through without authentication.
   */
  '4000002500003155': 'authenticate_on_setup',
  /** Can be saved (checkout declines it, replacing a payment method accepts it); every charge is declined: failed renewals. */
  '4000000000000341': 'attach_then_decline',
};

const TOKEN =
  /^pm_sim_(succeeds|card_declined|insufficient_funds|expired_card|authenticate|authenticate_on_setup|attach_then_decline)_[0-9a-f-]{36}$/;
/** How long the provider keeps an idempotency key's result (Stripe: keys may be pruned once 24 hours old). */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A charge as the provider's own records show it (Stripe: "List all charges"), with its current status. */
export interface SimulatedCharge {
  reference: string;
  amountMinor: number;
  currency: string;
  paymentMethodToken: string;
  idempotencyKey: string;
  offSession: boolean;
  status: ChargeResult['status'];
}

export interface SimulatedProviderOptions {
  /** The provider's own database file; `:memory:` keeps nothing across processes. */
  file?: string;
  latencyMs?: number;
  searchLagMs?: number;
  clock?: () => number;
  /** Secrets its webhooks are signed with (PAYMENT_WEBHOOK_SECRET; several while rolling over). */
  webhookSecrets?: readonly string[];
}

function resultOf(row: SimulatedChargeRow): ChargeResult {
  if (row.status === 'succeeded') return { status: 'succeeded', reference: row.reference };
  if (row.status === 'requires_action') return { status: 'requires_action', reference: row.reference };
  return { status: 'declined', reference: row.reference, reason: (row.reason ?? 'card_declined') as DeclineReason };
}

/** What a charge with a card of this behaviour gets, present (on-session) or not. */
function outcomeOf(
  behaviour: Behaviour,
  offSession: boolean,
): { status: 'succeeded' | 'requires_action' | 'declined'; reason: DeclineReason | null } {
  switch (behaviour) {
    case 'succeeds':
      return { status: 'succeeded', reason: null };
    case 'authenticate':
      return offSession
        ? { status: 'declined', reason: 'authentication_required' }
        : { status: 'requires_action', reason: null };
    case 'authenticate_on_setup':
      // Only a saved card is charged off-session here, and saving it was the authenticated setup.
      return offSession ? { status: 'succeeded', reason: null } : { status: 'requires_action', reason: null };
    case 'attach_then_decline':
      return { status: 'declined', reason: 'card_declined' };
    default:
      return { status: 'declined', reason: behaviour };
  }
}

const wait = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

export class SimulatedPaymentProvider implements PaymentProvider {
  readonly name = 'simulated';
  readonly records: SimulatedPaymentStorage;
  private readonly latencyMs: number;
  private readonly searchLagMs: number;
  private readonly clock: () => number;
  private readonly webhookSecrets: readonly string[];
  readonly webhookSignatureHeader = 'outmerge-signature';

  constructor(options: SimulatedProviderOptions = {}) {
    assertDevelopment('The simulated payment provider');
    this.records = SimulatedPaymentStorage.open(options.file ?? ':memory:');
    this.latencyMs = options.latencyMs ?? 0;
    this.searchLagMs = options.searchLagMs ?? 0;
    this.clock = options.clock ?? Date.now;
    this.webhookSecrets = options.webhookSecrets ?? [];
  }

  close(): void {
    this.records.close();
  }

  createPaymentMethod(input: string, options: { idempotencyKey?: string } = {}): Promise<StoredPaymentMethod> {
    const card = input.replace(/[\s-]/g, '');
    const behaviour = SIMULATED_TEST_CARDS[card];
    if (!behaviour)
      return Promise.reject(
        new PaymentMethodInvalidError(
          "Use one of the simulated provider's test cards, for example 4242 4242 4242 4242.",
        ),
      );
    const id =
      options.idempotencyKey === undefined
        ? randomUUID().replace(/-/g, '')
        : createHash('sha256').update(`payment-method:${options.idempotencyKey}:${card}`).digest('hex');
    const uuidShaped = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
    const token = `pm_sim_${behaviour}_${uuidShaped}`;
    this.records.rememberPaymentMethod(token, this.clock());
    return Promise.resolve({ token, brand: card.startsWith('5') ? 'mastercard' : 'visa', last4: card.slice(-4) });
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    await wait(this.latencyMs / 2);
    const now = this.clock();
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([request.amountMinor, request.currency, request.paymentMethodToken, request.offSession]))
      .digest('hex');
    let row = this.records.findByKey(request.idempotencyKey, now - IDEMPOTENCY_WINDOW_MS);
    if (!row) {
      const behaviour = TOKEN.exec(request.paymentMethodToken)?.[1] as Behaviour | undefined;
      if (!behaviour) throw new PaymentMethodInvalidError('Unknown payment method.');
      const { status, reason } = outcomeOf(behaviour, request.offSession);
      row = this.records.insert(
        {
          reference: `sim_${randomUUID()}`,
          idempotencyKey: request.idempotencyKey,
          fingerprint,
          status,
          reason,
          createdAt: now,
          amountMinor: request.amountMinor,
          currency: request.currency,
          paymentMethodToken: request.paymentMethodToken,
          offSession: request.offSession,
        },
        now - IDEMPOTENCY_WINDOW_MS,
      );
    }
    // Stripe refuses a key reused with other parameters rather than guessing which request was meant.
    if (row.fingerprint !== fingerprint)
      throw new Error(`Idempotency key ${request.idempotencyKey} was used with other parameters.`);
    await wait(this.latencyMs / 2);
    return resultOf(row);
  }

  /** Saving a card (Stripe: a SetupIntent): the bank checks it, so a declining card is refused and not kept. */
  async savePaymentMethod(input: string, options: { idempotencyKey: string }): Promise<SaveResult> {
    const card = input.replace(/[\s-]/g, '');
    const behaviour = SIMULATED_TEST_CARDS[card];
    if (!behaviour)
      throw new PaymentMethodInvalidError(
        "Use one of the simulated provider's test cards, for example 4242 4242 4242 4242.",
      );
    if (behaviour === 'card_declined' || behaviour === 'insufficient_funds' || behaviour === 'expired_card')
      return { status: 'declined', reason: behaviour };
    // Stripe's SetupIntent for these cards waits for 3-D Secure in the buyer's browser, which this provider cannot show.
    if (behaviour === 'authenticate' || behaviour === 'authenticate_on_setup')
      return { status: 'declined', reason: 'authentication_required' };
    return {
      status: 'saved',
      method: await this.createPaymentMethod(input, { idempotencyKey: `save:${options.idempotencyKey}` }),
    };
  }

  refund(reference: string, amountMinor: number, options: { idempotencyKey: string }): Promise<RefundResult> {
    const refund = this.records.refund({
      reference: `sim_re_${randomUUID()}`,
      chargeReference: reference,
      idempotencyKey: options.idempotencyKey,
      amountMinor,
      at: this.clock(),
    });
    if (!refund)
      return Promise.reject(new PaymentMethodInvalidError('This payment cannot be refunded by that amount.'));
    return Promise.resolve({ status: 'succeeded', reference: refund.reference });
  }

  completeAction(reference: string, clientResult: { approved: boolean }): Promise<ChargeResult> {
    const row = this.records.findByReference(reference);
    if (!row) return Promise.reject(new PaymentMethodInvalidError('Unknown payment.'));
    if (row.status === 'requires_action') {
      if (clientResult.approved) this.records.settle(reference, 'succeeded', null, this.clock());
      else this.records.settle(reference, 'declined', 'authentication_failed', this.clock());
    }
    return Promise.resolve(resultOf(this.records.findByReference(reference) ?? row));
  }

  findCharge(idempotencyKey: string): Promise<ChargeResult | null> {
    const row = this.records.findByKey(idempotencyKey);
    return Promise.resolve(row && row.createdAt <= this.clock() - this.searchLagMs ? resultOf(row) : null);
  }

  /** Every charge, oldest first, in its current status: what the value-for-money property counts as paid. */
  listCharges(): SimulatedCharge[] {
    return this.records.all().map((row) => ({
      reference: row.reference,
      amountMinor: row.amountMinor,
      currency: row.currency,
      paymentMethodToken: row.paymentMethodToken,
      idempotencyKey: row.idempotencyKey,
      offSession: row.offSession,
      status: row.status,
    }));
  }

  /** Every payment method made, oldest first. */
  listPaymentMethods(): string[] {
    return this.records.paymentMethods();
  }

  verifyWebhook(rawBody: string, signatureHeader: string | undefined, nowSeconds: number): WebhookEvent | null {
    const verification = verifyWebhook(rawBody, signatureHeader, this.webhookSecrets, nowSeconds);
    if (!verification.ok) throw new WebhookSignatureError(verification.reason);
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return null;
    }
    const event = body as { id?: unknown; type?: unknown; data?: { reference?: unknown } } | null;
    if (typeof event?.id !== 'string' || typeof event.type !== 'string') return null;
    if (
      (event.type === 'payment_action.succeeded' || event.type === 'payment_action.failed') &&
      typeof event.data?.reference === 'string'
    ) {
      return { id: event.id, type: event.type, reference: event.data.reference };
    }
    return { id: event.id, type: 'other', providerType: event.type };
  }
}
