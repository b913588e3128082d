/**
 * Invoices and payments: one aggregate. Payment methods, invoices with their gap-free yearly
 * numbers (taken in the transaction that writes the invoice; the sequence row is locked by the
 * upsert until it commits), their lines, credits, payments, payment actions (the bank's
 * confirmation) and webhook events, and the invoices of partners' purchases. Money is integer
 * minor units.
 */
import { sql, type Kysely } from 'kysely';
import type { PaidInvoiceSpan } from '../../billing/consolidationCredit.js';
import type { Schema } from '../schema.js';

export interface PaymentMethodRow {
  id: string;
  subscriptionId: string;
  provider: string;
  token: string;
  brand: string;
  last4: string;
  createdAt: number;
}

export type InvoiceKind = 'purchase' | 'quantity_change' | 'renewal' | 'consolidation';
export type InvoiceStatus = 'open' | 'paid';

export interface InvoiceLineRow {
  description: string;
  quantity: number | null;
  unitAmountMinor: number | null;
  amountMinor: number;
}

export interface InvoiceRow {
  id: string;
  number: string;
  subscriptionId: string;
  organisationId: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  currency: string;
  subtotalMinor: number;
  taxRateBp: number;
  taxMinor: number;
  totalMinor: number;
  periodStart: number;
  periodEnd: number;
  billTo: string;
  issuedAt: number;
  paidAt: number | null;
}

export interface CreditRow {
  id: string;
  subscriptionId: string;
  description: string;
  amountMinor: number;
  remainingMinor: number;
  createdAt: number;
}

export interface PaymentRow {
  id: string;
  subscriptionId: string | null;
  provider: string;
  providerReference: string;
  amountMinor: number;
  currency: string;
  status: 'succeeded' | 'declined';
  description: string;
  createdAt: number;
}

export interface PaymentActionRow {
  id: string;
  kind: 'checkout' | 'invoice' | 'product_keys';
  status: 'pending' | 'succeeded' | 'failed';
  tenantId: string;
  objectId: string;
  idempotencyScope: string;
  idempotencyKey: string;
  providerReference: string;
  amountMinor: number;
  currency: string;
  request: string;
  createdAt: number;
  completedAt: number | null;
  response: string | null;
}

/** An invoice of a partner's purchase (product keys): paid at once, like the purchase it records. */
export interface PartnerInvoiceRow {
  id: string;
  number: string;
  partnerId: string;
  status: 'paid';
  currency: string;
  subtotalMinor: number;
  taxRateBp: number;
  taxMinor: number;
  totalMinor: number;
  billTo: string;
  issuedAt: number;
  paidAt: number;
}

const INVOICE_COLUMNS = [
  'id',
  'number',
  'subscription_id as subscriptionId',
  'organisation_id as organisationId',
  'kind',
  'status',
  'currency',
  'subtotal_minor as subtotalMinor',
  'tax_rate_bp as taxRateBp',
  'tax_minor as taxMinor',
  'total_minor as totalMinor',
  'period_start as periodStart',
  'period_end as periodEnd',
  'bill_to as billTo',
  'issued_at as issuedAt',
  'paid_at as paidAt',
] as const;

const ACTION_COLUMNS = [
  'id',
  'kind',
  'status',
  'tenant_id as tenantId',
  'object_id as objectId',
  'idempotency_scope as idempotencyScope',
  'idempotency_key as idempotencyKey',
  'provider_reference as providerReference',
  'amount_minor as amountMinor',
  'currency',
  'request',
  'created_at as createdAt',
  'completed_at as completedAt',
  'response',
] as const;

const PARTNER_INVOICE_COLUMNS = [
  'id',
  'number',
  'partner_id as partnerId',
  'status',
  'currency',
  'subtotal_minor as subtotalMinor',
  'tax_rate_bp as taxRateBp',
  'tax_minor as taxMinor',
  'total_minor as totalMinor',
  'bill_to as billTo',
  'issued_at as issuedAt',
  'paid_at as paidAt',
] as const;

const LINE_COLUMNS = [
  'description',
  'quantity',
  'unit_amount_minor as unitAmountMinor',
  'amount_minor as amountMinor',
] as const;

