import { describe, expect, it } from 'vitest';
import { decideTax, STANDARD_VAT_RATES_BP, taxFor } from './tax.js';
import { normalizeVatId } from './vatId.js';

describe('which tax an invoice carries (seller in France)', () => {
  const decide = (country: string, vatId: string | null) => decideTax('FR', { country, vatId }, STANDARD_VAT_RATES_BP);

  it('domestic: French VAT for a French business and a French consumer', () => {
    expect(decide('FR', 'FR40303265045')).toEqual({ treatment: 'domestic', rateBp: 2000 });
    expect(decide('FR', null)).toEqual({ treatment: 'domestic', rateBp: 2000 });
  });

  it('EU business with a VAT number: reverse charge, no VAT', () => {
    expect(decide('DE', 'DE123456789')).toEqual({ treatment: 'eu_reverse_charge', rateBp: 0 });
  });

  it('EU consumer: the VAT of their own country', () => {
    expect(decide('DE', null)).toEqual({ treatment: 'eu_consumer', rateBp: 1900 });
    expect(decide('LU', null)).toEqual({ treatment: 'eu_consumer', rateBp: 1700 });
  });

  it('Switzerland: a business accounts for Swiss VAT itself, a consumer pays 8.1 %', () => {
    expect(decide('CH', 'CHE123456789MWST')).toEqual({ treatment: 'ch_reverse_charge', rateBp: 0 });
    expect(decide('CH', null)).toEqual({ treatment: 'ch_consumer', rateBp: 810 });
  });

  it('elsewhere: outside the scope of EU VAT', () => {
    expect(decide('US', null)).toEqual({ treatment: 'outside_scope', rateBp: 0 });
  });

  it('rounds tax half up on the minor unit, symmetric for credits', () => {
    expect(taxFor(1000, 810)).toBe(81);
    expect(taxFor(6175, 2000)).toBe(1235);
    expect(taxFor(5, 1000)).toBe(1);
    expect(taxFor(-5, 1000)).toBe(-1);
    expect(taxFor(0, 2000)).toBe(0);
  });
});

describe('VAT number formats', () => {
  it('reads numbers as people type them, per country', () => {
    expect(normalizeVatId('DE', 'de 123 456 789')).toBe('DE123456789');
    expect(normalizeVatId('FR', 'FR 40 303265045')).toBe('FR40303265045');
    expect(normalizeVatId('CH', 'CHE-123.456.789 MWST')).toBe('CHE123456789MWST');
    expect(normalizeVatId('GR', 'EL123456789')).toBe('EL123456789');
    expect(normalizeVatId('NL', 'NL123456789B01')).toBe('NL123456789B01');
  });

  it("refuses another country's number, a wrong length and unknown countries", () => {
    expect(normalizeVatId('FR', 'DE123456789')).toBeNull();
    expect(normalizeVatId('DE', 'DE12345678')).toBeNull();
    expect(normalizeVatId('CH', 'CHE-123.456.789')).toBeNull();
    expect(normalizeVatId('US', '123456789')).toBeNull();
  });
});
