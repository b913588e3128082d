/**
 * Seats that follow Microsoft 365 groups (issue 17, A11): linking and unlinking groups of the
 * subscription's organisation's own tenant, syncing them (on a schedule and on demand), and what
 * the portal and the pane show about them.
 *
 * A sync reads each linked group through Graph outside any transaction (the delta round, then the
 * members' properties when someone joined), writes what it read only if nobody wrote since
 * (another instance read the same changes: the link's version), then decides the seats with the
 * pure plan (./groupSync.ts) inside one transaction that locks the subscription and re-reads the
 * seats, so never more seats than bought, also with two instances or an administrator assigning at once.
 * One sync per subscription at a time across instances (a lease in the database). A refusal that
 * concerns the whole tenant (consent missing or withdrawn, this deployment's credentials) stops
 * the sync before any seat changes: seats stay as they are, and the reason is shown and journaled
 * once. Every seat the sync gives or takes is journaled with the group sync as actor, and its
 * welcome or seat-removed email goes through the outbox within the organisation's daily limit.
 */
import { randomUUID } from 'node:crypto';
import { applicationConsentUrl } from '#shared/api/applicationConsent.js';
import type { DirectoryGroupView, GroupSyncResult, GroupSyncView, LinkedGroupView } from '#shared/api/groupViews.js';
import { canonicalEmail, normalizeEmail } from '#shared/email/normalizeEmail.js';
import { resolveLocale } from '#shared/i18n/translate.js';
import { authorize, journal, journalAs, refuseIfEnded } from '../access/access.js';
import { takesChanges } from '#shared/billing/subscriptionState.js';
import type { OutgoingEmail } from '../email/mailer.js';
import type { Outbox } from '../email/outbox.js';
import { seatRemovedByGroupEmail, welcomeEmail } from '../email/templates.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { GroupLinkRow, GroupMemberRow, Repositories, SubscriptionRow, UnitOfWork } from '../storage/unitOfWork.js';
import type { SeatService } from '../subscriptions/seatService.js';
import {
  GraphGroupsError,
  type DirectoryUserInfo,
  type GraphGroupsClient,
  type GroupsFailureReason,
} from './graphGroupsClient.js';
import { planGroupSeats, type GroupMember } from './groupSync.js';

/** A subscription follows at most this many groups (each one is a delta round per sync). */
export const MAX_LINKED_GROUPS = 20;
/** How long a sync holds its lease: longer than a sync of 20 groups that waits out Graph's throttling. */
const SYNC_LEASE_MS = 10 * 60_000;
/** Waiting members listed in a view (the total is given too). */
const WAITING_SHOWN = 100;
/** Reasons that concern the whole tenant: no group can be read, so nothing changes. */
const STOPPING: ReadonlySet<GroupsFailureReason> = new Set([
  'consent_missing',
  'credentials_invalid',
  'tenant_not_found',
]);

export interface GroupServiceOptions {
  clientId: string;
  consentAuthority: string;
  publicUrl: string;
  syncIntervalSeconds: number;
}

export type SyncOutcome = { result: GroupSyncResult; added: number; removed: number } | 'busy';

export class GroupService {
  constructor(
    private readonly uow: UnitOfWork,
    /** Null when this deployment has no client secret: group sync is off. */
    private readonly graph: GraphGroupsClient | null,
    private readonly seats: SeatService,
    private readonly outbox: Outbox,
    private readonly options: GroupServiceOptions,
    private readonly clock: () => number = Date.now,
    private readonly log: (error: unknown, message: string) => void = () => {},
  ) {}

  // --- what the pages show ------------------------------------------------------------------

  async view(caller: CallerIdentity, subscriptionId: string): Promise<GroupSyncView> {
    const now = this.clock();
    await authorize(this.uow.read, caller, subscriptionId, 'groups.view', now);
    return this.viewOf(subscriptionId, now);
  }

  /** Groups of the organisation's own tenant whose name has a word starting with `text`. */
  async search(caller: CallerIdentity, subscriptionId: string, text: string): Promise<DirectoryGroupView[]> {
    const { tenantId, graph } = await this.manageable(caller, subscriptionId);
    const found = await this.graphCall(tenantId, subscriptionId, () => graph.searchGroups(tenantId, text));
    const linked = new Set((await this.uow.read.groups.listLinks(subscriptionId)).map((l) => l.groupId));
    return found.map((g) => ({
      id: g.id,
      displayName: g.displayName,
      description: g.description,
      kind: g.kind,
      linked: linked.has(g.id),
      linkable: g.kind !== 'distribution',
    }));
  }