export class InvoiceRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  // --- payment methods ---------------------------------------------------------------------

  async currentPaymentMethod(subscriptionId: string): Promise<PaymentMethodRow | undefined> {
    return this.db
      .selectFrom('payment_methods')
      .select([
        'id',
        'subscription_id as subscriptionId',
        'provider',
        'token',
        'brand',
        'last4',
        'created_at as createdAt',
      ])
      .where('subscription_id', '=', subscriptionId)
      .where('replaced_at', 'is', null)
      .executeTakeFirst();
  }

  /** Stores a payment method as the subscription's current one; the previous one is kept as replaced. */
  async setPaymentMethod(row: PaymentMethodRow): Promise<void> {
    await this.db
      .updateTable('payment_methods')
      .set({ replaced_at: row.createdAt })
      .where('subscription_id', '=', row.subscriptionId)
      .where('replaced_at', 'is', null)
      .execute();
    await this.db
      .insertInto('payment_methods')
      .values({
        id: row.id,
        subscription_id: row.subscriptionId,
        provider: row.provider,
        token: row.token,
        brand: row.brand,
        last4: row.last4,
        created_at: row.createdAt,
      })
      .execute();
  }

  // --- invoices ----------------------------------------------------------------------------

  /**
   * The next number of the year's sequence; call it in the transaction that inserts the invoice
   * (gap-free: the sequence's row stays locked until that transaction ends, so numbers are taken
   * one transaction at a time, and a rolled-back one gives its number back).
   */
  async nextInvoiceSequence(year: number): Promise<number> {
    const row = await this.db
      .insertInto('invoice_sequences')
      .values({ year, last_number: 1 })
      .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: sql`invoice_sequences.last_number + 1` }))
      .returning('last_number')
      .executeTakeFirstOrThrow();
    return row.last_number;
  }

  async insertInvoice(row: InvoiceRow, lines: readonly InvoiceLineRow[]): Promise<void> {
    await this.db
      .insertInto('invoices')
      .values({
        id: row.id,
        number: row.number,
        subscription_id: row.subscriptionId,
        organisation_id: row.organisationId,
        kind: row.kind,
        status: row.status,
        currency: row.currency,
        subtotal_minor: row.subtotalMinor,
        tax_rate_bp: row.taxRateBp,
        tax_minor: row.taxMinor,
        total_minor: row.totalMinor,
        period_start: row.periodStart,
        period_end: row.periodEnd,
        bill_to: row.billTo,
        issued_at: row.issuedAt,
        paid_at: row.paidAt,
      })
      .execute();
    if (lines.length > 0) await this.db.insertInto('invoice_lines').values(lineValues(row.id, lines)).execute();
  }

  /** Every invoice number, in the order they were taken (subscription invoices; the gap-free sequence's check). */
  async allInvoiceNumbers(): Promise<string[]> {
    return (await this.db.selectFrom('invoices').select('number').orderBy('number').execute()).map((row) => row.number);
  }

  /** Marks an open invoice paid; false when it was paid already. */
  async markInvoicePaid(invoiceId: string, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('invoices')
      .set({ status: 'paid', paid_at: at })
      .where('id', '=', invoiceId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async listInvoices(subscriptionId: string): Promise<InvoiceRow[]> {
    return (await this.db
      .selectFrom('invoices')
      .select(INVOICE_COLUMNS)
      .where('subscription_id', '=', subscriptionId)
      .orderBy('issued_at', 'desc')
      .orderBy('number', 'desc')
      .execute()) as InvoiceRow[];
  }

  async findInvoice(subscriptionId: string, invoiceId: string): Promise<InvoiceRow | undefined> {
    return (await this.db
      .selectFrom('invoices')
      .select(INVOICE_COLUMNS)
      .where('subscription_id', '=', subscriptionId)
      .where('id', '=', invoiceId)
      .executeTakeFirst()) as InvoiceRow | undefined;
  }

  async openInvoice(subscriptionId: string): Promise<InvoiceRow | undefined> {
    return (await this.db
      .selectFrom('invoices')
      .select(INVOICE_COLUMNS)
      .where('subscription_id', '=', subscriptionId)
      .where('status', '=', 'open')
      .orderBy('issued_at')
      .limit(1)
      .executeTakeFirst()) as InvoiceRow | undefined;
  }

  async invoiceLines(invoiceId: string): Promise<InvoiceLineRow[]> {
    return this.db
      .selectFrom('invoice_lines')
      .select(LINE_COLUMNS)
      .where('invoice_id', '=', invoiceId)
      .orderBy('position')
      .execute();
  }

  /** The subscription's paid invoices: the money each kept (what credit notes gave back was not paid for its time) and the span it paid for. */
  async paidSpans(subscriptionId: string): Promise<PaidInvoiceSpan[]> {
    return this.db
      .selectFrom('invoices')
      .select((eb) => [
        'invoices.id as invoiceId',
        // A refunded period leaves no credit: consolidation and refunds count only the money kept.
        eb(
          'invoices.total_minor',
          '-',
          eb.fn.coalesce(
            eb
              .selectFrom('credit_notes')
              .select((inner) => inner.fn.sum<number>('credit_notes.total_minor').as('given'))
              .whereRef('credit_notes.invoice_id', '=', 'invoices.id'),
            eb.lit(0),
          ),
        ).as('totalMinor'),
        'period_start as periodStart',
        'period_end as periodEnd',
      ])
      .where('subscription_id', '=', subscriptionId)
      .where('status', '=', 'paid')
      .orderBy('issued_at')
      .execute();
  }

  // --- credits -----------------------------------------------------------------------------

  async insertCredit(row: CreditRow): Promise<void> {
    await this.db
      .insertInto('credits')
      .values({
        id: row.id,
        subscription_id: row.subscriptionId,
        description: row.description,
        amount_minor: row.amountMinor,
        remaining_minor: row.remainingMinor,
        created_at: row.createdAt,
      })
      .execute();
  }

  async creditBalance(subscriptionId: string): Promise<number> {
    const row = await this.db
      .selectFrom('credits')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('remaining_minor'), eb.lit(0)).as('n'))
      .where('subscription_id', '=', subscriptionId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Uses `amount` of the subscription's credits, oldest first. */
  async consumeCredit(subscriptionId: string, amount: number): Promise<void> {
    let left = amount;
    const credits = await this.db
      .selectFrom('credits')
      .select(['id', 'remaining_minor as remaining'])
      .where('subscription_id', '=', subscriptionId)
      .where('remaining_minor', '>', 0)
      .orderBy('created_at')
      .orderBy('id')
      .forUpdate()
      .execute();
    for (const credit of credits) {
      if (left <= 0) break;
      const used = Math.min(left, credit.remaining);
      await this.db
        .updateTable('credits')
        .set({ remaining_minor: credit.remaining - used })
        .where('id', '=', credit.id)
        .execute();
      left -= used;
    }
    if (left > 0) throw new RangeError('Not enough credit');
  }

  // --- payments ----------------------------------------------------------------------------

  async insertPayment(row: PaymentRow & { invoiceId: string | null }): Promise<void> {
    await this.db
      .insertInto('payments')
      .values({
        id: row.id,
        subscription_id: row.subscriptionId,
        provider: row.provider,
        provider_reference: row.providerReference,
        amount_minor: row.amountMinor,
        currency: row.currency,
        status: row.status,
        description: row.description,
        created_at: row.createdAt,
        invoice_id: row.invoiceId,
      })
      .execute();
  }

  /** Whether a payment with this provider reference is recorded (in any outcome). */
  async paymentRecorded(reference: string): Promise<boolean> {
    return (
      (await this.db
        .selectFrom('payments')
        .select('id')
        .where('provider_reference', '=', reference)
        .executeTakeFirst()) !== undefined
    );
  }

  async countPayments(subscriptionId: string): Promise<{ succeeded: number; amountMinor: number }> {
    const row = await this.db
      .selectFrom('payments')
      .select((eb) => [
        eb.fn.countAll<number>().as('succeeded'),
        eb.fn.coalesce(eb.fn.sum<number>('amount_minor'), eb.lit(0)).as('amountMinor'),
      ])
      .where('subscription_id', '=', subscriptionId)
      .where('status', '=', 'succeeded')
      .executeTakeFirstOrThrow();
    return { succeeded: Number(row.succeeded), amountMinor: Number(row.amountMinor) };
  }

  // --- payment actions and webhook events --------------------------------------------------

  async insertPaymentAction(row: PaymentActionRow): Promise<void> {
    // response stays NULL until the action completes.
    await this.db
      .insertInto('payment_actions')
      .values({
        id: row.id,
        kind: row.kind,
        status: row.status,
        tenant_id: row.tenantId,
        object_id: row.objectId,
        idempotency_scope: row.idempotencyScope,
        idempotency_key: row.idempotencyKey,
        provider_reference: row.providerReference,
        amount_minor: row.amountMinor,
        currency: row.currency,
        request: row.request,
        created_at: row.createdAt,
        completed_at: row.completedAt,
      })
      .execute();
  }

  async findPaymentAction(id: string): Promise<PaymentActionRow | undefined> {
    return (await this.db
      .selectFrom('payment_actions')
      .select(ACTION_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst()) as PaymentActionRow | undefined;
  }

  /** Locks a payment action until the transaction ends: the bank's answer is recorded once, whoever brings it (the buyer, the webhook). */
  async lockPaymentAction(id: string): Promise<PaymentActionRow | undefined> {
    return (await this.db
      .selectFrom('payment_actions')
      .select(ACTION_COLUMNS)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()) as PaymentActionRow | undefined;
  }

  async findPaymentActionByReference(reference: string): Promise<PaymentActionRow | undefined> {
    return (await this.db
      .selectFrom('payment_actions')
      .select(ACTION_COLUMNS)
      .where('provider_reference', '=', reference)
      .executeTakeFirst()) as PaymentActionRow | undefined;
  }

  async completePaymentAction(
    id: string,
    status: 'succeeded' | 'failed',
    at: number,
    response: { statusCode: number; body: unknown },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('payment_actions')
      .set({ status, completed_at: at, response: JSON.stringify(response) })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Records a webhook event id; false when it was seen before (a replay). */
  async recordWebhookEvent(id: string, type: string, at: number): Promise<boolean> {
    const result = await this.db
      .insertInto('webhook_events')
      .values({ id, type, received_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return result.numInsertedOrUpdatedRows === 1n;
  }

  // --- invoices of partner purchases -------------------------------------------------------

  async insertPartnerInvoice(row: PartnerInvoiceRow, lines: readonly InvoiceLineRow[]): Promise<void> {
    await this.db
      .insertInto('partner_invoices')
      .values({
        id: row.id,
        number: row.number,
        partner_id: row.partnerId,
        status: 'paid',
        currency: row.currency,
        subtotal_minor: row.subtotalMinor,
        tax_rate_bp: row.taxRateBp,
        tax_minor: row.taxMinor,
        total_minor: row.totalMinor,
        bill_to: row.billTo,
        issued_at: row.issuedAt,
        paid_at: row.paidAt,
      })
      .execute();
    if (lines.length > 0) await this.db.insertInto('partner_invoice_lines').values(lineValues(row.id, lines)).execute();
  }

  async listPartnerInvoices(partnerId: string): Promise<PartnerInvoiceRow[]> {
    return (await this.db
      .selectFrom('partner_invoices')
      .select(PARTNER_INVOICE_COLUMNS)
      .where('partner_id', '=', partnerId)
      .orderBy('issued_at', 'desc')
      .orderBy('number', 'desc')
      .execute()) as PartnerInvoiceRow[];
  }

  async findPartnerInvoice(
    partnerId: string,
    invoiceId: string,
  ): Promise<{ invoice: PartnerInvoiceRow; lines: InvoiceLineRow[] } | null> {
    const invoice = (await this.db
      .selectFrom('partner_invoices')
      .select(PARTNER_INVOICE_COLUMNS)
      .where('partner_id', '=', partnerId)
      .where('id', '=', invoiceId)
      .executeTakeFirst()) as PartnerInvoiceRow | undefined;
    if (!invoice) return null;
    const lines = await this.db
      .selectFrom('partner_invoice_lines')
      .select(LINE_COLUMNS)
      .where('invoice_id', '=', invoice.id)
      .orderBy('position')
      .execute();
    return { invoice, lines };
  }
}

/** An invoice's lines as rows, in their order: customers' and partners' invoices keep them alike. */
function lineValues(invoiceId: string, lines: readonly InvoiceLineRow[]) {
  return lines.map((line, position) => ({
    invoice_id: invoiceId,
    position,
    description: line.description,
    quantity: line.quantity,
    unit_amount_minor: line.unitAmountMinor,
    amount_minor: line.amountMinor,
  }));
}
