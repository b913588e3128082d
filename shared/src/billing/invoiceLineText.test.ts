import { describe, expect, it } from 'vitest';
import '../i18n/allCatalogs.js';
import { translator } from '../i18n/translate.js';
import { describeInvoiceLine, invoiceLineText } from './invoiceLineText.js';

describe('invoice lines in the reader\'s language', () => {
  it('writes each kind of line in English, French and German', () => {
    const seats = describeInvoiceLine({ line: 'seats', plan: 'monthly', from: 10, to: 1200 });
    expect(invoiceLineText(seats, translator('en'))).toBe('Outmerge Monthly, seats 10–1,200');
    expect(invoiceLineText(seats, translator('fr'))).toBe('Outmerge Mensuel, licences 10 à 1\u202f200');
    expect(invoiceLineText(seats, translator('de'))).toBe('Outmerge Monatlich, Lizenzen 10–1.200');
    const key = describeInvoiceLine({ line: 'productKey', plan: 'annual', seats: 5, periods: 1, interval: 'year' });
    expect(invoiceLineText(key, translator('de'))).toBe('Produktschlüssel: Outmerge Jährlich, 5 Lizenzen für 1 Jahr');
    expect(invoiceLineText(describeInvoiceLine({ line: 'prepaid', seats: [1, 5] }), translator('en'))).toBe('Prepaid by product key (1 seat, 5 seats)');
    expect(invoiceLineText(describeInvoiceLine({ line: 'unused', plan: 'monthly', quantity: 5, merged: 'ab12cd34' }), translator('fr'))).toBe('Temps non utilisé sur 5 licences, Outmerge Mensuel (abonnement fusionné ab12cd34)');
    expect(invoiceLineText(describeInvoiceLine({ line: 'credit', merged: true }), translator('de'))).toBe('Gutschrift aus zusammengeführten Abonnements');
  });

  it('shows a line stored as plain text before as it was stored', () => {
    expect(invoiceLineText('Outmerge monthly, seats 1–9', translator('fr'))).toBe('Outmerge monthly, seats 1–9');
    expect(invoiceLineText('{"line": not json', translator('fr'))).toBe('{"line": not json');
  });
});