  // --- linking ------------------------------------------------------------------------------

  /**
   * Links a group, found by id in the organisation's own tenant only (the token is that tenant's:
   * another tenant's id is "not found"), and syncs at once.
   */
  async link(
    caller: CallerIdentity,
    subscriptionId: string,
    groupId: string,
    language: string | undefined,
    ip: string | null,
  ): Promise<{ view: GroupSyncView; created: boolean }> {
    const { tenantId, graph } = await this.manageable(caller, subscriptionId);
    const group = await this.graphCall(tenantId, subscriptionId, () => graph.getGroup(tenantId, groupId));
    if (group.kind === 'distribution')
      throw new ApiError(
        400,
        'GROUP_NOT_SUPPORTED',
        `${group.displayName} is a distribution list: link a security or Microsoft 365 group.`,
      );
    const created = await this.uow.transaction(async (tx) => {
      const now = this.clock();
      const access = await authorize(tx, caller, subscriptionId, 'groups.manage', now);
      refuseIfEnded(access.subscription);
      // Locked: two administrators linking at once count the links one after the other.
      await tx.subscriptions.lock(subscriptionId);
      if (await tx.groups.findLinkByGroup(subscriptionId, group.id)) return false;
      if ((await tx.groups.listLinks(subscriptionId)).length >= MAX_LINKED_GROUPS)
        throw new ApiError(409, 'GROUP_LIMIT_REACHED', `A subscription follows at most ${MAX_LINKED_GROUPS} groups.`);
      await tx.groups.insertLink({
        id: randomUUID(),
        subscriptionId,
        tenantId,
        groupId: group.id,
        displayName: group.displayName,
        kind: group.kind === 'microsoft365' ? 'microsoft365' : 'security',
        language: resolveLocale(language),
        linkedBy: caller.email ?? '',
        linkedAt: now,
      });
      await journal(tx, access, {
        action: 'group.linked',
        target: group.displayName,
        detail: { groupId: group.id },
        ip,
        at: now,
      });
      return true;
    });
    await this.sync(subscriptionId);
    return { view: await this.viewOf(subscriptionId, this.clock()), created };
  }

  /** Unlinks a group: the seats it gave go at once, unless their person is in another linked group. */
  async unlink(caller: CallerIdentity, subscriptionId: string, linkId: string, ip: string | null): Promise<void> {
    await this.uow.transaction(async (tx) => {
      const now = this.clock();
      const access = await authorize(tx, caller, subscriptionId, 'groups.manage', now);
      const link = await tx.groups.findLink(subscriptionId, linkId);
      if (!link) throw new ApiError(404, 'GROUP_LINK_NOT_FOUND', 'This group is not linked to the subscription.');
      await tx.groups.deleteLink(link.id);
      await journal(tx, access, {
        action: 'group.unlinked',
        target: link.displayName,
        detail: { groupId: link.groupId },
        ip,
        at: now,
      });
      await this.applyPlan(tx, subscriptionId, now);
    });
    await this.outbox.deliver();
  }

  // --- syncing ------------------------------------------------------------------------------

  /** "Sync now" (owner or delegate with assign). */
  async syncNow(caller: CallerIdentity, subscriptionId: string): Promise<GroupSyncView> {
    const { subscription } = await this.manageable(caller, subscriptionId);
    // An ended subscription takes no changes (the scheduled sync passes a cancelled one by: storage's dueForSync).
    refuseIfEnded(subscription);
    if ((await this.sync(subscriptionId)) === 'busy')
      throw new ApiError(409, 'GROUP_SYNC_BUSY', 'A sync of this subscription is already running.');
    return await this.viewOf(subscriptionId, this.clock());
  }

  /** The scheduled job: every subscription whose last sync is older than the interval, one after the other. */
  async syncDue(limit = 50): Promise<number> {
    if (!this.graph) return 0;
    const due = await this.uow.read.groups.dueForSync(this.clock() - this.options.syncIntervalSeconds * 1000, limit);
    for (const subscriptionId of due) {
      try {
        await this.sync(subscriptionId);
      } catch (error) {
        this.log(error, `group sync of subscription ${subscriptionId} failed`);
      }
    }
    return due.length;
  }

