import { describe, expect, it } from 'vitest';
import '../i18n/allCatalogs.js';
import { translator, type Locale } from '../i18n/translate.js';
import { describeInvoiceLine, invoiceLineText } from './invoiceLineText.js';

const text = (description: string, locale: Locale) => invoiceLineText(description, translator(locale), locale);
const DAY = 86_400;

describe("invoice lines in the reader's language", () => {
  it('writes each kind of line in English, French and German', () => {
    const seats = describeInvoiceLine({ line: 'seats', plan: 'monthly', from: 10, to: 1200 });
    expect(text(seats, 'en')).toBe('Outmerge Monthly, seats 10–1,200');
    expect(text(seats, 'fr')).toBe('Outmerge Mensuel, licences 10 à 1\u202f200');
    expect(text(seats, 'de')).toBe('Outmerge Monatlich, Lizenzen 10–1.200');
    const key = describeInvoiceLine({ line: 'productKey', plan: 'annual', seats: 5, periods: 1, interval: 'year' });
    expect(text(key, 'de')).toBe('Produktschlüssel: Outmerge Jährlich, 5 Lizenzen für 1 Jahr');
    expect(text(describeInvoiceLine({ line: 'prepaid', seats: [1, 5] }), 'en')).toBe(
      'Prepaid by product key (1 seat, 5 seats)',
    );
    expect(text(describeInvoiceLine({ line: 'unused', plan: 'monthly', quantity: 5, merged: 'ab12cd34' }), 'fr')).toBe(
      'Temps non utilisé sur 5 licences, Outmerge Mensuel (abonnement fusionné ab12cd34)',
    );
    expect(text(describeInvoiceLine({ line: 'credit', merged: true }), 'de')).toBe(
      'Gutschrift aus zusammengeführten Abonnements',
    );
  });

  it('shows a line stored as plain text before as it was stored', () => {
    expect(text('Outmerge monthly, seats 1–9', 'fr')).toBe('Outmerge monthly, seats 1–9');
    expect(text('{"line": not json', 'fr')).toBe('{"line": not json');
  });

  it('writes a prorated line with its tier and the part of the period it covers, so unit × quantity × fraction is its amount', () => {
    const days = describeInvoiceLine({
      line: 'remaining',
      plan: 'monthly',
      quantity: 8,
      seats: { from: 1, to: 8 },
      prorated: { remaining: 23 * DAY, length: 31 * DAY },
    });
    expect(text(days, 'en')).toBe('Remaining time on 8 seats, Outmerge Monthly, for 23 of 31 days');
    expect(text(days, 'fr')).toBe('Temps restant sur 8 licences, Outmerge Mensuel, pour 23 jours sur 31');
    expect(text(days, 'de')).toBe('Verbleibende Zeit für 8 Lizenzen, Outmerge Monatlich, für 23 von 31 Tagen');
    // One line per tier when the seats span two: the tier's seats are named.
    const tier = describeInvoiceLine({
      line: 'unused',
      plan: 'monthly',
      quantity: 12,
      seats: { from: 10, to: 12 },
      prorated: { remaining: DAY, length: 28 * DAY },
    });
    expect(text(tier, 'en')).toBe('Unused time on 12 seats, Outmerge Monthly, seats 10–12, for 1 of 28 days');
    expect(text(tier, 'fr')).toBe(
      'Temps non utilisé sur 12 licences, Outmerge Mensuel, licences 10 à 12, pour 1 jour sur 28',
    );
    expect(text(tier, 'de')).toBe(
      'Nicht genutzte Zeit für 12 Lizenzen, Outmerge Monatlich, Lizenzen 10–12, für 1 von 28 Tagen',
    );
    // A change at any second: the remaining time to the second.
    const seconds = describeInvoiceLine({
      line: 'remaining',
      plan: 'monthly',
      quantity: 3,
      seats: { from: 1, to: 3 },
      prorated: { remaining: 22 * DAY + 23 * 3600 + 3 * 60 + 57, length: 31 * DAY },
    });
    expect(text(seconds, 'en')).toBe(
      'Remaining time on 3 seats, Outmerge Monthly, for 22 days 23 hr 3 min 57 sec of 31 days',
    );
    expect(text(seconds, 'fr').replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'Temps restant sur 3 licences, Outmerge Mensuel, pour 22 jours 23 h 3 min 57 s sur 31 jours',
    );
    expect(text(seconds, 'de').replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'Verbleibende Zeit für 3 Lizenzen, Outmerge Monatlich, für 22 Tage, 23 Std., 3 Min. und 57 Sek. von 31 Tagen',
    );
    const odd = describeInvoiceLine({
      line: 'remaining',
      plan: 'monthly',
      quantity: 3,
      prorated: { remaining: 3600, length: 2 * 3600 },
    });
    expect(text(odd, 'en')).toBe('Remaining time on 3 seats, Outmerge Monthly, for 1 hr; period: 2 hr');
    expect(text(odd, 'de')).toBe('Verbleibende Zeit für 3 Lizenzen, Outmerge Monatlich, für 1 Std.; Zeitraum: 2 Std.');
  });

  it('shows a prorated line stored before unit prices (no tier, no part of the period) as it read then', () => {
    expect(text('{"line":"remaining","plan":"monthly","quantity":8}', 'en')).toBe(
      'Remaining time on 8 seats, Outmerge Monthly',
    );
    expect(text('{"line":"unused","plan":"monthly","quantity":5}', 'fr')).toBe(
      'Temps non utilisé sur 5 licences, Outmerge Mensuel',
    );
  });
});
