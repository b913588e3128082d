import { describe, expect, it } from 'vitest';
import { formatDate, translate, type MessageKey } from '#shared/i18n/translate.js';
import { relationshipDateText } from './partnerText.js';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);
const day = (iso: string) => formatDate(Date.parse(iso), 'en');

describe('the date a relationship shows', () => {
  const request = { requestExpiresAt: '2026-03-01T00:00:00Z', expiresAt: null, endedAt: null };
  it('says until when a request can be answered, a grant lasts, or when it expired or closed', () => {
    expect(relationshipDateText({ ...request, state: 'pending' }, t, 'en')).toBe(
      t('partners.requests.answerBy', { date: day('2026-03-01T00:00:00Z') }),
    );
    expect(relationshipDateText({ ...request, state: 'active', expiresAt: '2027-01-01T00:00:00Z' }, t, 'en')).toBe(
      t('partners.customers.until', { date: day('2027-01-01T00:00:00Z') }),
    );
    expect(relationshipDateText({ ...request, state: 'expired', expiresAt: '2026-02-01T00:00:00Z' }, t, 'en')).toBe(
      t('partners.customers.expiredOn', { date: day('2026-02-01T00:00:00Z') }),
    );
    expect(relationshipDateText({ ...request, state: 'ended', endedAt: '2026-01-15T00:00:00Z' }, t, 'en')).toBe(
      t('partners.requests.closedOn', { date: day('2026-01-15T00:00:00Z') }),
    );
  });

  it('shows nothing where the customer list knows no date', () => {
    expect(relationshipDateText({ state: 'pending', expiresAt: null }, t, 'en')).toBe('');
  });
});