  /** One sync of the subscription's linked groups: read them, then give and take seats. */
  async sync(subscriptionId: string): Promise<SyncOutcome> {
    const graph = this.graph;
    if (!graph) throw new ApiError(503, 'GROUP_SYNC_NOT_CONFIGURED', 'Group sync is not set up on this deployment.');
    const lease = randomUUID();
    if (
      !(await this.uow.transaction((tx) =>
        tx.groups.claimSync(subscriptionId, lease, this.clock(), this.clock() + SYNC_LEASE_MS),
      ))
    )
      return 'busy';
    let failure: GraphGroupsError | null = null;
    let counts: { added: number; removed: number };
    try {
      const tenantId = await this.tenantOf(subscriptionId);
      for (const link of await this.uow.read.groups.listLinks(subscriptionId)) {
        // A link is always of the organisation's tenant; one that is not is never read.
        if (link.tenantId !== tenantId) continue;
        try {
          await this.readGroup(graph, tenantId, link);
        } catch (error) {
          if (!(error instanceof GraphGroupsError)) throw error;
          await this.uow.transaction((tx) => tx.groups.recordReadError(link.id, error.reason, this.clock()));
          failure ??= error;
          // The whole tenant refuses, or Graph asks to slow down: the other groups would fare no better.
          if (STOPPING.has(error.reason) || error.reason === 'throttled') break;
        }
      }
      const stopped = failure !== null && STOPPING.has(failure.reason);
      counts = await this.uow.transaction(async (tx) => {
        const now = this.clock();
        const result: GroupSyncResult = failure?.reason ?? 'ok';
        const previous = (await tx.groups.syncState(subscriptionId))?.result ?? null;
        const applied = stopped ? { added: 0, removed: 0 } : await this.applyPlan(tx, subscriptionId, now);
        if (stopped && previous !== result) {
          const subscription = await tx.subscriptions.find(subscriptionId);
          if (subscription)
            await journalAs(
              tx,
              subscription,
              { role: 'group_sync' },
              {
                action: 'group.sync_stopped',
                target: result,
                detail: { message: failure?.message ?? null },
                ip: null,
                at: now,
              },
            );
        }
        await tx.groups.finishSync(subscriptionId, lease, {
          at: now,
          result,
          message: failure?.message ?? null,
          ...applied,
        });
        return applied;
      });
    } catch (error) {
      // Our own fault: the lease goes back so that the next run is not blocked for its whole length.
      await this.uow.transaction((tx) =>
        tx.groups.finishSync(subscriptionId, lease, {
          at: this.clock(),
          result: 'unavailable',
          message: (error as Error).message,
          added: 0,
          removed: 0,
        }),
      );
      throw error;
    }
    await this.outbox.deliver();
    return { result: failure?.reason ?? 'ok', ...counts };
  }

  /** Reads one group (Graph, no transaction held) and writes what changed, unless another reader wrote first. */
  private async readGroup(graph: GraphGroupsClient, tenantId: string, link: GroupLinkRow): Promise<void> {
    const read = await graph.readMembership(tenantId, link.groupId, link.deltaLink);
    if (read.kind === 'group_removed')
      throw new GraphGroupsError('group_not_found', `The group ${link.displayName} was deleted in Microsoft 365.`);
    const now = this.clock();
    const joined = read.kind === 'full' ? read.memberIds : read.added;
    const members: GroupMemberRow[] = [];
    if (joined.length > 0) {
      // Delta names members by id only: their addresses come from the member list (one request per 999).
      const listed = new Map((await graph.listUserMembers(tenantId, link.groupId)).map((u) => [u.id, u]));
      for (const id of joined) {
        const user = listed.get(id) ?? (await graph.getUser(tenantId, id));
        if (user) members.push(memberRow(user, now));
      }
    }
    const current = read.kind === 'full' ? new Set(read.memberIds) : null;
    const removed = current
      ? (await this.uow.read.groups.memberIds(link.id)).filter((id) => !current.has(id))
      : read.kind === 'changes'
        ? read.removed
        : [];
    await this.uow.transaction((tx) =>
      tx.groups.saveMembership(link.id, link.version, {
        deltaLink: read.deltaLink,
        members,
        removedUserIds: removed,
        at: now,
      }),
    );
  }

