/**
 * Partner queries (P1–P5): partners and their staff, the partner of record, delegated-
 * administration relationships and their requests, offers and their redemptions, product keys,
 * the partner's notifications and the customer list. Part of the storage module (the only SQL);
 * reached through `Storage.partners`, on the same connection and the same `storage.transaction`
 * (BEGIN IMMEDIATE) for every write. Secrets are stored as SHA-256 hashes only.
 */
import type Database from 'better-sqlite3';
import type { SubscriptionStatus } from '../../../shared/src/api/views.js';
import type { PartnerRelationship, PartnerStaffRole, Permission } from '../../../shared/src/permissions/permissions.js';
import type { InvoiceLineRow } from './billingStorage.js';

export interface PartnerRow {
  id: string;
  organisationId: string;
  advisorCode: string;
  name: string;
  contactEmail: string;
  language: string;
  createdAt: number;
}

export interface PartnerStaffRow {
  id: string;
  partnerId: string;
  emailCanonical: string;
  emailDisplay: string;
  role: PartnerStaffRole;
  tenantId: string;
  objectId: string | null;
  createdAt: number;
}

export type RelationshipStatus = PartnerRelationship['status'];

export interface RelationshipRow {
  id: string;
  partnerId: string;
  subscriptionId: string | null;
  customerEmailCanonical: string;
  customerEmailDisplay: string;
  permissions: Permission[];
  durationDays: number;
  status: RelationshipStatus;
  language: string;
  requestedByEmail: string;
  requestedAt: number;
  requestExpiresAt: number;
  approvedAt: number | null;
  approvedByEmail: string | null;
  expiresAt: number | null;
  endedAt: number | null;
  endedByEmail: string | null;
}

export interface OfferRow {
  id: string;
  partnerId: string;
  kind: 'trial' | 'purchase';
  name: string;
  planId: string;
  quantity: number;
  trialDays: number | null;
  priceMinor: number | null;
  currency: string;
  adminPermissions: Permission[];
  adminDays: number | null;
  maxCustomers: number | null;
  disabledAt: number | null;
  expiresAt: number;
  createdByEmail: string;
  createdAt: number;
}

export interface ProductKeyRow {
  id: string;
  partnerId: string;
  batchId: string;
  keyHint: string;
  planId: string;
  seats: number;
  termPeriods: number;
  status: 'unused' | 'redeemed';
  createdAt: number;
  expiresAt: number;
  redeemedAt: number | null;
  redeemedSubscriptionId: string | null;
  redeemedByEmail: string | null;
}

export interface NotificationRow {
  id: number;
  partnerId: string;
  subscriptionId: string;
  organisationName: string;
  kind: string;
  action: string;
  detail: string | null;
  createdAt: number;
  emailedAt: number | null;
}

export type CustomerRelationshipFilter = 'active' | 'pending' | 'expired' | 'ended' | 'none';

export interface CustomerQuery {
  search?: string;
  status?: SubscriptionStatus;
  relationship?: CustomerRelationshipFilter;
  /** Renewal (period end) before this time. */
  renewsBefore?: number;
  offset: number;
  limit: number;
}

export interface CustomerRow {
  subscriptionId: string;
  organisationName: string;
  tenantId: string;
  ownerEmail: string;
  planId: string;
  status: SubscriptionStatus;
  quantity: number;
  assigned: number;
  periodEnd: number;
  partnerOfRecord: boolean;
  relationshipId: string | null;
  relationshipStatus: RelationshipStatus | null;
  relationshipPermissions: string | null;
  relationshipExpiresAt: number | null;
  requestExpiresAt: number | null;
}

const STAFF_COLUMNS = `id, partner_id AS partnerId, email_canonical AS emailCanonical, email_display AS emailDisplay, role, tenant_id AS tenantId, object_id AS objectId, created_at AS createdAt`;
const PARTNER_INVOICE_COLUMNS = `id, number, partner_id AS partnerId, status, currency, subtotal_minor AS subtotalMinor, tax_rate_bp AS taxRateBp, tax_minor AS taxMinor, total_minor AS totalMinor, bill_to AS billTo, issued_at AS issuedAt, paid_at AS paidAt`;

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

