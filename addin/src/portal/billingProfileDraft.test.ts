import { describe, expect, it } from 'vitest';
import { checkDraft, type BillingProfileDraft } from './billingProfileDraft.js';

const draft = (change: Partial<BillingProfileDraft> = {}): BillingProfileDraft => ({
  companyName: 'Contoso GmbH',
  address: 'Hauptstraße 1\n10115 Berlin',
  country: 'DE',
  vatId: 'DE 123 456 789',
  billingEmail: 'billing@contoso.com',
  language: 'de',
  ...change,
});

describe('the billing-profile form before it is sent', () => {
  it('sends the VAT number in its canonical form, and none for a consumer', () => {
    expect(checkDraft(draft())).toEqual({ ok: true, profile: { ...draft(), vatId: 'DE123456789' } });
    expect(checkDraft(draft({ vatId: '  ' }))).toMatchObject({ ok: true, profile: { vatId: null } });
  });

  it('names every field to correct: empty company or address, a VAT number of another country, an address that is not one', () => {
    expect(
      checkDraft(draft({ companyName: ' ', address: '', vatId: 'FR12345678901', billingEmail: 'billing at contoso' })),
    ).toEqual({ ok: false, problems: ['companyName', 'address', 'vatId', 'billingEmail'] });
  });

  it('keeps no VAT number outside the EU and Switzerland, where it changes nothing', () => {
    expect(checkDraft(draft({ country: 'US', vatId: '12-3456789' }))).toMatchObject({
      ok: true,
      profile: { country: 'US', vatId: null },
    });
  });
});
