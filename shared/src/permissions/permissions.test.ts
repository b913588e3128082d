import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  can,
  canInOrganisation,
  GLOBAL_ADMINISTRATOR_ROLE,
  permissionsOf,
  PERMISSIONS,
  roleOf,
  type PartnerRelationship,
  type Permission,
  type SubscriptionAction,
} from './permissions.js';

const owner = { tenantId: 't1', objectId: 'owner' };
const roles = (permissions: Permission[]) => ({
  owner,
  delegates: [{ tenantId: 't1', objectId: 'delegate', permissions }],
});
const delegate = { tenantId: 't1', objectId: 'delegate' };

describe('can', () => {
  it("gives the owner everything of the subscription; the organisation's domains only as one of its administrators", () => {
    expect(allowedActions(owner, roles([]))).toHaveLength(17);
    expect(can(owner, 'domains.manage', roles([]))).toBe(false);
    expect(
      allowedActions(owner, { ...roles([]), organisation: { tenantId: 't1', administrators: [owner] } }),
    ).toHaveLength(18);
  });

  it("keeps organisation-wide settings to its administrators: appointed, or the own tenant's Global Administrator", () => {
    const organisation = { tenantId: 't1', administrators: [{ tenantId: 't1', objectId: 'admin' }] };
    const withOrganisation = (permissions: Permission[]) => ({ ...roles(permissions), organisation });
    // Another subscription's owner of the same organisation: no.
    expect(can(owner, 'domains.manage', withOrganisation([]))).toBe(false);
    expect(
      can(
        { tenantId: 't1', objectId: 'delegate', directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE] },
        'domains.manage',
        withOrganisation(['view']),
      ),
    ).toBe(true);
    expect(canInOrganisation({ tenantId: 't1', objectId: 'admin' }, 'organisation.domains.manage', organisation)).toBe(
      true,
    );
    expect(
      canInOrganisation(
        { tenantId: 't1', objectId: 'x', directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE] },
        'organisation.administrators.manage',
        organisation,
      ),
    ).toBe(true);
    // A Global Administrator of another tenant, or the same object id elsewhere: no.
    expect(
      canInOrganisation(
        { tenantId: 't2', objectId: 'x', directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE] },
        'organisation.view',
        organisation,
      ),
    ).toBe(false);
    expect(canInOrganisation({ tenantId: 't2', objectId: 'admin' }, 'organisation.view', organisation)).toBe(false);
    expect(canInOrganisation({ tenantId: 't1', objectId: 'admin' }, 'organisation.view', undefined)).toBe(false);
  });

  it('gives a delegate exactly what their permissions allow', () => {
    expect(allowedActions(delegate, roles(['assign']))).toEqual([
      'subscription.view',
      'seats.view',
      'seats.assign',
      'seats.unassign',
      'seats.suspend',
      'groups.view',
      'groups.manage',
      'domains.view',
    ]);
    expect(allowedActions(delegate, roles(['view']))).toEqual([
      'subscription.view',
      'seats.view',
      'groups.view',
      'journal.view',
      'delegates.view',
      'domains.view',
    ]);
    expect(allowedActions(delegate, roles(['billing']))).toEqual([
      'subscription.view',
      'journal.view.billing',
      'billing.view',
      'billing.manage',
    ]);
    expect(allowedActions(delegate, roles(['quantity']))).toEqual(['subscription.view', 'quantity.change']);
  });

  it('never lets a delegate manage delegates, domains or ownership, whatever they hold (property)', () => {
    fc.assert(
      fc.property(fc.subarray([...PERMISSIONS]), (held) => {
        for (const action of [
          'delegates.manage',
          'domains.manage',
          'ownership.transfer',
          'subscription.consolidate',
        ] as SubscriptionAction[])
          expect(can(delegate, action, roles(held))).toBe(false);
      }),
    );
  });

  it('gives nothing to someone without a role, even with the same object id in another tenant', () => {
    expect(
      allowedActions({ tenantId: 't2', objectId: 'owner' }, roles(['assign', 'view', 'quantity', 'billing'])),
    ).toEqual([]);
    expect(allowedActions({ tenantId: 't1', objectId: 'stranger' }, roles(['assign']))).toEqual([]);
  });
});

