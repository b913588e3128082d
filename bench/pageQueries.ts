/**
 * The floors the list routes are measured against (issue 12: "p95 <= 2x the page query alone"):
 * one statement, prepared once, reading only the page's rows, with the same columns, filters,
 * order, limit and offset as today's storage queries (Storage.querySeats,
 * PartnerStorage.queryCustomers), and none of the counts they add (the total of matches, the seats
 * of each customer, the subscription's assigned seats that `authorize` reads). A route may well
 * beat this floor once it pages by key instead of by offset; it then reads fewer rows.
 *
 * This SQL lives here, not in server/src/storage/, because it is not the product's: it is the
 * yardstick. It opens the server's file read-only on a connection of its own.
 */
import Database from 'better-sqlite3';
import type { CustomerQuery, SeatQuery } from '../server/src/storage/unitOfWork.js';

const SEAT_COLUMNS = `seats.id, seats.subscription_id AS subscriptionId, seats.email_canonical AS emailCanonical,
  seats.email_display AS emailDisplay, seats.language, seats.bound_tenant_id AS boundTenantId,
  seats.bound_object_id AS boundObjectId, seats.assigned_at AS assignedAt,
  seats.last_check_in_at AS lastCheckInAt, seats.removed_at AS removedAt, seats.suspended_at AS suspendedAt`;
const SEAT_STATUS_RANK = '(CASE WHEN suspended_at IS NOT NULL THEN 3 WHEN bound_object_id IS NULL THEN 1 ELSE 2 END)';
const SEAT_SORT: Record<SeatQuery['sort'], string[]> = {
  email: ['seats.email_canonical'],
  status: [SEAT_STATUS_RANK, 'seats.email_canonical'],
  lastCheckIn: ['seats.last_check_in_at', 'seats.email_canonical'],
  assignedAt: ['seats.assigned_at', 'seats.email_canonical'],
};

const like = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class PageQueries {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
  }

  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** The seat list's page: live seats of the subscription, searched, sorted, limited. */
  seatPage(subscriptionId: string, query: SeatQuery): unknown[] {
    const search = query.search?.trim().toLowerCase() ?? '';
    const order = SEAT_SORT[query.sort].map((term) => `${term} ${query.descending ? 'DESC' : 'ASC'}`).join(', ');
    const sql = `SELECT ${SEAT_COLUMNS} FROM seats WHERE seats.subscription_id = ? AND seats.removed_at IS NULL${search ? " AND seats.email_canonical LIKE ? ESCAPE '\\'" : ''} ORDER BY ${order} LIMIT ? OFFSET ?`;
    return this.prepared(sql).all(subscriptionId, ...(search ? [like(search)] : []), query.limit, query.offset);
  }

  /** The partner's customer page: its customers, searched and filtered, by name; no seat counts. */
  customerPage(partnerId: string, query: CustomerQuery, now: number): unknown[] {
    const conditions: string[] = [];
    const params: unknown[] = [partnerId, partnerId, partnerId, partnerId];
    const search = query.search?.trim().toLowerCase() ?? '';
    if (search) {
      conditions.push("(lower(organisationName) LIKE ? ESCAPE '\\' OR lower(ownerEmail) LIKE ? ESCAPE '\\' OR tenantId = ? OR subscriptionId = ?)");
      params.push(like(search), like(search), search, search);
    }
    if (query.status) {
      conditions.push('status = ?');
      params.push(query.status);
    }
    if (query.renewsBefore !== undefined) {
      conditions.push('periodEnd < ?');
      params.push(query.renewsBefore);
    }
    if (query.relationship === 'active') {
      conditions.push("relationshipStatus = 'active' AND relationshipExpiresAt > ?");
      params.push(now);
    } else if (query.relationship === 'pending') {
      conditions.push("relationshipStatus = 'pending' AND requestExpiresAt > ?");
      params.push(now);
    } else if (query.relationship === 'expired') {
      conditions.push("((relationshipStatus = 'active' AND relationshipExpiresAt <= ?) OR (relationshipStatus = 'pending' AND requestExpiresAt <= ?))");
      params.push(now, now);
    } else if (query.relationship === 'ended') {
      conditions.push("relationshipStatus IN ('ended', 'declined', 'withdrawn')");
    } else if (query.relationship === 'none') {
      conditions.push('relationshipId IS NULL');
    }
    const sql = `
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
      )
      SELECT c.* FROM c ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY lower(organisationName), subscriptionId LIMIT ? OFFSET ?`;
    return this.prepared(sql).all(...params, query.limit, query.offset);
  }

  close(): void {
    this.db.close();
  }
}
