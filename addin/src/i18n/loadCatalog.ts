/** Loads a page language's catalog on demand: each page downloads English and the one language it shows. */
import { hasCatalog, registerCatalog, type Locale } from '#shared/i18n/translate.js';

export async function loadCatalog(locale: Locale): Promise<void> {
  if (hasCatalog(locale)) return;
  if (locale === 'fr') registerCatalog('fr', (await import(/* webpackChunkName: "i18n-fr" */ '#shared/i18n/fr.js')).fr);
  else if (locale === 'de')
    registerCatalog('de', (await import(/* webpackChunkName: "i18n-de" */ '#shared/i18n/de.js')).de);
}
