/**
 * The journal's rows: appended, never changed, read by organisation (and subscription) with
 * filters. What an entry means, and who else hears of it, is decided in ../journal/journal.ts.
 * Part of the storage module: reached through `Storage.journal`, on the same connection and
 * transactions.
 */
import type Database from 'better-sqlite3';
import type { JournalCategory } from '../../../shared/src/journal/journalActions.js';

export interface JournalRow {
  organisationId: string;
  subscriptionId: string | null;
  actorTenantId: string | null;
  actorObjectId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  /** The partner whose staff acted, and their staff role. */
  actorPartnerId: string | null;
  actorStaffRole: string | null;
  onBehalfOf: string | null;
  category: JournalCategory;
  action: string;
  target: string | null;
  detail: string | null;
  ip: string | null;
  at: number;
}

/** A stored entry, with the acting partner's current name. */
export interface StoredJournalRow extends JournalRow {
  id: number;
  actorPartnerName: string | null;
}

export interface JournalQuery {
  actor?: string;
  action?: string;
  from?: number;
  to?: number;
  categories: readonly JournalCategory[];
  limit: number;
  /** Newest entries first (the portal's view); oldest first otherwise (exports). */
  newestFirst?: boolean;
}

export class JournalStorage {
  constructor(private readonly db: Database.Database) {}

  append(row: JournalRow): void {
    this.db
      .prepare(
        `INSERT INTO journal (organisation_id, subscription_id, actor_tenant_id, actor_object_id, actor_email, actor_role, actor_partner_id, actor_staff_role, on_behalf_of, category, action, target, detail, ip, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.organisationId, row.subscriptionId, row.actorTenantId, row.actorObjectId, row.actorEmail, row.actorRole, row.actorPartnerId, row.actorStaffRole, row.onBehalfOf, row.category, row.action, row.target, row.detail, row.ip, row.at);
  }

  /** Entries of an organisation (one subscription's and the organisation-wide ones, when given), filtered. */
  query(organisationId: string, subscriptionId: string | null, filter: JournalQuery): StoredJournalRow[] {
    const conditions = ['j.organisation_id = ?', `j.category IN (${filter.categories.map(() => '?').join(', ') || "''"})`];
    const params: unknown[] = [organisationId, ...filter.categories];
    if (subscriptionId !== null) {
      conditions.push('(j.subscription_id = ? OR j.subscription_id IS NULL)');
      params.push(subscriptionId);
    }
    if (filter.actor) {
      conditions.push("j.actor_email LIKE ? ESCAPE '\\'");
      params.push(`%${filter.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    if (filter.action) {
      conditions.push('j.action = ?');
      params.push(filter.action);
    }
    if (filter.from !== undefined) {
      conditions.push('j.created_at >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      conditions.push('j.created_at < ?');
      params.push(filter.to);
    }
    return this.db
      .prepare(
        `SELECT j.id, j.organisation_id AS organisationId, j.subscription_id AS subscriptionId, j.actor_tenant_id AS actorTenantId, j.actor_object_id AS actorObjectId,
                j.actor_email AS actorEmail, j.actor_role AS actorRole, j.actor_partner_id AS actorPartnerId, p.name AS actorPartnerName, j.actor_staff_role AS actorStaffRole,
                j.on_behalf_of AS onBehalfOf, j.category, j.action, j.target, j.detail, j.ip, j.created_at AS at
         FROM journal j LEFT JOIN partners p ON p.id = j.actor_partner_id
         WHERE ${conditions.join(' AND ')} ORDER BY j.id ${filter.newestFirst ? 'DESC' : 'ASC'} LIMIT ?`,
      )
      .all(...params, filter.limit) as StoredJournalRow[];
  }
}
