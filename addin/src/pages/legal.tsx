/**
 * The privacy statement (/privacy.html) and the terms of use (/terms.html): the pages the unified
 * manifest's `developer.privacyUrl` and `developer.termsOfUseUrl` point at, and that the portal
 * links to. One page, two addresses: the path says which document it shows.
 */
import { Divider, Link, Text, Title2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { MessageKey } from '#shared/i18n/translate.js';
import { AppShell, renderPage, usePageLocale } from '../components/AppShell.js';
import { LanguageBar } from '../components/LanguagePicker.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useLayout } from '../components/layout.js';

const useStyles = makeStyles({
  page: {
    maxWidth: '720px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXXL} 48px`,
    '@media (max-width: 480px)': { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL} 48px` },
  },
  links: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
});

type Document = 'privacy' | 'terms';

const SECTIONS: Record<Document, ReadonlyArray<readonly [MessageKey, MessageKey]>> = {
  privacy: [
    ['legal.privacy.messagesTitle', 'legal.privacy.messages'],
    ['legal.privacy.serverTitle', 'legal.privacy.server'],
    ['legal.privacy.paymentsTitle', 'legal.privacy.payments'],
    ['legal.privacy.emailsTitle', 'legal.privacy.emails'],
    ['legal.privacy.rightsTitle', 'legal.privacy.rights'],
  ],
  terms: [
    ['legal.terms.freeTitle', 'legal.terms.free'],
    ['legal.terms.subscriptionTitle', 'legal.terms.subscription'],
    ['legal.terms.useTitle', 'legal.terms.use'],
    ['legal.terms.serviceTitle', 'legal.terms.service'],
    ['legal.terms.changesTitle', 'legal.terms.changes'],
  ],
};

function LegalDocument({ document: shown }: { document: Document }) {
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const title = shown === 'privacy' ? t('legal.privacy.title') : t('legal.terms.title');
  useEffect(() => {
    document.title = `${t('app.name')} — ${title}`;
  }, [t, title]);
  return (
    <main className={mergeClasses(layout.stackL, styles.page)} data-testid={`legal-${shown}`}>
      <Title2 as="h1">
        {t('app.name')} — {title}
      </Title2>
      <Text as="p" className={layout.flush}>
        {shown === 'privacy' ? t('legal.privacy.intro') : t('legal.terms.intro')}
      </Text>
      {SECTIONS[shown].map(([heading, body]) => (
        <section key={heading} aria-labelledby={heading} className={layout.stackXS}>
          <Text as="h2" id={heading} size={400} weight="semibold" className={layout.flush}>
            {t(heading)}
          </Text>
          <Text as="p" className={layout.flush}>
            {t(body)}
          </Text>
        </section>
      ))}
      <Divider />
      <nav className={styles.links} aria-label={t('app.name')}>
        <Link href="/portal.html">{t('legal.portal')}</Link>
        {shown === 'privacy' ? (
          <Link href="/terms.html">{t('legal.termsLink')}</Link>
        ) : (
          <Link href="/privacy.html">{t('legal.privacyLink')}</Link>
        )}
      </nav>
    </main>
  );
}

function LegalPage() {
  const [locale, setLocale] = usePageLocale();
  const shown: Document = window.location.pathname.endsWith('/terms.html') ? 'terms' : 'privacy';
  return (
    <AppShell locale={locale}>
      <LanguageBar value={locale} onChange={setLocale} />
      <LegalDocument document={shown} />
    </AppShell>
  );
}

renderPage(<LegalPage />);
