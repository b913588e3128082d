/** The payment services of a test server built again over its database with another provider (gated, failing), clock or refunding operators. */
import { BillingService } from '../../server/src/billing/billingService.js';
import { CheckoutService } from '../../server/src/billing/checkoutService.js';
import { RefundService } from '../../server/src/billing/refundService.js';
import { IdempotentCharges } from '../../server/src/billing/idempotentCharge.js';
import type { PaymentProvider } from '../../server/src/billing/paymentProvider.js';
import { createPartnerServices } from '../../server/src/partners/partnerServices.js';
import type { TestServer } from './testServer.js';

export function paymentServices(
  server: TestServer,
  provider: PaymentProvider,
  options: { clock?: () => number; leaseMs?: number; operators?: readonly string[] } = {},
) {
  const { config, uow, outbox } = server.services;
  const { plans, currency, volume, taxRateBp, graceDays, claimLeaseMs, seller, vatRatesBp } = config.payments;
  const clock = options.clock ?? Date.now;
  const charges = new IdempotentCharges(
    uow,
    provider,
    { leaseMs: options.leaseMs ?? claimLeaseMs, afterCommit: () => outbox.deliver() },
    clock,
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
  const refunds = new RefundService(uow, charges, new Set(options.operators ?? config.payments.operators), clock);
  return { charges, checkout, billing, partners, refunds };
}
