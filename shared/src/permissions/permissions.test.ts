import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedActions, can, PERMISSIONS, type Permission, type SubscriptionAction } from './permissions.js';

const owner = { tenantId: 't1', objectId: 'owner' };
const roles = (permissions: Permission[]) => ({ owner, delegates: [{ tenantId: 't1', objectId: 'delegate', permissions }] });
const delegate = { tenantId: 't1', objectId: 'delegate' };

describe('can', () => {
  it('gives the owner everything', () => {
    expect(allowedActions(owner, roles([]))).toHaveLength(16);
  });

  it('gives a delegate exactly what their permissions allow', () => {
    expect(allowedActions(delegate, roles(['assign']))).toEqual(['subscription.view', 'seats.view', 'seats.assign', 'seats.unassign', 'seats.suspend', 'domains.view']);
    expect(allowedActions(delegate, roles(['view']))).toEqual(['subscription.view', 'seats.view', 'journal.view', 'delegates.view', 'domains.view']);
    expect(allowedActions(delegate, roles(['billing']))).toEqual(['subscription.view', 'journal.view.billing', 'billing.view', 'billing.manage']);
    expect(allowedActions(delegate, roles(['quantity']))).toEqual(['subscription.view', 'quantity.change']);
  });

  it('never lets a delegate manage delegates, domains or ownership, whatever they hold (property)', () => {
    fc.assert(
      fc.property(fc.subarray([...PERMISSIONS]), (held) => {
        for (const action of ['delegates.manage', 'domains.manage', 'ownership.transfer', 'subscription.consolidate'] as SubscriptionAction[]) expect(can(delegate, action, roles(held))).toBe(false);
      }),
    );
  });

  it('gives nothing to someone without a role, even with the same object id in another tenant', () => {
    expect(allowedActions({ tenantId: 't2', objectId: 'owner' }, roles(['assign', 'view', 'quantity', 'billing']))).toEqual([]);
    expect(allowedActions({ tenantId: 't1', objectId: 'stranger' }, roles(['assign']))).toEqual([]);
  });
});
