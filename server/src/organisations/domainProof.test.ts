import { describe, expect, it } from 'vitest';
import { TENANT_DOMAIN_FRESHNESS_MS, domainView, judgeTxt, newDomainToken, verificationRecord } from './domainProof.js';

describe('domain proofs', () => {
  it('makes a 256-bit token and the TXT record carrying it', () => {
    const token = newDomainToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newDomainToken()).not.toBe(token);
    expect(verificationRecord('abc')).toEqual({ type: 'TXT', host: '@', value: 'outmerge-verification=abc' });
  });

  it('finds the exact record among others, and tells a missing domain and a failed look-up apart', () => {
    expect(judgeTxt({ kind: 'records', records: ['v=spf1 -all', 'outmerge-verification=abc'] }, 'abc')).toBe('proven');
    expect(
      judgeTxt({ kind: 'records', records: ['outmerge-verification=abcd', 'outmerge-verification=ab'] }, 'abc'),
    ).toBe('record_missing');
    expect(judgeTxt({ kind: 'records', records: [] }, 'abc')).toBe('record_missing');
    expect(judgeTxt({ kind: 'not_found' }, 'abc')).toBe('domain_not_found');
    expect(judgeTxt({ kind: 'failed', reason: 'ETIMEOUT' }, 'abc')).toBe('lookup_failed');
  });

  it('counts a tenant sighting only while it is fresh; a DNS proof stays', () => {
    const now = Date.UTC(2026, 0, 1);
    const row = {
      domain: 'contoso.com',
      source: 'manual' as const,
      createdAt: now - 1000,
      dnsVerifiedAt: null,
      checkedAt: null,
      checkResult: null,
      tenantSeenAt: now - 1000,
    };
    expect(domainView(row, now)).toMatchObject({ status: 'proven', method: 'tenant' });
    expect(domainView({ ...row, tenantSeenAt: now - TENANT_DOMAIN_FRESHNESS_MS - 1 }, now)).toMatchObject({
      status: 'pending',
      method: null,
      provenAt: null,
    });
    expect(
      domainView(
        { ...row, tenantSeenAt: null, dnsVerifiedAt: now - 5, checkedAt: now - 5, checkResult: 'proven' },
        now,
      ),
    ).toMatchObject({ status: 'proven', method: 'dns', lastCheck: { result: 'proven' } });
  });
});
