/**
 * The permission model: one pure function answers every (actor, action, subscription) question,
 * and every route asks it. The owner holds every permission; a delegate holds the ones granted
 * (A5); nobody holds anything in a subscription they have no role in, so no permission crosses
 * into another organisation.
 */
export const PERMISSIONS = ['assign', 'view', 'quantity', 'billing'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type SubscriptionAction =
  | 'subscription.view'
  | 'seats.view'
  | 'seats.assign'
  | 'seats.unassign'
  | 'seats.suspend'
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

/** What each action needs: a permission, any role at all, or being the owner. */
const REQUIRED: Record<SubscriptionAction, { anyOf: readonly Permission[] } | 'any' | 'owner'> = {
  'subscription.view': 'any',
  'seats.view': { anyOf: ['view', 'assign'] },
  'seats.assign': { anyOf: ['assign'] },
  'seats.unassign': { anyOf: ['assign'] },
  'seats.suspend': { anyOf: ['assign'] },
  'journal.view': { anyOf: ['view'] },
  'journal.view.billing': { anyOf: ['billing'] },
  'delegates.view': { anyOf: ['view'] },
  'delegates.manage': 'owner',
  'domains.view': { anyOf: ['view', 'assign'] },
  'domains.manage': 'owner',
  'ownership.transfer': 'owner',
  'quantity.change': { anyOf: ['quantity'] },
  'billing.view': { anyOf: ['billing'] },
  'billing.manage': { anyOf: ['billing'] },
  'subscription.consolidate': 'owner',
};

export interface Actor {
  tenantId: string;
  objectId: string;
}

export interface SubscriptionRoles {
  owner: Actor;
  delegates: ReadonlyArray<Actor & { permissions: readonly Permission[] }>;
}

export type Role = 'owner' | 'delegate';

export function isSameActor(a: Actor, b: Actor): boolean {
  return a.tenantId === b.tenantId && a.objectId === b.objectId;
}

export function roleOf(actor: Actor, roles: SubscriptionRoles): Role | null {
  if (isSameActor(actor, roles.owner)) return 'owner';
  return roles.delegates.some((delegate) => isSameActor(actor, delegate)) ? 'delegate' : null;
}

export function permissionsOf(actor: Actor, roles: SubscriptionRoles): readonly Permission[] | null {
  if (isSameActor(actor, roles.owner)) return PERMISSIONS;
  return roles.delegates.find((delegate) => isSameActor(actor, delegate))?.permissions ?? null;
}

export function can(actor: Actor, action: SubscriptionAction, roles: SubscriptionRoles): boolean {
  const role = roleOf(actor, roles);
  if (role === null) return false;
  const required = REQUIRED[action];
  if (required === 'any') return true;
  if (required === 'owner') return role === 'owner';
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
