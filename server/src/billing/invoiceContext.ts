/**
 * What an invoice of a subscription depends on besides its amounts: the tax (from the billing
 * profile's country and VAT number, shared/src/billing/tax.ts; the deployment's flat
 * TAX_RATE_BP without a profile), the language of its line descriptions, and the seller and
 * buyer it names, fixed when it is issued.
 */
import { decideTax } from '#shared/billing/tax.js';
import type { Locale } from '#shared/i18n/translate.js';
import type { InvoicePartiesRow, Repositories } from '../storage/unitOfWork.js';

export interface SellerIdentity {
  name: string;
  address: string;
  country: string;
  vatId: string | null;
}

export interface InvoiceTaxOptions {
  taxRateBp: number;
  seller?: SellerIdentity;
  vatRatesBp?: Readonly<Record<string, number>>;
}

export interface InvoiceContext {
  rateBp: number;
  locale: Locale;
  /** Written with the invoice; null without a configured seller. */
  parties: InvoicePartiesRow | null;
}

export async function invoiceContext(
  repos: Repositories,
  subscriptionId: string,
  options: InvoiceTaxOptions,
): Promise<InvoiceContext> {
  const profile = await repos.billingProfiles.find(subscriptionId);
  const subscription = await repos.subscriptions.find(subscriptionId);
  if (!profile || !options.seller || !options.vatRatesBp) {
    const parties =
      options.seller && subscription
        ? {
            seller: options.seller,
            buyer: {
              name: subscription.ownerEmail,
              address: '',
              country: '',
              vatId: null,
              email: subscription.ownerEmail,
            },
            taxTreatment: 'flat',
            language: 'en' as const,
          }
        : null;
    return { rateBp: options.taxRateBp, locale: 'en', parties };
  }
  const decision = decideTax(
    options.seller.country,
    { country: profile.country, vatId: profile.vatId },
    options.vatRatesBp,
  );
  return {
    rateBp: decision.rateBp,
    locale: profile.language,
    parties: {
      seller: options.seller,
      buyer: {
        name: profile.companyName,
        address: profile.address,
        country: profile.country,
        vatId: profile.vatId,
        email: profile.billingEmail,
      },
      taxTreatment: decision.treatment,
      language: profile.language,
    },
  };
}
