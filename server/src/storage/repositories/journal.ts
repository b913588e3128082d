/**
 * The journal's rows: appended, never changed, read by organisation (and subscription) with
 * filters. What an entry means, and who else hears of it, is decided in ../../journal/journal.ts.
 */
import { sql, type Kysely } from 'kysely';
import type { JournalCategory } from '#shared/journal/journalActions.js';
import type { Schema } from '../schema.js';
import { containsPattern } from './seatPages.js';

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

export class JournalRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async append(row: JournalRow): Promise<void> {
    await this.db
      .insertInto('journal')
      .values({
        organisation_id: row.organisationId,
        subscription_id: row.subscriptionId,
        actor_tenant_id: row.actorTenantId,
        actor_object_id: row.actorObjectId,
        actor_email: row.actorEmail,
        actor_role: row.actorRole,
        actor_partner_id: row.actorPartnerId,
        actor_staff_role: row.actorStaffRole,
        on_behalf_of: row.onBehalfOf,
        category: row.category,
        action: row.action,
        target: row.target,
        detail: row.detail,
        ip: row.ip,
        created_at: row.at,
      })
      .execute();
  }

  /** Entries of an organisation (one subscription's and the organisation-wide ones, when given), filtered. */
  async query(
    organisationId: string,
    subscriptionId: string | null,
    filter: JournalQuery,
  ): Promise<StoredJournalRow[]> {
    if (filter.categories.length === 0) return [];
    const rows = await this.db
      .selectFrom('journal as j')
      .leftJoin('partners as p', 'p.id', 'j.actor_partner_id')
      .select([
        'j.id',
        'j.organisation_id as organisationId',
        'j.subscription_id as subscriptionId',
        'j.actor_tenant_id as actorTenantId',
        'j.actor_object_id as actorObjectId',
        'j.actor_email as actorEmail',
        'j.actor_role as actorRole',
        'j.actor_partner_id as actorPartnerId',
        'p.name as actorPartnerName',
        'j.actor_staff_role as actorStaffRole',
        'j.on_behalf_of as onBehalfOf',
        'j.category',
        'j.action',
        'j.target',
        'j.detail',
        'j.ip',
        'j.created_at as at',
      ])
      .where('j.organisation_id', '=', organisationId)
      .where('j.category', 'in', filter.categories)
      .$if(subscriptionId !== null, (qb) =>
        qb.where((eb) => eb.or([eb('j.subscription_id', '=', subscriptionId), eb('j.subscription_id', 'is', null)])),
      )
      // Case-insensitive on both engines (PostgreSQL's LIKE is case-sensitive, SQLite's is not for ASCII): both sides lowered.
      .$if(Boolean(filter.actor), (qb) =>
        qb.where(sql<boolean>`lower(j.actor_email) LIKE lower(${containsPattern(filter.actor ?? '')}) ESCAPE '\\'`),
      )
      .$if(Boolean(filter.action), (qb) => qb.where('j.action', '=', filter.action ?? ''))
      .$if(filter.from !== undefined, (qb) => qb.where('j.created_at', '>=', filter.from ?? 0))
      .$if(filter.to !== undefined, (qb) => qb.where('j.created_at', '<', filter.to ?? 0))
      .orderBy('j.id', filter.newestFirst ? 'desc' : 'asc')
      .limit(filter.limit)
      .execute();
    return rows as StoredJournalRow[];
  }
}