describe('can, for partner staff (P1, P3)', () => {
  const now = 1_000_000;
  const full = { tenantId: 'tp', objectId: 'full' };
  const limited = { tenantId: 'tp', objectId: 'limited' };
  const partnerOwner = { tenantId: 'tp', objectId: 'powner' };
  const staff = [
    { ...full, role: 'full' as const },
    { ...limited, role: 'limited' as const },
    { ...partnerOwner, role: 'owner' as const },
  ];
  const withPartner = (permissions: Permission[], relationship: Partial<PartnerRelationship> = {}) => ({
    owner,
    delegates: [],
    partners: {
      asOf: now,
      relationships: [{ status: 'active' as const, expiresAt: now + 1, permissions, staff, ...relationship }],
    },
  });

  it("gives full administration the granted permissions, and the partner owner the same, except linking the customer's directory groups", () => {
    const asDelegate = allowedActions(delegate, roles(['assign', 'view', 'quantity', 'billing']));
    expect(allowedActions(full, withPartner(['assign', 'view', 'quantity', 'billing']))).toEqual(
      asDelegate.filter((action) => action !== 'groups.manage'),
    );
    // Linking a group reads the customer's own directory: the owner's and delegates' to do, never partner staff's.
    expect(can(full, 'groups.manage', withPartner(['assign']))).toBe(false);
    expect(can(full, 'groups.view', withPartner(['view']))).toBe(true);
    expect(allowedActions(partnerOwner, withPartner(['quantity']))).toEqual(['subscription.view', 'quantity.change']);
    expect(roleOf(full, withPartner(['view']))).toBe('partner');
  });

  it('gives limited administration view and assign at most', () => {
    expect(permissionsOf(limited, withPartner(['assign', 'view', 'quantity', 'billing']))).toEqual(['assign', 'view']);
    expect(can(limited, 'quantity.change', withPartner(['quantity', 'view']))).toBe(false);
    expect(can(limited, 'billing.view', withPartner(['billing', 'view']))).toBe(false);
    expect(can(limited, 'seats.assign', withPartner(['assign']))).toBe(true);
  });

  it('gives nothing through a pending, declined, withdrawn, ended or expired relationship, nor to another partner', () => {
    for (const status of ['pending', 'declined', 'withdrawn', 'ended'] as const)
      expect(roleOf(full, withPartner(['view'], { status }))).toBeNull();
    expect(roleOf(full, withPartner(['view'], { expiresAt: now }))).toBeNull();
    expect(roleOf(full, withPartner(['view'], { expiresAt: null }))).toBeNull();
    expect(roleOf({ tenantId: 'other', objectId: 'full' }, withPartner(['view']))).toBeNull();
  });

  it('never lets partner staff transfer ownership or manage delegates, domains or consolidation (property)', () => {
    fc.assert(
      fc.property(fc.subarray([...PERMISSIONS]), fc.constantFrom(full, limited, partnerOwner), (held, who) => {
        for (const action of [
          'delegates.manage',
          'domains.manage',
          'ownership.transfer',
          'subscription.consolidate',
        ] as SubscriptionAction[])
          expect(can(who, action, withPartner(held))).toBe(false);
        expect(permissionsOf(who, withPartner(held))?.every((p) => held.includes(p))).toBe(true);
      }),
    );
  });

  it('lets a delegate who is also partner staff keep the delegate role', () => {
    const both = {
      owner,
      delegates: [{ ...full, permissions: ['billing' as const] }],
      partners: withPartner(['view']).partners,
    };
    expect(roleOf(full, both)).toBe('delegate');
    expect(permissionsOf(full, both)).toEqual(['billing']);
  });
});
