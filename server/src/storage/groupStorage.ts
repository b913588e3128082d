/**
 * Seats that follow Microsoft 365 groups (issue 17): the groups a subscription links, their
 * members as Graph last described them with the delta link to read on from, which seats a sync
 * gave, and each subscription's last sync with the lease of one under way. Part of the storage
 * module: reached through `Storage.groups`, on the same connection and transactions. What the rows
 * mean is decided in ../groups/.
 */
import type Database from 'better-sqlite3';

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

const LINK_COLUMNS = `id, subscription_id AS subscriptionId, tenant_id AS tenantId, group_id AS groupId, display_name AS displayName, kind, language,
  linked_by AS linkedBy, linked_at AS linkedAt, delta_link AS deltaLink, version, read_at AS readAt, read_error AS readError`;
const MEMBER_COLUMNS = `m.user_id AS userId, m.upn, m.upn_display AS upnDisplay, m.mail, m.display_name AS displayName, m.language, m.guest, m.first_seen_at AS firstSeenAt`;

const member = (row: Omit<GroupMemberRow, 'guest'> & { guest: number }): GroupMemberRow => ({
  ...row,
  guest: row.guest === 1,
});

export class GroupStorage {
  constructor(private readonly db: Database.Database) {}

  // --- links ----------------------------------------------------------------------------

  listLinks(subscriptionId: string): GroupLinkRow[] {
    return this.db
      .prepare(`SELECT ${LINK_COLUMNS} FROM group_links WHERE subscription_id = ? ORDER BY display_name, group_id`)
      .all(subscriptionId) as GroupLinkRow[];
  }

  findLink(subscriptionId: string, linkId: string): GroupLinkRow | undefined {
    return this.db
      .prepare(`SELECT ${LINK_COLUMNS} FROM group_links WHERE subscription_id = ? AND id = ?`)
      .get(subscriptionId, linkId) as GroupLinkRow | undefined;
  }

  findLinkByGroup(subscriptionId: string, groupId: string): GroupLinkRow | undefined {
    return this.db
      .prepare(`SELECT ${LINK_COLUMNS} FROM group_links WHERE subscription_id = ? AND group_id = ?`)
      .get(subscriptionId, groupId) as GroupLinkRow | undefined;
  }

  /** False when the subscription already links this group. */
  insertLink(row: Omit<GroupLinkRow, 'deltaLink' | 'version' | 'readAt' | 'readError'>): boolean {
    return (
      this.db
        .prepare(
          'INSERT OR IGNORE INTO group_links (id, subscription_id, tenant_id, group_id, display_name, kind, language, linked_by, linked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          row.id,
          row.subscriptionId,
          row.tenantId,
          row.groupId,
          row.displayName,
          row.kind,
          row.language,
          row.linkedBy,
          row.linkedAt,
        ).changes === 1
    );
  }

  /** Removes the link and its members. */
  deleteLink(linkId: string): void {
    this.db.prepare('DELETE FROM group_links WHERE id = ?').run(linkId);
  }

  // --- members ----------------------------------------------------------------------------

  /** Every stored member of the subscription's linked groups (one row per group and member). */
  membersOf(subscriptionId: string): LinkedMemberRow[] {
    const rows = this.db
      .prepare(
        `SELECT m.link_id AS linkId, ${MEMBER_COLUMNS} FROM group_link_members m JOIN group_links l ON l.id = m.link_id WHERE l.subscription_id = ?`,
      )
      .all(subscriptionId) as Array<Omit<LinkedMemberRow, 'guest'> & { guest: number }>;
    return rows.map((row) => ({ ...member(row), linkId: row.linkId }));
  }

  /** The user ids stored for one linked group. */
  memberIds(linkId: string): string[] {
    return (
      this.db.prepare('SELECT user_id AS userId FROM group_link_members WHERE link_id = ?').all(linkId) as Array<{
        userId: string;
      }>
    ).map((r) => r.userId);
  }