const PARTNER_COLUMNS = `id, organisation_id AS organisationId, advisor_code AS advisorCode, name, contact_email AS contactEmail, language, created_at AS createdAt`;
const RELATIONSHIP_COLUMNS = `id, partner_id AS partnerId, subscription_id AS subscriptionId, customer_email_canonical AS customerEmailCanonical,
  customer_email_display AS customerEmailDisplay, permissions, duration_days AS durationDays, status, language, requested_by_email AS requestedByEmail,
  requested_at AS requestedAt, request_expires_at AS requestExpiresAt, approved_at AS approvedAt, approved_by_email AS approvedByEmail,
  expires_at AS expiresAt, ended_at AS endedAt, ended_by_email AS endedByEmail`;
const OFFER_COLUMNS = `id, partner_id AS partnerId, kind, name, plan_id AS planId, quantity, trial_days AS trialDays, price_minor AS priceMinor, currency,
  admin_permissions AS adminPermissions, admin_days AS adminDays, max_customers AS maxCustomers, disabled_at AS disabledAt, expires_at AS expiresAt,
  created_by_email AS createdByEmail, created_at AS createdAt`;
const KEY_COLUMNS = `id, partner_id AS partnerId, batch_id AS batchId, key_hint AS keyHint, plan_id AS planId, seats, term_periods AS termPeriods, status,
  created_at AS createdAt, expires_at AS expiresAt, redeemed_at AS redeemedAt, redeemed_subscription_id AS redeemedSubscriptionId, redeemed_by_email AS redeemedByEmail`;

function permissionsOf(value: string): Permission[] {
  return value === '' ? [] : (value.split(',') as Permission[]);
}

function relationship(row: (Omit<RelationshipRow, 'permissions'> & { permissions: string }) | undefined): RelationshipRow | undefined {
  return row && { ...row, permissions: permissionsOf(row.permissions) };
}

function offer(row: (Omit<OfferRow, 'adminPermissions'> & { adminPermissions: string }) | undefined): OfferRow | undefined {
  return row && { ...row, adminPermissions: permissionsOf(row.adminPermissions) };
}

