/**
 * Who may do what to a subscription, answered once per request by the shared permission
 * function, and the journal entry every change writes with the actor's role.
 */
import { allowedActions, can, permissionsOf, roleOf, type Permission, type Role, type SubscriptionAction, type SubscriptionRoles } from '../../../shared/src/permissions/permissions.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { JournalCategory, Storage, SubscriptionRow } from '../storage/storage.js';

export interface Access {
  caller: CallerIdentity;
  subscription: SubscriptionRow;
  role: Role;
  permissions: readonly Permission[];
  actions: SubscriptionAction[];
}

export function rolesOf(storage: Storage, subscription: SubscriptionRow): SubscriptionRoles {
  return {
    owner: { tenantId: subscription.ownerTenantId, objectId: subscription.ownerObjectId },
    delegates: storage.listDelegates(subscription.id).map((d) => ({ tenantId: d.tenantId, objectId: d.objectId, permissions: d.permissions })),
  };
}

/**
 * The caller's access to a subscription for `action`. Someone with no role there gets "not
 * found", so that ids of other organisations reveal nothing; a role without the permission gets 403.
 */
export function authorize(storage: Storage, caller: CallerIdentity, subscriptionId: string, action: SubscriptionAction): Access {
  const subscription = storage.findSubscription(subscriptionId);
  const roles = subscription && rolesOf(storage, subscription);
  const role = roles ? roleOf(caller, roles) : null;
  if (!subscription || !roles || role === null) throw new ApiError(404, 'SUBSCRIPTION_NOT_FOUND', 'No subscription with this id is visible to you.');
  if (!can(caller, action, roles)) throw new ApiError(403, 'FORBIDDEN', 'You do not have the permission for this action on this subscription.');
  return { caller, subscription, role, permissions: permissionsOf(caller, roles) ?? [], actions: allowedActions(caller, roles) };
}

export function journal(storage: Storage, access: Access, entry: { category: JournalCategory; action: string; target: string | null; detail?: unknown; ip: string | null; at: number }): void {
  storage.appendJournal({
    organisationId: access.subscription.organisationId,
    subscriptionId: access.subscription.id,
    actor: { tenantId: access.caller.tenantId, objectId: access.caller.objectId, email: access.caller.email ?? '' },
    actorRole: access.role,
    onBehalfOf: null,
    category: entry.category,
    action: entry.action,
    target: entry.target,
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    ip: entry.ip,
    at: entry.at,
  });
}
