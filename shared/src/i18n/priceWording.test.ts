/**
 * One price, one wording: every price per period (the quantity dialog, partner offers, the next
 * renewal on the billing tab) is stated before tax in every language, since the tax depends on
 * the customer's country and VAT number. Found when tried as a new user: the quantity dialog and
 * partner offers said "tax included" while the billing tab said "before tax" for the same price.
 */
import { describe, expect, it } from 'vitest';
import { de } from './de.js';
import { en } from './en.js';
import { fr } from './fr.js';

const PER_PERIOD = [
  'quantity.recurring',
  'partners.offers.priceMonth',
  'partners.offers.priceYear',
  'billing.nextRenewal',
] as const;
const BEFORE_TAX = { en: /before tax/, fr: /hors taxes/, de: /zzgl\. MwSt\./ } as const;
const TAX_INCLUDED = /tax included|TTC|TVA comprise|inkl\./;

describe('prices per period', () => {
  it.each([
    ['en', en],
    ['fr', fr],
    ['de', de],
  ] as const)('say "before tax" the same way everywhere in %s', (locale, catalog) => {
    for (const key of PER_PERIOD) {
      expect(catalog[key], key).toMatch(BEFORE_TAX[locale]);
      expect(catalog[key], key).not.toMatch(TAX_INCLUDED);
    }
  });
});
