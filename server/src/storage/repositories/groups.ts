/**
 * Seats that follow Microsoft 365 groups (issue 17): the groups a subscription links, their
 * members as Graph last described them with the delta link to read on from, which seats a sync
 * gave, and each subscription's last sync with the lease of one under way. What the rows mean is
 * decided in ../../groups/. A sync's lease and a membership write are conditional updates whose
 * row count decides, so two instances syncing one subscription never both write.
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export type GroupLinkKind = 'security' | 'microsoft365';

export interface GroupLinkRow {
  id: string;
  subscriptionId: string;
  tenantId: string;
  groupId: string;
  displayName: string;
  kind: GroupLinkKind;
  language: string;
  linkedBy: string;
  linkedAt: number;
  deltaLink: string | null;
  version: number;
  readAt: number | null;
  readError: string | null;
}

export interface GroupMemberRow {
  userId: string;
  upn: string;
  upnDisplay: string;
  mail: string | null;
  displayName: string | null;
  language: string | null;
  guest: boolean;
  firstSeenAt: number;
}

/** A live seat with what the sync decides on: whom it is bound to and whether a sync gave it. */
export interface SyncSeatRow {
  seatId: string;
  emailCanonical: string;
  emailDisplay: string;
  language: string;
  boundTenantId: string | null;
  boundObjectId: string | null;
  groupUserId: string | null;
}

export interface GroupSyncRow {
  subscriptionId: string;
  runAt: number | null;
  result: string | null;
  message: string | null;
  added: number;
  removed: number;
  leaseUntil: number | null;
}

/** A stored member with the link (group) they were read in. */
export interface LinkedMemberRow extends GroupMemberRow {
  linkId: string;
}

/** A membership write after a delta round: members seen (added, or their details refreshed), and those gone. */
export interface MembershipWrite {
  deltaLink: string;
  members: readonly GroupMemberRow[];
  removedUserIds: readonly string[];
  at: number;
}

const LINK_COLUMNS = [
  'id',
  'subscription_id as subscriptionId',
  'tenant_id as tenantId',
  'group_id as groupId',
  'display_name as displayName',
  'kind',
  'language',
  'linked_by as linkedBy',
  'linked_at as linkedAt',
  'delta_link as deltaLink',
  'version',
  'read_at as readAt',
  'read_error as readError',
] as const;

const MEMBER_COLUMNS = [
  'm.user_id as userId',
  'm.upn',
  'm.upn_display as upnDisplay',
  'm.mail',
  'm.display_name as displayName',
  'm.language',
  'm.guest',
  'm.first_seen_at as firstSeenAt',
] as const;

const member = <T extends { guest: number }>(row: T): Omit<T, 'guest'> & { guest: boolean } => ({
  ...row,
  guest: row.guest === 1,
});
const link = (row: Omit<GroupLinkRow, 'kind'> & { kind: string }): GroupLinkRow => ({
  ...row,
  kind: row.kind as GroupLinkKind,
});

