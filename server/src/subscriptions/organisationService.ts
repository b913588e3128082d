/**
 * What an administrator sees of a subscription (A1) and its organisation: the subscriptions a
 * person owns or administers with what they may do there, and the activity journal (A7), each
 * behind the permission function. Domains are `domainService.ts`'s.
 */
import type { JournalEntryView, MyLicenseView, MySeatView, SubscriptionView } from '#shared/api/views.js';
import { actionsInStatus } from '#shared/billing/subscriptionState.js';
import { ApiError } from '../http/apiError.js';
import { seatsThatCount } from '../licenseCheck/decideLicense.js';
import { toCsv } from '#shared/csv/toCsv.js';
import '#shared/i18n/allCatalogs.js';
import { translator, type Locale } from '#shared/i18n/translate.js';
import { journalActionText } from '#shared/journal/journalText.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { JournalCategory } from '#shared/journal/journalActions.js';
import { Journal, journalEntryView, person } from '../journal/journal.js';
import type { JournalQuery, Repositories, SeatForCheck, SubscriptionRow, UnitOfWork } from '../storage/unitOfWork.js';
import { authorize, type Access } from '../access/access.js';
import { seatStatus } from './seatService.js';

export function subscriptionView(
  subscription: SubscriptionRow,
  access: Pick<Access, 'role' | 'permissions' | 'actions'>,
): SubscriptionView {
  return {
    id: subscription.id,
    plan: subscription.planId,
    quantity: subscription.quantity,
    assigned: subscription.assignedCount,
    status: subscription.status,
    periodStart: new Date(subscription.periodStart).toISOString(),
    periodEnd: new Date(subscription.periodEnd).toISOString(),
    owner: subscription.ownerEmail,
    role: access.role,
    permissions: access.permissions,
    // The pages offer what the status leaves open; the routes still authorise and refuse the rest (409).
    actions: actionsInStatus(access.actions, subscription.status),
  };
}

const NON_BILLING: JournalCategory[] = ['seats', 'delegates', 'domains', 'subscription'];

