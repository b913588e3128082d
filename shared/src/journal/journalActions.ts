/**
 * The journal's vocabulary, in one place for the server that writes entries and the pages that
 * show them: every action with its category (who may read it) and whether the partner of record of
 * the subscription hears of it, and the roles an actor can act in. A `Record` over the action
 * names, so a new action cannot forget either decision; every action has a label
 * `journal.action.<name>` in every catalog (the compiler and journalActions.test.ts check it).
 */

/** `partner`: a partner organisation's own entries (offers, requests, keys), never shown in a subscription's journal. */
export const JOURNAL_CATEGORIES = ['seats', 'delegates', 'domains', 'subscription', 'billing', 'partner'] as const;
export type JournalCategory = (typeof JOURNAL_CATEGORIES)[number];

/** The kinds of change the partner of record is told about. */
export const NOTIFICATION_KINDS = ['seats', 'quantity', 'renewal', 'cancellation'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

interface ActionSpec {
  category: JournalCategory;
  /** The partner of record's notification, or null when the change is not theirs to hear of. */
  notifies: NotificationKind | null;
}

const seats = (notifies: NotificationKind | null = null): ActionSpec => ({ category: 'seats', notifies });
const delegates: ActionSpec = { category: 'delegates', notifies: null };
const domains: ActionSpec = { category: 'domains', notifies: null };
const billing = (notifies: NotificationKind | null = null): ActionSpec => ({ category: 'billing', notifies });
const partner: ActionSpec = { category: 'partner', notifies: null };

export const JOURNAL_ACTIONS = {
  'subscription.purchased': billing(),
  'subscription.created_from_key': billing(),
  'subscription.extended': billing('renewal'),
  'trial.started': { category: 'subscription', notifies: null },
  'ownership.transferred': { category: 'subscription', notifies: null },
  'seat.assigned': seats('seats'),
  'seat.unassigned': seats('seats'),
  'seat.transferred': seats('seats'),
  'seat.suspended': seats(),
  'seat.resumed': seats(),
  'seat.left': seats(),
  'group.linked': seats(),
  'group.unlinked': seats(),
  /** The group sync stopped for want of the tenant's consent (or of this deployment's credentials); written when it stops, not at every run. */
  'group.sync_stopped': seats(),
  'invitation.sent': delegates,
  'invitation.resent': delegates,
  'invitation.revoked': delegates,
  'invitation.accepted': delegates,
  'delegate.permissions_changed': delegates,
  'delegate.removed': delegates,
  'partner.requested': delegates,
  'partner.approved': delegates,
  'partner.declined': delegates,
  'partner.ended': delegates,
  'domain.added': domains,
  'domain.proven': domains,
  'domain.removed': domains,
  /** Written by versions before domain proofs; still in older journals. */
  'domain.approved': domains,
  'organisation_admin.appointed': domains,
  'organisation_admin.dismissed': domains,
  'quantity.increased': billing('quantity'),
  'quantity.decrease_scheduled': billing('quantity'),
  'quantity.unchanged': billing(),
  'quantity.payment_failed': billing(),
  'payment_method.replaced': billing(),
  /** A card the bank refused when it was to replace the stored one (the stored card stays). */
  'payment_method.declined': billing(),
  'billing_profile.updated': billing(),
  'invoice.paid': billing(),
  'invoice.payment_failed': billing(),
  'invoice.refunded': billing(),
  'subscription.reactivated': billing('renewal'),
  'subscription.renewed': billing('renewal'),
  'renewal.payment_failed': billing('renewal'),
  'trial.converted': billing('renewal'),
  'subscription.expired': billing('cancellation'),
  'trial.expired': billing('cancellation'),
  'subscription.merged_into': billing('cancellation'),
  'subscription.consolidated': billing(),
  'consolidation.payment_failed': billing(),
  /** Consolidation by invitation: journaled in both subscriptions. */
  'consolidation.invited': billing(),
  'consolidation.declined': billing(),
  'consolidation.withdrawn': billing(),
  'consolidation.accepted': billing(),
  'partner.enrolled': partner,
  'partner.trial_allowance_set': partner,
  'staff.added': partner,
  'staff.role_changed': partner,
  'staff.removed': partner,
  'offer.created': partner,
  'offer.disabled': partner,
  'offer.enabled': partner,
  'offer.redeemed': partner,
  'request.sent': partner,
  'request.withdrawn': partner,
  'request.approved': partner,
  'request.declined': partner,
  'relationship.ended_by_customer': partner,
  'product_keys.purchased': partner,
  'product_key.redeemed': partner,
} as const satisfies Record<string, ActionSpec>;

export type JournalAction = keyof typeof JOURNAL_ACTIONS;

export const JOURNAL_ACTION_NAMES = Object.keys(JOURNAL_ACTIONS) as JournalAction[];

export function isJournalAction(value: string): value is JournalAction {
  return Object.prototype.hasOwnProperty.call(JOURNAL_ACTIONS, value);
}

export function categoryOf(action: JournalAction): JournalCategory {
  return JOURNAL_ACTIONS[action].category;
}

export function notificationKind(action: JournalAction): NotificationKind | null {
  return JOURNAL_ACTIONS[action].notifies;
}

/** Actions a subscription's journal can show (the partner's own entries are not among them). */
export const SUBSCRIPTION_JOURNAL_ACTIONS = JOURNAL_ACTION_NAMES.filter((action) => categoryOf(action) !== 'partner');

/**
 * The role someone acted in. `partner`: partner staff, in their own partner organisation or for a
 * customer; `system`: a job (renewals); `vendor`: the vendor's command on the server's host;
 * `customer`: a customer acting on a partner's offer, key or request; `group_sync`: the sync of the
 * subscription's linked Microsoft 365 groups (seats given and taken by group membership).
 */
export const ACTOR_ROLES = [
  'owner',
  'delegate',
  'partner',
  'organisation_admin',
  'seat_holder',
  'customer',
  'system',
  'vendor',
  'group_sync',
] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export function isActorRole(value: string): value is ActorRole {
  return (ACTOR_ROLES as readonly string[]).includes(value);
}
