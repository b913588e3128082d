/**
 * The storage module: the only code that speaks SQL. SQLite through better-sqlite3, one file
 * under the data folder, WAL with synchronous=FULL (an acknowledged seat, payment or journal entry
 * survives a crash), foreign keys on, and every write inside `BEGIN IMMEDIATE` so that a
 * read-then-write (count seats, then insert) cannot interleave with another writer, also from a
 * second process sharing the file.
 */
import { BillingProfileStorage } from './billingProfileStorage.js';
import { CreditNoteStorage } from './creditNoteStorage.js';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { BillingStorage } from './billingStorage.js';
import { ClaimStorage } from './claimStorage.js';
import { PartnerStorage } from './partnerStorage.js';
import { EntitlementStorage } from './entitlementStorage.js';
import { JournalStorage } from './journalStorage.js';
import { OutboxStorage } from './outboxStorage.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { cacheStatements } from './statementCache.js';
import { querySeatPage, SEAT_COLUMNS, type SeatPage, type SeatQuery, type SeatRow } from './seatPages.js';

import type { SubscriptionStatus } from '../../../shared/src/api/views.js';
import type { Permission } from '../../../shared/src/permissions/permissions.js';

export type { SubscriptionStatus };
export type { SeatCursor, SeatPage, SeatQuery, SeatRow, SeatSort } from './seatPages.js';

export interface OrganisationRow {
  id: string;
  tenantId: string;
  name: string;
  createdAt: number;
}

export interface DomainRow {
  domain: string;
  source: 'tenant' | 'manual';
  createdAt: number;
  /** Proven by the organisation's TXT record, when. */
  dnsVerifiedAt: number | null;
  checkedAt: number | null;
  checkResult: string | null;
  /** Last seen as a verified domain of the organisation's tenant. */
  tenantSeenAt: number | null;
}

export interface OrganisationAdministratorRow {
  id: string;
  tenantId: string;
  objectId: string;
  email: string;
  createdAt: number;
}

export interface SubscriptionRow {
  id: string;
  organisationId: string;
  planId: string;
  quantity: number;
  status: SubscriptionStatus;
  periodStart: number;
  periodEnd: number;
  ownerTenantId: string;
  ownerObjectId: string;
  ownerEmail: string;
  createdAt: number;
  assignedCount: number;
}

/** A seat with what the license check needs to know about its subscription. */
export interface SeatForCheck extends SeatRow {
  subscriptionStatus: SubscriptionStatus;
  planId: string;
  organisationId: string;
  organisationTenantId: string;
  periodEnd: number;
}

export interface DelegateRow {
  id: string;
  subscriptionId: string;
  tenantId: string;
  objectId: string;
  email: string;
  permissions: Permission[];
  createdAt: number;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked';

export interface InvitationRow {
  id: string;
  subscriptionId: string;
  emailCanonical: string;
  emailDisplay: string;
  permissions: Permission[];
  language: string;
  status: InvitationStatus;
  invitedByEmail: string;
  createdAt: number;
  expiresAt: number;
  acceptedAt: number | null;
}

const SUBSCRIPTION_COLUMNS = `
  s.id, s.organisation_id AS organisationId, s.plan_id AS planId, s.quantity, s.status,
  s.period_start AS periodStart, s.period_end AS periodEnd, s.owner_tenant_id AS ownerTenantId,
  s.owner_object_id AS ownerObjectId, s.owner_email AS ownerEmail, s.created_at AS createdAt,
  s.live_seats AS assignedCount`;

const DELEGATE_COLUMNS = `id, subscription_id AS subscriptionId, tenant_id AS tenantId, object_id AS objectId, email, permissions, created_at AS createdAt`;
const INVITATION_COLUMNS = `id, subscription_id AS subscriptionId, email_canonical AS emailCanonical, email_display AS emailDisplay, permissions,
  language, status, invited_by_email AS invitedByEmail, created_at AS createdAt, expires_at AS expiresAt, accepted_at AS acceptedAt`;

function parsePermissions(value: string): Permission[] {
  return value === '' ? [] : (value.split(',') as Permission[]);
}

const SEAT_FOR_CHECK = `
  SELECT ${SEAT_COLUMNS}, s.status AS subscriptionStatus, s.plan_id AS planId,
         o.id AS organisationId, o.tenant_id AS organisationTenantId, s.period_end AS periodEnd
  FROM seats JOIN subscriptions s ON s.id = seats.subscription_id JOIN organisations o ON o.id = s.organisation_id`;

export class Storage {
  /** Billing queries (./billingStorage.ts), on the same connection and transactions. */
  readonly billing: BillingStorage;
  readonly billingProfiles: BillingProfileStorage;
  readonly creditNotes: CreditNoteStorage;
  /** Partner queries (./partnerStorage.ts), on the same connection and transactions. */
  readonly partners: PartnerStorage;
  readonly entitlements: EntitlementStorage;
  /** Charge claims under Idempotency-Keys (./claimStorage.ts), on the same connection and transactions. */
  readonly claims: ClaimStorage;
  /** Journal rows (./journalStorage.ts), on the same connection and transactions. */
  readonly journal: JournalStorage;
  /** Emails written with their change, until delivered (./outboxStorage.ts), on the same connection and transactions. */
  readonly outbox: OutboxStorage;

