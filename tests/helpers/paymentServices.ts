/** The payment services of a test server built again over its storage with another provider (gated, failing) or clock. */
import { BillingService } from '../../server/src/billing/billingService.js';
import { CheckoutService } from '../../server/src/billing/checkoutService.js';
import { IdempotentCharges } from '../../server/src/billing/idempotentCharge.js';
import type { PaymentProvider } from '../../server/src/billing/paymentProvider.js';
import { PartnerService } from '../../server/src/partners/partnerService.js';
import type { TestServer } from './testServer.js';

export function paymentServices(server: TestServer, provider: PaymentProvider, options: { clock?: () => number; leaseMs?: number } = {}) {
  const { config, storage, mailer } = server.services;
  const { plans, currency, volume, taxRateBp, graceDays, claimLeaseMs } = config.payments;
  const clock = options.clock ?? Date.now;
  const charges = new IdempotentCharges(storage, provider, { leaseMs: options.leaseMs ?? claimLeaseMs }, clock);
  const checkout = new CheckoutService(storage, charges, { plans, currency, volume, taxRateBp });
  const billing = new BillingService(storage, charges, { plans, currency, volume, taxRateBp, graceDays, publicUrl: config.publicUrl }, clock, mailer);
  const partners = new PartnerService(storage, charges, checkout, mailer, { plans, currency, volume, taxRateBp, publicUrl: config.publicUrl, trials: config.trials }, clock);
  return { charges, checkout, billing, partners };
}
