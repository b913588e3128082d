import { describe, expect, it } from 'vitest';
import { wholeNumberIn } from './wholeNumber.js';

describe('wholeNumberIn', () => {
  it('takes a whole number within the bounds, surrounding blanks allowed', () => {
    expect(wholeNumberIn('5', 1, 10)).toBe(5);
    expect(wholeNumberIn(' 10 ', 1, 10)).toBe(10);
  });

  it('refuses blanks, decimals, signs, exponents and numbers out of range', () => {
    for (const text of ['', ' ', '1.5', '-1', '+2', '1e2', '0', '11', 'ten'])
      expect(wholeNumberIn(text, 1, 10), text).toBeNull();
  });
});
