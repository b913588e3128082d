import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, retryDelayMs } from './outbox.js';

describe('email retries', () => {
  it('wait a minute, then twice as long each time, at most six hours', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(20)).toBe(6 * 3600_000);
    // All attempts together span hours, not days: a mail server down for an afternoon loses nothing.
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(2 * 3600_000);
    expect(total).toBeLessThan(24 * 3600_000);
  });
});
