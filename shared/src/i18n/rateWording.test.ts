/**
 * A tax rate is one value written by `formatRate` with its own percent sign, spaced as the
 * language spaces it ("20%", "20 %"): a message around it adds none. Found in Chromium: the
 * billing details said "Invoices carry VAT at 20% %." once a French address was saved.
 */
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { formatRate, translate, type Locale, type MessageKey } from './translate.js';
import './allCatalogs.js';

const RATE_KEYS = (Object.keys(en) as MessageKey[]).filter((key) => /\{rate\}/.test(en[key]));

describe('messages with a tax rate', () => {
  it('has some to check', () => expect(RATE_KEYS).toContain('billingProfile.tax.vat'));

  it.each(['en', 'fr', 'de'] as const)('show one percent sign, the one formatRate writes, in %s', (locale: Locale) => {
    for (const key of RATE_KEYS) {
      const text = translate(locale, key, { rate: formatRate(2000, locale) });
      expect(text.match(/%/g), `${key}: ${text}`).toHaveLength(1);
      expect(text, key).toContain(formatRate(2000, locale));
    }
  });
});