  /**
   * Gives and takes seats as the stored membership says (inside the caller's transaction):
   * re-reads the seats, plans, journals each change as the group sync's, and queues the emails.
   */
  private async applyPlan(
    tx: Repositories,
    subscriptionId: string,
    now: number,
  ): Promise<{ added: number; removed: number }> {
    // Locked before the seats are counted: an administrator assigning, or another instance's sync, waits its turn.
    const subscription = await tx.subscriptions.lock(subscriptionId);
    const organisation = subscription && (await tx.organisations.find(subscription.organisationId));
    if (!subscription || !organisation) return { added: 0, removed: 0 };
    const links = new Map((await tx.groups.listLinks(subscriptionId)).map((l) => [l.id, l]));
    const rows = (await tx.groups.membersOf(subscriptionId)).filter((m) => !m.guest);
    const groupsOf = new Map<string, string[]>();
    for (const row of rows)
      groupsOf.set(row.userId, [...(groupsOf.get(row.userId) ?? []), links.get(row.linkId)?.displayName ?? '']);
    const seats = await tx.groups.liveSeats(subscriptionId);
    const plan = planGroupSeats({
      members: rows.map(groupMember),
      // A binding counts only for a person of the organisation's own tenant (Graph's ids are that tenant's).
      seats: seats.map((s) => ({
        seatId: s.seatId,
        emailCanonical: s.emailCanonical,
        boundObjectId: s.boundTenantId === organisation.tenantId ? s.boundObjectId : null,
        groupUserId: s.groupUserId,
      })),
      quantity: subscription.quantity,
      canAdd: takesChanges(subscription.status) && !(await tx.subscriptions.isBillingLocked(subscriptionId, now)),
    });
    const actor = { role: 'group_sync' as const };
    const emails: OutgoingEmail[] = [];
    const seatRows = new Map(seats.map((s) => [s.seatId, s]));
    const memberRows = new Map(rows.map((r) => [r.userId, r]));
    for (const seat of plan.remove) {
      const row = seatRows.get(seat.seatId);
      if (!row) continue;
      await tx.subscriptions.removeSeat(row.seatId, now);
      await journalAs(tx, subscription, actor, {
        action: 'seat.unassigned',
        target: row.emailDisplay,
        detail: { reason: 'left_linked_groups' },
        ip: null,
        at: now,
      });
      emails.push(seatRemovedByGroupEmail({ to: row.emailDisplay, locale: resolveLocale(row.language) }));
    }
    for (const member of plan.add) {
      const seatId = randomUUID();
      const row = memberRows.get(member.userId);
      const link = row && links.get(row.linkId);
      const locale = resolveLocale(row?.language ?? link?.language);
      await tx.subscriptions.insertSeat({
        id: seatId,
        subscriptionId,
        emailCanonical: member.address,
        emailDisplay: member.display,
        language: locale,
        assignedAt: now,
      });
      await tx.groups.markGroupSeat(seatId, subscriptionId, member.userId);
      const groups = [...new Set(groupsOf.get(member.userId) ?? [])];
      await journalAs(tx, subscription, actor, {
        action: 'seat.assigned',
        target: member.display,
        detail: { groups },
        ip: null,
        at: now,
      });
      emails.push(
        welcomeEmail({
          to: member.display,
          locale,
          ownerEmail: subscription.ownerEmail,
          publicUrl: this.options.publicUrl,
          group: groups[0] ?? '',
        }),
      );
    }
    await this.seats.queueWithinAllowance(tx, organisation.id, emails, now);
    return { added: plan.add.length, removed: plan.remove.length };
  }

  // --- helpers ------------------------------------------------------------------------------

  private async viewOf(subscriptionId: string, now: number): Promise<GroupSyncView> {
    const read = this.uow.read;
    const subscription = await read.subscriptions.find(subscriptionId);
    const organisation = subscription && (await read.organisations.find(subscription.organisationId));
    if (!subscription || !organisation)
      throw new ApiError(404, 'SUBSCRIPTION_NOT_FOUND', 'No subscription with this id is visible to you.');
    const links = await read.groups.listLinks(subscriptionId);
    const rows = await read.groups.membersOf(subscriptionId);
    const seated = rows.filter((m) => !m.guest);
    const plan = planGroupSeats({
      members: seated.map(groupMember),
      seats: (await read.groups.liveSeats(subscriptionId)).map((s) => ({
        seatId: s.seatId,
        emailCanonical: s.emailCanonical,
        boundObjectId: s.boundTenantId === organisation.tenantId ? s.boundObjectId : null,
        groupUserId: s.groupUserId,
      })),
      quantity: subscription.quantity,
      canAdd: takesChanges(subscription.status),
    });
    // Members the next sync would seat wait too, until it runs.
    const waiting = [...plan.add, ...plan.waiting];
    const names = new Map(rows.map((r) => [r.userId, r.displayName]));
    const state = await read.groups.syncState(subscriptionId);
    return {
      tenantId: organisation.tenantId,
      groups: links.map((link): LinkedGroupView => ({
        id: link.id,
        groupId: link.groupId,
        displayName: link.displayName,
        kind: link.kind,
        members: rows.filter((r) => r.linkId === link.id && !r.guest).length,
        linkedAt: new Date(link.linkedAt).toISOString(),
        linkedBy: link.linkedBy,
        lastReadAt: link.readAt === null ? null : new Date(link.readAt).toISOString(),
        readError: (link.readError as GroupSyncResult | null) ?? null,
      })),
      lastSync:
        state?.runAt != null && state.result !== null
          ? {
              at: new Date(state.runAt).toISOString(),
              result: state.result as GroupSyncResult,
              message: state.message,
              added: state.added,
              removed: state.removed,
            }
          : null,
      running: state?.leaseUntil != null && state.leaseUntil > now,
      members: plan.members,
      guests: new Set(rows.filter((m) => m.guest).map((m) => m.userId)).size,
      waiting: waiting.slice(0, WAITING_SHOWN).map((m) => ({
        email: m.display,
        name: names.get(m.userId) ?? null,
        since: new Date(m.firstSeenAt).toISOString(),
      })),
      waitingTotal: waiting.length,
      seatsToBuy: plan.seatsToBuy,
      consentUrl: applicationConsentUrl({
        authority: this.options.consentAuthority,
        tenant: organisation.tenantId,
        clientId: this.options.clientId,
        publicUrl: this.options.publicUrl,
        subscriptionId,
      }),
    };
  }

