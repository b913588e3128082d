/**
 * Billing queries (B1–B5, A9): payment methods, invoices with their gap-free numbers, credits,
 * the subscription's billing state, payment actions and webhook events. Part of the storage
 * module (the only SQL); reached through `Storage.billing`, so callers use the same connection
 * and the same `storage.transaction` (BEGIN IMMEDIATE) for every write.
 */
import type Database from 'better-sqlite3';
import type { SubscriptionStatus } from '../../../shared/src/api/views.js';

export interface BillingState {
  id: string;
  currency: string;
  pendingQuantity: number | null;
  graceUntil: number | null;
  endedAt: number | null;
  billingLockUntil: number | null;
}

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

const INVOICE_COLUMNS = `id, number, subscription_id AS subscriptionId, organisation_id AS organisationId, kind, status, currency,
  subtotal_minor AS subtotalMinor, tax_rate_bp AS taxRateBp, tax_minor AS taxMinor, total_minor AS totalMinor,
  period_start AS periodStart, period_end AS periodEnd, bill_to AS billTo, issued_at AS issuedAt, paid_at AS paidAt`;
const ACTION_COLUMNS = `id, kind, status, tenant_id AS tenantId, object_id AS objectId, idempotency_scope AS idempotencyScope,
  idempotency_key AS idempotencyKey, provider_reference AS providerReference, amount_minor AS amountMinor, currency, request,
  created_at AS createdAt, completed_at AS completedAt, response`;

export class BillingStorage {
  constructor(private readonly db: Database.Database) {}

  // --- subscription billing state ----------------------------------------------------------

  state(subscriptionId: string): BillingState | undefined {
    return this.db
      .prepare('SELECT id, currency, pending_quantity AS pendingQuantity, grace_until AS graceUntil, ended_at AS endedAt, billing_lock_until AS billingLockUntil FROM subscriptions WHERE id = ?')
      .get(subscriptionId) as BillingState | undefined;
  }

  setCurrency(subscriptionId: string, currency: string): void {
    this.db.prepare('UPDATE subscriptions SET currency = ? WHERE id = ?').run(currency, subscriptionId);
  }

  setQuantity(subscriptionId: string, quantity: number, pendingQuantity: number | null): void {
    this.db.prepare('UPDATE subscriptions SET quantity = ?, pending_quantity = ? WHERE id = ?').run(quantity, pendingQuantity, subscriptionId);
  }

  setPendingQuantity(subscriptionId: string, pendingQuantity: number | null): void {
    this.db.prepare('UPDATE subscriptions SET pending_quantity = ? WHERE id = ?').run(pendingQuantity, subscriptionId);
  }

  setStatus(subscriptionId: string, status: SubscriptionStatus, fields: { graceUntil?: number | null; endedAt?: number | null } = {}): void {
    this.db
      .prepare(
        `UPDATE subscriptions SET status = ?, grace_until = CASE WHEN ? THEN ? ELSE grace_until END, ended_at = CASE WHEN ? THEN ? ELSE ended_at END WHERE id = ?`,
      )
      .run(status, fields.graceUntil === undefined ? 0 : 1, fields.graceUntil ?? null, fields.endedAt === undefined ? 0 : 1, fields.endedAt ?? null, subscriptionId);
  }

  setPeriod(subscriptionId: string, periodStart: number, periodEnd: number): void {
    this.db.prepare('UPDATE subscriptions SET period_start = ?, period_end = ? WHERE id = ?').run(periodStart, periodEnd, subscriptionId);
  }

  /** Takes the subscription's billing lock unless someone else holds an unexpired one. */
  acquireLock(subscriptionId: string, now: number, until: number): boolean {
    return this.db.prepare('UPDATE subscriptions SET billing_lock_until = ? WHERE id = ? AND (billing_lock_until IS NULL OR billing_lock_until <= ?)').run(until, subscriptionId, now).changes === 1;
  }

  /** Whether a payment for the subscription is under way (its lock has not run out). */
  isLocked(subscriptionId: string, now: number): boolean {
    return this.db.prepare('SELECT 1 FROM subscriptions WHERE id = ? AND billing_lock_until > ?').get(subscriptionId, now) !== undefined;
  }

