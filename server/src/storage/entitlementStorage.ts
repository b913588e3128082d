/**
 * What free or prepaid seats a subscription holds (issue 10): trials per organisation and plan,
 * partners' trial allowances, product-key grants counted in periods, and the paid spans a merged
 * subscription's credit is computed from. SQL only; the rules are in partners/trialRules.ts,
 * partners/keyRules.ts and billing/consolidationCredit.ts.
 */
import type Database from 'better-sqlite3';
import type { PaidSpan } from '../billing/consolidationCredit.js';

export interface TrialRow {
  organisationId: string;
  planId: string;
  subscriptionId: string;
  partnerId: string | null;
  seats: number;
  startsAt: number;
  endsAt: number;
}

export interface KeyGrantRow {
  productKeyId: string;
  subscriptionId: string;
  seats: number;
  periods: number;
  periodsUsed: number;
  createdAt: number;
}

export class EntitlementStorage {
  constructor(private readonly db: Database.Database) {}

  // --- trials ----------------------------------------------------------------------------------

  /** False when the organisation already had a trial of this plan (the primary key refuses a second). */
  insertTrial(row: TrialRow): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO trials (organisation_id, plan_id, subscription_id, partner_id, seats, starts_at, ends_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(row.organisationId, row.planId, row.subscriptionId, row.partnerId, row.seats, row.startsAt, row.endsAt).changes === 1
    );
  }

  hadTrial(organisationId: string, planId: string): boolean {
    return this.db.prepare('SELECT 1 FROM trials WHERE organisation_id = ? AND plan_id = ?').get(organisationId, planId) !== undefined;
  }

  hasLiveTrial(organisationId: string): boolean {
    return this.db.prepare("SELECT 1 FROM subscriptions WHERE organisation_id = ? AND status = 'trial'").get(organisationId) !== undefined;
  }

  /** The organisation has or had a subscription of the plan that did not start as a trial (bought, or made from a key). */
  paidForPlan(organisationId: string, planId: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM subscriptions s WHERE s.organisation_id = ? AND s.plan_id = ? AND NOT EXISTS (SELECT 1 FROM trials t WHERE t.subscription_id = s.id)').get(organisationId, planId) !==
      undefined
    );
  }

  /** Trial seats given through the partner's offers so far. */
  trialSeatsGiven(partnerId: string): number {
    return (this.db.prepare('SELECT COALESCE(SUM(seats), 0) AS n FROM trials WHERE partner_id = ?').get(partnerId) as { n: number }).n;
  }

  /** The vendor's approval for this partner, or null for the configured default. */
  trialSeatAllowance(partnerId: string): number | null {
    const row = this.db.prepare('SELECT trial_seat_allowance AS seats FROM partners WHERE id = ?').get(partnerId) as { seats: number | null } | undefined;
    return row?.seats ?? null;
  }

  /** Sets a partner's allowance by its advisor code; the partner's id and organisation, or undefined when no partner has the code. */
  setTrialSeatAllowance(advisorCode: string, seats: number | null): { id: string; organisationId: string; name: string } | undefined {
    const partner = this.db.prepare('SELECT id, organisation_id AS organisationId, name FROM partners WHERE advisor_code = ?').get(advisorCode) as { id: string; organisationId: string; name: string } | undefined;
    if (partner) this.db.prepare('UPDATE partners SET trial_seat_allowance = ? WHERE id = ?').run(seats, partner.id);
    return partner;
  }

  // --- product-key grants ------------------------------------------------------------------------

  insertKeyGrant(row: KeyGrantRow): void {
    this.db
      .prepare('INSERT INTO key_grants (product_key_id, subscription_id, seats, periods, periods_used, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.productKeyId, row.subscriptionId, row.seats, row.periods, row.periodsUsed, row.createdAt);
  }

  /** Grants with periods still to pay, oldest first. */
  openKeyGrants(subscriptionId: string): KeyGrantRow[] {
    return this.db
      .prepare(
        `SELECT product_key_id AS productKeyId, subscription_id AS subscriptionId, seats, periods, periods_used AS periodsUsed, created_at AS createdAt
           FROM key_grants WHERE subscription_id = ? AND periods_used < periods ORDER BY created_at, product_key_id`,
      )
      .all(subscriptionId) as KeyGrantRow[];
  }

  /** One more period of each of these grants paid a renewal. */
  useKeyGrantPeriod(productKeyIds: readonly string[]): void {
    const update = this.db.prepare('UPDATE key_grants SET periods_used = periods_used + 1 WHERE product_key_id = ? AND periods_used < periods');
    for (const id of productKeyIds) update.run(id);
  }

  /** Grants still to pay renewals move with the seats of a merged subscription. */
  moveKeyGrants(fromSubscriptionId: string, toSubscriptionId: string): void {
    this.db.prepare('UPDATE key_grants SET subscription_id = ? WHERE subscription_id = ? AND periods_used < periods').run(toSubscriptionId, fromSubscriptionId);
  }

  // --- money actually paid ----------------------------------------------------------------------

  /** The subscription's paid invoices: the money each took and the span it paid for. */
  paidSpans(subscriptionId: string): PaidSpan[] {
    return this.db
      // What a credit note gave back on an invoice was not paid for its time (a refunded period leaves no credit).
      .prepare(
        `SELECT total_minor - COALESCE((SELECT SUM(c.total_minor) FROM credit_notes c WHERE c.invoice_id = invoices.id), 0) AS totalMinor, period_start AS periodStart, period_end AS periodEnd
         FROM invoices WHERE subscription_id = ? AND status = 'paid' ORDER BY issued_at`,
      )
      .all(subscriptionId) as PaidSpan[];
  }
}