  /** The caller may manage the subscription's groups, and group sync is set up: the organisation's tenant and the client. */
  private async manageable(
    caller: CallerIdentity,
    subscriptionId: string,
  ): Promise<{ tenantId: string; graph: GraphGroupsClient; subscription: SubscriptionRow }> {
    const { subscription } = await authorize(this.uow.read, caller, subscriptionId, 'groups.manage', this.clock());
    if (!this.graph)
      throw new ApiError(
        503,
        'GROUP_SYNC_NOT_CONFIGURED',
        "Group sync is not set up on this deployment: it needs the app registration's client secret (ENTRA_CLIENT_SECRET).",
      );
    return { tenantId: await this.tenantOf(subscriptionId), graph: this.graph, subscription };
  }

  /** The subscription's organisation's tenant: the only one whose groups it can follow, whoever asks. */
  private async tenantOf(subscriptionId: string): Promise<string> {
    const subscription = await this.uow.read.subscriptions.find(subscriptionId);
    const organisation = subscription && (await this.uow.read.organisations.find(subscription.organisationId));
    if (!organisation)
      throw new ApiError(404, 'SUBSCRIPTION_NOT_FOUND', 'No subscription with this id is visible to you.');
    return organisation.tenantId;
  }

  /** A Graph call for a person waiting on it: its failures as the API's errors. */
  private async graphCall<T>(tenantId: string, subscriptionId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof GraphGroupsError)) throw error;
      if (error.reason === 'group_not_found')
        throw new ApiError(404, 'GROUP_NOT_FOUND', "No such group in your organisation's Microsoft 365 tenant.");
      if (error.reason === 'consent_missing') {
        throw new ApiError(
          409,
          'GROUP_CONSENT_MISSING',
          'An administrator of your Microsoft 365 tenant has not granted Outmerge the permission to read groups.',
          {
            consentUrl: applicationConsentUrl({
              authority: this.options.consentAuthority,
              tenant: tenantId,
              clientId: this.options.clientId,
              publicUrl: this.options.publicUrl,
              subscriptionId,
            }),
          },
        );
      }
      this.log(error, `Microsoft Graph refused a groups call (${error.reason})`);
      throw new ApiError(
        503,
        'GROUP_SYNC_UNAVAILABLE',
        'Microsoft 365 cannot be reached right now. Try again in a few minutes.',
      );
    }
  }
}

/** What Graph said about a member, as stored: guests (B2B) are kept but never seated. */
function memberRow(user: DirectoryUserInfo, now: number): GroupMemberRow {
  const upn = normalizeEmail(user.userPrincipalName);
  const guest = user.userType === 'Guest' || user.userPrincipalName.includes('#EXT#') || !upn.ok;
  return {
    userId: user.id.toLowerCase(),
    upn: upn.ok ? upn.canonical : user.userPrincipalName.toLowerCase(),
    upnDisplay: upn.ok ? upn.display : user.userPrincipalName,
    mail: user.mail ? canonicalEmail(user.mail) : null,
    displayName: user.displayName,
    language: user.preferredLanguage,
    guest,
    firstSeenAt: now,
  };
}

function groupMember(row: GroupMemberRow): GroupMember {
  return {
    userId: row.userId,
    address: row.upn,
    display: row.upnDisplay,
    aliases: row.mail && row.mail !== row.upn ? [row.mail] : [],
    firstSeenAt: row.firstSeenAt,
  };
}
