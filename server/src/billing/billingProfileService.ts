/**
 * A subscription's billing profile (issue 15): company, address, country, VAT number (its format
 * checked per country), billing email and invoice language. Reading needs `billing.view`,
 * changing `billing.manage`; a client mistake is a 400 with a stable code and changes nothing.
 * The tax its invoices will carry is decided by shared/src/billing/tax.ts.
 */
import type { BillingProfileAnswer, BillingProfileView } from '#shared/api/views.js';
import { decideTax } from '#shared/billing/tax.js';
import { normalizeVatId } from '#shared/billing/vatId.js';
import { canonicalEmail } from '#shared/email/normalizeEmail.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import { actorOf, authorize, journalAs, refuseIfEnded } from '../access/access.js';
import type { UnitOfWork } from '../storage/unitOfWork.js';
import type { SellerIdentity } from './invoiceContext.js';

export interface BillingProfileInput {
  companyName: string;
  address: string;
  country: string;
  vatId?: string | null;
  billingEmail: string;
  language: 'en' | 'fr' | 'de';
}

export class BillingProfileService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly options: { seller: SellerIdentity; vatRatesBp: Readonly<Record<string, number>> },
    private readonly clock: () => number = Date.now,
  ) {}

  private answer(profile: BillingProfileView | undefined): BillingProfileAnswer {
    if (!profile) return { profile: null, tax: null };
    return {
      profile,
      tax: decideTax(
        this.options.seller.country,
        { country: profile.country, vatId: profile.vatId },
        this.options.vatRatesBp,
      ),
    };
  }

  async get(caller: CallerIdentity, subscriptionId: string): Promise<BillingProfileAnswer> {
    await authorize(this.uow.read, caller, subscriptionId, 'billing.view');
    return this.answer(await this.uow.read.billingProfiles.find(subscriptionId));
  }

  save(
    caller: CallerIdentity,
    subscriptionId: string,
    input: BillingProfileInput,
    ip: string | null,
  ): Promise<BillingProfileAnswer> {
    const country = input.country.toUpperCase();
    const rawVat = input.vatId?.trim() ? input.vatId.trim() : null;
    const vatId = rawVat === null ? null : normalizeVatId(country, rawVat);
    if (rawVat !== null && vatId === null) {
      throw new ApiError(
        400,
        'VAT_ID_INVALID',
        `"${rawVat}" is not a VAT number of ${country}. Check the country and the number (for example DE123456789, FRXX999999999, CHE-123.456.789 MWST), or leave it empty if you buy as a consumer.`,
        { country },
      );
    }
    // A consumer's country must have a rate to charge; businesses elsewhere are outside the scope of EU VAT.
    try {
      decideTax(this.options.seller.country, { country, vatId }, this.options.vatRatesBp);
    } catch {
      throw new ApiError(
        400,
        'VALIDATION_FAILED',
        `No VAT rate is configured for ${country}. Contact support to be billed there.`,
      );
    }
    const email = canonicalEmail(input.billingEmail);
    if (!email) throw new ApiError(400, 'VALIDATION_FAILED', 'Enter the email address invoices should go to.');
    const profile: BillingProfileView = {
      companyName: input.companyName.trim(),
      address: input.address.trim(),
      country,
      vatId,
      billingEmail: email,
      language: input.language,
    };
    if (profile.companyName === '' || profile.address === '')
      throw new ApiError(400, 'VALIDATION_FAILED', 'Enter the company name and the address printed on invoices.');
    return this.uow.transaction(async (tx) => {
      await tx.subscriptions.lock(subscriptionId);
      const access = await authorize(tx, caller, subscriptionId, 'billing.manage');
      refuseIfEnded(access.subscription);
      await tx.billingProfiles.save(subscriptionId, profile, this.clock());
      await journalAs(tx, access.subscription, actorOf(access), {
        action: 'billing_profile.updated',
        target: subscriptionId,
        detail: { country, vatId },
        ip,
        at: this.clock(),
      });
      return this.answer(profile);
    });
  }
}
