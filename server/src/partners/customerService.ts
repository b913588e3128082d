/**
 * A partner's customers (P5, P3): the searchable list of subscriptions it is partner of record for
 * or administers, the notifications of their changes (written with each journal entry,
 * ../journal/journal.ts), and the periodic digest emailed to each partner in its language.
 */
import type { PartnerCustomerView, PartnerNotificationView } from '#shared/api/views.js';
import { resolveLocale } from '#shared/i18n/translate.js';
import type { JournalAction, NotificationKind } from '#shared/journal/journalActions.js';
import { isPermission } from '#shared/permissions/permissions.js';
import type { Outbox } from '../email/outbox.js';
import { partnerNotificationsEmail } from '../email/templates.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { CustomerQuery, UnitOfWork } from '../storage/unitOfWork.js';
import { iso } from './partnerViews.js';
import { relationshipState } from './rules.js';
import { partnerAccess } from './staffAccess.js';

export class PartnerCustomerService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly options: { publicUrl: string },
    private readonly clock: () => number = Date.now,
  ) {}

  async customers(
    caller: CallerIdentity,
    partnerId: string,
    query: CustomerQuery,
  ): Promise<{ total: number; items: PartnerCustomerView[] }> {
    await partnerAccess(this.uow.read, caller, partnerId, 'customers.view');
    const now = this.clock();
    const page = await this.uow.read.partners.queryCustomers(partnerId, query, now);
    return {
      total: page.total,
      items: page.items.map((row) => ({
        subscriptionId: row.subscriptionId,
        organisation: row.organisationName,
        tenantId: row.tenantId,
        owner: row.ownerEmail,
        plan: row.planId,
        status: row.status,
        quantity: row.quantity,
        assigned: row.assigned,
        renewsAt: new Date(row.periodEnd).toISOString(),
        partnerOfRecord: row.partnerOfRecord,
        relationship:
          row.relationshipId === null || row.relationshipStatus === null
            ? null
            : {
                id: row.relationshipId,
                state: relationshipState(
                  {
                    status: row.relationshipStatus,
                    requestExpiresAt: row.requestExpiresAt ?? 0,
                    expiresAt: row.relationshipExpiresAt,
                  },
                  now,
                ),
                permissions: (row.relationshipPermissions ?? '').split(',').filter(isPermission),
                expiresAt: iso(row.relationshipExpiresAt),
              },
      })),
    };
  }

  async notifications(caller: CallerIdentity, partnerId: string, limit: number): Promise<PartnerNotificationView[]> {
    await partnerAccess(this.uow.read, caller, partnerId, 'partner.view');
    return (await this.uow.read.partners.listNotifications(partnerId, limit)).map((row) => ({
      id: row.id,
      subscriptionId: row.subscriptionId,
      customer: row.organisationName,
      kind: row.kind as NotificationKind,
      action: row.action as JournalAction,
      detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown),
      at: new Date(row.createdAt).toISOString(),
      emailed: row.emailedAt !== null,
    }));
  }

  /**
   * Emails each partner of record a digest of its customers' changes not yet emailed, in the
   * partner's language, then marks them emailed. The server runs it periodically (with the
   * renewal job); tests call it.
   */
  async deliverNotifications(): Promise<number> {
    let queued = 0;
    for (const partnerId of await this.uow.read.partners.partnersWithUnsentNotifications(1000)) {
      // One transaction per partner, with the partner's row locked: its digest is written into the outbox with the mark, so no change is told twice, also by two instances.
      queued += await this.uow.transaction(async (tx) => {
        const partner = await tx.partners.lock(partnerId);
        const pending = await tx.partners.unsentNotifications(partnerId, 200);
        const last = pending.at(-1);
        if (!partner || !last) return 0;
        const now = this.clock();
        await this.outbox.add(
          tx,
          partnerNotificationsEmail({
            to: partner.contactEmail,
            locale: resolveLocale(partner.language),
            partner: partner.name,
            partnerId: partner.id,
            changes: pending.map((n) => ({
              customer: n.organisationName,
              kind: n.kind as NotificationKind,
              at: n.createdAt,
            })),
            publicUrl: this.options.publicUrl,
          }),
          now,
        );
        await tx.partners.markNotificationsEmailed(partnerId, last.id, now);
        return 1;
      });
    }
    await this.outbox.deliver();
    return queued;
  }
}
