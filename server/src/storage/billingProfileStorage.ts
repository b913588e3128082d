/**
 * Billing profiles (who a subscription's invoices name) and each invoice's parties as issued.
 * Part of the storage module (the only SQL), reached through `Storage.billingProfiles`; writes
 * run inside the caller's `storage.transaction`.
 */
import type Database from 'better-sqlite3';
import type { BillingProfileView } from '../../../shared/src/api/views.js';

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

export class BillingProfileStorage {
  constructor(private readonly db: Database.Database) {}

  find(subscriptionId: string): BillingProfileView | undefined {
    return this.db
      .prepare('SELECT company_name AS companyName, address, country, vat_id AS vatId, billing_email AS billingEmail, language FROM billing_profiles WHERE subscription_id = ?')
      .get(subscriptionId) as BillingProfileView | undefined;
  }

  save(subscriptionId: string, profile: BillingProfileView, at: number): void {
    this.db
      .prepare(
        `INSERT INTO billing_profiles (subscription_id, company_name, address, country, vat_id, billing_email, language, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (subscription_id) DO UPDATE SET company_name = excluded.company_name, address = excluded.address, country = excluded.country, vat_id = excluded.vat_id, billing_email = excluded.billing_email, language = excluded.language, updated_at = excluded.updated_at`,
      )
      .run(subscriptionId, profile.companyName, profile.address, profile.country, profile.vatId, profile.billingEmail, profile.language, at);
  }

  insertInvoiceParties(invoiceId: string, parties: InvoicePartiesRow): void {
    this.db.prepare('INSERT INTO invoice_parties (invoice_id, seller, buyer, tax_treatment, language) VALUES (?, ?, ?, ?, ?)').run(invoiceId, JSON.stringify(parties.seller), JSON.stringify(parties.buyer), parties.taxTreatment, parties.language);
  }

  invoiceParties(invoiceId: string): InvoicePartiesRow | undefined {
    const row = this.db.prepare('SELECT seller, buyer, tax_treatment AS taxTreatment, language FROM invoice_parties WHERE invoice_id = ?').get(invoiceId) as { seller: string; buyer: string; taxTreatment: string; language: 'en' | 'fr' | 'de' } | undefined;
    return row ? { seller: JSON.parse(row.seller) as InvoiceParty, buyer: JSON.parse(row.buyer) as InvoiceParty, taxTreatment: row.taxTreatment, language: row.language } : undefined;
  }
}
