import { describe, expect, it } from 'vitest';
import { normalizeVatId, VAT_ID_COUNTRIES, VAT_ID_EXAMPLES } from './vatId.js';

describe('VAT number examples', () => {
  it('give one example per country whose numbers are checked, each of the shape it illustrates', () => {
    expect(Object.keys(VAT_ID_EXAMPLES).sort()).toEqual([...VAT_ID_COUNTRIES].sort());
    for (const country of VAT_ID_COUNTRIES)
      expect(normalizeVatId(country, VAT_ID_EXAMPLES[country]!), country).not.toBeNull();
  });
});
