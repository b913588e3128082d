/**
 * The one rule for a page's language: the language the person last picked on this site, kept in
 * the browser (localStorage), else the browser's own (`navigator.language`). Storage can be refused
 * (a private window's quota, storage blocked for the site, a sandboxed frame: reading
 * `window.localStorage` itself throws then): the page then goes on in the browser's language and
 * the choice lasts until the page closes, without an error.
 */
import { SUPPORTED_LOCALES, resolveLocale, type Locale } from '#shared/i18n/translate.js';

export const PAGE_LOCALE_KEY = 'outmerge.pageLanguage';

/** Where the choice is kept: the page's localStorage, or null when the browser refuses it. */
export type StorageSource = () => Pick<Storage, 'getItem' | 'setItem'> | null;

export const pageStorage: StorageSource = () => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/** The language a page starts in. */
export function initialPageLocale(storage: StorageSource, browserLanguage: string | undefined): Locale {
  let kept: string | null;
  try {
    kept = storage()?.getItem(PAGE_LOCALE_KEY) ?? null;
  } catch {
    kept = null;
  }
  // Only one of our languages counts: anything else someone left under the key is ignored.
  if (kept !== null && (SUPPORTED_LOCALES as readonly string[]).includes(kept)) return kept as Locale;
  return resolveLocale(browserLanguage);
}

/** Keeps the person's pick for the next page they open or reload; a refused storage keeps nothing. */
export function rememberPageLocale(storage: StorageSource, locale: Locale): void {
  try {
    storage()?.setItem(PAGE_LOCALE_KEY, locale);
  } catch {
    // Quota or a blocked storage: the choice holds for this page only.
  }
}
