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
  | 'journal.view'
  | 'quantity.change'
  | 'billing.view'
  | 'billing.manage';

const REQUIRED: Record<SubscriptionAction, Permission | 'any'> = {
  'subscription.view': 'any',
  'seats.view': 'any',
  'seats.assign': 'assign',
  'seats.unassign': 'assign',
  'journal.view': 'view',
  'quantity.change': 'quantity',
  'billing.view': 'billing',
  'billing.manage': 'billing',
};

export interface Actor {
  tenantId: string;
  objectId: string;
}

export interface SubscriptionRoles {
  owner: Actor;
  delegates: ReadonlyArray<Actor & { permissions: readonly Permission[] }>;
}

export function isSameActor(a: Actor, b: Actor): boolean {
  return a.tenantId === b.tenantId && a.objectId === b.objectId;
}

export function permissionsOf(actor: Actor, roles: SubscriptionRoles): readonly Permission[] | null {
  if (isSameActor(actor, roles.owner)) return PERMISSIONS;
  return roles.delegates.find((delegate) => isSameActor(actor, delegate))?.permissions ?? null;
}

export function can(actor: Actor, action: SubscriptionAction, roles: SubscriptionRoles): boolean {
  const held = permissionsOf(actor, roles);
  if (held === null) return false;
  const required = REQUIRED[action];
  return required === 'any' ? true : held.includes(required);
}
