import { describe, expect, it } from 'vitest';
import './allCatalogs.js';
import { message, messageText } from './message.js';

describe('messages kept as data', () => {
  it('are written in the language they are shown in, amounts and dates included', () => {
    const saved = message('billingProfile.saved');
    expect(messageText(saved, 'en')).not.toBe(messageText(saved, 'fr'));
    expect(messageText(saved, 'fr')).toMatch(/enregistr/i);
    const done = message('quantity.scheduled', { quantity: 3, date: { date: Date.UTC(2031, 0, 15) } });
    expect(messageText(done, 'de')).toContain('15.01.2031');
    expect(messageText(done, 'en')).toContain('2031');
    const credit = message('billing.credit', { amount: { money: 123456, currency: 'EUR' } });
    expect(messageText(credit, 'fr')).toContain('1\u202f234,56');
    expect(messageText(credit, 'en')).toContain('1,234.56');
  });
});
