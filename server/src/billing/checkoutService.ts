/**
 * Buying a subscription (B1, B5): the buyer's Microsoft 365 identity becomes the owner, the
 * buyer's tenant the organisation, and the buyer's domain its first approved domain.
 *
 * Idempotency follows Stripe's model: the first answer to a key is stored and replayed; the same
 * key with another body is refused; a key whose request is still running is refused with 409.
 * The charge happens between two transactions (a provider call must not hold the write lock), so
 * the key is claimed before charging and the outcome recorded together with the purchase.
 */
import { createHash, randomUUID } from 'node:crypto';
import { normalizeEmail } from '../../../shared/src/email/normalizeEmail.js';
import type { PlanConfig } from '../config.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { Storage } from '../storage/storage.js';
import { PaymentMethodInvalidError, type PaymentProvider } from './paymentProvider.js';
import { periodEnd, purchaseAmountMinor } from './plans.js';

export interface CheckoutRequest {
  plan: string;
  quantity: number;
  card: string;
}

export interface CheckoutResponse {
  statusCode: number;
  body: unknown;
}

export class CheckoutService {
  constructor(
    private readonly storage: Storage,
    private readonly provider: PaymentProvider,
    private readonly options: { plans: readonly PlanConfig[]; currency: string },
    private readonly clock: () => number = Date.now,
  ) {}

  async purchase(caller: CallerIdentity, request: CheckoutRequest, idempotencyKey: string, ip: string | null): Promise<CheckoutResponse> {
    const plan = this.options.plans.find((p) => p.id === request.plan);
    if (!plan) throw new ApiError(400, 'PLAN_UNKNOWN', `Unknown plan "${request.plan}". Choose one of: ${this.options.plans.map((p) => p.id).join(', ')}.`);
    const buyerEmail = caller.email ? normalizeEmail(caller.email) : null;
    if (!buyerEmail?.ok) throw new ApiError(400, 'VALIDATION_FAILED', 'Your Microsoft 365 account has no email address to own a subscription with.');

    const scope = `checkout:${caller.tenantId}:${caller.objectId}`;
    const requestHash = createHash('sha256').update(JSON.stringify([request.plan, request.quantity, request.card.replace(/[\s-]/g, '')])).digest('hex');
    const claim = this.storage.transaction(() => this.storage.claimIdempotencyKey(scope, idempotencyKey, requestHash, this.clock()));
    if (claim.state === 'done') return { statusCode: claim.statusCode, body: claim.body };
    if (claim.state === 'mismatch') throw new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different purchase. Use a new key.');
    if (claim.state === 'in_progress') throw new ApiError(409, 'IDEMPOTENCY_KEY_IN_USE', 'A purchase with this Idempotency-Key is still being processed. Try again in a moment.');

    const amountMinor = purchaseAmountMinor(plan, request.quantity);
    const description = `Outmerge ${plan.id} × ${request.quantity}`;
    let charge;
    try {
      charge = await this.provider.charge({ amountMinor, currency: this.options.currency, paymentMethod: request.card, description, idempotencyKey: `${scope}:${idempotencyKey}` });
    } catch (error) {
      // Nothing was charged: free the key so the corrected request can reuse it.
      this.storage.transaction(() => this.storage.releaseIdempotencyKey(scope, idempotencyKey));
      if (error instanceof PaymentMethodInvalidError) throw new ApiError(400, 'PAYMENT_CARD_INVALID', error.message);
      throw error;
    }

    return this.storage.transaction(() => {
      const now = this.clock();
      if (charge.status === 'declined') {
        this.storage.insertPayment({ id: randomUUID(), subscriptionId: null, provider: this.provider.name, providerReference: charge.reference, amountMinor, currency: this.options.currency, status: 'declined', description, createdAt: now });
        const response = { statusCode: 402, body: { error: { code: 'PAYMENT_DECLINED', message: declineMessage(charge.reason), details: { reason: charge.reason } } } };
        this.storage.completeIdempotencyKey(scope, idempotencyKey, response.statusCode, response.body);
        return response;
      }

      let organisation = this.storage.findOrganisationByTenant(caller.tenantId);
      if (!organisation) {
        organisation = { id: randomUUID(), tenantId: caller.tenantId, name: buyerEmail.domain, createdAt: now };
        this.storage.insertOrganisation(organisation);
      }
      this.storage.approveDomain(organisation.id, buyerEmail.domain, now);
      const subscriptionId = randomUUID();
      const end = periodEnd(now, plan.interval);
      this.storage.insertSubscription({
        id: subscriptionId,
        organisationId: organisation.id,
        planId: plan.id,
        quantity: request.quantity,
        status: 'active',
        periodStart: now,
        periodEnd: end,
        ownerTenantId: caller.tenantId,
        ownerObjectId: caller.objectId,
        ownerEmail: buyerEmail.display,
        createdAt: now,
      });
      this.storage.insertPayment({ id: randomUUID(), subscriptionId, provider: this.provider.name, providerReference: charge.reference, amountMinor, currency: this.options.currency, status: 'succeeded', description, createdAt: now });
      this.storage.appendJournal({
        organisationId: organisation.id,
        subscriptionId,
        actor: { tenantId: caller.tenantId, objectId: caller.objectId, email: buyerEmail.display },
        actorRole: 'owner',
        onBehalfOf: null,
        category: 'billing',
        action: 'subscription.purchased',
        target: subscriptionId,
        detail: JSON.stringify({ plan: plan.id, quantity: request.quantity, amountMinor, currency: this.options.currency }),
        ip,
        at: now,
      });
      const response = {
        statusCode: 201,
        body: { subscriptionId, plan: plan.id, quantity: request.quantity, amountMinor, currency: this.options.currency, status: 'active', periodEnd: new Date(end).toISOString() },
      };
      this.storage.completeIdempotencyKey(scope, idempotencyKey, response.statusCode, response.body);
      return response;
    });
  }
}

function declineMessage(reason: string): string {
  switch (reason) {
    case 'insufficient_funds':
      return 'The card was declined for insufficient funds. Use another card.';
    case 'expired_card':
      return 'The card has expired. Use another card.';
    default:
      return 'The card was declined. Use another card or contact your bank.';
  }
}
