/**
 * The page about Outmerge (/outmerge.html), where the free tier's footer links by default: for the
 * people who receive merged mail. What Outmerge is, that their address stayed with the sender, and
 * how to get it — Microsoft's store (AppSource, linked when the deployment names its listing) or
 * the IT department. In the visitor's language (the browser's, switchable), readable on a phone
 * (375 px without sideways scrolling), nothing about the visitor asked for or sent anywhere.
 */
import { Link, Text, Title2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Locale } from '#shared/i18n/translate.js';
import { loadClientConfig } from '../api/apiClient.js';
import { AppShell, renderPage, usePageLocale } from '../components/AppShell.js';
import { LanguagePicker } from '../components/LanguagePicker.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';

const useStyles = makeStyles({
  page: {
    maxWidth: '720px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalXXXL}`,
    boxSizing: 'border-box',
  },
  top: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    justifyContent: 'space-between',
  },
  brand: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase500,
    color: tokens.colorBrandForeground1,
  },
  lead: { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  /** Long words (German compounds, addresses) wrap instead of widening a phone's screen. */
  text: { overflowWrap: 'anywhere' },
  steps: { margin: 0, paddingLeft: '24px' },
  /** Each way to get Outmerge, numbered (a list item keeps its marker: its content is laid out inside it). */
  step: { marginBottom: tokens.spacingVerticalM },
  /** The store link as a button-like call to action, large enough to tap. */
  store: {
    display: 'inline-block',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    fontWeight: tokens.fontWeightSemibold,
    textDecorationLine: 'none',
    ':hover': { backgroundColor: tokens.colorBrandBackgroundHover, color: tokens.colorNeutralForegroundOnBrand },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
  },
});

function About({ appSourceUrl }: { appSourceUrl: string | null }) {
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  useEffect(() => {
    document.title = `${t('app.name')} — ${t('app.tagline')}`;
  }, [t]);
  return (
    <main className={mergeClasses(layout.stackL, styles.text)} data-testid="landing">
      <Title2 as="h1">{t('landing.title')}</Title2>
      <Text as="p" className={mergeClasses(layout.flush, styles.lead)}>
        {t('landing.lead')}
      </Text>
      <section aria-labelledby="landing-what" className={layout.stackXS}>
        <Text as="h2" id="landing-what" size={500} weight="semibold" className={layout.flush}>
          {t('landing.whatTitle')}
        </Text>
        <Text as="p" className={layout.flush}>
          {t('landing.what1')}
        </Text>
        <Text as="p" className={layout.flush}>
          {t('landing.what2')}
        </Text>
      </section>
      <section aria-labelledby="landing-privacy" className={layout.stackXS}>
        <Text as="h2" id="landing-privacy" size={500} weight="semibold" className={layout.flush}>
          {t('landing.privacyTitle')}
        </Text>
        <Text as="p" className={layout.flush}>
          {t('landing.privacy')}
        </Text>
      </section>
      <section aria-labelledby="landing-get" className={layout.stackS}>
        <Text as="h2" id="landing-get" size={500} weight="semibold" className={layout.flush}>
          {t('landing.getTitle')}
        </Text>
        <ol className={styles.steps}>
          <li className={styles.step}>
            <div className={layout.stackS}>
              <Text>{t('landing.getStore')}</Text>
              {appSourceUrl && (
                <span>
                  <a href={appSourceUrl} className={styles.store} data-testid="landing-store">
                    {t('landing.storeLink')}
                  </a>
                </span>
              )}
            </div>
          </li>
          <li className={styles.step}>
            <div className={layout.stackXS}>
              <Text>{t('landing.getIt')}</Text>
              <Link href="/portal.html#/it-help" className={layout.start} data-testid="landing-it">
                {t('landing.itLink')}
              </Link>
            </div>
          </li>
          <li className={styles.step}>
            <div className={layout.stackXS}>
              <Text>{t('landing.free')}</Text>
              <Link href="/portal.html" className={layout.start}>
                {t('landing.licenseLink')}
              </Link>
            </div>
          </li>
        </ol>
      </section>
    </main>
  );
}

function LandingPage() {
  const [locale, setLocale] = usePageLocale();
  const styles = useStyles();
  const layout = useLayout();
  // The store's address is the deployment's (APPSOURCE_URL); the page reads well without it.
  const [appSourceUrl, setAppSourceUrl] = useState<string | null>(null);
  useEffect(() => {
    loadClientConfig().then(
      (config) => setAppSourceUrl(config.appSourceUrl),
      () => setAppSourceUrl(null),
    );
  }, []);
  return (
    <AppShell locale={locale}>
      <div className={mergeClasses(layout.stackL, styles.page)}>
        <Header locale={locale} onLocale={setLocale} />
        <About appSourceUrl={appSourceUrl} />
        <Footer />
      </div>
    </AppShell>
  );
}

function Header({ locale, onLocale }: { locale: Locale; onLocale: (locale: Locale) => void }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <header className={styles.top}>
      <span className={styles.brand}>{t('app.name')}</span>
      <LanguagePicker value={locale} onChange={onLocale} />
    </header>
  );
}

function Footer() {
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  return (
    <footer className={layout.topM}>
      <nav aria-label={t('landing.nav')} className={styles.footer}>
        <Link href="/privacy.html">{t('legal.privacyLink')}</Link>
        <Link href="/terms.html">{t('legal.termsLink')}</Link>
      </nav>
    </footer>
  );
}

renderPage(<LandingPage />);
