/**
 * Subscriptions and their seats: one aggregate. The seat invariant (never more live seats than the
 * quantity bought) is checked against the subscription's row locked first (`lock`), and the count
 * of live seats (`live_seats`) is kept here, in the statement batch that changes a seat, on both
 * engines alike: this repository is the only writer of seats. The subscription's billing state
 * (currency, pending decrease, grace, the billing lock held while a charge is with the provider)
 * lives on the same row.
 */
import { sql, type Kysely } from 'kysely';
import type { SubscriptionStatus } from '#shared/api/views.js';
import type { Permission } from '#shared/permissions/permissions.js';
import type { Schema } from '../schema.js';
import { preparedQuery, type PreparedQuery } from '../preparedQuery.js';
import {
  SEAT_COLUMNS,
  querySeatPage,
  querySeatRows,
  type SeatPage,
  type SeatQuery,
  type SeatRow,
} from './seatPages.js';

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

export interface BillingState {
  id: string;
  currency: string;
  pendingQuantity: number | null;
  graceUntil: number | null;
  endedAt: number | null;
  billingLockUntil: number | null;
}

const SUBSCRIPTION_COLUMNS = [
  's.id',
  's.organisation_id as organisationId',
  's.plan_id as planId',
  's.quantity',
  's.status',
  's.period_start as periodStart',
  's.period_end as periodEnd',
  's.owner_tenant_id as ownerTenantId',
  's.owner_object_id as ownerObjectId',
  's.owner_email as ownerEmail',
  's.created_at as createdAt',
  's.live_seats as assignedCount',
] as const;

export function parsePermissions(value: string): Permission[] {
  return value === '' ? [] : (value.split(',') as Permission[]);
}

/** The longest address list a license check's seat query is kept compiled for (a person has one or two verified addresses). */
const PREPARED_EMAIL_LISTS = 4;

export class SubscriptionRepository {
  // The license check's queries, compiled once (../preparedQuery.ts): they run on every check.
  private readonly boundTo: PreparedQuery<{ tenantId: string; objectId: string }, unknown>;

  constructor(private readonly db: Kysely<Schema>) {
    this.boundTo = preparedQuery(db, ['tenantId', 'objectId'], (p: { tenantId: string; objectId: string }) =>
      this.seatsForCheck()
        .where('seats.bound_tenant_id', '=', p.tenantId)
        .where('seats.bound_object_id', '=', p.objectId)
        .orderBy(sql`CASE WHEN seats.removed_at IS NULL THEN 0 ELSE 1 END`)
        .orderBy('seats.removed_at', 'desc'),
    );
  }

  private readonly unboundFor = new Map<number, PreparedQuery<Record<string, string>, unknown>>();

  private seatsForCheck() {
    return this.db
      .selectFrom('seats')
      .innerJoin('subscriptions as s', 's.id', 'seats.subscription_id')
      .innerJoin('organisations as o', 'o.id', 's.organisation_id')
      .select(SEAT_COLUMNS)
      .select([
        's.status as subscriptionStatus',
        's.plan_id as planId',
        'o.id as organisationId',
        'o.tenant_id as organisationTenantId',
        's.period_end as periodEnd',
      ]);
  }

  // --- subscriptions -----------------------------------------------------------------------

  async insert(row: Omit<SubscriptionRow, 'assignedCount'>): Promise<void> {
    await this.db
      .insertInto('subscriptions')
      .values({
        id: row.id,
        organisation_id: row.organisationId,
        plan_id: row.planId,
        quantity: row.quantity,
        status: row.status,
        period_start: row.periodStart,
        period_end: row.periodEnd,
        owner_tenant_id: row.ownerTenantId,
        owner_object_id: row.ownerObjectId,
        owner_email: row.ownerEmail,
        created_at: row.createdAt,
      })
      .execute();
  }

  async find(id: string): Promise<SubscriptionRow | undefined> {
    return (await this.db
      .selectFrom('subscriptions as s')
      .select(SUBSCRIPTION_COLUMNS)
      .where('s.id', '=', id)
      .executeTakeFirst()) as SubscriptionRow | undefined;
  }

  /**
   * Locks the subscription until the transaction ends (`SELECT … FOR UPDATE`) and reads it: every
   * check-then-write on the subscription or its seats (counting seats before assigning, a renewal
   * deciding what to charge, a status change) starts here, so two instances never both pass the
   * same check. On SQLite the transaction's BEGIN IMMEDIATE already holds the database.
   */
  async lock(id: string): Promise<SubscriptionRow | undefined> {
    return (await this.db
      .selectFrom('subscriptions as s')
      .select(SUBSCRIPTION_COLUMNS)
      .where('s.id', '=', id)
      .forUpdate()
      .executeTakeFirst()) as SubscriptionRow | undefined;
  }