export class GroupRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  // --- links ----------------------------------------------------------------------------

  async listLinks(subscriptionId: string): Promise<GroupLinkRow[]> {
    return (
      await this.db
        .selectFrom('group_links')
        .select(LINK_COLUMNS)
        .where('subscription_id', '=', subscriptionId)
        .orderBy('display_name')
        .orderBy('group_id')
        .execute()
    ).map(link);
  }

  async findLink(subscriptionId: string, linkId: string): Promise<GroupLinkRow | undefined> {
    const row = await this.db
      .selectFrom('group_links')
      .select(LINK_COLUMNS)
      .where('subscription_id', '=', subscriptionId)
      .where('id', '=', linkId)
      .executeTakeFirst();
    return row && link(row);
  }

  async findLinkByGroup(subscriptionId: string, groupId: string): Promise<GroupLinkRow | undefined> {
    const row = await this.db
      .selectFrom('group_links')
      .select(LINK_COLUMNS)
      .where('subscription_id', '=', subscriptionId)
      .where('group_id', '=', groupId)
      .executeTakeFirst();
    return row && link(row);
  }

  /** False when the subscription already links this group. */
  async insertLink(row: Omit<GroupLinkRow, 'deltaLink' | 'version' | 'readAt' | 'readError'>): Promise<boolean> {
    const result = await this.db
      .insertInto('group_links')
      .values({
        id: row.id,
        subscription_id: row.subscriptionId,
        tenant_id: row.tenantId,
        group_id: row.groupId,
        display_name: row.displayName,
        kind: row.kind,
        language: row.language,
        linked_by: row.linkedBy,
        linked_at: row.linkedAt,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return result.numInsertedOrUpdatedRows === 1n;
  }

  /** Removes the link and its members. */
  async deleteLink(linkId: string): Promise<void> {
    await this.db.deleteFrom('group_link_members').where('link_id', '=', linkId).execute();
    await this.db.deleteFrom('group_links').where('id', '=', linkId).execute();
  }

  // --- members ----------------------------------------------------------------------------

  /** Every stored member of the subscription's linked groups (one row per group and member). */
  async membersOf(subscriptionId: string): Promise<LinkedMemberRow[]> {
    const rows = await this.db
      .selectFrom('group_link_members as m')
      .innerJoin('group_links as l', 'l.id', 'm.link_id')
      .select(['m.link_id as linkId', ...MEMBER_COLUMNS])
      .where('l.subscription_id', '=', subscriptionId)
      .execute();
    return rows.map(member);
  }

  /** The user ids stored for one linked group. */
  async memberIds(linkId: string): Promise<string[]> {
    return (
      await this.db.selectFrom('group_link_members').select('user_id').where('link_id', '=', linkId).execute()
    ).map((r) => r.user_id);
  }

  /**
   * Writes what a read of the group found, if nobody wrote since `expectedVersion` (another
   * instance's read of the same changes): false then, and nothing is written.
   */
  async saveMembership(linkId: string, expectedVersion: number, write: MembershipWrite): Promise<boolean> {
    const moved = await this.db
      .updateTable('group_links')
      .set({ delta_link: write.deltaLink, version: sql`version + 1`, read_at: write.at, read_error: null })
      .where('id', '=', linkId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (moved.numUpdatedRows !== 1n) return false;
    for (const userId of write.removedUserIds)
      await this.db
        .deleteFrom('group_link_members')
        .where('link_id', '=', linkId)
        .where('user_id', '=', userId)
        .execute();
    for (const m of write.members) {
      // Someone seen before keeps their first sighting: it decides who gets a free seat first.
      await this.db
        .insertInto('group_link_members')
        .values({
          link_id: linkId,
          user_id: m.userId,
          upn: m.upn,
          upn_display: m.upnDisplay,
          mail: m.mail,
          display_name: m.displayName,
          language: m.language,
          guest: m.guest ? 1 : 0,
          first_seen_at: m.firstSeenAt,
        })
        .onConflict((oc) =>
          oc.columns(['link_id', 'user_id']).doUpdateSet((eb) => ({
            upn: eb.ref('excluded.upn'),
            upn_display: eb.ref('excluded.upn_display'),
            mail: eb.ref('excluded.mail'),
            display_name: eb.ref('excluded.display_name'),
            language: eb.ref('excluded.language'),
            guest: eb.ref('excluded.guest'),
          })),
        )
        .execute();
    }
    return true;
  }

  /** Why reading the group failed; its members and delta link stay as they were. */
  async recordReadError(linkId: string, reason: string, at: number): Promise<void> {
    await this.db
      .updateTable('group_links')
      .set({ read_error: reason, read_at: at })
      .where('id', '=', linkId)
      .execute();
  }

  // --- seats ------------------------------------------------------------------------------

  /**
   * The subscription's live seats, each with the group member a sync gave it to. A seat that moved
   * here from another subscription (consolidation) counts as assigned by hand.
   */
  async liveSeats(subscriptionId: string): Promise<SyncSeatRow[]> {
    return this.db
      .selectFrom('seats as s')
      .leftJoin('group_seats as g', (join) =>
        join.onRef('g.seat_id', '=', 's.id').onRef('g.subscription_id', '=', 's.subscription_id'),
      )
      .select([
        's.id as seatId',
        's.email_canonical as emailCanonical',
        's.email_display as emailDisplay',
        's.language',
        's.bound_tenant_id as boundTenantId',
        's.bound_object_id as boundObjectId',
        'g.user_id as groupUserId',
      ])
      .where('s.subscription_id', '=', subscriptionId)
      .where('s.removed_at', 'is', null)
      .execute();
  }

  async markGroupSeat(seatId: string, subscriptionId: string, userId: string): Promise<void> {
    await this.db
      .insertInto('group_seats')
      .values({ seat_id: seatId, subscription_id: subscriptionId, user_id: userId })
      .execute();
  }

  // --- sync runs --------------------------------------------------------------------------

  async syncState(subscriptionId: string): Promise<GroupSyncRow | undefined> {
    return this.db
      .selectFrom('group_syncs')
      .select([
        'subscription_id as subscriptionId',
        'run_at as runAt',
        'result',
        'message',
        'added',
        'removed',
        'lease_until as leaseUntil',
      ])
      .where('subscription_id', '=', subscriptionId)
      .executeTakeFirst();
  }

  /** Takes the subscription's sync lease unless another holder's is still running; true when taken. */
  async claimSync(subscriptionId: string, token: string, now: number, until: number): Promise<boolean> {
    await this.db
      .insertInto('group_syncs')
      .values({ subscription_id: subscriptionId })
      .onConflict((oc) => oc.column('subscription_id').doNothing())
      .execute();
    const result = await this.db
      .updateTable('group_syncs')
      .set({ lease_token: token, lease_until: until })
      .where('subscription_id', '=', subscriptionId)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Records the outcome and gives the lease back (only the holder's). */
  async finishSync(
    subscriptionId: string,
    token: string,
    outcome: { at: number; result: string; message: string | null; added: number; removed: number },
  ): Promise<void> {
    await this.db
      .updateTable('group_syncs')
      .set({
        run_at: outcome.at,
        result: outcome.result,
        message: outcome.message,
        added: outcome.added,
        removed: outcome.removed,
        lease_token: null,
        lease_until: null,
      })
      .where('subscription_id', '=', subscriptionId)
      .where('lease_token', '=', token)
      .execute();
  }

  /** Subscriptions not cancelled, with linked groups, whose last sync is older than `before` (or that never synced), oldest first. */
  async dueForSync(before: number, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('group_links as l')
      .innerJoin('subscriptions as sub', 'sub.id', 'l.subscription_id')
      .leftJoin('group_syncs as s', 's.subscription_id', 'l.subscription_id')
      .select('l.subscription_id as id')
      // A cancelled subscription has ended for good (a merged one too): its customer's directory is read no more.
      // An expired one may come back when its invoice is paid, so its members stay known.
      .where('sub.status', '!=', 'cancelled')
      .where((eb) => eb.or([eb('s.run_at', 'is', null), eb('s.run_at', '<', before)]))
      .groupBy('l.subscription_id')
      .orderBy(sql`MIN(COALESCE(s.run_at, 0))`)
      .orderBy('l.subscription_id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }
}
