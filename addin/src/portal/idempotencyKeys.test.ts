import { describe, expect, it } from 'vitest';
import { idempotencyKeys } from './idempotencyKeys.js';

describe('idempotencyKeys', () => {
  it('reuses the key for the same order and makes a new one for a corrected order', () => {
    const keyFor = idempotencyKeys();
    const first = keyFor({ lines: [{ plan: 'monthly', quantity: 5 }], card: '4242' });
    expect(keyFor({ lines: [{ plan: 'monthly', quantity: 5 }], card: '4242' })).toBe(first);
    const corrected = keyFor({ lines: [{ plan: 'monthly', quantity: 5 }], card: '4000' });
    expect(corrected).not.toBe(first);
    expect(corrected).toMatch(/^[0-9a-f-]{36}$/);
  });
});
