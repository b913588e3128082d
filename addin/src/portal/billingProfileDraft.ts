/**
 * The billing-profile form's check before it is sent, pure: what the buyer typed becomes the
 * profile the API takes, or the fields to correct. The rules are the shared ones the server
 * applies again (VAT number shapes: shared/src/billing/vatId.ts; addresses: normalizeEmail), so
 * the form can say in the reader's language which field is wrong without a round trip.
 */
import type { BillingProfileView } from '#shared/api/views.js';
import { EU_COUNTRIES } from '#shared/billing/tax.js';
import { normalizeVatId, VAT_ID_COUNTRIES } from '#shared/billing/vatId.js';
import { isValidEmail } from '#shared/email/normalizeEmail.js';

export type BillingProfileDraft = Omit<BillingProfileView, 'vatId'> & { vatId: string };

export type DraftProblem = 'companyName' | 'address' | 'vatId' | 'billingEmail';

/** Countries a VAT number means something for: the EU's and Switzerland (shared/src/billing/tax.ts). */
export function takesVatId(country: string): boolean {
  return VAT_ID_COUNTRIES.includes(country);
}

/**
 * The countries the form offers: the EU's and Switzerland, whose tax depends on the profile, and
 * the usual others (outside the scope of EU VAT). The server accepts any ISO 3166 code.
 */
export const BILLING_COUNTRIES: readonly string[] = [...EU_COUNTRIES, 'CH', 'GB', 'NO', 'IS', 'US', 'CA', 'AU'];

export function checkDraft(
  draft: BillingProfileDraft,
): { ok: true; profile: BillingProfileView } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const companyName = draft.companyName.trim();
  const address = draft.address.trim();
  if (companyName === '') problems.push('companyName');
  if (address === '') problems.push('address');
  // Outside the EU and Switzerland a VAT number changes nothing, so none is kept.
  const typed = takesVatId(draft.country) ? draft.vatId.trim() : '';
  const vatId = typed === '' ? null : normalizeVatId(draft.country, typed);
  if (typed !== '' && vatId === null) problems.push('vatId');
  if (!isValidEmail(draft.billingEmail)) problems.push('billingEmail');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    profile: {
      companyName,
      address,
      country: draft.country,
      vatId,
      billingEmail: draft.billingEmail.trim(),
      language: draft.language,
    },
  };
}
