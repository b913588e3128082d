/**
 * Partners: one aggregate. The partner, its staff (bound to (tid, oid) at their first sign-in),
 * its delegated-administration relationships with customers and their requests (single-use
 * tokens stored as SHA-256), the notifications of its customers' changes, its trial-seat
 * allowance, and the customer list (P5). Offers and product keys are aggregates of their own
 * (./offers.ts, ./productKeys.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { SubscriptionStatus } from '#shared/api/views.js';
import type { PartnerRelationship, PartnerStaffRole, Permission } from '#shared/permissions/permissions.js';
import type { Schema } from '../schema.js';
import { containsPattern } from './seatPages.js';
import { parsePermissions } from './subscriptions.js';

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

const PARTNER_COLUMNS = [
  'id',
  'organisation_id as organisationId',
  'advisor_code as advisorCode',
  'name',
  'contact_email as contactEmail',
  'language',
  'created_at as createdAt',
] as const;
const STAFF_COLUMNS = [
  'id',
  'partner_id as partnerId',
  'email_canonical as emailCanonical',
  'email_display as emailDisplay',
  'role',
  'tenant_id as tenantId',
  'object_id as objectId',
  'created_at as createdAt',
] as const;
const RELATIONSHIP_COLUMNS = [
  'id',
  'partner_id as partnerId',
  'subscription_id as subscriptionId',
  'customer_email_canonical as customerEmailCanonical',
  'customer_email_display as customerEmailDisplay',
  'permissions',
  'duration_days as durationDays',
  'status',
  'language',
  'requested_by_email as requestedByEmail',
  'requested_at as requestedAt',
  'request_expires_at as requestExpiresAt',
  'approved_at as approvedAt',
  'approved_by_email as approvedByEmail',
  'expires_at as expiresAt',
  'ended_at as endedAt',
  'ended_by_email as endedByEmail',
] as const;

function relationship(
  row: { permissions: string } & Omit<RelationshipRow, 'permissions' | 'status'> & { status: string },
): RelationshipRow {
  return { ...row, status: row.status as RelationshipStatus, permissions: parsePermissions(row.permissions) };
}

/** The customer list's order (by name; the id breaks ties) and page. */
function customerPage(query: CustomerQuery) {
  return sql`ORDER BY lower("organisationName"), "subscriptionId" LIMIT ${query.limit} OFFSET ${query.offset}`;
}

