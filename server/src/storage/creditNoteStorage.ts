/**
 * Credit notes (issue 15): a refund or credit against one invoice, numbered CN-YYYY-NNNNNN in
 * their own gap-free yearly sequence (taken in the transaction that inserts the note). Part of
 * the storage module (the only SQL); reached through `Storage.creditNotes`, so callers share
 * the connection and `storage.transaction`.
 */
import type Database from 'better-sqlite3';

export interface CreditNoteRow {
  id: string;
  number: string;
  invoiceId: string;
  subscriptionId: string;
  kind: 'refund' | 'credit';
  currency: string;
  subtotalMinor: number;
  taxRateBp: number;
  taxMinor: number;
  totalMinor: number;
  /** The line's description, stored as data (shared/src/billing/invoiceLineText.ts). */
  description: string;
  providerReference: string | null;
  endedService: boolean;
  issuedAt: number;
}

const COLUMNS = `id, number, invoice_id AS invoiceId, subscription_id AS subscriptionId, kind, currency, subtotal_minor AS subtotalMinor,
  tax_rate_bp AS taxRateBp, tax_minor AS taxMinor, total_minor AS totalMinor, description, provider_reference AS providerReference,
  ended_service AS endedService, issued_at AS issuedAt`;

type Stored = Omit<CreditNoteRow, 'endedService'> & { endedService: number };
const row = (stored: Stored): CreditNoteRow => ({ ...stored, endedService: stored.endedService === 1 });

export class CreditNoteStorage {
  constructor(private readonly db: Database.Database) {}

  /** The next number of the year's credit-note sequence; call it in the transaction that inserts the note. */
  nextSequence(year: number): number {
    return (this.db.prepare('INSERT INTO credit_note_sequences (year, last_number) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1 RETURNING last_number AS n').get(year) as { n: number }).n;
  }

  insert(note: CreditNoteRow): void {
    this.db
      .prepare(
        `INSERT INTO credit_notes (id, number, invoice_id, subscription_id, kind, currency, subtotal_minor, tax_rate_bp, tax_minor, total_minor, description, provider_reference, ended_service, issued_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(note.id, note.number, note.invoiceId, note.subscriptionId, note.kind, note.currency, note.subtotalMinor, note.taxRateBp, note.taxMinor, note.totalMinor, note.description, note.providerReference, note.endedService ? 1 : 0, note.issuedAt);
  }

  /** What was already given back on an invoice (refunds and credits). */
  creditedOn(invoiceId: string): number {
    return (this.db.prepare('SELECT COALESCE(SUM(total_minor), 0) AS n FROM credit_notes WHERE invoice_id = ?').get(invoiceId) as { n: number }).n;
  }

  list(subscriptionId: string): CreditNoteRow[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM credit_notes WHERE subscription_id = ? ORDER BY issued_at DESC, number DESC`).all(subscriptionId) as Stored[]).map(row);
  }

  find(subscriptionId: string, id: string): CreditNoteRow | undefined {
    const found = this.db.prepare(`SELECT ${COLUMNS} FROM credit_notes WHERE subscription_id = ? AND id = ?`).get(subscriptionId, id) as Stored | undefined;
    return found && row(found);
  }

  allNumbers(): string[] {
    return (this.db.prepare('SELECT number FROM credit_notes ORDER BY number').all() as Array<{ number: string }>).map((r) => r.number);
  }

  /** The succeeded payment that settled an invoice: what a refund gives back on. */
  invoicePayment(invoiceId: string): { reference: string; amountMinor: number; provider: string } | undefined {
    return this.db
      .prepare("SELECT provider_reference AS reference, amount_minor AS amountMinor, provider FROM payments WHERE invoice_id = ? AND status = 'succeeded' ORDER BY created_at DESC LIMIT 1")
      .get(invoiceId) as { reference: string; amountMinor: number; provider: string } | undefined;
  }

  /** An invoice by id alone, with its subscription: for the vendor's operators, who act across organisations. */
  invoiceSubscription(invoiceId: string): string | undefined {
    return (this.db.prepare('SELECT subscription_id AS id FROM invoices WHERE id = ?').get(invoiceId) as { id: string } | undefined)?.id;
  }
}
