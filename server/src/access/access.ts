/**
 * Who may do what to a subscription, answered once per request by the shared permission
 * function, and the journal entry every change writes with the actor's role. Partner staff act
 * through the subscription's active partner relationships (P3) and are journaled as "partner X
 * for customer Y" (actor role `partner`, `on_behalf_of`).
 */
import {
  PERMISSIONS,
  allowedActions,
  can,
  canInOrganisation,
  isRelationshipActive,
  isSameActor,
  permissionsOf,
  roleOf,
  type OrganisationAction,
  type OrganisationRoles,
  type PartnerStaffRole,
  type Permission,
  type Role,
  type SubscriptionAction,
  type SubscriptionRoles,
} from '../../../shared/src/permissions/permissions.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { JournalAction } from '../../../shared/src/journal/journalActions.js';
import { Journal, type JournalActor, type PartnerActor, type PersonActor } from '../journal/journal.js';
import type { OrganisationRow, Storage, SubscriptionRow } from '../storage/storage.js';

export interface Access {
  caller: CallerIdentity;
  subscription: SubscriptionRow;
  role: Role;
  permissions: readonly Permission[];
  actions: SubscriptionAction[];
  /** When the caller acts as partner staff: the partner, their staff role there, and whom they act for. */
  partner?: { id: string; name: string; staffRole: PartnerStaffRole; onBehalfOf: string };
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

/** The partner whose active relationship gives the caller their role, for the journal ("partner X for customer Y"). */
function actingPartner(storage: Storage, caller: CallerIdentity, subscription: SubscriptionRow, at: number): Access['partner'] {
  for (const grant of storage.partners.grantsFor(subscription.id)) {
    const staff = isRelationshipActive(grant, at) ? grant.staff.find((s) => isSameActor(caller, s)) : undefined;
    const partner = staff && storage.partners.findPartner(grant.partnerId);
    if (!staff || !partner) continue;
    const customer = storage.findOrganisation(subscription.organisationId)?.name ?? subscription.ownerEmail;
    return { id: partner.id, name: partner.name, staffRole: staff.role, onBehalfOf: `partner ${partner.name} for customer ${customer}` };
  }
  return undefined;
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
export type { JournalActor };

export function actorOf(access: Access): PersonActor | PartnerActor {
  const { caller } = access;
  const email = caller.email ?? '';
  if (access.role !== 'partner') return { role: access.role, tenantId: caller.tenantId, objectId: caller.objectId, email };
  const partner = access.partner;
  return { role: 'partner', tenantId: caller.tenantId, objectId: caller.objectId, email, ...(partner ? { partner: { id: partner.id, staffRole: partner.staffRole } } : {}), onBehalfOf: partner?.onBehalfOf ?? null };
}

type JournalLine = { action: JournalAction; target: string | null; detail?: unknown; ip: string | null; at: number };

/** An entry about the subscription, by this actor. */
export function journalAs(storage: Storage, subscription: Pick<SubscriptionRow, 'id' | 'organisationId'>, actor: JournalActor, entry: JournalLine): void {
  Journal.record(storage, { organisationId: subscription.organisationId, subscriptionId: subscription.id, actor, ...entry });
}

/** An entry about the subscription, by the caller in the role they were authorised in. */
export function journal(storage: Storage, access: Access, entry: JournalLine): void {
  journalAs(storage, access.subscription, actorOf(access), entry);
}

/** Permissions a request names, in their canonical order without repeats; at least one (delegates, partner requests and offers). */
export function choosePermissions(permissions: readonly string[]): Permission[] {
  const chosen = PERMISSIONS.filter((p) => permissions.includes(p));
  if (chosen.length === 0) throw new ApiError(400, 'VALIDATION_FAILED', 'Choose at least one permission: assign, view, quantity, billing.');
  return chosen;
}