  async listOwnedBy(tenantId: string, objectId: string): Promise<SubscriptionRow[]> {
    return (await this.db
      .selectFrom('subscriptions as s')
      .select(SUBSCRIPTION_COLUMNS)
      .where('s.owner_tenant_id', '=', tenantId)
      .where('s.owner_object_id', '=', objectId)
      .orderBy('s.created_at')
      .execute()) as SubscriptionRow[];
  }

  /** Subscriptions where this person is a delegate, with the permissions held. */
  async listDelegatedTo(
    tenantId: string,
    objectId: string,
  ): Promise<Array<SubscriptionRow & { permissions: Permission[] }>> {
    const rows = await this.db
      .selectFrom('subscriptions as s')
      .innerJoin('delegates as d', 'd.subscription_id', 's.id')
      .select(SUBSCRIPTION_COLUMNS)
      .select('d.permissions')
      .where('d.tenant_id', '=', tenantId)
      .where('d.object_id', '=', objectId)
      .orderBy('s.created_at')
      .execute();
    return rows.map((row) => ({
      ...(row as unknown as SubscriptionRow),
      permissions: parsePermissions(row.permissions),
    }));
  }

  async setOwner(subscriptionId: string, owner: { tenantId: string; objectId: string; email: string }): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({ owner_tenant_id: owner.tenantId, owner_object_id: owner.objectId, owner_email: owner.email })
      .where('id', '=', subscriptionId)
      .execute();
  }

  async setPartnerOfRecord(subscriptionId: string, partnerId: string): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({ partner_id: partnerId })
      .where('id', '=', subscriptionId)
      .execute();
  }

  async partnerOfRecordId(subscriptionId: string): Promise<string | null> {
    return (
      (
        await this.db
          .selectFrom('subscriptions')
          .select('partner_id')
          .where('id', '=', subscriptionId)
          .executeTakeFirst()
      )?.partner_id ?? null
    );
  }

  // --- billing state -----------------------------------------------------------------------

  async billingState(subscriptionId: string): Promise<BillingState | undefined> {
    return this.db
      .selectFrom('subscriptions')
      .select([
        'id',
        'currency',
        'pending_quantity as pendingQuantity',
        'grace_until as graceUntil',
        'ended_at as endedAt',
        'billing_lock_until as billingLockUntil',
      ])
      .where('id', '=', subscriptionId)
      .executeTakeFirst();
  }

  async setCurrency(subscriptionId: string, currency: string): Promise<void> {
    await this.db.updateTable('subscriptions').set({ currency }).where('id', '=', subscriptionId).execute();
  }

  async setQuantity(subscriptionId: string, quantity: number, pendingQuantity: number | null): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({ quantity, pending_quantity: pendingQuantity })
      .where('id', '=', subscriptionId)
      .execute();
  }

  async setPendingQuantity(subscriptionId: string, pendingQuantity: number | null): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({ pending_quantity: pendingQuantity })
      .where('id', '=', subscriptionId)
      .execute();
  }

  async setStatus(
    subscriptionId: string,
    status: SubscriptionStatus,
    fields: { graceUntil?: number | null; endedAt?: number | null } = {},
  ): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({
        status,
        ...(fields.graceUntil === undefined ? {} : { grace_until: fields.graceUntil }),
        ...(fields.endedAt === undefined ? {} : { ended_at: fields.endedAt }),
      })
      .where('id', '=', subscriptionId)
      .execute();
  }

  async setPeriod(subscriptionId: string, periodStart: number, periodEnd: number): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({ period_start: periodStart, period_end: periodEnd })
      .where('id', '=', subscriptionId)
      .execute();
  }

  /** Takes the subscription's billing lock (held while a charge is with the provider, outside any transaction) unless someone else holds an unexpired one. */
  async acquireBillingLock(subscriptionId: string, now: number, until: number): Promise<boolean> {
    const result = await this.db
      .updateTable('subscriptions')
      .set({ billing_lock_until: until })
      .where('id', '=', subscriptionId)
      .where((eb) => eb.or([eb('billing_lock_until', 'is', null), eb('billing_lock_until', '<=', now)]))
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Whether a payment for the subscription is under way (its billing lock has not run out). */
  async isBillingLocked(subscriptionId: string, now: number): Promise<boolean> {
    return (
      (await this.db
        .selectFrom('subscriptions')
        .select('id')
        .where('id', '=', subscriptionId)
        .where('billing_lock_until', '>', now)
        .executeTakeFirst()) !== undefined
    );
  }

  async releaseBillingLock(subscriptionId: string): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({ billing_lock_until: null })
      .where('id', '=', subscriptionId)
      .execute();
  }

  /** Active subscriptions whose period has ended, and past-due ones whose grace is over. */
  async due(now: number, limit: number): Promise<Array<{ id: string; status: SubscriptionStatus }>> {
    return (await this.db
      .selectFrom('subscriptions')
      .select(['id', 'status'])
      .where((eb) =>
        eb.or([
          eb.and([eb('status', 'in', ['active', 'trial']), eb('period_end', '<=', now)]),
          eb.and([eb('status', '=', 'past_due'), eb('grace_until', 'is not', null), eb('grace_until', '<=', now)]),
        ]),
      )
      .orderBy('period_end')
      .limit(limit)
      .execute()) as Array<{ id: string; status: SubscriptionStatus }>;
  }

  // --- seats -------------------------------------------------------------------------------

  /** The subscription's live seats: the kept count (`live_seats`), not a COUNT over its seats. */
  async countLiveSeats(subscriptionId: string): Promise<number> {
    return (
      (
        await this.db
          .selectFrom('subscriptions')
          .select('live_seats')
          .where('id', '=', subscriptionId)
          .executeTakeFirst()
      )?.live_seats ?? 0
    );
  }

  private async countSeat(subscriptionId: string, change: 1 | -1): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({ live_seats: sql`live_seats + ${change}` })
      .where('id', '=', subscriptionId)
      .execute();
  }

  async findLiveSeatByEmail(subscriptionId: string, emailCanonical: string): Promise<SeatRow | undefined> {
    return this.db
      .selectFrom('seats')
      .select(SEAT_COLUMNS)
      .where('subscription_id', '=', subscriptionId)
      .where('email_canonical', '=', emailCanonical)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
  }

  /** A new live seat; the subscription's live count follows in the same transaction. */
  async insertSeat(
    row: Pick<SeatRow, 'id' | 'subscriptionId' | 'emailCanonical' | 'emailDisplay' | 'language' | 'assignedAt'>,
  ): Promise<void> {
    await this.db
      .insertInto('seats')
      .values({
        id: row.id,
        subscription_id: row.subscriptionId,
        email_canonical: row.emailCanonical,
        email_display: row.emailDisplay,
        language: row.language,
        assigned_at: row.assignedAt,
      })
      .execute();
    await this.countSeat(row.subscriptionId, 1);
  }

  /**
   * Many live seats of one subscription at once (imports, seeding a large list), in chunks of one
   * statement each; the live count follows by their number. Checks nothing: the caller locked the
   * subscription and decided they fit.
   */
  async insertSeats(
    subscriptionId: string,
    rows: ReadonlyArray<Omit<SeatRow, 'subscriptionId' | 'removedAt'>>,
  ): Promise<void> {
    for (let start = 0; start < rows.length; start += 1000) {
      const chunk = rows.slice(start, start + 1000);
      await this.db
        .insertInto('seats')
        .values(
          chunk.map((row) => ({
            id: row.id,
            subscription_id: subscriptionId,
            email_canonical: row.emailCanonical,
            email_display: row.emailDisplay,
            language: row.language,
            bound_tenant_id: row.boundTenantId,
            bound_object_id: row.boundObjectId,
            assigned_at: row.assignedAt,
            last_check_in_at: row.lastCheckInAt,
            suspended_at: row.suspendedAt,
          })),
        )
        .execute();
    }
    if (rows.length > 0)
      await this.db
        .updateTable('subscriptions')
        .set({ live_seats: sql`live_seats + ${rows.length}` })
        .where('id', '=', subscriptionId)
        .execute();
  }

  async removeSeat(seatId: string, at: number): Promise<void> {
    const removed = await this.db
      .updateTable('seats')
      .set({ removed_at: at })
      .where('id', '=', seatId)
      .where('removed_at', 'is', null)
      .returning('subscription_id')
      .executeTakeFirst();
    if (removed) await this.countSeat(removed.subscription_id, -1);
  }

  /** The subscription ended by merging into `targetId` (consolidation). */
  async setMergedInto(subscriptionId: string, targetId: string): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({ merged_into: targetId })
      .where('id', '=', subscriptionId)
      .execute();
  }

  /** Where the subscription was merged into, if it was; and whether others were merged into it. */
  async mergeHistory(subscriptionId: string): Promise<{ mergedInto: string | null; tookIn: number }> {
    const own = await this.db
      .selectFrom('subscriptions')
      .select('merged_into')
      .where('id', '=', subscriptionId)
      .executeTakeFirst();
    const took = await this.db
      .selectFrom('subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('merged_into', '=', subscriptionId)
      .executeTakeFirstOrThrow();
    return { mergedInto: own?.merged_into ?? null, tookIn: Number(took.n) };
  }

  /** The subscriptions of one organisation, oldest first (a colleague's, found by their canonical address in the service). */
  async listInOrganisation(organisationId: string): Promise<SubscriptionRow[]> {
    return (await this.db
      .selectFrom('subscriptions as s')
      .select(SUBSCRIPTION_COLUMNS)
      .where('s.organisation_id', '=', organisationId)
      .orderBy('s.created_at')
      .orderBy('s.id')
      .execute()) as SubscriptionRow[];
  }

  /** A live seat moves to another subscription (consolidation); both counts follow. */
  async moveSeat(seatId: string, toSubscriptionId: string): Promise<void> {
    const seat = await this.db
      .selectFrom('seats')
      .select('subscription_id')
      .where('id', '=', seatId)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (!seat || seat.subscription_id === toSubscriptionId) return;
    await this.db.updateTable('seats').set({ subscription_id: toSubscriptionId }).where('id', '=', seatId).execute();
    await this.countSeat(seat.subscription_id, -1);
    await this.countSeat(toSubscriptionId, 1);
  }

  async listLiveSeats(subscriptionId: string): Promise<SeatRow[]> {
    return this.db
      .selectFrom('seats')
      .select(SEAT_COLUMNS)
      .where('subscription_id', '=', subscriptionId)
      .where('removed_at', 'is', null)
      .orderBy('seats.email_canonical')
      .execute();
  }

  /** One page of live seats, searched and sorted, by offset or after a cursor (./seatPages.ts). */
  querySeats(subscriptionId: string, query: SeatQuery): Promise<SeatPage> {
    return querySeatPage(this.db, subscriptionId, query);
  }

  /** The same page's rows alone, without its total and cursor: the bench's floor (./seatPages.ts). */
  seatRows(subscriptionId: string, query: SeatQuery): Promise<SeatRow[]> {
    return querySeatRows(this.db, subscriptionId, query);
  }

  async setSeatSuspended(seatId: string, suspendedAt: number | null): Promise<void> {
    await this.db
      .updateTable('seats')
      .set({ suspended_at: suspendedAt })
      .where('id', '=', seatId)
      .where('removed_at', 'is', null)
      .execute();
  }

  /** Seats bound to this person, live ones first, then the most recently removed. */
  async seatsBoundTo(tenantId: string, objectId: string): Promise<SeatForCheck[]> {
    return (await this.boundTo.execute({ tenantId, objectId })) as SeatForCheck[];
  }

  /** Live, not yet bound seats assigned to any of these addresses, in any subscription. */
  async unboundSeatsForEmails(emailsCanonical: readonly string[]): Promise<SeatForCheck[]> {
    if (emailsCanonical.length === 0) return [];
    const query = (emails: readonly string[]) =>
      this.seatsForCheck()
        .where('seats.email_canonical', 'in', emails)
        .where('seats.removed_at', 'is', null)
        .where('seats.bound_object_id', 'is', null)
        .orderBy('seats.assigned_at');
    if (emailsCanonical.length > PREPARED_EMAIL_LISTS)
      return (await query(emailsCanonical).execute()) as SeatForCheck[];
    const names = emailsCanonical.map((_, i) => `email${i}`);
    let prepared = this.unboundFor.get(names.length);
    if (!prepared) {
      prepared = preparedQuery(this.db, names, (p: Record<string, string>) => query(names.map((name) => p[name]!)));
      this.unboundFor.set(names.length, prepared);
    }
    return (await prepared.execute(
      Object.fromEntries(names.map((name, i) => [name, emailsCanonical[i]!])),
    )) as SeatForCheck[];
  }

  async findSeatForCheck(seatId: string): Promise<SeatForCheck | undefined> {
    return (await this.seatsForCheck().where('seats.id', '=', seatId).executeTakeFirst()) as SeatForCheck | undefined;
  }

  /** Binds a live, unbound seat to a person; false when someone bound it meanwhile. */
  async bindSeat(seatId: string, tenantId: string, objectId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('seats')
      .set({ bound_tenant_id: tenantId, bound_object_id: objectId })
      .where('id', '=', seatId)
      .where('bound_object_id', 'is', null)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async recordCheckIn(seatId: string, at: number): Promise<void> {
    await this.db.updateTable('seats').set({ last_check_in_at: at }).where('id', '=', seatId).execute();
  }
}
