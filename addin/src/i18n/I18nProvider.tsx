/** Makes the page's locale and translator available to every component. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { translator, type Locale, type Translator } from '../../../shared/src/i18n/translate.js';

interface I18n {
  locale: Locale;
  t: Translator;
}

const I18nContext = createContext<I18n>({ locale: 'en', t: translator('en') });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
