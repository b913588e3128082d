/** The partner use cases, wired once over the shared kernel (./staffAccess.ts, ./customerGuards.ts, the journal, the outbox). */
import type { BillingOptions, CheckoutService } from '../billing/checkoutService.js';
import type { IdempotentCharges } from '../billing/idempotentCharge.js';
import type { Outbox } from '../email/outbox.js';
import type { UnitOfWork } from '../storage/unitOfWork.js';
import { PartnerAdministrationService } from './administrationService.js';
import type { TrialLimits } from './customerGuards.js';
import { PartnerCustomerService } from './customerService.js';
import { PartnerOfferService } from './offerService.js';
import { ProductKeyService } from './productKeyService.js';
import { PartnerStaffService } from './staffService.js';

export interface PartnerServiceOptions extends BillingOptions {
  publicUrl: string;
  /** The vendor's limits on free seats (config `trials`). */
  trials: TrialLimits;
}

export function createPartnerServices(
  uow: UnitOfWork,
  charges: IdempotentCharges,
  checkout: CheckoutService,
  outbox: Outbox,
  options: PartnerServiceOptions,
  clock: () => number = Date.now,
) {
  const administration = new PartnerAdministrationService(uow, outbox, options, clock);
  return {
    staff: new PartnerStaffService(uow, clock),
    offers: new PartnerOfferService(uow, checkout, administration, outbox, options, clock),
    administration,
    keys: new ProductKeyService(uow, charges, outbox, options, clock),
    customers: new PartnerCustomerService(uow, outbox, options, clock),
  };
}

export type PartnerServices = ReturnType<typeof createPartnerServices>;
