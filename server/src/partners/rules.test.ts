import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalProductKey,
  KEY_ALPHABET,
  maskedProductKey,
  newAdvisorCode,
  newProductKey,
  offerRefusal,
  partnerActions,
  productKeyHash,
  readProductKey,
  relationshipState,
  validRelationshipDays,
  ADVISOR_CODE_PATTERN,
} from './rules.js';
import { newLinkToken } from '../secrets/linkTokens.js';

describe('product keys', () => {
  it('are 6 groups of 5 symbols of the unambiguous alphabet, at least 128 random bits, and differ', () => {
    const keys = Array.from({ length: 200 }, newProductKey);
    for (const key of keys) expect(key).toMatch(/^[BCDFGHJKMPQRTVWXY2346789]{5}(-[BCDFGHJKMPQRTVWXY2346789]{5}){5}$/);
    expect(new Set(keys).size).toBe(keys.length);
    expect(KEY_ALPHABET).not.toMatch(/[0O1IL5SAEUZN]/);
    const symbols = keys[0]!.replace(/-/g, '').length;
    expect(symbols * Math.log2(KEY_ALPHABET.length)).toBeGreaterThanOrEqual(128);
    expect(maskedProductKey(keys[0]!.slice(-5))).toBe(`XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-${keys[0]!.slice(-5)}`);
  });

  it('keys sold with 5 groups are still read; typographic dashes, spaces and invisible characters from a copy are forgiven', () => {
    expect(canonicalProductKey('bcdfg hjkmp qrtvw xy234 67892')).toBe('BCDFG-HJKMP-QRTVW-XY234-67892');
    const key = newProductKey();
    expect(canonicalProductKey(key.replace(/-/g, '\u2013'))).toBe(key);
    expect(canonicalProductKey(key.replace(/-/g, ' \u2014 '))).toBe(key);
    expect(canonicalProductKey(`\ufeff${key}\u200b`)).toBe(key);
    expect(canonicalProductKey(key.replace(/-/g, '\u00a0'))).toBe(key);
  });

  it('tell a key of the right shape with characters keys never contain from one of the wrong shape', () => {
    expect(readProductKey('not-a-key')).toEqual({ ok: false, problem: 'shape' });
    expect(readProductKey('BCDFG-HJKMP-QRTVW-XY234')).toEqual({ ok: false, problem: 'shape' });
    // A Microsoft-style key, well formed, but with letters Outmerge keys never use: the key is wrong, not its format.
    expect(readProductKey('ABCDE-HJKMP-QRTVW-XY234-O7892')).toEqual({
      ok: false,
      problem: 'characters',
      characters: ['A', 'E', 'O'],
    });
  });

  it('are read back whatever the case, spaces or dashes, and anything else is refused (property)', () => {
    fc.assert(
      fc.property(
        fc.constant(null).map(() => newProductKey()),
        (key) => {
          expect(canonicalProductKey(key.toLowerCase().replace(/-/g, ' '))).toBe(key);
          expect(canonicalProductKey(key.replace(/-/g, ''))).toBe(key);
          expect(productKeyHash(key)).toMatch(/^[0-9a-f]{64}$/);
        },
      ),
    );
    expect(canonicalProductKey('BCDFG-HJKMP-QRTVW-XY234-6789')).toBeNull();
    expect(canonicalProductKey('BCDFG-HJKMP-QRTVW-XY234-67890')).toBeNull();
    expect(canonicalProductKey('')).toBeNull();
  });
});

describe('codes and tokens', () => {
  it('advisor codes follow their pattern; link tokens carry 256 bits', () => {
    expect(newAdvisorCode()).toMatch(new RegExp(ADVISOR_CODE_PATTERN));
    expect(Buffer.from(newLinkToken(), 'base64url')).toHaveLength(32);
  });
});

describe('partner staff in their own organisation', () => {
  it('limited administration only views; staff is managed by the partner owner alone', () => {
    expect(partnerActions('limited')).toEqual(['partner.view', 'customers.view']);
    expect(partnerActions('full')).not.toContain('staff.manage');
    expect(partnerActions('owner')).toContain('staff.manage');
  });
});

describe('relationship state', () => {
  const base = { requestExpiresAt: 100, expiresAt: null };
  it('expires pending requests after their 90 days, and relationships at their end', () => {
    expect(relationshipState({ ...base, status: 'pending' }, 99)).toBe('pending');
    expect(relationshipState({ ...base, status: 'pending' }, 100)).toBe('request_expired');
    expect(relationshipState({ ...base, status: 'active', expiresAt: 200 }, 199)).toBe('active');
    expect(relationshipState({ ...base, status: 'active', expiresAt: 200 }, 200)).toBe('expired');
    expect(relationshipState({ ...base, status: 'ended' }, 0)).toBe('ended');
  });

  it('lasts from 1 day to 2 years', () => {
    expect([0, 1, 730, 731, 1.5].map(validRelationshipDays)).toEqual([false, true, true, false, false]);
  });
});

describe('offers and notifications', () => {
  it('refuses disabled, expired and used-up offers, in that order', () => {
    const offer = { disabled: false, expiresAt: 10, maxCustomers: 1, customers: 0 };
    expect(offerRefusal(offer, 5)).toBeNull();
    expect(offerRefusal({ ...offer, customers: 1 }, 5)).toBe('OFFER_USED');
    expect(offerRefusal({ ...offer, maxCustomers: null, customers: 99 }, 5)).toBeNull();
    expect(offerRefusal(offer, 10)).toBe('OFFER_EXPIRED');
    expect(offerRefusal({ ...offer, disabled: true }, 10)).toBe('OFFER_DISABLED');
  });
});
