/**
 * Billing profiles (who a subscription's invoices name: company, address, country, VAT number,
 * billing email, invoice language) and each invoice's parties as issued (an invoice never
 * changes, so seller and buyer are kept with it). Part of the invoices and payments aggregate;
 * the rules are ../../billing/billingProfileService.ts and ../../billing/invoiceContext.ts.
 */
import type { Kysely } from 'kysely';
import type { BillingProfileView } from '#shared/api/views.js';
import type { Schema } from '../schema.js';

export interface InvoiceParty {
  name: string;
  address: string;
  country: string;
  vatId: string | null;
  email?: string;
}

export interface InvoicePartiesRow {
  seller: InvoiceParty;
  buyer: InvoiceParty;
  taxTreatment: string;
  language: 'en' | 'fr' | 'de';
}

export class BillingProfileRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async find(subscriptionId: string): Promise<BillingProfileView | undefined> {
    return (await this.db
      .selectFrom('billing_profiles')
      .select([
        'company_name as companyName',
        'address',
        'country',
        'vat_id as vatId',
        'billing_email as billingEmail',
        'language',
      ])
      .where('subscription_id', '=', subscriptionId)
      .executeTakeFirst()) as BillingProfileView | undefined;
  }

  async save(subscriptionId: string, profile: BillingProfileView, at: number): Promise<void> {
    await this.db
      .insertInto('billing_profiles')
      .values({
        subscription_id: subscriptionId,
        company_name: profile.companyName,
        address: profile.address,
        country: profile.country,
        vat_id: profile.vatId,
        billing_email: profile.billingEmail,
        language: profile.language,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.column('subscription_id').doUpdateSet((eb) => ({
          company_name: eb.ref('excluded.company_name'),
          address: eb.ref('excluded.address'),
          country: eb.ref('excluded.country'),
          vat_id: eb.ref('excluded.vat_id'),
          billing_email: eb.ref('excluded.billing_email'),
          language: eb.ref('excluded.language'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  async insertInvoiceParties(invoiceId: string, parties: InvoicePartiesRow): Promise<void> {
    await this.db
      .insertInto('invoice_parties')
      .values({
        invoice_id: invoiceId,
        seller: JSON.stringify(parties.seller),
        buyer: JSON.stringify(parties.buyer),
        tax_treatment: parties.taxTreatment,
        language: parties.language,
      })
      .execute();
  }

  async invoiceParties(invoiceId: string): Promise<InvoicePartiesRow | undefined> {
    const row = await this.db
      .selectFrom('invoice_parties')
      .select(['seller', 'buyer', 'tax_treatment as taxTreatment', 'language'])
      .where('invoice_id', '=', invoiceId)
      .executeTakeFirst();
    return row
      ? {
          seller: JSON.parse(row.seller) as InvoiceParty,
          buyer: JSON.parse(row.buyer) as InvoiceParty,
          taxTreatment: row.taxTreatment,
          language: row.language as InvoicePartiesRow['language'],
        }
      : undefined;
  }
}
