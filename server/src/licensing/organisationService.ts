/**
 * What an administrator sees of a subscription (A1) and its organisation: the subscriptions a
 * person owns or administers with what they may do there, the approved domains (A6) and the
 * activity journal (A7), each behind the permission function.
 */
import { domainToAscii } from '../../../shared/src/email/normalizeEmail.js';
import type { JournalEntryView, MyLicenseView, SubscriptionView } from '../../../shared/src/api/views.js';
import { toCsv } from '../../../shared/src/csv/toCsv.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { JournalCategory, JournalFilter, Storage, SubscriptionRow } from '../storage/storage.js';
import { authorize, journal, type Access } from './access.js';
import { seatStatus } from './seatService.js';



export function subscriptionView(subscription: SubscriptionRow, access: Pick<Access, 'role' | 'permissions' | 'actions'>): SubscriptionView {
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
    actions: access.actions,
  };
}

const NON_BILLING: JournalCategory[] = ['seats', 'delegates', 'domains', 'subscription'];

export class OrganisationService {
  constructor(
    private readonly storage: Storage,
    private readonly clock: () => number = Date.now,
  ) {}

  listSubscriptions(caller: CallerIdentity): SubscriptionView[] {
    const owned = this.storage.listSubscriptionsOwnedBy(caller.tenantId, caller.objectId);
    const delegated = this.storage.listSubscriptionsDelegatedTo(caller.tenantId, caller.objectId);
    return [...owned, ...delegated].map((s) => this.get(caller, s.id));
  }

  get(caller: CallerIdentity, subscriptionId: string): SubscriptionView {
    const access = authorize(this.storage, caller, subscriptionId, 'subscription.view');
    const view = subscriptionView(access.subscription, access);
    if (!access.actions.includes('delegates.view')) return view;
    return { ...view, delegates: this.storage.listDelegates(subscriptionId).map((d) => ({ email: d.email, permissions: d.permissions })) };
  }

  /**
   * The caller's own seat (A8): only a seat already bound to their (tid, oid) by a license check,
   * so an address typed into another tenant's token learns nothing; its owner is the contact the
   * welcome email named.
   */
  myLicense(caller: CallerIdentity): MyLicenseView {
    const administers = this.storage.listSubscriptionsOwnedBy(caller.tenantId, caller.objectId).length + this.storage.listSubscriptionsDelegatedTo(caller.tenantId, caller.objectId).length;
    const seat = this.storage.seatsBoundTo(caller.tenantId, caller.objectId)[0];
    const subscription = seat && this.storage.findSubscription(seat.subscriptionId);
    if (!seat || !subscription) return { seat: null, administers };
    return {
      seat: {
        status: seat.removedAt !== null ? 'removed' : seatStatus(seat, subscription),
        plan: subscription.planId,
        subscriptionStatus: subscription.status,
        contact: subscription.ownerEmail,
        assignedAt: new Date(seat.assignedAt).toISOString(),
      },
      administers,
    };
  }

  listDomains(caller: CallerIdentity, subscriptionId: string) {
    const access = authorize(this.storage, caller, subscriptionId, 'domains.view');
    return this.storage.listDomains(access.subscription.organisationId).map((d) => ({ domain: d.domain, source: d.source, addedAt: new Date(d.createdAt).toISOString() }));
  }

  addDomain(caller: CallerIdentity, subscriptionId: string, input: string, ip: string | null): { domain: string; added: boolean } {
    const domain = domainToAscii(input.trim().replace(/^@/, ''));
    if (!domain || !domain.includes('.') || domain.length > 253) throw new ApiError(400, 'VALIDATION_FAILED', `"${input}" is not a domain name such as contoso.com.`);
    return this.storage.transaction(() => {
      const access = authorize(this.storage, caller, subscriptionId, 'domains.manage');
      const now = this.clock();
      const added = this.storage.approveDomain(access.subscription.organisationId, domain, now, 'manual');
      if (added) journal(this.storage, access, { category: 'domains', action: 'domain.approved', target: domain, ip, at: now });
      return { domain, added };
    });
  }

  removeDomain(caller: CallerIdentity, subscriptionId: string, input: string, ip: string | null): void {
    const domain = domainToAscii(input.trim()) ?? input;
    this.storage.transaction(() => {
      const access = authorize(this.storage, caller, subscriptionId, 'domains.manage');
      if (!this.storage.removeDomain(access.subscription.organisationId, domain)) throw new ApiError(404, 'DOMAIN_NOT_FOUND', `${input} is not an approved domain.`);
      journal(this.storage, access, { category: 'domains', action: 'domain.removed', target: domain, ip, at: this.clock() });
    });
  }

  journal(caller: CallerIdentity, subscriptionId: string, filter: Omit<JournalFilter, 'categories'>): JournalEntryView[] {
    const access = authorize(this.storage, caller, subscriptionId, 'journal.view');
    // Billing entries only for those who may see billing (A5: a delegate without billing sees no payments).
    const categories = access.actions.includes('journal.view.billing') ? [...NON_BILLING, 'billing' as const] : NON_BILLING;
    return this.storage.journalFor(access.subscription.organisationId, subscriptionId, { ...filter, categories }).map((entry) => ({
      id: entry.id,
      at: new Date(entry.at).toISOString(),
      actor: entry.actor?.email ?? null,
      actorRole: entry.actorRole,
      onBehalfOf: entry.onBehalfOf,
      action: entry.action,
      target: entry.target,
      detail: entry.detail === null ? null : (JSON.parse(entry.detail) as unknown),
      ip: entry.ip,
    }));
  }

  journalCsv(caller: CallerIdentity, subscriptionId: string, filter: Omit<JournalFilter, 'categories'>): string {
    return toCsv(
      ['time', 'actor', 'role', 'on_behalf_of', 'action', 'target', 'detail', 'ip'],
      this.journal(caller, subscriptionId, filter).map((e) => [e.at, e.actor, e.actorRole, e.onBehalfOf, e.action, e.target, e.detail === null ? null : JSON.stringify(e.detail), e.ip]),
    );
  }
}