  private constructor(private readonly db: Database.Database) {
    this.billing = new BillingStorage(db);
    this.billingProfiles = new BillingProfileStorage(db);
    this.creditNotes = new CreditNoteStorage(db);
    this.partners = new PartnerStorage(db);
    this.entitlements = new EntitlementStorage(db);
    this.claims = new ClaimStorage(db);
    this.journal = new JournalStorage(db);
    this.outbox = new OutboxStorage(db);
  }

  /** Opens (creating if needed) the database file and brings its schema up to date. */
  static open(file: string, migrations: readonly Migration[] = MIGRATIONS): Storage {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = cacheStatements(new Database(file));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const storage = new Storage(db);
    storage.migrate(migrations);
    return storage;
  }

  close(): void {
    this.db.close();
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  private migrate(migrations: readonly Migration[]): void {
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      this.transaction(() => {
        // Re-read inside the write lock: another process may have migrated meanwhile.
        if (this.schemaVersion() >= migration.version) return;
        this.db.exec(migration.sql);
        this.db.pragma(`user_version = ${migration.version}`);
      });
    }
  }

  /** Runs `work` as one `BEGIN IMMEDIATE` transaction; it commits when `work` returns. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  // --- organisations -----------------------------------------------------------------------

  findOrganisationByTenant(tenantId: string): OrganisationRow | undefined {
    return this.db
      .prepare('SELECT id, tenant_id AS tenantId, name, created_at AS createdAt FROM organisations WHERE tenant_id = ?')
      .get(tenantId) as OrganisationRow | undefined;
  }

  insertOrganisation(row: OrganisationRow): void {
    this.db.prepare('INSERT INTO organisations (id, tenant_id, name, created_at) VALUES (?, ?, ?, ?)').run(row.id, row.tenantId, row.name, row.createdAt);
  }

  /** Adds a domain to the organisation's list; it is usable only once proven (`isDomainApproved`). */
  approveDomain(organisationId: string, domain: string, at: number, source: 'tenant' | 'manual' = 'tenant'): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO approved_domains (organisation_id, domain, created_at, source) VALUES (?, ?, ?, ?)').run(organisationId, domain, at, source).changes === 1;
  }

  removeDomain(organisationId: string, domain: string): boolean {
    return this.db.prepare('DELETE FROM approved_domains WHERE organisation_id = ? AND domain = ?').run(organisationId, domain).changes === 1;
  }

  /**
   * The organisation's domains: those it listed, and those its own tenant verified (seen since
   * `tenantSince`), each with how it is proven.
   */
  listDomains(organisationId: string, tenantSince = 0): DomainRow[] {
    return this.db
      .prepare(
        `SELECT a.domain, a.source, a.created_at AS createdAt, a.verified_at AS dnsVerifiedAt, a.checked_at AS checkedAt, a.check_result AS checkResult, t.seen_at AS tenantSeenAt
         FROM approved_domains a JOIN organisations o ON o.id = a.organisation_id
         LEFT JOIN tenant_domains t ON t.tenant_id = o.tenant_id AND t.domain = a.domain AND t.seen_at >= ?
         WHERE a.organisation_id = ?
         UNION ALL
         SELECT t.domain, 'tenant', t.seen_at, NULL, NULL, NULL, t.seen_at
         FROM tenant_domains t JOIN organisations o ON o.tenant_id = t.tenant_id
         WHERE o.id = ? AND t.seen_at >= ? AND NOT EXISTS (SELECT 1 FROM approved_domains a WHERE a.organisation_id = o.id AND a.domain = t.domain)
         ORDER BY 1`,
      )
      .all(tenantSince, organisationId, organisationId, tenantSince) as DomainRow[];
  }

