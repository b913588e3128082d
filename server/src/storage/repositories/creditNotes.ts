/**
 * Credit notes (issue 15): a refund or credit against one invoice, numbered CN-YYYY-NNNNNN in
 * their own gap-free yearly sequence (taken in the transaction that inserts the note; the
 * sequence's row stays locked by the upsert until it commits, as invoice numbers do). Part of the
 * invoices and payments aggregate, with the look-ups a refund needs: the payment that settled an
 * invoice, and an invoice's subscription for the vendor's operators. Money is integer minor units.
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.js';

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

const COLUMNS = [
  'id',
  'number',
  'invoice_id as invoiceId',
  'subscription_id as subscriptionId',
  'kind',
  'currency',
  'subtotal_minor as subtotalMinor',
  'tax_rate_bp as taxRateBp',
  'tax_minor as taxMinor',
  'total_minor as totalMinor',
  'description',
  'provider_reference as providerReference',
  'ended_service as endedService',
  'issued_at as issuedAt',
] as const;

type Stored = Omit<CreditNoteRow, 'endedService' | 'kind'> & { endedService: number; kind: string };
const toRow = (stored: Stored): CreditNoteRow => ({
  ...stored,
  kind: stored.kind as CreditNoteRow['kind'],
  endedService: stored.endedService === 1,
});

export class CreditNoteRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** The next number of the year's credit-note sequence; call it in the transaction that inserts the note. */
  async nextSequence(year: number): Promise<number> {
    const row = await this.db
      .insertInto('credit_note_sequences')
      .values({ year, last_number: 1 })
      .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: sql`credit_note_sequences.last_number + 1` }))
      .returning('last_number')
      .executeTakeFirstOrThrow();
    return row.last_number;
  }

  async insert(note: CreditNoteRow): Promise<void> {
    await this.db
      .insertInto('credit_notes')
      .values({
        id: note.id,
        number: note.number,
        invoice_id: note.invoiceId,
        subscription_id: note.subscriptionId,
        kind: note.kind,
        currency: note.currency,
        subtotal_minor: note.subtotalMinor,
        tax_rate_bp: note.taxRateBp,
        tax_minor: note.taxMinor,
        total_minor: note.totalMinor,
        description: note.description,
        provider_reference: note.providerReference,
        ended_service: note.endedService ? 1 : 0,
        issued_at: note.issuedAt,
      })
      .execute();
  }

  /** What was already given back on an invoice (refunds and credits). */
  async creditedOn(invoiceId: string): Promise<number> {
    const row = await this.db
      .selectFrom('credit_notes')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('total_minor'), eb.lit(0)).as('n'))
      .where('invoice_id', '=', invoiceId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async list(subscriptionId: string): Promise<CreditNoteRow[]> {
    return (
      (await this.db
        .selectFrom('credit_notes')
        .select(COLUMNS)
        .where('subscription_id', '=', subscriptionId)
        .orderBy('issued_at', 'desc')
        .orderBy('number', 'desc')
        .execute()) as Stored[]
    ).map(toRow);
  }

  async find(subscriptionId: string, id: string): Promise<CreditNoteRow | undefined> {
    const found = (await this.db
      .selectFrom('credit_notes')
      .select(COLUMNS)
      .where('subscription_id', '=', subscriptionId)
      .where('id', '=', id)
      .executeTakeFirst()) as Stored | undefined;
    return found && toRow(found);
  }

  /** Every credit-note number in order (the gap-free sequence's check). */
  async allNumbers(): Promise<string[]> {
    return (await this.db.selectFrom('credit_notes').select('number').orderBy('number').execute()).map(
      (row) => row.number,
    );
  }

  /** The succeeded payment that settled an invoice: what a refund gives back on. */
  async invoicePayment(
    invoiceId: string,
  ): Promise<{ reference: string; amountMinor: number; provider: string } | undefined> {
    return this.db
      .selectFrom('payments')
      .select(['provider_reference as reference', 'amount_minor as amountMinor', 'provider'])
      .where('invoice_id', '=', invoiceId)
      .where('status', '=', 'succeeded')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** An invoice's subscription from its id alone: for the vendor's operators, who act across organisations. */
  async invoiceSubscription(invoiceId: string): Promise<string | undefined> {
    return (
      await this.db.selectFrom('invoices').select('subscription_id').where('id', '=', invoiceId).executeTakeFirst()
    )?.subscription_id;
  }
}
