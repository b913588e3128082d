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
} from '#shared/permissions/permissions.js';
import { ApiError } from '../http/apiError.js';
import { endedRefusal } from '#shared/billing/subscriptionState.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { JournalAction } from '#shared/journal/journalActions.js';
import { Journal, type JournalActor, type PartnerActor, type PersonActor } from '../journal/journal.js';
import type { OrganisationRow, Repositories, SubscriptionRow } from '../storage/unitOfWork.js';

export interface Access {
  caller: CallerIdentity;
  subscription: SubscriptionRow;
  role: Role;
  permissions: readonly Permission[];
  actions: SubscriptionAction[];
  /** When the caller acts as partner staff: the partner, their staff role there, and whom they act for. */
  partner?: { id: string; name: string; staffRole: PartnerStaffRole; onBehalfOf: string };
}

export async function rolesOf(
  repos: Repositories,
  subscription: SubscriptionRow,
  at: number = Date.now(),
): Promise<SubscriptionRoles> {
  const [organisation, delegates, relationships] = await Promise.all([
    organisationRolesOf(repos, subscription.organisationId),
    repos.delegation.listDelegates(subscription.id),
    repos.partners.grantsFor(subscription.id),
  ]);
  return {
    owner: { tenantId: subscription.ownerTenantId, objectId: subscription.ownerObjectId },
    delegates: delegates.map((d) => ({ tenantId: d.tenantId, objectId: d.objectId, permissions: d.permissions })),
    partners: { asOf: at, relationships },
    ...(organisation ? { organisation } : {}),
  };
}

export async function organisationRolesOf(
  repos: Repositories,
  organisationId: string,
): Promise<OrganisationRoles | undefined> {
  const organisation = await repos.organisations.find(organisationId);
  return (
    organisation && {
      tenantId: organisation.tenantId,
      administrators: await repos.organisations.listAdministrators(organisationId),
    }
  );
}

/**
 * The caller's own organisation (the one of their tenant) for an organisation-wide action: only
 * its administrators reach it; anyone else, and any other tenant, gets "not found".
 */
export async function authorizeOrganisation(
  repos: Repositories,
  caller: CallerIdentity,
  action: OrganisationAction,
): Promise<OrganisationRow> {
  const organisation = await repos.organisations.findByTenant(caller.tenantId);
  const roles = organisation && (await organisationRolesOf(repos, organisation.id));
  if (!organisation || !canInOrganisation(caller, action, roles))
    throw new ApiError(
      404,
      'ORGANISATION_NOT_FOUND',
      'You do not administer an Outmerge organisation for your Microsoft 365 tenant. Ask its administrator (the first buyer) to appoint you.',
    );
  return organisation;
}

/** The partner whose active relationship gives the caller their role, for the journal ("partner X for customer Y"). */
async function actingPartner(
  repos: Repositories,
  caller: CallerIdentity,
  subscription: SubscriptionRow,
  at: number,
): Promise<Access['partner']> {
  for (const grant of await repos.partners.grantsFor(subscription.id)) {
    const staff = isRelationshipActive(grant, at) ? grant.staff.find((s) => isSameActor(caller, s)) : undefined;
    const partner = staff && (await repos.partners.findPartner(grant.partnerId));
    if (!staff || !partner) continue;
    const customer = (await repos.organisations.find(subscription.organisationId))?.name ?? subscription.ownerEmail;
    return {
      id: partner.id,
      name: partner.name,
      staffRole: staff.role,
      onBehalfOf: `partner ${partner.name} for customer ${customer}`,
    };
  }
  return undefined;
}

/**
 * The caller's access to a subscription for `action`. Someone with no role there gets "not
 * found", so that ids of other organisations reveal nothing; a role without the permission gets 403.
 */
export async function authorize(
  repos: Repositories,
  caller: CallerIdentity,
  subscriptionId: string,
  action: SubscriptionAction,
  at: number = Date.now(),
): Promise<Access> {
  const subscription = await repos.subscriptions.find(subscriptionId);
  const roles = subscription && (await rolesOf(repos, subscription, at));
  const role = roles ? roleOf(caller, roles) : null;
  if (!subscription || !roles || role === null)
    throw new ApiError(404, 'SUBSCRIPTION_NOT_FOUND', 'No subscription with this id is visible to you.');
  if (!can(caller, action, roles))
    throw new ApiError(403, 'FORBIDDEN', 'You do not have the permission for this action on this subscription.');
  const partner = role === 'partner' ? await actingPartner(repos, caller, subscription, at) : undefined;
  return {
    caller,
    subscription,
    role,
    permissions: permissionsOf(caller, roles) ?? [],
    actions: allowedActions(caller, roles),
    ...(partner ? { partner } : {}),
  };
}

/**
 * Who acted, as the journal records them. A payment keeps its payer's so that recording it later
 * (after the bank's confirmation, a webhook, a crash) needs no new permission check: once the
 * money moved, it settles what it was for even if the payer's role has changed since.
 */
/**
 * Refuses a change to a subscription that has ended (shared/src/billing/subscriptionState.ts's
 * `endedRefusal`): a 409 with a stable code, after the permission check so a stranger still learns
 * nothing. Called inside the change's transaction, on the row it locked.
 */
export function refuseIfEnded(subscription: Pick<SubscriptionRow, 'status'>): void {
  const code = endedRefusal(subscription.status);
  if (code === 'SUBSCRIPTION_ENDED')
    throw new ApiError(
      409,
      code,
      'This subscription is cancelled: it takes no more changes. Buy a new subscription to license people again.',
    );
  if (code) throw new ApiError(409, code, 'This subscription has expired. Pay the open invoice first.');
}

export type { JournalActor };

export function actorOf(access: Access): PersonActor | PartnerActor {
  const { caller } = access;
  const email = caller.email ?? '';
  if (access.role !== 'partner')
    return { role: access.role, tenantId: caller.tenantId, objectId: caller.objectId, email };
  const partner = access.partner;
  return {
    role: 'partner',
    tenantId: caller.tenantId,
    objectId: caller.objectId,
    email,
    ...(partner ? { partner: { id: partner.id, staffRole: partner.staffRole } } : {}),
    onBehalfOf: partner?.onBehalfOf ?? null,
  };
}

type JournalLine = { action: JournalAction; target: string | null; detail?: unknown; ip: string | null; at: number };

/** An entry about the subscription, by this actor. */
export function journalAs(
  tx: Repositories,
  subscription: Pick<SubscriptionRow, 'id' | 'organisationId'>,
  actor: JournalActor,
  entry: JournalLine,
): Promise<void> {
  return Journal.record(tx, {
    organisationId: subscription.organisationId,
    subscriptionId: subscription.id,
    actor,
    ...entry,
  });
}

/** An entry about the subscription, by the caller in the role they were authorised in. */
export function journal(tx: Repositories, access: Access, entry: JournalLine): Promise<void> {
  return journalAs(tx, access.subscription, actorOf(access), entry);
}

/** Permissions a request names, in their canonical order without repeats; at least one (delegates, partner requests and offers). */
export function choosePermissions(permissions: readonly string[]): Permission[] {
  const chosen = PERMISSIONS.filter((p) => permissions.includes(p));
  if (chosen.length === 0)
    throw new ApiError(400, 'VALIDATION_FAILED', 'Choose at least one permission: assign, view, quantity, billing.');
  return chosen;
}