  /** Whether seats may be assigned (and emails sent) at this domain: proven by DNS, or verified by the organisation's own tenant. */
  isDomainApproved(organisationId: string, domain: string, tenantSince = 0): boolean {
    return (
      this.db
        .prepare(
          `SELECT 1 FROM organisations o WHERE o.id = ? AND (
             EXISTS (SELECT 1 FROM approved_domains a WHERE a.organisation_id = o.id AND a.domain = ? AND a.verified_at IS NOT NULL)
             OR EXISTS (SELECT 1 FROM tenant_domains t WHERE t.tenant_id = o.tenant_id AND t.domain = ? AND t.seen_at >= ?))`,
        )
        .get(organisationId, domain, domain, tenantSince) !== undefined
    );
  }

  /** Proven through the organisation's DNS record: the only proof that lets people of another tenant bind its seats. */
  isDomainProvenByDns(organisationId: string, domain: string): boolean {
    return this.db.prepare("SELECT 1 FROM approved_domains WHERE organisation_id = ? AND domain = ? AND verified_by = 'dns' AND verified_at IS NOT NULL").get(organisationId, domain) !== undefined;
  }

  /** Whether the tenant verified the domain (seen since `since`). */
  isTenantDomain(tenantId: string, domain: string, since = 0): boolean {
    return this.db.prepare('SELECT 1 FROM tenant_domains WHERE tenant_id = ? AND domain = ? AND seen_at >= ?').get(tenantId, domain, since) !== undefined;
  }

  /** Records that a member of the tenant signed in with a UPN at `domain` (Entra allows only verified domains there). */
  recordTenantDomain(tenantId: string, domain: string, at: number): void {
    this.db.prepare('INSERT INTO tenant_domains (tenant_id, domain, seen_at) VALUES (?, ?, ?) ON CONFLICT (tenant_id, domain) DO UPDATE SET seen_at = MAX(seen_at, excluded.seen_at)').run(tenantId, domain, at);
  }

  recordDomainCheck(organisationId: string, domain: string, at: number, result: string, proven: boolean): void {
    this.db
      .prepare(
        `UPDATE approved_domains SET checked_at = ?, check_result = ?,
           verified_at = CASE WHEN ? THEN COALESCE(verified_at, ?) ELSE verified_at END,
           verified_by = CASE WHEN ? THEN 'dns' ELSE verified_by END
         WHERE organisation_id = ? AND domain = ?`,
      )
      .run(at, result, proven ? 1 : 0, at, proven ? 1 : 0, organisationId, domain);
  }

  /** The organisation's TXT record value, made on first use. */
  domainToken(organisationId: string, make: () => string): string {
    this.db.prepare('UPDATE organisations SET domain_token = ? WHERE id = ? AND domain_token IS NULL').run(make(), organisationId);
    return (this.db.prepare('SELECT domain_token AS token FROM organisations WHERE id = ?').get(organisationId) as { token: string }).token;
  }

  findOrganisation(id: string): OrganisationRow | undefined {
    return this.db.prepare('SELECT id, tenant_id AS tenantId, name, created_at AS createdAt FROM organisations WHERE id = ?').get(id) as OrganisationRow | undefined;
  }

  // --- organisation administrators ---------------------------------------------------------

  listOrganisationAdministrators(organisationId: string): OrganisationAdministratorRow[] {
    return this.db
      .prepare('SELECT id, tenant_id AS tenantId, object_id AS objectId, email, created_at AS createdAt FROM organisation_administrators WHERE organisation_id = ? ORDER BY created_at, email')
      .all(organisationId) as OrganisationAdministratorRow[];
  }