  releaseLock(subscriptionId: string): void {
    this.db.prepare('UPDATE subscriptions SET billing_lock_until = NULL WHERE id = ?').run(subscriptionId);
  }

  /** Active subscriptions whose period has ended, and past-due ones whose grace is over. */
  dueSubscriptions(now: number, limit: number): Array<{ id: string; status: SubscriptionStatus }> {
    return this.db
      .prepare(
        `SELECT id, status FROM subscriptions
         WHERE (status IN ('active', 'trial') AND period_end <= ?) OR (status = 'past_due' AND grace_until IS NOT NULL AND grace_until <= ?)
         ORDER BY period_end LIMIT ?`,
      )
      .all(now, now, limit) as Array<{ id: string; status: SubscriptionStatus }>;
  }

  moveSeat(seatId: string, toSubscriptionId: string): void {
    this.db.prepare('UPDATE seats SET subscription_id = ? WHERE id = ? AND removed_at IS NULL').run(toSubscriptionId, seatId);
  }

  // --- payment methods ---------------------------------------------------------------------

  currentPaymentMethod(subscriptionId: string): PaymentMethodRow | undefined {
    return this.db
      .prepare('SELECT id, subscription_id AS subscriptionId, provider, token, brand, last4, created_at AS createdAt FROM payment_methods WHERE subscription_id = ? AND replaced_at IS NULL')
      .get(subscriptionId) as PaymentMethodRow | undefined;
  }

  /** Stores a payment method as the subscription's current one; the previous one is kept as replaced. */
  setPaymentMethod(row: PaymentMethodRow): void {
    this.db.prepare('UPDATE payment_methods SET replaced_at = ? WHERE subscription_id = ? AND replaced_at IS NULL').run(row.createdAt, row.subscriptionId);
    this.db
      .prepare('INSERT INTO payment_methods (id, subscription_id, provider, token, brand, last4, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, row.subscriptionId, row.provider, row.token, row.brand, row.last4, row.createdAt);
  }

  // --- invoices ----------------------------------------------------------------------------

  /** The next number of the year's sequence; call it in the transaction that inserts the invoice (gap-free). */
  nextInvoiceSequence(year: number): number {
    const row = this.db
      .prepare('INSERT INTO invoice_sequences (year, last_number) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1 RETURNING last_number AS n')
      .get(year) as { n: number };
    return row.n;
  }

  insertInvoice(row: InvoiceRow, lines: readonly InvoiceLineRow[]): void {
    this.db
      .prepare(
        `INSERT INTO invoices (id, number, subscription_id, organisation_id, kind, status, currency, subtotal_minor, tax_rate_bp, tax_minor, total_minor, period_start, period_end, bill_to, issued_at, paid_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, row.number, row.subscriptionId, row.organisationId, row.kind, row.status, row.currency, row.subtotalMinor, row.taxRateBp, row.taxMinor, row.totalMinor, row.periodStart, row.periodEnd, row.billTo, row.issuedAt, row.paidAt);
    const insert = this.db.prepare('INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_amount_minor, amount_minor) VALUES (?, ?, ?, ?, ?, ?)');
    lines.forEach((line, position) => insert.run(row.id, position, line.description, line.quantity, line.unitAmountMinor, line.amountMinor));
  }

  /** Every invoice number, in the order they were taken (subscription invoices; the gap-free sequence's check). */
  allInvoiceNumbers(): string[] {
    return (this.db.prepare('SELECT number FROM invoices ORDER BY number').all() as Array<{ number: string }>).map((row) => row.number);
  }

  markInvoicePaid(invoiceId: string, at: number): boolean {
    return this.db.prepare("UPDATE invoices SET status = 'paid', paid_at = ? WHERE id = ? AND status = 'open'").run(at, invoiceId).changes === 1;
  }

  listInvoices(subscriptionId: string): InvoiceRow[] {
    return this.db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE subscription_id = ? ORDER BY issued_at DESC, number DESC`).all(subscriptionId) as InvoiceRow[];
  }

  findInvoice(subscriptionId: string, invoiceId: string): InvoiceRow | undefined {
    return this.db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE subscription_id = ? AND id = ?`).get(subscriptionId, invoiceId) as InvoiceRow | undefined;
  }

  openInvoice(subscriptionId: string): InvoiceRow | undefined {
    return this.db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE subscription_id = ? AND status = 'open' ORDER BY issued_at LIMIT 1`).get(subscriptionId) as InvoiceRow | undefined;
  }

