import { describe, expect, it } from 'vitest';
import { PAGE_LOCALE_KEY, initialPageLocale, rememberPageLocale, type StorageSource } from './pageLocale.js';

function memoryStorage(): { source: StorageSource; values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    source: () => ({ getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) }),
  };
}

const refusing: StorageSource = () => ({
  getItem: () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  },
});

describe("a page's language", () => {
  it("starts in the browser's language, then in the one the person picked, whatever the browser says", () => {
    const { source, values } = memoryStorage();
    expect(initialPageLocale(source, 'de-CH')).toBe('de');
    rememberPageLocale(source, 'fr');
    expect(values.get(PAGE_LOCALE_KEY)).toBe('fr');
    expect(initialPageLocale(source, 'de-CH')).toBe('fr');
    expect(initialPageLocale(source, 'en-US')).toBe('fr');
  });

  it('ignores what is not one of its languages under the key', () => {
    const { source, values } = memoryStorage();
    values.set(PAGE_LOCALE_KEY, 'klingon');
    expect(initialPageLocale(source, 'fr-FR')).toBe('fr');
  });

  it("goes on in the browser's language when storage is refused or missing, without an error", () => {
    expect(initialPageLocale(refusing, 'de')).toBe('de');
    expect(() => rememberPageLocale(refusing, 'fr')).not.toThrow();
    expect(initialPageLocale(() => null, undefined)).toBe('en');
    expect(() => rememberPageLocale(() => null, 'fr')).not.toThrow();
    const thrower: StorageSource = () => {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    };
    expect(() => rememberPageLocale(thrower, 'fr')).not.toThrow();
  });
});
