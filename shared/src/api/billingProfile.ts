/** A subscription's billing profile: who its invoices name, where, with which VAT number, in which language. */
export interface BillingProfileView {
  companyName: string;
  /** Street, postal code and city, as printed (several lines allowed). */
  address: string;
  /** ISO 3166 alpha-2. */
  country: string;
  /** Canonical form (shared/src/billing/vatId.ts), or null for a consumer. */
  vatId: string | null;
  billingEmail: string;
  /** The language of invoices and their line descriptions. */
  language: 'en' | 'fr' | 'de';
}

/** What `GET …/billing-profile` answers: the profile, and the tax its invoices will carry. */
export interface BillingProfileAnswer {
  profile: BillingProfileView | null;
  tax: { treatment: string; rateBp: number } | null;
}
