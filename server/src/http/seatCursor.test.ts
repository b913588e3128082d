import { describe, expect, it } from 'vitest';
import { ApiError } from './apiError.js';
import { decodeSeatCursor, encodeSeatCursor, seatListScope } from './seatCursor.js';

const code = (work: () => unknown) => {
  try {
    work();
    return 'accepted';
  } catch (error) {
    return error instanceof ApiError ? `${error.statusCode} ${error.code}` : String(error);
  }
};

describe('the seat list cursor', () => {
  const scope = seatListScope({ sort: 'lastCheckIn', descending: true, search: '  Anna ' });

  it('comes back as it went, for the same search and order (the search as the storage reads it)', () => {
    expect(scope.search).toBe('anna');
    for (const cursor of [
      { key: 1_735_689_600_000, email: 'anna@contoso.com' },
      { key: null, email: 'anna.b@contoso.com' },
    ]) {
      expect(
        decodeSeatCursor(
          encodeSeatCursor(scope, cursor),
          seatListScope({ sort: 'lastCheckIn', descending: true, search: 'anna' }),
        ),
      ).toEqual(cursor);
    }
  });

  it('is refused with another order or search, and when damaged', () => {
    const text = encodeSeatCursor(scope, { key: 5, email: 'a@contoso.com' });
    expect(code(() => decodeSeatCursor(text, { ...scope, descending: false }))).toBe('400 VALIDATION_FAILED');
    expect(code(() => decodeSeatCursor(text, { ...scope, sort: 'assignedAt' }))).toBe('400 VALIDATION_FAILED');
    expect(code(() => decodeSeatCursor(text, { ...scope, search: '' }))).toBe('400 VALIDATION_FAILED');
    expect(code(() => decodeSeatCursor(text.slice(0, -3), scope))).toBe('400 VALIDATION_FAILED');
    const forged = (value: unknown, sort: 'email' | 'status' | 'lastCheckIn' | 'assignedAt' = 'lastCheckIn') =>
      code(() => decodeSeatCursor(Buffer.from(JSON.stringify(value)).toString('base64url'), { ...scope, sort }));
    expect(forged([1, 'lastCheckIn', 1, 'anna', '5', 'a@contoso.com'])).toBe('400 VALIDATION_FAILED');
    expect(forged([1, 'lastCheckIn', 1, 'anna', 1.5, 'a@contoso.com'])).toBe('400 VALIDATION_FAILED');
    expect(forged([1, 'lastCheckIn', 1, 'anna', 5, ''])).toBe('400 VALIDATION_FAILED');
    expect(forged([2, 'lastCheckIn', 1, 'anna', 5, 'a@contoso.com'])).toBe('400 VALIDATION_FAILED');
    expect(forged({ key: 5 })).toBe('400 VALIDATION_FAILED');
    expect(forged([1, 'status', 1, 'anna', 4, 'a@contoso.com'], 'status')).toBe('400 VALIDATION_FAILED');
    expect(forged([1, 'status', 1, 'anna', null, 'a@contoso.com'], 'status')).toBe('400 VALIDATION_FAILED');
    expect(forged([1, 'email', 1, 'anna', 3, 'a@contoso.com'], 'email')).toBe('400 VALIDATION_FAILED');
    expect(forged([1, 'email', 1, 'anna', null, 'a@contoso.com'], 'email')).toBe('accepted');
  });
});