function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class PartnerStorage {
  constructor(private readonly db: Database.Database) {}

  // --- partners and staff ------------------------------------------------------------------

  insertPartner(row: PartnerRow): void {
    this.db
      .prepare('INSERT INTO partners (id, organisation_id, advisor_code, name, contact_email, language, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, row.organisationId, row.advisorCode, row.name, row.contactEmail, row.language, row.createdAt);
  }

  findPartner(id: string): PartnerRow | undefined {
    return this.db.prepare(`SELECT ${PARTNER_COLUMNS} FROM partners WHERE id = ?`).get(id) as PartnerRow | undefined;
  }

  findPartnerByOrganisation(organisationId: string): PartnerRow | undefined {
    return this.db.prepare(`SELECT ${PARTNER_COLUMNS} FROM partners WHERE organisation_id = ?`).get(organisationId) as PartnerRow | undefined;
  }

  advisorCodeTaken(code: string): boolean {
    return this.db.prepare('SELECT 1 FROM partners WHERE advisor_code = ?').get(code) !== undefined;
  }

  /** Adds a staff member, or changes the role of the same address. */
  upsertStaff(row: PartnerStaffRow): void {
    this.db
      .prepare(
        `INSERT INTO partner_staff (id, partner_id, email_canonical, email_display, role, tenant_id, object_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (partner_id, email_canonical) DO UPDATE SET role = excluded.role, email_display = excluded.email_display`,
      )
      .run(row.id, row.partnerId, row.emailCanonical, row.emailDisplay, row.role, row.tenantId, row.objectId, row.createdAt);
  }

  listStaff(partnerId: string): PartnerStaffRow[] {
    return this.db.prepare(`SELECT ${STAFF_COLUMNS} FROM partner_staff WHERE partner_id = ? ORDER BY email_canonical`).all(partnerId) as PartnerStaffRow[];
  }

  findStaff(partnerId: string, staffId: string): PartnerStaffRow | undefined {
    return this.db.prepare(`SELECT ${STAFF_COLUMNS} FROM partner_staff WHERE partner_id = ? AND id = ?`).get(partnerId, staffId) as PartnerStaffRow | undefined;
  }

  findStaffByEmail(partnerId: string, emailCanonical: string): PartnerStaffRow | undefined {
    return this.db.prepare(`SELECT ${STAFF_COLUMNS} FROM partner_staff WHERE partner_id = ? AND email_canonical = ?`).get(partnerId, emailCanonical) as PartnerStaffRow | undefined;
  }

  deleteStaff(id: string): void {
    this.db.prepare('DELETE FROM partner_staff WHERE id = ?').run(id);
  }

  /** Staff rows bound to this person. */
  staffOf(tenantId: string, objectId: string): PartnerStaffRow[] {
    return this.db.prepare(`SELECT ${STAFF_COLUMNS} FROM partner_staff WHERE tenant_id = ? AND object_id = ? ORDER BY created_at`).all(tenantId, objectId) as PartnerStaffRow[];
  }

  /** Binds this person to every unbound staff row of their address in their tenant; how many were bound. */
  bindStaff(tenantId: string, emailCanonical: string, objectId: string): number {
    return this.db.prepare('UPDATE partner_staff SET object_id = ? WHERE tenant_id = ? AND email_canonical = ? AND object_id IS NULL').run(objectId, tenantId, emailCanonical).changes;
  }

  // --- partner of record -------------------------------------------------------------------

  setPartnerOfRecord(subscriptionId: string, partnerId: string): void {
    this.db.prepare('UPDATE subscriptions SET partner_id = ? WHERE id = ?').run(partnerId, subscriptionId);
  }

  partnerOfRecord(subscriptionId: string): PartnerRow | undefined {
    return this.db.prepare(`SELECT ${PARTNER_COLUMNS} FROM partners WHERE id = (SELECT partner_id FROM subscriptions WHERE id = ?)`).get(subscriptionId) as PartnerRow | undefined;
  }

  // --- relationships and requests ------------------------------------------------------------

  insertRelationship(row: RelationshipRow, tokenHash: string | null): void {
    this.db
      .prepare(
        `INSERT INTO partner_relationships (id, partner_id, subscription_id, customer_email_canonical, customer_email_display, permissions, duration_days, status, token_hash,
           language, requested_by_email, requested_at, request_expires_at, approved_at, approved_by_email, expires_at, ended_at, ended_by_email)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.id,
        row.partnerId,
        row.subscriptionId,
        row.customerEmailCanonical,
        row.customerEmailDisplay,
        row.permissions.join(','),
        row.durationDays,
        row.status,
        tokenHash,
        row.language,
        row.requestedByEmail,
        row.requestedAt,
        row.requestExpiresAt,
        row.approvedAt,
        row.approvedByEmail,
        row.expiresAt,
        row.endedAt,
        row.endedByEmail,
      );
  }

  findRelationship(id: string): RelationshipRow | undefined {
    return relationship(this.db.prepare(`SELECT ${RELATIONSHIP_COLUMNS} FROM partner_relationships WHERE id = ?`).get(id) as never);
  }

  findRelationshipByTokenHash(tokenHash: string): RelationshipRow | undefined {
    return relationship(this.db.prepare(`SELECT ${RELATIONSHIP_COLUMNS} FROM partner_relationships WHERE token_hash = ?`).get(tokenHash) as never);
  }

  /** The request becomes an active relationship on `subscriptionId` (only from pending: single use). */
  approveRelationship(id: string, subscriptionId: string, approvedByEmail: string, approvedAt: number, expiresAt: number): boolean {
    return (
      this.db
        .prepare("UPDATE partner_relationships SET status = 'active', subscription_id = ?, approved_by_email = ?, approved_at = ?, expires_at = ? WHERE id = ? AND status = 'pending'")
        .run(subscriptionId, approvedByEmail, approvedAt, expiresAt, id).changes === 1
    );
  }

  /** Declines or withdraws a pending request, or ends an active relationship. */
  closeRelationship(id: string, status: 'declined' | 'withdrawn' | 'ended', byEmail: string, at: number): boolean {
    const from = status === 'ended' ? 'active' : 'pending';
    return this.db.prepare('UPDATE partner_relationships SET status = ?, ended_at = ?, ended_by_email = ? WHERE id = ? AND status = ?').run(status, at, byEmail, id, from).changes === 1;
  }

  /** Relationships (any state) of a subscription, newest first. */
  relationshipsOfSubscription(subscriptionId: string): RelationshipRow[] {
    return (this.db.prepare(`SELECT ${RELATIONSHIP_COLUMNS} FROM partner_relationships WHERE subscription_id = ? ORDER BY requested_at DESC`).all(subscriptionId) as never[]).map((r) => relationship(r)!);
  }

  relationshipsOfPartner(partnerId: string, limit: number): RelationshipRow[] {
    return (this.db.prepare(`SELECT ${RELATIONSHIP_COLUMNS} FROM partner_relationships WHERE partner_id = ? ORDER BY requested_at DESC LIMIT ?`).all(partnerId, limit) as never[]).map((r) => relationship(r)!);
  }

  /** What the permission function needs: the subscription's approved relationships with each partner's bound staff. */
  grantsFor(subscriptionId: string): Array<PartnerRelationship & { relationshipId: string; partnerId: string }> {
    const rows = this.db
      .prepare("SELECT id, partner_id AS partnerId, status, expires_at AS expiresAt, permissions FROM partner_relationships WHERE subscription_id = ? AND status = 'active'")
      .all(subscriptionId) as Array<{ id: string; partnerId: string; status: 'active'; expiresAt: number; permissions: string }>;
    const staff = this.db.prepare('SELECT tenant_id AS tenantId, object_id AS objectId, role FROM partner_staff WHERE partner_id = ? AND object_id IS NOT NULL');
    return rows.map((row) => ({
      relationshipId: row.id,
      partnerId: row.partnerId,
      status: row.status,
      expiresAt: row.expiresAt,
      permissions: permissionsOf(row.permissions),
      staff: staff.all(row.partnerId) as Array<{ tenantId: string; objectId: string; role: PartnerStaffRole }>,
    }));
  }

  // --- offers --------------------------------------------------------------------------------

  insertOffer(row: OfferRow, tokenHash: string): void {
    this.db
      .prepare(
        `INSERT INTO partner_offers (id, partner_id, kind, name, plan_id, quantity, trial_days, price_minor, currency, admin_permissions, admin_days, token_hash, max_customers, disabled_at, expires_at, created_by_email, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.id,
        row.partnerId,
        row.kind,
        row.name,
        row.planId,
        row.quantity,
        row.trialDays,
        row.priceMinor,
        row.currency,
        row.adminPermissions.join(','),
        row.adminDays,
        tokenHash,
        row.maxCustomers,
        row.disabledAt,
        row.expiresAt,
        row.createdByEmail,
        row.createdAt,
      );
  }

  findOffer(partnerId: string, id: string): OfferRow | undefined {
    return offer(this.db.prepare(`SELECT ${OFFER_COLUMNS} FROM partner_offers WHERE partner_id = ? AND id = ?`).get(partnerId, id) as never);
  }

  findOfferById(id: string): OfferRow | undefined {
    return offer(this.db.prepare(`SELECT ${OFFER_COLUMNS} FROM partner_offers WHERE id = ?`).get(id) as never);
  }

  findOfferByTokenHash(tokenHash: string): OfferRow | undefined {
    return offer(this.db.prepare(`SELECT ${OFFER_COLUMNS} FROM partner_offers WHERE token_hash = ?`).get(tokenHash) as never);
  }

  listOffers(partnerId: string): Array<OfferRow & { customers: number }> {
    const rows = this.db
      .prepare(`SELECT ${OFFER_COLUMNS}, (SELECT COUNT(*) FROM partner_offer_redemptions r WHERE r.offer_id = partner_offers.id) AS customers FROM partner_offers WHERE partner_id = ? ORDER BY created_at DESC`)
      .all(partnerId) as Array<Omit<OfferRow, 'adminPermissions'> & { adminPermissions: string; customers: number }>;
    return rows.map((row) => ({ ...row, adminPermissions: permissionsOf(row.adminPermissions) }));
  }

  setOfferDisabled(id: string, disabledAt: number | null): void {
    this.db.prepare('UPDATE partner_offers SET disabled_at = ? WHERE id = ?').run(disabledAt, id);
  }

  offerCustomers(offerId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM partner_offer_redemptions WHERE offer_id = ?').get(offerId) as { n: number }).n;
  }

  /** Places of a limited offer held by buyers other than this one whose payment is under way. */
  otherOfferClaims(offerId: string, buyer: { tenantId: string; objectId: string }, since: number): number {
    return (
      this.db.prepare('SELECT COUNT(*) AS n FROM partner_offer_claims WHERE offer_id = ? AND created_at > ? AND NOT (tenant_id = ? AND object_id = ?)').get(offerId, since, buyer.tenantId, buyer.objectId) as { n: number }
    ).n;
  }

  claimOffer(offerId: string, buyer: { tenantId: string; objectId: string }, now: number): void {
    this.db.prepare('INSERT OR REPLACE INTO partner_offer_claims (offer_id, tenant_id, object_id, created_at) VALUES (?, ?, ?, ?)').run(offerId, buyer.tenantId, buyer.objectId, now);
  }

  releaseOfferClaim(offerId: string, buyer: { tenantId: string; objectId: string }): void {
    this.db.prepare('DELETE FROM partner_offer_claims WHERE offer_id = ? AND tenant_id = ? AND object_id = ?').run(offerId, buyer.tenantId, buyer.objectId);
  }

  hasRedeemedOffer(offerId: string, organisationId: string): boolean {
    return this.db.prepare('SELECT 1 FROM partner_offer_redemptions WHERE offer_id = ? AND organisation_id = ?').get(offerId, organisationId) !== undefined;
  }

  /** Records a customer's use of an offer; false when this organisation used it before. */
  insertOfferRedemption(row: { offerId: string; organisationId: string; subscriptionId: string; email: string; createdAt: number }): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO partner_offer_redemptions (offer_id, organisation_id, subscription_id, email, created_at) VALUES (?, ?, ?, ?, ?)').run(row.offerId, row.organisationId, row.subscriptionId, row.email, row.createdAt).changes === 1;
  }

  // --- invoices of partner purchases ----------------------------------------------------------

  insertInvoice(row: PartnerInvoiceRow, lines: readonly InvoiceLineRow[]): void {
    this.db
      .prepare(
        `INSERT INTO partner_invoices (id, number, partner_id, status, currency, subtotal_minor, tax_rate_bp, tax_minor, total_minor, bill_to, issued_at, paid_at)
         VALUES (?, ?, ?, 'paid', ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, row.number, row.partnerId, row.currency, row.subtotalMinor, row.taxRateBp, row.taxMinor, row.totalMinor, row.billTo, row.issuedAt, row.paidAt);
    const insert = this.db.prepare('INSERT INTO partner_invoice_lines (invoice_id, position, description, quantity, unit_amount_minor, amount_minor) VALUES (?, ?, ?, ?, ?, ?)');
    lines.forEach((line, position) => insert.run(row.id, position, line.description, line.quantity, line.unitAmountMinor, line.amountMinor));
  }

  listInvoices(partnerId: string): PartnerInvoiceRow[] {
    return this.db.prepare(`SELECT ${PARTNER_INVOICE_COLUMNS} FROM partner_invoices WHERE partner_id = ? ORDER BY issued_at DESC, number DESC`).all(partnerId) as PartnerInvoiceRow[];
  }

  findInvoice(partnerId: string, invoiceId: string): { invoice: PartnerInvoiceRow; lines: InvoiceLineRow[] } | null {
    const invoice = this.db.prepare(`SELECT ${PARTNER_INVOICE_COLUMNS} FROM partner_invoices WHERE partner_id = ? AND id = ?`).get(partnerId, invoiceId) as PartnerInvoiceRow | undefined;
    if (!invoice) return null;
    const lines = this.db
      .prepare('SELECT description, quantity, unit_amount_minor AS unitAmountMinor, amount_minor AS amountMinor FROM partner_invoice_lines WHERE invoice_id = ? ORDER BY position')
      .all(invoice.id) as InvoiceLineRow[];
    return { invoice, lines };
  }

  // --- product keys ----------------------------------------------------------------------------

  insertProductKey(row: ProductKeyRow, keyHash: string): void {
    this.db
      .prepare(
        `INSERT INTO product_keys (id, partner_id, batch_id, key_hash, key_hint, plan_id, seats, term_periods, status, created_at, expires_at, redeemed_at, redeemed_subscription_id, redeemed_by_email)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, row.partnerId, row.batchId, keyHash, row.keyHint, row.planId, row.seats, row.termPeriods, row.status, row.createdAt, row.expiresAt, row.redeemedAt, row.redeemedSubscriptionId, row.redeemedByEmail);
  }

  findProductKeyByHash(keyHash: string): ProductKeyRow | undefined {
    return this.db.prepare(`SELECT ${KEY_COLUMNS} FROM product_keys WHERE key_hash = ?`).get(keyHash) as ProductKeyRow | undefined;
  }

  /** Marks a key used (only once: false when it was already redeemed). */
  redeemProductKey(id: string, subscriptionId: string, email: string, at: number): boolean {
    return (
      this.db.prepare("UPDATE product_keys SET status = 'redeemed', redeemed_at = ?, redeemed_subscription_id = ?, redeemed_by_email = ? WHERE id = ? AND status = 'unused'").run(at, subscriptionId, email, id)
        .changes === 1
    );
  }

  listProductKeys(partnerId: string, limit: number): ProductKeyRow[] {
    return this.db.prepare(`SELECT ${KEY_COLUMNS} FROM product_keys WHERE partner_id = ? ORDER BY created_at DESC, id LIMIT ?`).all(partnerId, limit) as ProductKeyRow[];
  }

  // --- notifications -------------------------------------------------------------------------

  /** A change of a customer's subscription, for its partner of record if it has one (same transaction as the journal entry). */
  notifyPartnerOfRecord(subscriptionId: string, kind: string, action: string, detail: string | null, at: number): void {
    this.db
      .prepare('INSERT INTO partner_notifications (partner_id, subscription_id, kind, action, detail, created_at) SELECT partner_id, id, ?, ?, ?, ? FROM subscriptions WHERE id = ? AND partner_id IS NOT NULL')
      .run(kind, action, detail, at, subscriptionId);
  }

  private notificationQuery(where: string): string {
    return `SELECT n.id, n.partner_id AS partnerId, n.subscription_id AS subscriptionId, o.name AS organisationName, n.kind, n.action, n.detail, n.created_at AS createdAt, n.emailed_at AS emailedAt
      FROM partner_notifications n JOIN subscriptions s ON s.id = n.subscription_id JOIN organisations o ON o.id = s.organisation_id WHERE ${where}`;
  }

  listNotifications(partnerId: string, limit: number): NotificationRow[] {
    return this.db.prepare(`${this.notificationQuery('n.partner_id = ?')} ORDER BY n.id DESC LIMIT ?`).all(partnerId, limit) as NotificationRow[];
  }

  /** Partners with notifications not yet emailed. */
  partnersWithUnsentNotifications(limit: number): string[] {
    return (this.db.prepare('SELECT DISTINCT partner_id AS id FROM partner_notifications WHERE emailed_at IS NULL LIMIT ?').all(limit) as Array<{ id: string }>).map((r) => r.id);
  }

  unsentNotifications(partnerId: string, limit: number): NotificationRow[] {
    return this.db.prepare(`${this.notificationQuery('n.partner_id = ? AND n.emailed_at IS NULL')} ORDER BY n.id LIMIT ?`).all(partnerId, limit) as NotificationRow[];
  }

  markNotificationsEmailed(partnerId: string, upToId: number, at: number): void {
    this.db.prepare('UPDATE partner_notifications SET emailed_at = ? WHERE partner_id = ? AND id <= ? AND emailed_at IS NULL').run(at, partnerId, upToId);
  }

  // --- customer list (P5) --------------------------------------------------------------------

  /**
   * One page of a partner's customers: subscriptions it is partner of record of, or has a
   * relationship with (its newest one shown). Filters run on the partner's rows only (indexes
   * subscriptions_partner and partner_relationships_partner); seat counts are computed for the
   * page's rows alone, each from the seats_live_email index.
   */
  queryCustomers(partnerId: string, query: CustomerQuery, now: number): { total: number; items: CustomerRow[] } {
    const base = `
      WITH ids AS (
        SELECT id AS subscription_id FROM subscriptions WHERE partner_id = ?
        UNION SELECT subscription_id FROM partner_relationships WHERE partner_id = ? AND subscription_id IS NOT NULL
      ),
      c AS (
        SELECT s.id AS subscriptionId, o.name AS organisationName, o.tenant_id AS tenantId, s.owner_email AS ownerEmail, s.plan_id AS planId, s.status,
               s.quantity, s.period_end AS periodEnd, (s.partner_id IS ?) AS partnerOfRecord,
               r.id AS relationshipId, r.status AS relationshipStatus, r.permissions AS relationshipPermissions, r.expires_at AS relationshipExpiresAt,
               r.request_expires_at AS requestExpiresAt
        FROM ids JOIN subscriptions s ON s.id = ids.subscription_id JOIN organisations o ON o.id = s.organisation_id
        LEFT JOIN partner_relationships r ON r.id = (
          SELECT x.id FROM partner_relationships x WHERE x.partner_id = ? AND x.subscription_id = s.id ORDER BY x.requested_at DESC LIMIT 1)
      )`;
    const conditions: string[] = [];
    const params: unknown[] = [partnerId, partnerId, partnerId, partnerId];
    const search = query.search?.trim().toLowerCase() ?? '';
    if (search) {
      conditions.push("(lower(organisationName) LIKE ? ESCAPE '\\' OR lower(ownerEmail) LIKE ? ESCAPE '\\' OR tenantId = ? OR subscriptionId = ?)");
      params.push(likePattern(search), likePattern(search), search, search);
    }
    if (query.status) {
      conditions.push('status = ?');
      params.push(query.status);
    }
    if (query.renewsBefore !== undefined) {
      conditions.push('periodEnd < ?');
      params.push(query.renewsBefore);
    }
    switch (query.relationship) {
      case 'active':
        conditions.push("relationshipStatus = 'active' AND relationshipExpiresAt > ?");
        params.push(now);
        break;
      case 'expired':
        conditions.push("((relationshipStatus = 'active' AND relationshipExpiresAt <= ?) OR (relationshipStatus = 'pending' AND requestExpiresAt <= ?))");
        params.push(now, now);
        break;
      case 'pending':
        conditions.push("relationshipStatus = 'pending' AND requestExpiresAt > ?");
        params.push(now);
        break;
      case 'ended':
        conditions.push("relationshipStatus IN ('ended', 'declined', 'withdrawn')");
        break;
      case 'none':
        conditions.push('relationshipId IS NULL');
        break;
      default:
        break;
    }
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    // The order (by name) has no index: every page sorts all the partner's matching customers, so
    // the sort counts them as it goes (a window over the result) instead of a second query doing
    // the same work again. Seats are the subscription's kept live-seat count, not a COUNT per row.
    const rows = this.db
      .prepare(
        `${base} SELECT c.*, (SELECT live_seats FROM subscriptions WHERE id = c.subscriptionId) AS assigned, COUNT(*) OVER () AS matches
         FROM c ${where} ORDER BY lower(organisationName), subscriptionId LIMIT ? OFFSET ?`,
      )
      .all(...params, query.limit, query.offset) as Array<Omit<CustomerRow, 'partnerOfRecord'> & { partnerOfRecord: number; matches: number }>;
    // A page past the last match has no row to carry the count.
    const total = rows[0]?.matches ?? (query.offset === 0 ? 0 : (this.db.prepare(`${base} SELECT COUNT(*) AS n FROM c ${where}`).get(...params) as { n: number }).n);
    return { total, items: rows.map(({ matches: _matches, ...row }) => ({ ...row, partnerOfRecord: row.partnerOfRecord === 1 })) };
  }
}
