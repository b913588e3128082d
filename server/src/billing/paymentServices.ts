/**
 * The services that take or give back money, wired over one charge helper (./idempotentCharge.ts):
 * checkout, billing, the partners' use cases and refunds. Each registers with the helper how its
 * payments are recorded, so all are built together, before any claim can be reconciled. Built once
 * by ../services.ts; tests build them again over the same database with another provider or clock.
 */
import type { Config } from '../config.js';
import type { Outbox } from '../email/outbox.js';
import { createPartnerServices } from '../partners/partnerServices.js';
import type { UnitOfWork } from '../storage/unitOfWork.js';
import { BillingService } from './billingService.js';
import { CheckoutService } from './checkoutService.js';
import { IdempotentCharges } from './idempotentCharge.js';
import type { PaymentProvider } from './paymentProvider.js';
import { RefundService } from './refundService.js';

export interface PaymentServiceDependencies {
  uow: UnitOfWork;
  provider: PaymentProvider;
  outbox: Outbox;
  config: Pick<Config, 'payments' | 'publicUrl' | 'trials'>;
  clock: () => number;
  log?: (error: unknown, message: string) => void;
}

export function createPaymentServices({ uow, provider, outbox, config, clock, log }: PaymentServiceDependencies) {
  const { plans, currency, volume, taxRateBp, graceDays, claimLeaseMs, seller, vatRatesBp, operators } =
    config.payments;
  const charges = new IdempotentCharges(
    uow,
    provider,
    { leaseMs: claimLeaseMs, afterCommit: () => outbox.deliver() },
    clock,
    log,
  );
  const checkout = new CheckoutService(uow, charges, { plans, currency, volume, taxRateBp });
  const billing = new BillingService(
    uow,
    charges,
    { plans, currency, volume, taxRateBp, graceDays, seller, vatRatesBp, publicUrl: config.publicUrl },
    clock,
    outbox,
  );
  const partners = createPartnerServices(
    uow,
    charges,
    checkout,
    outbox,
    { plans, currency, volume, taxRateBp, publicUrl: config.publicUrl, trials: config.trials },
    clock,
  );
  const refunds = new RefundService(uow, charges, new Set(operators), clock);
  return { charges, checkout, billing, partners, refunds };
}
