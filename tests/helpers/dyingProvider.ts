/**
 * The simulated provider as seen by a server process that dies during a charge: `after` the
 * provider took the payment (its answer never arrives), or `before` the request reached it. The
 * charge (or refund) never returns, as for a killed process; the provider itself stays (a separate service).
 */
import type {
  ChargeRequest,
  ChargeResult,
  PaymentProvider,
  RefundResult,
} from '../../server/src/billing/paymentProvider.js';
import type { SimulatedPaymentProvider } from '../../server/src/billing/simulatedPaymentProvider.js';

export class DyingProvider implements PaymentProvider {
  readonly name: string;
  /** Charges that reached the point of dying. */
  died = 0;

  constructor(
    private readonly inner: SimulatedPaymentProvider,
    private readonly when: 'before' | 'after',
  ) {
    this.name = inner.name;
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    if (this.when === 'after') await this.inner.charge(request);
    this.died++;
    return new Promise<ChargeResult>(() => {});
  }

  createPaymentMethod(input: string, options?: { idempotencyKey?: string }) {
    return this.inner.createPaymentMethod(input, options);
  }

  completeAction(reference: string, clientResult: { approved: boolean }) {
    return this.inner.completeAction(reference, clientResult);
  }

  findCharge(idempotencyKey: string) {
    return this.inner.findCharge(idempotencyKey);
  }

  readonly webhookSignatureHeader = 'outmerge-signature';

  verifyWebhook(rawBody: string, signatureHeader: string | undefined, nowSeconds: number) {
    return this.inner.verifyWebhook(rawBody, signatureHeader, nowSeconds);
  }

  savePaymentMethod(input: string, options: { idempotencyKey: string }) {
    return this.inner.savePaymentMethod(input, options);
  }

  /** A refund dies as a charge does: made (`after`) or not (`before`), its answer never arrives. */
  async refund(reference: string, amountMinor: number, options: { idempotencyKey: string }): Promise<RefundResult> {
    if (this.when === 'after') await this.inner.refund(reference, amountMinor, options);
    this.died++;
    return new Promise<RefundResult>(() => {});
  }
}
