import { describe, expect, it } from 'vitest';
import { parseRoute } from '../useHashRoute.js';

describe('partner routes', () => {
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
  it('reads the links the server builds (offer, approval request, notification digest)', () => {
    expect(parseRoute('#/offer?code=PBCDFGHJKM&token=abc_DEF-123')).toEqual({
      page: 'offer',
      code: 'PBCDFGHJKM',
      token: 'abc_DEF-123',
    });
    expect(parseRoute('#/partner-request?token=abc_DEF-123')).toEqual({
      page: 'partner-request',
      token: 'abc_DEF-123',
    });
    expect(parseRoute(`#/partners/${id}/customers`)).toEqual({ page: 'partner', id, tab: 'customers' });
  });
  it('opens the partner area on customers without or with an unknown tab, and the partner pages', () => {
    expect(parseRoute(`#/partners/${id}`)).toEqual({ page: 'partner', id, tab: 'customers' });
    expect(parseRoute(`#/partners/${id}/keys`)).toEqual({ page: 'partner', id, tab: 'keys' });
    expect(parseRoute(`#/partners/${id}/nonsense`)).toEqual({ page: 'partner', id, tab: 'customers' });
    expect(parseRoute('#/partners/new')).toEqual({ page: 'become-partner' });
    expect(parseRoute('#/redeem-key')).toEqual({ page: 'redeem-key' });
  });
  it('falls back to the dashboard for an incomplete link', () => {
    expect(parseRoute('#/offer?code=PBCDFGHJKM')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/partner-request?')).toEqual({ page: 'dashboard' });
  });
});