export class PartnerRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  // --- partners and staff ------------------------------------------------------------------

  async insertPartner(row: PartnerRow): Promise<void> {
    await this.db
      .insertInto('partners')
      .values({
        id: row.id,
        organisation_id: row.organisationId,
        advisor_code: row.advisorCode,
        name: row.name,
        contact_email: row.contactEmail,
        language: row.language,
        created_at: row.createdAt,
      })
      .execute();
  }

  async findPartner(id: string): Promise<PartnerRow | undefined> {
    return this.db.selectFrom('partners').select(PARTNER_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /** Locks the partner's row until the transaction ends: its digest is written and its notifications marked by one transaction at a time. */
  async lock(id: string): Promise<PartnerRow | undefined> {
    return this.db.selectFrom('partners').select(PARTNER_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
  }

  async findPartnerByOrganisation(organisationId: string): Promise<PartnerRow | undefined> {
    return this.db
      .selectFrom('partners')
      .select(PARTNER_COLUMNS)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
  }

  async advisorCodeTaken(code: string): Promise<boolean> {
    return (
      (await this.db.selectFrom('partners').select('id').where('advisor_code', '=', code).executeTakeFirst()) !==
      undefined
    );
  }

  /** The partner of record of a subscription. */
  async partnerOfRecord(subscriptionId: string): Promise<PartnerRow | undefined> {
    return this.db
      .selectFrom('partners as p')
      .innerJoin('subscriptions as s', 's.partner_id', 'p.id')
      .select([
        'p.id',
        'p.organisation_id as organisationId',
        'p.advisor_code as advisorCode',
        'p.name',
        'p.contact_email as contactEmail',
        'p.language',
        'p.created_at as createdAt',
      ])
      .where('s.id', '=', subscriptionId)
      .executeTakeFirst();
  }

  /** Adds a staff member, or changes the role of the same address. */
  async upsertStaff(row: PartnerStaffRow): Promise<void> {
    await this.db
      .insertInto('partner_staff')
      .values({
        id: row.id,
        partner_id: row.partnerId,
        email_canonical: row.emailCanonical,
        email_display: row.emailDisplay,
        role: row.role,
        tenant_id: row.tenantId,
        object_id: row.objectId,
        created_at: row.createdAt,
      })
      .onConflict((oc) =>
        oc
          .columns(['partner_id', 'email_canonical'])
          .doUpdateSet((eb) => ({ role: eb.ref('excluded.role'), email_display: eb.ref('excluded.email_display') })),
      )
      .execute();
  }

  async listStaff(partnerId: string): Promise<PartnerStaffRow[]> {
    return (await this.db
      .selectFrom('partner_staff')
      .select(STAFF_COLUMNS)
      .where('partner_id', '=', partnerId)
      .orderBy('email_canonical')
      .execute()) as PartnerStaffRow[];
  }

  async findStaff(partnerId: string, staffId: string): Promise<PartnerStaffRow | undefined> {
    return (await this.db
      .selectFrom('partner_staff')
      .select(STAFF_COLUMNS)
      .where('partner_id', '=', partnerId)
      .where('id', '=', staffId)
      .executeTakeFirst()) as PartnerStaffRow | undefined;
  }

  async findStaffByEmail(partnerId: string, emailCanonical: string): Promise<PartnerStaffRow | undefined> {
    return (await this.db
      .selectFrom('partner_staff')
      .select(STAFF_COLUMNS)
      .where('partner_id', '=', partnerId)
      .where('email_canonical', '=', emailCanonical)
      .executeTakeFirst()) as PartnerStaffRow | undefined;
  }

  async deleteStaff(id: string): Promise<void> {
    await this.db.deleteFrom('partner_staff').where('id', '=', id).execute();
  }

  /** Staff rows bound to this person. */
  async staffOf(tenantId: string, objectId: string): Promise<PartnerStaffRow[]> {
    return (await this.db
      .selectFrom('partner_staff')
      .select(STAFF_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('object_id', '=', objectId)
      .orderBy('created_at')
      .execute()) as PartnerStaffRow[];
  }

  /** Binds this person to every unbound staff row of their address in their tenant; how many were bound. */
  async bindStaff(tenantId: string, emailCanonical: string, objectId: string): Promise<number> {
    const result = await this.db
      .updateTable('partner_staff')
      .set({ object_id: objectId })
      .where('tenant_id', '=', tenantId)
      .where('email_canonical', '=', emailCanonical)
      .where('object_id', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  // --- trial allowance ---------------------------------------------------------------------

  /** The vendor's approval for this partner, or null for the configured default. */
  async trialSeatAllowance(partnerId: string): Promise<number | null> {
    return (
      (
        await this.db
          .selectFrom('partners')
          .select('trial_seat_allowance')
          .where('id', '=', partnerId)
          .executeTakeFirst()
      )?.trial_seat_allowance ?? null
    );
  }

  /** Sets a partner's allowance by its advisor code; the partner's id and organisation, or undefined when no partner has the code. */
  async setTrialSeatAllowance(
    advisorCode: string,
    seats: number | null,
  ): Promise<{ id: string; organisationId: string; name: string } | undefined> {
    const partner = await this.db
      .selectFrom('partners')
      .select(['id', 'organisation_id as organisationId', 'name'])
      .where('advisor_code', '=', advisorCode)
      .forUpdate()
      .executeTakeFirst();
    if (partner)
      await this.db.updateTable('partners').set({ trial_seat_allowance: seats }).where('id', '=', partner.id).execute();
    return partner;
  }

  // --- relationships and requests ----------------------------------------------------------

  async insertRelationship(row: RelationshipRow, tokenHash: string | null): Promise<void> {
    await this.db
      .insertInto('partner_relationships')
      .values({
        id: row.id,
        partner_id: row.partnerId,
        subscription_id: row.subscriptionId,
        customer_email_canonical: row.customerEmailCanonical,
        customer_email_display: row.customerEmailDisplay,
        permissions: row.permissions.join(','),
        duration_days: row.durationDays,
        status: row.status,
        token_hash: tokenHash,
        language: row.language,
        requested_by_email: row.requestedByEmail,
        requested_at: row.requestedAt,
        request_expires_at: row.requestExpiresAt,
        approved_at: row.approvedAt,
        approved_by_email: row.approvedByEmail,
        expires_at: row.expiresAt,
        ended_at: row.endedAt,
        ended_by_email: row.endedByEmail,
      })
      .execute();
  }

  async findRelationship(id: string): Promise<RelationshipRow | undefined> {
    const row = await this.db
      .selectFrom('partner_relationships')
      .select(RELATIONSHIP_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && relationship(row);
  }

  async findRelationshipByTokenHash(tokenHash: string): Promise<RelationshipRow | undefined> {
    const row = await this.db
      .selectFrom('partner_relationships')
      .select(RELATIONSHIP_COLUMNS)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && relationship(row);
  }

  /** The request becomes an active relationship on `subscriptionId` (only from pending: single use). */
  async approveRelationship(
    id: string,
    subscriptionId: string,
    approvedByEmail: string,
    approvedAt: number,
    expiresAt: number,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('partner_relationships')
      .set({
        status: 'active',
        subscription_id: subscriptionId,
        approved_by_email: approvedByEmail,
        approved_at: approvedAt,
        expires_at: expiresAt,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Declines or withdraws a pending request, or ends an active relationship. */
  async closeRelationship(
    id: string,
    status: 'declined' | 'withdrawn' | 'ended',
    byEmail: string,
    at: number,
  ): Promise<boolean> {
    const from = status === 'ended' ? 'active' : 'pending';
    const result = await this.db
      .updateTable('partner_relationships')
      .set({ status, ended_at: at, ended_by_email: byEmail })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Relationships (any state) of a subscription, newest first. */
  async relationshipsOfSubscription(subscriptionId: string): Promise<RelationshipRow[]> {
    return (
      await this.db
        .selectFrom('partner_relationships')
        .select(RELATIONSHIP_COLUMNS)
        .where('subscription_id', '=', subscriptionId)
        .orderBy('requested_at', 'desc')
        .execute()
    ).map(relationship);
  }

  async relationshipsOfPartner(partnerId: string, limit: number): Promise<RelationshipRow[]> {
    return (
      await this.db
        .selectFrom('partner_relationships')
        .select(RELATIONSHIP_COLUMNS)
        .where('partner_id', '=', partnerId)
        .orderBy('requested_at', 'desc')
        .limit(limit)
        .execute()
    ).map(relationship);
  }

  /** What the permission function needs: the subscription's approved relationships with each partner's bound staff. */
  async grantsFor(
    subscriptionId: string,
  ): Promise<Array<PartnerRelationship & { relationshipId: string; partnerId: string }>> {
    const rows = await this.db
      .selectFrom('partner_relationships')
      .select(['id', 'partner_id as partnerId', 'expires_at as expiresAt', 'permissions'])
      .where('subscription_id', '=', subscriptionId)
      .where('status', '=', 'active')
      .execute();
    if (rows.length === 0) return [];
    const staff = await this.db
      .selectFrom('partner_staff')
      .select(['partner_id as partnerId', 'tenant_id as tenantId', 'object_id as objectId', 'role'])
      .where(
        'partner_id',
        'in',
        rows.map((row) => row.partnerId),
      )
      .where('object_id', 'is not', null)
      .execute();
    return rows.map((row) => ({
      relationshipId: row.id,
      partnerId: row.partnerId,
      status: 'active' as const,
      expiresAt: row.expiresAt ?? 0,
      permissions: parsePermissions(row.permissions),
      staff: staff
        .filter((s) => s.partnerId === row.partnerId)
        .map((s) => ({ tenantId: s.tenantId, objectId: s.objectId ?? '', role: s.role as PartnerStaffRole })),
    }));
  }

  // --- notifications -----------------------------------------------------------------------

  /** A change of a customer's subscription, for its partner of record if it has one (same transaction as the journal entry). */
  async notifyPartnerOfRecord(
    subscriptionId: string,
    kind: string,
    action: string,
    detail: string | null,
    at: number,
  ): Promise<void> {
    const subscription = await this.db
      .selectFrom('subscriptions')
      .select('partner_id')
      .where('id', '=', subscriptionId)
      .executeTakeFirst();
    if (!subscription?.partner_id) return;
    await this.db
      .insertInto('partner_notifications')
      .values({
        partner_id: subscription.partner_id,
        subscription_id: subscriptionId,
        kind,
        action,
        detail,
        created_at: at,
      })
      .execute();
  }

  private notifications() {
    return this.db
      .selectFrom('partner_notifications as n')
      .innerJoin('subscriptions as s', 's.id', 'n.subscription_id')
      .innerJoin('organisations as o', 'o.id', 's.organisation_id')
      .select([
        'n.id',
        'n.partner_id as partnerId',
        'n.subscription_id as subscriptionId',
        'o.name as organisationName',
        'n.kind',
        'n.action',
        'n.detail',
        'n.created_at as createdAt',
        'n.emailed_at as emailedAt',
      ]);
  }

  async listNotifications(partnerId: string, limit: number): Promise<NotificationRow[]> {
    return this.notifications().where('n.partner_id', '=', partnerId).orderBy('n.id', 'desc').limit(limit).execute();
  }

  /** Partners with notifications not yet emailed. */
  async partnersWithUnsentNotifications(limit: number): Promise<string[]> {
    return (
      await this.db
        .selectFrom('partner_notifications')
        .select('partner_id')
        .distinct()
        .where('emailed_at', 'is', null)
        .limit(limit)
        .execute()
    ).map((r) => r.partner_id);
  }

  async unsentNotifications(partnerId: string, limit: number): Promise<NotificationRow[]> {
    return this.notifications()
      .where('n.partner_id', '=', partnerId)
      .where('n.emailed_at', 'is', null)
      .orderBy('n.id')
      .limit(limit)
      .execute();
  }

  async markNotificationsEmailed(partnerId: string, upToId: number, at: number): Promise<void> {
    await this.db
      .updateTable('partner_notifications')
      .set({ emailed_at: at })
      .where('partner_id', '=', partnerId)
      .where('id', '<=', upToId)
      .where('emailed_at', 'is', null)
      .execute();
  }

  // --- customer list (P5) ------------------------------------------------------------------

  /**
   * The partner's customers matching the query, as a common table `c` and the WHERE clause over
   * it. `forCount`: only the columns the filters read, the organisation only for a search and
   * the newest relationship only for its filter (a correlated look-up per customer otherwise).
   */
  private customerSelection(partnerId: string, query: CustomerQuery, now: number, forCount = false) {
    const ids = sql`
      WITH ids AS (
        SELECT id AS subscription_id FROM subscriptions WHERE partner_id = ${partnerId}
        UNION SELECT subscription_id FROM partner_relationships WHERE partner_id = ${partnerId} AND subscription_id IS NOT NULL
      )`;
    const newestRelationship = sql`LEFT JOIN partner_relationships r ON r.id = (
          SELECT x.id FROM partner_relationships x WHERE x.partner_id = ${partnerId} AND x.subscription_id = s.id ORDER BY x.requested_at DESC LIMIT 1)`;
    const relationshipColumns = sql`r.id AS "relationshipId", r.status AS "relationshipStatus", r.expires_at AS "relationshipExpiresAt", r.request_expires_at AS "requestExpiresAt"`;
    // The count joins the organisation only for a search (its name and tenant) and the relationship only for its filter.
    const searching = Boolean(query.search?.trim());
    const base = forCount
      ? sql`${ids},
      c AS (
        SELECT s.id AS "subscriptionId", s.owner_email AS "ownerEmail", s.status, s.period_end AS "periodEnd"
               ${searching ? sql`, o.name AS "organisationName", o.tenant_id AS "tenantId"` : sql.raw('')}
               ${query.relationship ? sql`, ${relationshipColumns}` : sql.raw('')}
        FROM ids JOIN subscriptions s ON s.id = ids.subscription_id
        ${searching ? sql`JOIN organisations o ON o.id = s.organisation_id` : sql.raw('')}
        ${query.relationship ? newestRelationship : sql.raw('')}
      )`
      : sql`${ids},
      c AS (
        SELECT s.id AS "subscriptionId", o.name AS "organisationName", o.tenant_id AS "tenantId", s.owner_email AS "ownerEmail", s.plan_id AS "planId", s.status,
               s.quantity, s.period_end AS "periodEnd", CASE WHEN s.partner_id = ${partnerId} THEN 1 ELSE 0 END AS "partnerOfRecord", s.live_seats AS assigned,
               ${relationshipColumns}, r.permissions AS "relationshipPermissions"
        FROM ids JOIN subscriptions s ON s.id = ids.subscription_id JOIN organisations o ON o.id = s.organisation_id
        ${newestRelationship}
      )`;
    const conditions = [];
    const search = query.search?.trim().toLowerCase() ?? '';
    if (search) {
      const pattern = containsPattern(search);
      conditions.push(
        sql`(lower("organisationName") LIKE ${pattern} ESCAPE '\\' OR lower("ownerEmail") LIKE ${pattern} ESCAPE '\\' OR "tenantId" = ${search} OR "subscriptionId" = ${search})`,
      );
    }
    if (query.status) conditions.push(sql`status = ${query.status}`);
    if (query.renewsBefore !== undefined) conditions.push(sql`"periodEnd" < ${query.renewsBefore}`);
    switch (query.relationship) {
      case 'active':
        conditions.push(sql`"relationshipStatus" = 'active' AND "relationshipExpiresAt" > ${now}`);
        break;
      case 'expired':
        conditions.push(
          sql`(("relationshipStatus" = 'active' AND "relationshipExpiresAt" <= ${now}) OR ("relationshipStatus" = 'pending' AND "requestExpiresAt" <= ${now}))`,
        );
        break;
      case 'pending':
        conditions.push(sql`"relationshipStatus" = 'pending' AND "requestExpiresAt" > ${now}`);
        break;
      case 'ended':
        conditions.push(sql`"relationshipStatus" IN ('ended', 'declined', 'withdrawn')`);
        break;
      case 'none':
        conditions.push(sql`"relationshipId" IS NULL`);
        break;
      default:
        break;
    }
    const where = conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql.raw('');
    return { base, where };
  }

  /**
   * One page of a partner's customers: subscriptions it is partner of record of, or has a
   * relationship with (its newest one shown). Filters run on the partner's rows only (indexes
   * subscriptions_partner and partner_relationships_partner). The order (by name) has no index:
   * the page keeps the first rows of the sort as it goes (SQLite's LIMIT over ORDER BY); the
   * number of matches is a second query over only the columns the filters read (a window count
   * over the page's own query made the sort keep every row, a quarter more time, measured).
   * Seats are the subscription's kept live-seat count, not a COUNT per row.
   */
  async queryCustomers(
    partnerId: string,
    query: CustomerQuery,
    now: number,
  ): Promise<{ total: number; items: CustomerRow[] }> {
    const items = await this.customerRows(partnerId, query, now);
    // A first page that is not full holds every match: nothing left to count.
    const counted = query.offset === 0 && items.length < query.limit;
    const total = counted ? items.length : await this.countCustomers(partnerId, query, now);
    return { total, items };
  }

  private async countCustomers(partnerId: string, query: CustomerQuery, now: number): Promise<number> {
    const { base, where } = this.customerSelection(partnerId, query, now, true);
    return (await sql<{ n: number }>`${base} SELECT COUNT(*) AS n FROM c ${where}`.execute(this.db)).rows[0]?.n ?? 0;
  }

  /**
   * The page's rows alone, without the count of matches: the page of queryCustomers, and the floor
   * `npm run bench` measures the customer list's route against (bench/partnerCustomers.ts).
   */
  async customerRows(partnerId: string, query: CustomerQuery, now: number): Promise<CustomerRow[]> {
    const { base, where } = this.customerSelection(partnerId, query, now);
    const rows = (
      await sql<
        Omit<CustomerRow, 'partnerOfRecord'> & { partnerOfRecord: number }
      >`${base} SELECT c.* FROM c ${where} ${customerPage(query)}`.execute(this.db)
    ).rows;
    return rows.map((row) => ({ ...row, partnerOfRecord: row.partnerOfRecord === 1 }));
  }
}
