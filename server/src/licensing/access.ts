/**
 * Who may do what to a subscription, answered once per request by the shared permission
 * function, and the journal entry every change writes with the actor's role. Partner staff act
 * through the subscription's active partner relationships (P3) and are journaled as "partner X
 * for customer Y" (actor role `partner`, `on_behalf_of`).
 */
import {
  allowedActions,
  can,
  canInOrganisation,
  isRelationshipActive,
  isSameActor,
  permissionsOf,
  roleOf,
  type OrganisationAction,
  type OrganisationRoles,
  type Permission,
  type Role,
  type SubscriptionAction,
  type SubscriptionRoles,
} from '../../../shared/src/permissions/permissions.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { JournalCategory, OrganisationRow, Storage, SubscriptionRow } from '../storage/storage.js';
import { onBehalfOf } from '../partners/rules.js';

export interface Access {
  caller: CallerIdentity;
  subscription: SubscriptionRow;
  role: Role;
  permissions: readonly Permission[];
  actions: SubscriptionAction[];
  /** When the caller acts as partner staff: the partner, and whom it acts for. */
  partner?: { id: string; name: string; onBehalfOf: string };
}

export function rolesOf(storage: Storage, subscription: SubscriptionRow, at: number = Date.now()): SubscriptionRoles {
  const organisation = organisationRolesOf(storage, subscription.organisationId);
  return {
    owner: { tenantId: subscription.ownerTenantId, objectId: subscription.ownerObjectId },
    delegates: storage.listDelegates(subscription.id).map((d) => ({ tenantId: d.tenantId, objectId: d.objectId, permissions: d.permissions })),
    partners: { asOf: at, relationships: storage.partners.grantsFor(subscription.id) },
    ...(organisation ? { organisation } : {}),
  };
}

export function organisationRolesOf(storage: Storage, organisationId: string): OrganisationRoles | undefined {
  const organisation = storage.findOrganisation(organisationId);
  return organisation && { tenantId: organisation.tenantId, administrators: storage.listOrganisationAdministrators(organisationId) };
}

/**
 * The caller's own organisation (the one of their tenant) for an organisation-wide action: only
 * its administrators reach it; anyone else, and any other tenant, gets "not found".
 */
export function authorizeOrganisation(storage: Storage, caller: CallerIdentity, action: OrganisationAction): OrganisationRow {
  const organisation = storage.findOrganisationByTenant(caller.tenantId);
  const roles = organisation && organisationRolesOf(storage, organisation.id);
  if (!organisation || !canInOrganisation(caller, action, roles)) throw new ApiError(404, 'ORGANISATION_NOT_FOUND', 'You do not administer an Outmerge organisation for your Microsoft 365 tenant. Ask its administrator (the first buyer) to appoint you.');
  return organisation;
}

/** The partner whose active relationship gives the caller their role, for the journal. */
function actingPartner(storage: Storage, caller: CallerIdentity, subscription: SubscriptionRow, at: number): Access['partner'] {
  const grant = storage.partners.grantsFor(subscription.id).find((g) => isRelationshipActive(g, at) && g.staff.some((staff) => isSameActor(caller, staff)));
  const partner = grant && storage.partners.findPartner(grant.partnerId);
  if (!partner) return undefined;
  const customer = storage.partners.organisation(subscription.organisationId)?.name ?? subscription.ownerEmail;
  return { id: partner.id, name: partner.name, onBehalfOf: onBehalfOf(partner.name, customer) };
}

/**
 * The caller's access to a subscription for `action`. Someone with no role there gets "not
 * found", so that ids of other organisations reveal nothing; a role without the permission gets 403.
 */
export function authorize(storage: Storage, caller: CallerIdentity, subscriptionId: string, action: SubscriptionAction, at: number = Date.now()): Access {
  const subscription = storage.findSubscription(subscriptionId);
  const roles = subscription && rolesOf(storage, subscription, at);
  const role = roles ? roleOf(caller, roles) : null;
  if (!subscription || !roles || role === null) throw new ApiError(404, 'SUBSCRIPTION_NOT_FOUND', 'No subscription with this id is visible to you.');
  if (!can(caller, action, roles)) throw new ApiError(403, 'FORBIDDEN', 'You do not have the permission for this action on this subscription.');
  const partner = role === 'partner' ? actingPartner(storage, caller, subscription, at) : undefined;
  return { caller, subscription, role, permissions: permissionsOf(caller, roles) ?? [], actions: allowedActions(caller, roles), ...(partner ? { partner } : {}) };
}

/**
 * Who acted, as the journal records them. A payment keeps its payer's so that recording it later
 * (after the bank's confirmation, a webhook, a crash) needs no new permission check: once the
 * money moved, it settles what it was for even if the payer's role has changed since.
 */
export interface JournalActor {
  tenantId: string;
  objectId: string;
  email: string;
  role: string;
  onBehalfOf: string | null;
}

export function actorOf(access: Access): JournalActor {
  return { tenantId: access.caller.tenantId, objectId: access.caller.objectId, email: access.caller.email ?? '', role: access.role, onBehalfOf: access.partner?.onBehalfOf ?? null };
}

type JournalLine = { category: JournalCategory; action: string; target: string | null; detail?: unknown; ip: string | null; at: number };

export function journalAs(storage: Storage, subscription: Pick<SubscriptionRow, 'id' | 'organisationId'>, actor: JournalActor, entry: JournalLine): void {
  storage.appendJournal({
    organisationId: subscription.organisationId,
    subscriptionId: subscription.id,
    actor: { tenantId: actor.tenantId, objectId: actor.objectId, email: actor.email },
    actorRole: actor.role,
    onBehalfOf: actor.onBehalfOf,
    category: entry.category,
    action: entry.action,
    target: entry.target,
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    ip: entry.ip,
    at: entry.at,
  });
}

export function journal(storage: Storage, access: Access, entry: JournalLine): void {
  journalAs(storage, access.subscription, actorOf(access), entry);
}
