import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetSplit, splitOverDays } from './dailySplit.js';

const DAY = 24 * 3600 * 1000;
const NOW = Date.UTC(2026, 10, 22, 9);

describe('splitOverDays', () => {
  it('sends what fits now, then a part each day', () => {
    const parts = splitOverDays(
      Array.from({ length: 25 }, () => 1),
      { limit: 10, leftNow: 4, now: NOW, firstFreesAt: NOW },
    );
    expect(parts).toEqual([
      { messages: 4, recipients: 4, startsAt: NOW },
      { messages: 10, recipients: 10, startsAt: NOW + DAY },
      { messages: 10, recipients: 10, startsAt: NOW + 2 * DAY },
      { messages: 1, recipients: 1, startsAt: NOW + 3 * DAY },
    ]);
  });

  it('counts CC and BCC, and never splits a message', () => {
    expect(
      splitOverDays([3, 3, 3], { limit: 5, leftNow: 5, now: NOW, firstFreesAt: NOW }).map((p) => p.recipients),
    ).toEqual([3, 3, 3]);
  });

  it('starts when the window frees if nothing fits now', () => {
    const frees = NOW + 3 * 3600 * 1000;
    expect(splitOverDays([2, 2], { limit: 10, leftNow: 1, now: NOW, firstFreesAt: frees })).toEqual([
      { messages: 2, recipients: 4, startsAt: frees },
    ]);
  });

  it('is one part when the budget suffices', () => {
    expect(splitOverDays([1, 2, 3], { limit: 10_000, leftNow: 10_000, now: NOW, firstFreesAt: NOW })).toEqual([
      { messages: 3, recipients: 6, startsAt: NOW },
    ]);
  });

  it('keeps every message that can go, in order, and no part over the limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 600 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 2000 }),
        (counts, limit, left) => {
          const leftNow = Math.min(left, limit);
          const parts = splitOverDays(counts, { limit, leftNow, now: NOW, firstFreesAt: NOW + 1000 });
          const sendable = counts.filter((c) => c <= limit);
          expect(parts.reduce((sum, p) => sum + p.messages, 0)).toBe(sendable.length);
          expect(parts.reduce((sum, p) => sum + p.recipients, 0)).toBe(sendable.reduce((a, b) => a + b, 0));
          parts.forEach((part, i) => {
            expect(part.recipients).toBeLessThanOrEqual(limit);
            if (i > 0) expect(part.startsAt).toBe(parts[i - 1]!.startsAt + DAY);
          });
        },
      ),
    );
  });
});

describe('budgetSplit', () => {
  const log = (limit: number, used: number, freesAt = NOW) => ({
    limit,
    usedInLastDay: () => used,
    availableAt: () => freesAt,
  });
  const message = (cc = 0, bcc = 0) => ({
    cc: Array.from({ length: cc }, (_, i) => `cc${i}@contoso.com`),
    bcc: Array.from({ length: bcc }, (_, i) => `bcc${i}@contoso.com`),
  });

  it('says nothing when the campaign fits in what is left of the 24 hours', () => {
    expect(budgetSplit([message(1), message()], log(10, 7), NOW)).toBeNull();
    expect(budgetSplit([], log(10, 10), NOW)).toBeNull();
  });

  it('counts To, CC and BCC and splits what does not fit over days', () => {
    expect(budgetSplit([message(1, 1), message(), message()], log(4, 1), NOW)).toEqual({
      needed: 5,
      left: 3,
      limit: 4,
      now: NOW,
      parts: [
        { messages: 1, recipients: 3, startsAt: NOW },
        { messages: 2, recipients: 2, startsAt: NOW + DAY },
      ],
    });
  });

  it('starts when the window frees when nothing is left now', () => {
    const frees = NOW + 3600_000;
    expect(budgetSplit([message()], log(10, 10, frees), NOW)?.parts).toEqual([
      { messages: 1, recipients: 1, startsAt: frees },
    ]);
  });
});
