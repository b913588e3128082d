/**
 * Makes the page's locale and translator available to every component. A language whose catalog
 * is not loaded yet is loaded first: the page keeps its current language meanwhile (or waits, on
 * first render), so nobody sees a flash of English.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { hasCatalog, translator, type Locale, type Translator } from '#shared/i18n/translate.js';
import { loadCatalog } from './loadCatalog.js';

interface I18n {
  locale: Locale;
  t: Translator;
}

const I18nContext = createContext<I18n>({ locale: 'en', t: translator('en') });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const [shown, setShown] = useState<Locale | null>(() => (hasCatalog(locale) ? locale : null));
  useEffect(() => {
    let current = true;
    loadCatalog(locale).then(
      () => current && setShown(locale),
      // Offline or a failed chunk: English rather than nothing.
      () => current && setShown((previous) => previous ?? 'en'),
    );
    return () => {
      current = false;
    };
  }, [locale]);
  const value = useMemo(() => (shown ? { locale: shown, t: translator(shown) } : null), [shown]);
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
