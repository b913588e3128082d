import { describe, expect, it } from 'vitest';
import type { SeatForCheck } from '../storage/unitOfWork.js';
import { decideLicense, footerApplies, seatsThatCount } from './decideLicense.js';

function seat(overrides: Partial<SeatForCheck> = {}): SeatForCheck {
  return {
    id: 'seat',
    subscriptionId: 'sub',
    emailCanonical: 'a@contoso.com',
    emailDisplay: 'a@contoso.com',
    language: 'en',
    boundTenantId: 't',
    boundObjectId: 'o',
    assignedAt: 0,
    lastCheckInAt: null,
    removedAt: null,
    suspendedAt: null,
    subscriptionStatus: 'active',
    planId: 'monthly',
    organisationId: 'org',
    organisationTenantId: 't',
    periodEnd: 1,
    ...overrides,
  };
}

describe('decideLicense', () => {
  it('checks in a fixed order: no seat, subscription state, suspension, removal, active', () => {
    expect(decideLicense([]).code).toBe('NO_LICENSE');
    expect(decideLicense([seat({ subscriptionStatus: 'expired', suspendedAt: 1, removedAt: 2 })]).code).toBe(
      'SUBSCRIPTION_EXPIRED',
    );
    expect(decideLicense([seat({ subscriptionStatus: 'cancelled' })]).code).toBe('SUBSCRIPTION_EXPIRED');
    expect(decideLicense([seat({ suspendedAt: 1, removedAt: 2 })]).code).toBe('SUSPENDED');
    expect(decideLicense([seat({ removedAt: 5 })]).code).toBe('SEAT_REMOVED');
    expect(decideLicense([seat({ subscriptionStatus: 'past_due' })]).code).toBe('ACTIVE');
    expect(decideLicense([seat({ subscriptionStatus: 'trial' })]).code).toBe('ACTIVE');
  });

  it('prefers a licensed seat when a person has several', () => {
    const decision = decideLicense([seat({ id: 'old', subscriptionStatus: 'expired' }), seat({ id: 'new' })]);
    expect(decision).toMatchObject({ code: 'ACTIVE', seat: { id: 'new' } });
    expect(
      decideLicense([seat({ id: 'gone', removedAt: 9 }), seat({ id: 'lapsed', subscriptionStatus: 'expired' })]).code,
    ).toBe('SUBSCRIPTION_EXPIRED');
  });

  it('removes the footer only when active', () => {
    expect(footerApplies('ACTIVE')).toBe(false);
    for (const code of ['NO_LICENSE', 'SUBSCRIPTION_EXPIRED', 'SUSPENDED', 'SEAT_REMOVED'] as const)
      expect(footerApplies(code)).toBe(true);
  });
});

describe('seatsThatCount', () => {
  it("lets a live seat of the person's own tenant speak alone, even when another organisation's is active", () => {
    const own = seat({ id: 'own', organisationTenantId: 'home', suspendedAt: 5 });
    const foreign = seat({ id: 'foreign', organisationTenantId: 'elsewhere' });
    expect(seatsThatCount([foreign, own], 'home').map((s) => s.id)).toEqual(['own']);
    expect(decideLicense(seatsThatCount([foreign, own], 'home'))).toMatchObject({
      code: 'SUSPENDED',
      seat: { id: 'own' },
    });
    // Without a live seat of their own, the others count.
    expect(
      seatsThatCount([foreign, seat({ id: 'old', organisationTenantId: 'home', removedAt: 1 })], 'home').map(
        (s) => s.id,
      ),
    ).toEqual(['foreign', 'old']);
  });
});
