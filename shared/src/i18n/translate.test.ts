import { describe, expect, it } from 'vitest';
import { de } from './de.js';
import { en } from './en.js';
import { fr } from './fr.js';
import { formatMoney, resolveLocale, translate } from './translate.js';

/** Run-time parameters: `{name}` not inside a `{{merge field}}` example. */
function parameters(message: string): string[] {
  return (message.replace(/\{\{[^{}]*\}\}/g, '').match(/\{\w+\}/g) ?? []).sort();
}

describe('catalogs', () => {
  it.each([
    ['fr', fr],
    ['de', de],
  ])('%s has every English key, translated, with the same parameters', (_, catalog) => {
    expect(Object.keys(catalog)).toEqual(Object.keys(en));
    for (const [key, message] of Object.entries(en)) {
      const translated = catalog[key as keyof typeof en];
      expect(translated.trim(), key).not.toBe('');
      expect(parameters(translated), key).toEqual(parameters(message));
    }
  });
});

describe('translate', () => {
  it('substitutes parameters and leaves merge-field examples alone', () => {
    expect(translate('en', 'send.button', { count: 3 })).toBe('Send 3 messages');
    expect(translate('en', 'template.noFields')).toContain('{{First Name}}');
    expect(translate('en', 'problems.emptyField', { row: 4, fields: 'City', example: 'City' })).toContain('{{City | there}}');
  });

  it('resolves locales from BCP 47 tags', () => {
    expect(resolveLocale('fr-CH')).toBe('fr');
    expect(resolveLocale('de')).toBe('de');
    expect(resolveLocale('it-IT')).toBe('en');
    expect(resolveLocale(undefined)).toBe('en');
  });

  it('formats integer minor units without float arithmetic surprises', () => {
    expect(formatMoney(2500, 'EUR', 'en')).toBe('€25.00');
    expect(formatMoney(123456789, 'CHF', 'de')).toMatch(/1.234.567,89/);
  });
});
