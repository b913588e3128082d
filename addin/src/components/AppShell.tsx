/**
 * Fluent UI provider (Outlook's look), the language, and the page root every page renders into.
 * AriaLiveAnnouncer gives Fluent's MessageBar a live region to announce itself in: without it,
 * FluentProvider's announce does nothing and screen readers do not hear errors and confirmations.
 */
import { AriaLiveAnnouncer, FluentProvider, makeStyles, webLightTheme } from '@fluentui/react-components';
import { StrictMode, useCallback, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Locale } from '#shared/i18n/translate.js';
import { I18nProvider } from '../i18n/I18nProvider.js';
import { initialPageLocale, pageStorage, rememberPageLocale } from '../i18n/pageLocale.js';

const useStyles = makeStyles({
  // A word longer than the line (German's "Nutzungsbedingungen" in a title on a phone, an address
  // in a 320-pixel pane) is hyphenated where the language allows, else broken, rather than
  // pushing the page sideways.
  page: { minHeight: '100vh', overflowWrap: 'break-word', hyphens: 'auto' },
});

export function AppShell({ locale, children }: { locale: Locale; children: ReactNode }) {
  const styles = useStyles();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <FluentProvider theme={webLightTheme} className={styles.page}>
      <AriaLiveAnnouncer>
        <I18nProvider locale={locale}>{children}</I18nProvider>
      </AriaLiveAnnouncer>
    </FluentProvider>
  );
}

export function renderPage(element: ReactNode): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('The page has no #root element.');
  createRoot(container).render(<StrictMode>{element}</StrictMode>);
}

/** A page's language: the one the user last picked on this site (kept in the browser), else the browser's (i18n/pageLocale.ts). */
export function usePageLocale(): [Locale, (locale: Locale) => void] {
  const [locale, setLocale] = useState<Locale>(() => initialPageLocale(pageStorage, navigator.language));
  const choose = useCallback((next: Locale) => {
    rememberPageLocale(pageStorage, next);
    setLocale(next);
  }, []);
  return [locale, choose];
}
