/**
 * The permission model: one pure function answers every (actor, action, subscription) question,
 * and every route asks it. The owner holds every permission; a delegate holds the ones granted
 * (A5); nobody holds anything in a subscription they have no role in, so no permission crosses
 * into another organisation. Partner staff (P1, P3) act through an active relationship: the
 * permissions the customer granted, intersected with their staff role (limited: view and assign
 * at most), and never the owner's own actions (delegates, domains, ownership, consolidation).
 * Organisation-wide settings (which domains the organisation proved, who administers it) belong
 * to the organisation's administrators, not to the owner of any one subscription: the first buyer,
 * those they appoint, and the tenant's Global Administrators (Entra's `wids` claim).
 */
export const PERMISSIONS = ['assign', 'view', 'quantity', 'billing'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type SubscriptionAction =
  | 'subscription.view'
  | 'seats.view'
  | 'seats.assign'
  | 'seats.unassign'
  | 'seats.suspend'
  | 'groups.view'
  | 'groups.manage'
  | 'journal.view'
  | 'journal.view.billing'
  | 'delegates.view'
  | 'delegates.manage'
  | 'domains.view'
  | 'domains.manage'
  | 'ownership.transfer'
  | 'quantity.change'
  | 'billing.view'
  | 'billing.manage'
  | 'subscription.consolidate';

/**
 * What each action needs: a permission (`roles`: held in one of these roles only), any role at all,
 * being the owner, or administering the organisation.
 */
const REQUIRED: Record<
  SubscriptionAction,
  { anyOf: readonly Permission[]; roles?: readonly Role[] } | 'any' | 'owner' | 'organisation'
> = {
  'subscription.view': 'any',
  'seats.view': { anyOf: ['view', 'assign'] },
  'seats.assign': { anyOf: ['assign'] },
  'seats.unassign': { anyOf: ['assign'] },
  'seats.suspend': { anyOf: ['assign'] },
  'groups.view': { anyOf: ['view', 'assign'] },
  // Linking a group reads the organisation's own directory: its owner and its delegates, not a partner's staff.
  'groups.manage': { anyOf: ['assign'], roles: ['owner', 'delegate'] },
  'journal.view': { anyOf: ['view'] },
  'journal.view.billing': { anyOf: ['billing'] },
  'delegates.view': { anyOf: ['view'] },
  'delegates.manage': 'owner',
  'domains.view': { anyOf: ['view', 'assign'] },
  // Domains are the organisation's, shared by every subscription of it: one owner must not remove another's.
  'domains.manage': 'organisation',
  'ownership.transfer': 'owner',
  'quantity.change': { anyOf: ['quantity'] },
  'billing.view': { anyOf: ['billing'] },
  'billing.manage': { anyOf: ['billing'] },
  'subscription.consolidate': 'owner',
};

/** Every subscription action, in one list (the API's schemas enumerate it). */
export const SUBSCRIPTION_ACTIONS = Object.keys(REQUIRED) as readonly SubscriptionAction[];

export interface Actor {
  tenantId: string;
  objectId: string;
  /** Entra directory role template ids from the access token's `wids` claim (absent: none). */
  directoryRoles?: readonly string[] | undefined;
}

/**
 * The Global Administrator role's template id (Entra built-in roles reference). Entra puts it in
 * the `wids` claim of access tokens when the app registration's `groupMembershipClaims` is
 * `DirectoryRole` or `All` (access token claims reference).
 */
export const GLOBAL_ADMINISTRATOR_ROLE = '62e90394-69f5-4237-9190-012177145e10';

/** Who administers an organisation (the customer behind one Entra tenant). */
export interface OrganisationRoles {
  tenantId: string;
  administrators: readonly Actor[];
}

export type OrganisationAction =
  'organisation.view' | 'organisation.domains.manage' | 'organisation.administrators.manage';

/**
 * An organisation administrator: appointed (the first buyer, then whom they appoint), or a Global
 * Administrator of the organisation's own tenant. A directory role of another tenant counts for nothing.
 */
export function isOrganisationAdministrator(actor: Actor, organisation: OrganisationRoles): boolean {
  if (organisation.administrators.some((admin) => isSameActor(actor, admin))) return true;
  return actor.tenantId === organisation.tenantId && (actor.directoryRoles ?? []).includes(GLOBAL_ADMINISTRATOR_ROLE);
}

/** Organisation-wide actions: every one belongs to the organisation's administrators. */
export function canInOrganisation(
  actor: Actor,
  _action: OrganisationAction,
  organisation: OrganisationRoles | undefined,
): boolean {
  return organisation !== undefined && isOrganisationAdministrator(actor, organisation);
}

/** A partner staff member's role: the partner's owner and full administrators act alike for customers. */
export type PartnerStaffRole = 'owner' | 'full' | 'limited';

/** What limited administration may hold at most (P1). */
export const LIMITED_PARTNER_PERMISSIONS: readonly Permission[] = ['view', 'assign'];

/** A partner's relationship with the subscription (P3), as stored; whether it is active is decided here. */
export interface PartnerRelationship {
  status: 'pending' | 'active' | 'declined' | 'withdrawn' | 'ended';
  /** When the relationship ends by itself (null until approved). */
  expiresAt: number | null;
  permissions: readonly Permission[];
  /** The partner's staff who are bound to a Microsoft 365 identity. */
  staff: ReadonlyArray<Actor & { role: PartnerStaffRole }>;
}

export interface SubscriptionRoles {
  owner: Actor;
  delegates: ReadonlyArray<Actor & { permissions: readonly Permission[] }>;
  /** Partner relationships and the time to judge them at (absent: no partner has a role). */
  partners?: { asOf: number; relationships: readonly PartnerRelationship[] };
  /** The subscription's organisation, for organisation-wide actions (absent: nobody may take them). */
  organisation?: OrganisationRoles;
}

export const ROLES = ['owner', 'delegate', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export function isSameActor(a: Actor, b: Actor): boolean {
  return a.tenantId === b.tenantId && a.objectId === b.objectId;
}

/** Approved, not ended or revoked, and not past its expiry at `asOf`. */
export function isRelationshipActive(
  relationship: Pick<PartnerRelationship, 'status' | 'expiresAt'>,
  asOf: number,
): boolean {
  return relationship.status === 'active' && relationship.expiresAt !== null && relationship.expiresAt > asOf;
}

/** The granted permissions a staff role may use: limited keeps view and assign at most. */
export function partnerPermissions(granted: readonly Permission[], role: PartnerStaffRole): Permission[] {
  return PERMISSIONS.filter(
    (p) => granted.includes(p) && (role !== 'limited' || LIMITED_PARTNER_PERMISSIONS.includes(p)),
  );
}

/** The union of what the actor holds through every active relationship they are staff of; null when none. */
function partnerPermissionsOf(actor: Actor, roles: SubscriptionRoles): Permission[] | null {
  if (!roles.partners) return null;
  let held: Permission[] | null = null;
  for (const relationship of roles.partners.relationships) {
    if (!isRelationshipActive(relationship, roles.partners.asOf)) continue;
    const member = relationship.staff.find((staff) => isSameActor(actor, staff));
    if (!member) continue;
    const granted = partnerPermissions(relationship.permissions, member.role);
    held = PERMISSIONS.filter((p) => granted.includes(p) || (held ?? []).includes(p));
  }
  return held;
}

export function roleOf(actor: Actor, roles: SubscriptionRoles): Role | null {
  if (isSameActor(actor, roles.owner)) return 'owner';
  if (roles.delegates.some((delegate) => isSameActor(actor, delegate))) return 'delegate';
  return partnerPermissionsOf(actor, roles) === null ? null : 'partner';
}

export function permissionsOf(actor: Actor, roles: SubscriptionRoles): readonly Permission[] | null {
  if (isSameActor(actor, roles.owner)) return PERMISSIONS;
  return (
    roles.delegates.find((delegate) => isSameActor(actor, delegate))?.permissions ?? partnerPermissionsOf(actor, roles)
  );
}

export function can(actor: Actor, action: SubscriptionAction, roles: SubscriptionRoles): boolean {
  const role = roleOf(actor, roles);
  if (role === null) return false;
  const required = REQUIRED[action];
  if (required === 'any') return true;
  if (required === 'owner') return role === 'owner';
  if (required === 'organisation')
    return roles.organisation !== undefined && isOrganisationAdministrator(actor, roles.organisation);
  if (required.roles && !required.roles.includes(role)) return false;
  const held = permissionsOf(actor, roles) ?? [];
  return required.anyOf.some((permission) => held.includes(permission));
}

/** Every action the actor may take, for the pages to show only what can be done. */
export function allowedActions(actor: Actor, roles: SubscriptionRoles): SubscriptionAction[] {
  return (Object.keys(REQUIRED) as SubscriptionAction[]).filter((action) => can(actor, action, roles));
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
