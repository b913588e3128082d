import { describe, expect, it } from 'vitest';
import { tokenHash, VerifiedTokenCache } from './verifiedTokenCache.js';

const entry = (value: string, expiresAtMs = 10_000) => ({
  value,
  expiresAtMs,
  key: {},
  header: { alg: 'RS256', kid: 'k1' },
});

describe('the verified token cache', () => {
  it('keys by a hash of the whole token: any other character is another key', () => {
    expect(tokenHash('a.b.c')).toBe(tokenHash('a.b.c'));
    expect(tokenHash('a.b.c')).not.toBe(tokenHash('a.b.d'));
    expect(tokenHash('a.b.c')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('drops an entry at its expiry', () => {
    const cache = new VerifiedTokenCache<string>();
    cache.set('t', entry('anna', 1000));
    expect(cache.get('t', 999)?.value).toBe('anna');
    expect(cache.get('t', 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most its size, the least recently used leaving first', () => {
    const cache = new VerifiedTokenCache<string>(2);
    cache.set('a', entry('a'));
    cache.set('b', entry('b'));
    cache.get('a', 0);
    cache.set('c', entry('c'));
    expect([cache.get('a', 0)?.value, cache.get('b', 0)?.value, cache.get('c', 0)?.value]).toEqual([
      'a',
      undefined,
      'c',
    ]);
    expect(cache.size).toBe(2);
  });
});