export class OrganisationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: () => number = Date.now,
  ) {}

  async listSubscriptions(caller: CallerIdentity): Promise<SubscriptionView[]> {
    const read = this.uow.read;
    const [owned, delegated] = await Promise.all([
      read.subscriptions.listOwnedBy(caller.tenantId, caller.objectId),
      read.subscriptions.listDelegatedTo(caller.tenantId, caller.objectId),
    ]);
    return Promise.all([...owned, ...delegated].map((s) => this.get(caller, s.id)));
  }

  async get(caller: CallerIdentity, subscriptionId: string): Promise<SubscriptionView> {
    const read = this.uow.read;
    const access = await authorize(read, caller, subscriptionId, 'subscription.view');
    const view = subscriptionView(access.subscription, access);
    if (!access.actions.includes('delegates.view')) return view;
    return {
      ...view,
      delegates: (await read.delegation.listDelegates(subscriptionId)).map((d) => ({
        email: d.email,
        permissions: d.permissions,
      })),
    };
  }

  /**
   * The caller's own seat (A8): only a seat already bound to their (tid, oid) by a license check,
   * so an address typed into another tenant's token learns nothing; its owner is the contact the
   * welcome email named. Seats of other tenants' organisations are listed to be left.
   */
  async myLicense(caller: CallerIdentity): Promise<MyLicenseView> {
    const read = this.uow.read;
    const [owned, delegated, bound] = await Promise.all([
      read.subscriptions.listOwnedBy(caller.tenantId, caller.objectId),
      read.subscriptions.listDelegatedTo(caller.tenantId, caller.objectId),
      read.subscriptions.seatsBoundTo(caller.tenantId, caller.objectId),
    ]);
    const administers = owned.length + delegated.length;
    const foreign = await Promise.all(
      bound
        .filter((seat) => seat.organisationTenantId !== caller.tenantId && seat.removedAt === null)
        .map((seat) => this.mySeat(read, seat, caller)),
    );
    // Present only when there is one to leave: the usual answer keeps its shape.
    const foreignSeats = foreign.length > 0 ? { foreignSeats: foreign } : {};
    const seat = seatsThatCount(bound, caller.tenantId)[0];
    const subscription = seat && (await read.subscriptions.find(seat.subscriptionId));
    if (!seat || !subscription) return { seat: null, administers, ...foreignSeats };
    return {
      seat: {
        status: seat.removedAt !== null ? 'removed' : seatStatus(seat, subscription),
        plan: subscription.planId,
        subscriptionStatus: subscription.status,
        contact: subscription.ownerEmail,
        assignedAt: new Date(seat.assignedAt).toISOString(),
      },
      administers,
      ...foreignSeats,
    };
  }

  /**
   * Leaves a seat another organisation bound to the caller (issue 10, finding 4): that organisation
   * no longer sees their check-ins nor decides their license. A seat of their own tenant's
   * organisation is their employer's to remove.
   */
  async leaveSeat(caller: CallerIdentity, seatId: string, ip: string | null): Promise<void> {
    await this.uow.transaction(async (tx) => {
      const found = await tx.subscriptions.findSeatForCheck(seatId);
      // Locked, then read again: the seat's subscription may be changing its seats on another instance.
      if (found) await tx.subscriptions.lock(found.subscriptionId);
      const seat = found && (await tx.subscriptions.findSeatForCheck(seatId));
      if (
        !seat ||
        seat.boundTenantId !== caller.tenantId ||
        seat.boundObjectId !== caller.objectId ||
        seat.removedAt !== null
      ) {
        throw new ApiError(404, 'SEAT_NOT_FOUND', 'No seat with this id is assigned to you.');
      }
      if (seat.organisationTenantId === caller.tenantId)
        throw new ApiError(
          409,
          'SEAT_OWN_ORGANISATION',
          "This seat is your own organisation's: ask its owner to remove it.",
        );
      const now = this.clock();
      await tx.subscriptions.removeSeat(seat.id, now);
      await Journal.record(tx, {
        organisationId: seat.organisationId,
        subscriptionId: seat.subscriptionId,
        actor: person(caller, 'seat_holder'),
        action: 'seat.left',
        target: seat.emailDisplay,
        ip,
        at: now,
      });
    });
  }

  private async mySeat(read: Repositories, seat: SeatForCheck, caller: CallerIdentity): Promise<MySeatView> {
    const subscription = await read.subscriptions.find(seat.subscriptionId);
    return {
      id: seat.id,
      organisation: await read.organisations.name(seat.organisationId),
      foreign: seat.organisationTenantId !== caller.tenantId,
      status: seat.removedAt !== null ? 'removed' : subscription ? seatStatus(seat, subscription) : 'expired',
      contact: subscription?.ownerEmail ?? '',
      assignedAt: new Date(seat.assignedAt).toISOString(),
    };
  }

  async journal(
    caller: CallerIdentity,
    subscriptionId: string,
    filter: Omit<JournalQuery, 'categories'>,
  ): Promise<JournalEntryView[]> {
    const access = await authorize(this.uow.read, caller, subscriptionId, 'journal.view');
    // Billing entries only for those who may see billing (A5: a delegate without billing sees no payments).
    const categories = access.actions.includes('journal.view.billing')
      ? [...NON_BILLING, 'billing' as const]
      : NON_BILLING;
    return (
      await this.uow.read.journal.query(access.subscription.organisationId, subscriptionId, { ...filter, categories })
    ).map(journalEntryView);
  }

  /** The journal, headers, roles and actions in the reader's language (times ISO 8601; details as recorded, JSON). */
  async journalCsv(
    caller: CallerIdentity,
    subscriptionId: string,
    filter: Omit<JournalQuery, 'categories'>,
    locale: Locale,
  ): Promise<string> {
    const t = translator(locale);
    return toCsv(
      [
        t('journal.time'),
        t('journal.actor'),
        t('journal.role'),
        t('journal.onBehalfOf'),
        t('journal.action'),
        t('journal.target'),
        t('journal.detail'),
        t('journal.ip'),
      ],
      (await this.journal(caller, subscriptionId, filter)).map((e) => [
        e.at,
        e.actor,
        e.actorRole === null ? null : t(`journal.role.${e.actorRole}`, { partner: e.partner ?? '' }),
        e.onBehalfOf,
        journalActionText(e.action, t),
        e.target,
        e.detail === null ? null : JSON.stringify(e.detail),
        e.ip,
      ]),
    );
  }
}