  invoiceLines(invoiceId: string): InvoiceLineRow[] {
    return this.db
      .prepare('SELECT description, quantity, unit_amount_minor AS unitAmountMinor, amount_minor AS amountMinor FROM invoice_lines WHERE invoice_id = ? ORDER BY position')
      .all(invoiceId) as InvoiceLineRow[];
  }

  // --- credits -----------------------------------------------------------------------------

  insertCredit(row: CreditRow): void {
    this.db
      .prepare('INSERT INTO credits (id, subscription_id, description, amount_minor, remaining_minor, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.id, row.subscriptionId, row.description, row.amountMinor, row.remainingMinor, row.createdAt);
  }

  creditBalance(subscriptionId: string): number {
    return (this.db.prepare('SELECT COALESCE(SUM(remaining_minor), 0) AS n FROM credits WHERE subscription_id = ?').get(subscriptionId) as { n: number }).n;
  }

  /** Uses `amount` of the subscription's credits, oldest first. */
  consumeCredit(subscriptionId: string, amount: number): void {
    let left = amount;
    const credits = this.db.prepare('SELECT id, remaining_minor AS remaining FROM credits WHERE subscription_id = ? AND remaining_minor > 0 ORDER BY created_at, id').all(subscriptionId) as Array<{ id: string; remaining: number }>;
    const update = this.db.prepare('UPDATE credits SET remaining_minor = ? WHERE id = ?');
    for (const credit of credits) {
      if (left <= 0) break;
      const used = Math.min(left, credit.remaining);
      update.run(credit.remaining - used, credit.id);
      left -= used;
    }
    if (left > 0) throw new RangeError('Not enough credit');
  }

  // --- payment actions and webhook events --------------------------------------------------

  insertPaymentAction(row: PaymentActionRow): void {
    this.db
      .prepare(
        `INSERT INTO payment_actions (id, kind, status, tenant_id, object_id, idempotency_scope, idempotency_key, provider_reference, amount_minor, currency, request, created_at, completed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, row.kind, row.status, row.tenantId, row.objectId, row.idempotencyScope, row.idempotencyKey, row.providerReference, row.amountMinor, row.currency, row.request, row.createdAt, row.completedAt);
    // response stays NULL until the action completes.
  }

  findPaymentAction(id: string): PaymentActionRow | undefined {
    return this.db.prepare(`SELECT ${ACTION_COLUMNS} FROM payment_actions WHERE id = ?`).get(id) as PaymentActionRow | undefined;
  }

  findPaymentActionByReference(reference: string): PaymentActionRow | undefined {
    return this.db.prepare(`SELECT ${ACTION_COLUMNS} FROM payment_actions WHERE provider_reference = ?`).get(reference) as PaymentActionRow | undefined;
  }

  completePaymentAction(id: string, status: 'succeeded' | 'failed', at: number, response: { statusCode: number; body: unknown }): boolean {
    return this.db.prepare("UPDATE payment_actions SET status = ?, completed_at = ?, response = ? WHERE id = ? AND status = 'pending'").run(status, at, JSON.stringify(response), id).changes === 1;
  }

  /** Records a webhook event id; false when it was seen before (a replay). */
  recordWebhookEvent(id: string, type: string, at: number): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO webhook_events (id, type, received_at) VALUES (?, ?, ?)').run(id, type, at).changes === 1;
  }

  /** Whether a payment with this provider reference is recorded (in any outcome). */
  paymentRecorded(reference: string): boolean {
    return this.db.prepare('SELECT 1 FROM payments WHERE provider_reference = ?').get(reference) !== undefined;
  }

  countPayments(subscriptionId: string): { succeeded: number; amountMinor: number } {
    return this.db
      .prepare("SELECT COUNT(*) AS succeeded, COALESCE(SUM(amount_minor), 0) AS amountMinor FROM payments WHERE subscription_id = ? AND status = 'succeeded'")
      .get(subscriptionId) as { succeeded: number; amountMinor: number };
  }

  setPaymentInvoice(paymentId: string, invoiceId: string): void {
    this.db.prepare('UPDATE payments SET invoice_id = ? WHERE id = ?').run(invoiceId, paymentId);
  }
}