  /**
   * Writes what a read of the group found, if nobody wrote since `expectedVersion` (another
   * instance's read of the same changes): false then, and nothing is written.
   */
  saveMembership(linkId: string, expectedVersion: number, write: MembershipWrite): boolean {
    const moved =
      this.db
        .prepare(
          'UPDATE group_links SET delta_link = ?, version = version + 1, read_at = ?, read_error = NULL WHERE id = ? AND version = ?',
        )
        .run(write.deltaLink, write.at, linkId, expectedVersion).changes === 1;
    if (!moved) return false;
    for (const userId of write.removedUserIds)
      this.db.prepare('DELETE FROM group_link_members WHERE link_id = ? AND user_id = ?').run(linkId, userId);
    for (const m of write.members) {
      // Someone seen before keeps their first sighting: it decides who gets a free seat first.
      this.db
        .prepare(
          `INSERT INTO group_link_members (link_id, user_id, upn, upn_display, mail, display_name, language, guest, first_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (link_id, user_id) DO UPDATE SET upn = excluded.upn, upn_display = excluded.upn_display, mail = excluded.mail, display_name = excluded.display_name, language = excluded.language, guest = excluded.guest`,
        )
        .run(linkId, m.userId, m.upn, m.upnDisplay, m.mail, m.displayName, m.language, m.guest ? 1 : 0, m.firstSeenAt);
    }
    return true;
  }

  /** Why reading the group failed; its members and delta link stay as they were. */
  recordReadError(linkId: string, reason: string, at: number): void {
    this.db.prepare('UPDATE group_links SET read_error = ?, read_at = ? WHERE id = ?').run(reason, at, linkId);
  }

  // --- seats ------------------------------------------------------------------------------

  /**
   * The subscription's live seats, each with the group member a sync gave it to. A seat that moved
   * here from another subscription (consolidation) counts as assigned by hand.
   */
  liveSeats(subscriptionId: string): SyncSeatRow[] {
    return this.db
      .prepare(
        `SELECT s.id AS seatId, s.email_canonical AS emailCanonical, s.email_display AS emailDisplay, s.language, s.bound_tenant_id AS boundTenantId, s.bound_object_id AS boundObjectId, g.user_id AS groupUserId
         FROM seats s LEFT JOIN group_seats g ON g.seat_id = s.id AND g.subscription_id = s.subscription_id
         WHERE s.subscription_id = ? AND s.removed_at IS NULL`,
      )
      .all(subscriptionId) as SyncSeatRow[];
  }

  markGroupSeat(seatId: string, subscriptionId: string, userId: string): void {
    this.db
      .prepare('INSERT INTO group_seats (seat_id, subscription_id, user_id) VALUES (?, ?, ?)')
      .run(seatId, subscriptionId, userId);
  }

  // --- sync runs --------------------------------------------------------------------------

  syncState(subscriptionId: string): GroupSyncRow | undefined {
    return this.db
      .prepare(
        'SELECT subscription_id AS subscriptionId, run_at AS runAt, result, message, added, removed, lease_until AS leaseUntil FROM group_syncs WHERE subscription_id = ?',
      )
      .get(subscriptionId) as GroupSyncRow | undefined;
  }

  /** Takes the subscription's sync lease unless another holder's is still running; true when taken. */
  claimSync(subscriptionId: string, token: string, now: number, until: number): boolean {
    this.db.prepare('INSERT OR IGNORE INTO group_syncs (subscription_id) VALUES (?)').run(subscriptionId);
    return (
      this.db
        .prepare(
          'UPDATE group_syncs SET lease_token = ?, lease_until = ? WHERE subscription_id = ? AND (lease_until IS NULL OR lease_until <= ?)',
        )
        .run(token, until, subscriptionId, now).changes === 1
    );
  }

  /** Records the outcome and gives the lease back (only the holder's). */
  finishSync(
    subscriptionId: string,
    token: string,
    outcome: { at: number; result: string; message: string | null; added: number; removed: number },
  ): void {
    this.db
      .prepare(
        'UPDATE group_syncs SET run_at = ?, result = ?, message = ?, added = ?, removed = ?, lease_token = NULL, lease_until = NULL WHERE subscription_id = ? AND lease_token = ?',
      )
      .run(outcome.at, outcome.result, outcome.message, outcome.added, outcome.removed, subscriptionId, token);
  }

  /** Subscriptions with linked groups whose last sync is older than `before` (or that never synced), oldest first. */
  dueForSync(before: number, limit: number): string[] {
    return (
      this.db
        .prepare(
          `SELECT l.subscription_id AS id FROM group_links l LEFT JOIN group_syncs s ON s.subscription_id = l.subscription_id
           WHERE s.run_at IS NULL OR s.run_at < ? GROUP BY l.subscription_id ORDER BY MIN(COALESCE(s.run_at, 0)) LIMIT ?`,
        )
        .all(before, limit) as Array<{ id: string }>
    ).map((r) => r.id);
  }
}
