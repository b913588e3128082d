import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it, vi } from 'vitest';
import { de } from './de.js';
import { en } from './en.js';
import { fr } from './fr.js';
import './allCatalogs.js';
import {
  formatFileSize,
  formatMoney,
  formatRate,
  resolveLocale,
  translate,
  usesIcu,
  type Locale,
  type MessageKey,
} from './translate.js';

const isPlural = usesIcu;

interface AstNode {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
}

/** Argument names in an ICU message: `{name}`, `{name, number}`, `{name, plural, …}`, also inside plural branches. */
function icuArguments(nodes: AstNode[], into: Set<string>): Set<string> {
  for (const node of nodes) {
    // 0 is literal text and 7 is `#`; every other element is named by its argument.
    if (node.type !== 0 && node.type !== 7 && typeof node.value === 'string') into.add(node.value);
    for (const option of Object.values(node.options ?? {})) icuArguments(option.value, into);
    if (node.children) icuArguments(node.children, into);
  }
  return into;
}

/** Run-time parameters, each name once: `{name}` not inside a `{{merge field}}` example, or the arguments of an ICU plural message. */
function parameters(message: string): string[] {
  const names = isPlural(message)
    ? icuArguments(new IntlMessageFormat(message, 'en').getAst() as unknown as AstNode[], new Set())
    : new Set((message.replace(/\{\{[^{}]*\}\}/g, '').match(/\{\w+\}/g) ?? []).map((p) => p.slice(1, -1)));
  return [...names].sort();
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

  it.each([
    ['en', en],
    ['fr', fr],
    ['de', de],
  ] as const)('%s: every plural message parses and formats with sample values', (locale, catalog) => {
    const plural = Object.entries(catalog).filter(([, message]) => isPlural(message));
    expect(plural.length).toBeGreaterThan(0);
    for (const [key, message] of plural) {
      expect(message, key).not.toMatch(/\{\{|'\{/);
      for (const count of [0, 1, 2, 10050]) {
        const params = Object.fromEntries(parameters(message).map((name) => [name, count]));
        expect(() => translate(locale as Locale, key as MessageKey, params), key).not.toThrow();
        expect(translate(locale as Locale, key as MessageKey, params), key).not.toMatch(/[{}#]/);
      }
    }
  });
});

describe('translate', () => {
  it('reads a language whose catalog is not registered yet as English, and registered ones as themselves', async () => {
    vi.resetModules();
    const fresh = await import('./translate.js');
    expect(fresh.hasCatalog('fr')).toBe(false);
    expect(fresh.translate('fr', 'send.button', { count: 2 })).toBe('Send 2 messages');
    fresh.registerCatalog('fr', fr);
    expect(fresh.translate('fr', 'send.button', { count: 2 })).toBe(translate('fr', 'send.button', { count: 2 }));
    expect(fresh.translate('fr', 'send.button', { count: 2 })).not.toBe('Send 2 messages');
  });

  it('substitutes parameters and leaves merge-field examples alone', () => {
    expect(translate('en', 'send.button', { count: 3 })).toBe('Send 3 messages');
    expect(translate('en', 'send.button', { count: 1 })).toBe('Send 1 message');
    expect(translate('en', 'template.noFields')).toContain('{{First Name}}');
    expect(translate('en', 'problems.emptyField', { row: 4, fields: 'City', example: 'City' })).toContain(
      '{{City | there}}',
    );
  });

  it("formats plural messages with each language's plural rules and number format", () => {
    const loaded = (locale: Locale, count: number) =>
      translate(locale, 'recipients.loaded', { rows: count, columns: 1, file: 'a.csv' });
    expect([0, 1, 2, 10050].map((n) => loaded('en', n))).toEqual([
      '0 rows and 1 column from a.csv',
      '1 row and 1 column from a.csv',
      '2 rows and 1 column from a.csv',
      '10,050 rows and 1 column from a.csv',
    ]);
    // French: `one` covers 0 and 1; numbers are grouped with a narrow no-break space.
    expect([0, 1, 2, 10050].map((n) => loaded('fr', n))).toEqual([
      '0 ligne et 1 colonne dans a.csv',
      '1 ligne et 1 colonne dans a.csv',
      '2 lignes et 1 colonne dans a.csv',
      '10\u202f050 lignes et 1 colonne dans a.csv',
    ]);
    expect([0, 1, 2, 10050].map((n) => loaded('de', n))).toEqual([
      '0 Zeilen und 1 Spalte aus a.csv',
      '1 Zeile und 1 Spalte aus a.csv',
      '2 Zeilen und 1 Spalte aus a.csv',
      '10.050 Zeilen und 1 Spalte aus a.csv',
    ]);
    const seats = (locale: Locale, quantity: number) =>
      translate(locale, 'dashboard.cardTitle', { plan: 'Pro', quantity });
    expect([0, 1, 2, 10050].map((n) => seats('en', n))).toEqual([
      'Pro, 0 seats',
      'Pro, 1 seat',
      'Pro, 2 seats',
      'Pro, 10,050 seats',
    ]);
    expect([0, 1, 2, 10050].map((n) => seats('fr', n))).toEqual([
      'Pro, 0 licence',
      'Pro, 1 licence',
      'Pro, 2 licences',
      'Pro, 10\u202f050 licences',
    ]);
    expect([0, 1, 2, 10050].map((n) => seats('de', n))).toEqual([
      'Pro, 0 Lizenzen',
      'Pro, 1 Lizenz',
      'Pro, 2 Lizenzen',
      'Pro, 10.050 Lizenzen',
    ]);
    // `{name, number}` inside a plural message is formatted too; a plain `{row}` is not.
    expect(translate('en', 'send.pausedNotice', { sent: 10050, total: 20000 })).toContain(
      '10,050 of 20,000 messages sent',
    );
    expect(translate('de', 'problems.tooManyRecipients', { row: 12345, count: 1000 })).toContain(
      'Zeile 12345 hat 1.000 Empfänger',
    );
  });

  it("formats a quantity shown without a plural in each language's digits (`{name, number}`)", () => {
    expect(translate('en', 'pager.range', { from: 1, to: 100, total: 10050 })).toBe('1–100 of 10,050');
    expect(translate('fr', 'pager.range', { from: 1, to: 100, total: 10050 })).toBe('1–100 sur 10\u202f050');
    expect(translate('de', 'pager.range', { from: 1, to: 100, total: 10050 })).toBe('1–100 von 10.050');
    expect(translate('de', 'checkout.quantityInvalid', { max: 100000 })).toBe(
      'Gib eine Anzahl von 1 bis 100.000 Lizenzen ein.',
    );
  });

  it("formats file sizes in each language's units", () => {
    expect(formatFileSize(12_000, 'en')).toBe('12 kB');
    expect(formatFileSize(12_000, 'fr')).toBe('12\u202fko');
    expect(formatFileSize(1_572_864, 'de')).toBe('1,5 MB');
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

  it("formats a tax rate in basis points as a percentage in the reader's language", () => {
    expect(formatRate(810, 'en')).toBe('8.1%');
    // A no-break space before the sign, narrow or not as the runtime's CLDR data has it.
    expect(formatRate(810, 'fr')).toMatch(/^8,1[\u00a0\u202f]%$/);
    expect(formatRate(1925, 'de')).toMatch(/^19,25[\u00a0\u202f]%$/);
    expect(formatRate(0, 'en')).toBe('0%');
  });
});