  insertOrganisationAdministrator(row: OrganisationAdministratorRow & { organisationId: string; appointedBy: string | null }): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO organisation_administrators (id, organisation_id, tenant_id, object_id, email, appointed_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(row.id, row.organisationId, row.tenantId, row.objectId, row.email, row.appointedBy, row.createdAt).changes === 1
    );
  }

  deleteOrganisationAdministrator(organisationId: string, id: string): boolean {
    return this.db.prepare('DELETE FROM organisation_administrators WHERE organisation_id = ? AND id = ?').run(organisationId, id).changes === 1;
  }

  /** Owners and delegates of the organisation's subscriptions in its own tenant: the people who can be appointed by address. */
  organisationPeople(organisationId: string): Array<{ tenantId: string; objectId: string; email: string }> {
    return this.db
      .prepare(
        `SELECT s.owner_tenant_id AS tenantId, s.owner_object_id AS objectId, s.owner_email AS email FROM subscriptions s JOIN organisations o ON o.id = s.organisation_id
           WHERE s.organisation_id = ? AND s.owner_tenant_id = o.tenant_id
         UNION
         SELECT d.tenant_id, d.object_id, d.email FROM delegates d JOIN subscriptions s ON s.id = d.subscription_id JOIN organisations o ON o.id = s.organisation_id
           WHERE s.organisation_id = ? AND d.tenant_id = o.tenant_id`,
      )
      .all(organisationId, organisationId) as Array<{ tenantId: string; objectId: string; email: string }>;
  }

  // --- daily email limit -------------------------------------------------------------------

  /** Takes up to `wanted` emails from the organisation's allowance for `day`; answers how many were granted. */
  reserveOrganisationEmails(organisationId: string, day: string, wanted: number, limit: number): number {
    const sent = (this.db.prepare('SELECT sent FROM organisation_email_days WHERE organisation_id = ? AND day = ?').get(organisationId, day) as { sent: number } | undefined)?.sent ?? 0;
    const granted = Math.max(0, Math.min(wanted, limit - sent));
    if (granted > 0) {
      this.db
        .prepare('INSERT INTO organisation_email_days (organisation_id, day, sent) VALUES (?, ?, ?) ON CONFLICT (organisation_id, day) DO UPDATE SET sent = sent + excluded.sent')
        .run(organisationId, day, granted);
    }
    return granted;
  }

  // --- subscriptions -----------------------------------------------------------------------

  insertSubscription(row: Omit<SubscriptionRow, 'assignedCount'>): void {
    this.db
      .prepare(
        `INSERT INTO subscriptions (id, organisation_id, plan_id, quantity, status, period_start, period_end,
           owner_tenant_id, owner_object_id, owner_email, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, row.organisationId, row.planId, row.quantity, row.status, row.periodStart, row.periodEnd, row.ownerTenantId, row.ownerObjectId, row.ownerEmail, row.createdAt);
  }

  findSubscription(id: string): SubscriptionRow | undefined {
    return this.db.prepare(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions s WHERE s.id = ?`).get(id) as SubscriptionRow | undefined;
  }

  listSubscriptionsOwnedBy(tenantId: string, objectId: string): SubscriptionRow[] {
    return this.db
      .prepare(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions s WHERE s.owner_tenant_id = ? AND s.owner_object_id = ? ORDER BY s.created_at`)
      .all(tenantId, objectId) as SubscriptionRow[];
  }

  /** Subscriptions where this person is a delegate, with the permissions held. */
  listSubscriptionsDelegatedTo(tenantId: string, objectId: string): Array<SubscriptionRow & { permissions: Permission[] }> {
    const rows = this.db
      .prepare(`SELECT ${SUBSCRIPTION_COLUMNS}, d.permissions AS permissions FROM subscriptions s JOIN delegates d ON d.subscription_id = s.id WHERE d.tenant_id = ? AND d.object_id = ? ORDER BY s.created_at`)
      .all(tenantId, objectId) as Array<SubscriptionRow & { permissions: string }>;
    return rows.map((row) => ({ ...row, permissions: parsePermissions(row.permissions) }));
  }

  setOwner(subscriptionId: string, owner: { tenantId: string; objectId: string; email: string }): void {
    this.db.prepare('UPDATE subscriptions SET owner_tenant_id = ?, owner_object_id = ?, owner_email = ? WHERE id = ?').run(owner.tenantId, owner.objectId, owner.email, subscriptionId);
  }

  // --- delegates and invitations -----------------------------------------------------------

  listDelegates(subscriptionId: string): DelegateRow[] {
    const rows = this.db.prepare(`SELECT ${DELEGATE_COLUMNS} FROM delegates WHERE subscription_id = ? ORDER BY email`).all(subscriptionId) as Array<DelegateRow & { permissions: string }>;
    return rows.map((row) => ({ ...row, permissions: parsePermissions(row.permissions) }));
  }

  /** Inserts a delegate, or replaces the permissions of the same person in the subscription. */
  upsertDelegate(row: DelegateRow): void {
    this.db
      .prepare(
        `INSERT INTO delegates (id, subscription_id, tenant_id, object_id, email, permissions, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (subscription_id, tenant_id, object_id) DO UPDATE SET permissions = excluded.permissions, email = excluded.email`,
      )
      .run(row.id, row.subscriptionId, row.tenantId, row.objectId, row.email, row.permissions.join(','), row.createdAt);
  }

  updateDelegatePermissions(delegateId: string, permissions: readonly Permission[]): void {
    this.db.prepare('UPDATE delegates SET permissions = ? WHERE id = ?').run(permissions.join(','), delegateId);
  }

  deleteDelegate(delegateId: string): void {
    this.db.prepare('DELETE FROM delegates WHERE id = ?').run(delegateId);
  }

  insertInvitation(row: InvitationRow): void {
    this.db
      .prepare(
        `INSERT INTO invitations (id, subscription_id, email_canonical, email_display, permissions, language, status, invited_by_email, created_at, expires_at, accepted_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, row.subscriptionId, row.emailCanonical, row.emailDisplay, row.permissions.join(','), row.language, row.status, row.invitedByEmail, row.createdAt, row.expiresAt, row.acceptedAt);
  }

  findInvitation(id: string): InvitationRow | undefined {
    const row = this.db.prepare(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE id = ?`).get(id) as (InvitationRow & { permissions: string }) | undefined;
    return row && { ...row, permissions: parsePermissions(row.permissions) };
  }

  listPendingInvitations(subscriptionId: string): InvitationRow[] {
    const rows = this.db.prepare(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE subscription_id = ? AND status = 'pending' ORDER BY created_at`).all(subscriptionId) as Array<InvitationRow & { permissions: string }>;
    return rows.map((row) => ({ ...row, permissions: parsePermissions(row.permissions) }));
  }

  findPendingInvitationFor(subscriptionId: string, emailCanonical: string): InvitationRow | undefined {
    const row = this.db.prepare(`SELECT ${INVITATION_COLUMNS} FROM invitations WHERE subscription_id = ? AND email_canonical = ? AND status = 'pending'`).get(subscriptionId, emailCanonical) as
      | (InvitationRow & { permissions: string })
      | undefined;
    return row && { ...row, permissions: parsePermissions(row.permissions) };
  }

  setInvitationStatus(id: string, status: InvitationStatus, at: number): void {
    this.db.prepare(`UPDATE invitations SET status = ?, accepted_at = CASE WHEN ? = 'accepted' THEN ? ELSE accepted_at END WHERE id = ?`).run(status, status, at, id);
  }

  setInvitationExpiry(id: string, expiresAt: number): void {
    this.db.prepare('UPDATE invitations SET expires_at = ? WHERE id = ?').run(expiresAt, id);
  }

  /** Records a new token for an invitation; every earlier one stops working. */
  issueInvitationToken(invitationId: string, tokenHash: string, at: number): void {
    this.db.prepare('UPDATE invitation_tokens SET superseded_at = ? WHERE invitation_id = ? AND superseded_at IS NULL').run(at, invitationId);
    this.db.prepare('INSERT INTO invitation_tokens (token_hash, invitation_id, created_at) VALUES (?, ?, ?)').run(tokenHash, invitationId, at);
  }

  findInvitationByTokenHash(tokenHash: string): { invitation: InvitationRow; superseded: boolean } | undefined {
    const token = this.db.prepare('SELECT invitation_id AS invitationId, superseded_at AS supersededAt FROM invitation_tokens WHERE token_hash = ?').get(tokenHash) as
      | { invitationId: string; supersededAt: number | null }
      | undefined;
    const invitation = token && this.findInvitation(token.invitationId);
    return token && invitation ? { invitation, superseded: token.supersededAt !== null } : undefined;
  }

  // --- seats -------------------------------------------------------------------------------

  /** The subscription's live seats: the count the seat triggers of migrations.ts keep (`live_seats`), not a COUNT over its seats. */
  countLiveSeats(subscriptionId: string): number {
    return (this.db.prepare('SELECT live_seats AS n FROM subscriptions WHERE id = ?').get(subscriptionId) as { n: number } | undefined)?.n ?? 0;
  }

  findLiveSeatByEmail(subscriptionId: string, emailCanonical: string): SeatRow | undefined {
    return this.db
      .prepare(`SELECT ${SEAT_COLUMNS} FROM seats WHERE subscription_id = ? AND email_canonical = ? AND removed_at IS NULL`)
      .get(subscriptionId, emailCanonical) as SeatRow | undefined;
  }

  insertSeat(row: Pick<SeatRow, 'id' | 'subscriptionId' | 'emailCanonical' | 'emailDisplay' | 'language' | 'assignedAt'>): void {
    this.db
      .prepare('INSERT INTO seats (id, subscription_id, email_canonical, email_display, language, assigned_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.id, row.subscriptionId, row.emailCanonical, row.emailDisplay, row.language, row.assignedAt);
  }

  removeSeat(seatId: string, at: number): void {
    this.db.prepare('UPDATE seats SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(at, seatId);
  }

  listLiveSeats(subscriptionId: string): SeatRow[] {
    return this.db
      .prepare(`SELECT ${SEAT_COLUMNS} FROM seats WHERE subscription_id = ? AND removed_at IS NULL ORDER BY seats.email_canonical`)
      .all(subscriptionId) as SeatRow[];
  }

  /** One page of live seats, searched and sorted, by offset or after a cursor (./seatPages.ts). */
  querySeats(subscriptionId: string, query: SeatQuery): SeatPage {
    return querySeatPage(this.db, subscriptionId, query);
  }

  setSeatSuspended(seatId: string, suspendedAt: number | null): void {
    this.db.prepare('UPDATE seats SET suspended_at = ? WHERE id = ? AND removed_at IS NULL').run(suspendedAt, seatId);
  }

  /** Seats bound to this person, live ones first, then the most recently removed. */
  seatsBoundTo(tenantId: string, objectId: string): SeatForCheck[] {
    return this.db
      .prepare(`${SEAT_FOR_CHECK} WHERE seats.bound_tenant_id = ? AND seats.bound_object_id = ? ORDER BY seats.removed_at IS NOT NULL, seats.removed_at DESC`)
      .all(tenantId, objectId) as SeatForCheck[];
  }

  /** Live, not yet bound seats assigned to this address, in any subscription. */
  unboundSeatsForEmail(emailCanonical: string): SeatForCheck[] {
    return this.db
      .prepare(`${SEAT_FOR_CHECK} WHERE seats.email_canonical = ? AND seats.removed_at IS NULL AND seats.bound_object_id IS NULL ORDER BY seats.assigned_at`)
      .all(emailCanonical) as SeatForCheck[];
  }

  /** Live, not yet bound seats assigned to any of these addresses. */
  unboundSeatsForEmails(emailsCanonical: readonly string[]): SeatForCheck[] {
    if (emailsCanonical.length === 0) return [];
    return this.db
      .prepare(`${SEAT_FOR_CHECK} WHERE seats.email_canonical IN (${emailsCanonical.map(() => '?').join(', ')}) AND seats.removed_at IS NULL AND seats.bound_object_id IS NULL ORDER BY seats.assigned_at`)
      .all(...emailsCanonical) as SeatForCheck[];
  }

  findSeatForCheck(seatId: string): SeatForCheck | undefined {
    return this.db.prepare(`${SEAT_FOR_CHECK} WHERE seats.id = ?`).get(seatId) as SeatForCheck | undefined;
  }

  /** The organisation's display name (organisations are named after the buyer's domain). */
  organisationName(organisationId: string): string {
    return (this.db.prepare('SELECT name FROM organisations WHERE id = ?').get(organisationId) as { name: string } | undefined)?.name ?? '';
  }

  bindSeat(seatId: string, tenantId: string, objectId: string): boolean {
    return (
      this.db
        .prepare('UPDATE seats SET bound_tenant_id = ?, bound_object_id = ? WHERE id = ? AND bound_object_id IS NULL AND removed_at IS NULL')
        .run(tenantId, objectId, seatId).changes === 1
    );
  }

  recordCheckIn(seatId: string, at: number): void {
    this.db.prepare('UPDATE seats SET last_check_in_at = ? WHERE id = ?').run(at, seatId);
  }

  // --- payments ------------------------------------------------------------

  insertPayment(row: {
    id: string;
    subscriptionId: string | null;
    provider: string;
    providerReference: string;
    amountMinor: number;
    currency: string;
    status: 'succeeded' | 'declined';
    description: string;
    createdAt: number;
  }): void {
    this.db
      .prepare(
        `INSERT INTO payments (id, subscription_id, provider, provider_reference, amount_minor, currency, status, description, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, row.subscriptionId, row.provider, row.providerReference, row.amountMinor, row.currency, row.status, row.description, row.createdAt);
  }
}
