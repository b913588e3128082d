/** The start page of a development deployment: where everything is. */
import { Caption1, Link, Title2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { AppShell, renderPage, usePageLocale } from '../components/AppShell.js';
import { LanguageBar } from '../components/LanguagePicker.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';

const useStyles = makeStyles({
  page: { maxWidth: '720px', margin: '0 auto', padding: tokens.spacingHorizontalXXXL },
  links: { lineHeight: 2 },
});

function Home() {
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const links = [
    ['/playground.html', t('home.playground')],
    ['/portal.html', t('home.portal')],
    ['/mailbox.html', t('home.mailbox')],
    ['/outbox.html', t('home.outbox')],
    ['/manifest.xml', t('home.manifest')],
    ['/outmerge.html', t('home.landing')],
  ] as const;
  return (
    <main className={mergeClasses(layout.stackM, styles.page)}>
      <Title2 as="h1">
        {t('app.name')} — {t('app.tagline')}
      </Title2>
      <Caption1>{t('home.intro')}</Caption1>
      <ul className={styles.links}>
        {links.map(([href, label]) => (
          <li key={href}>
            <Link href={href}>{label}</Link>
          </li>
        ))}
      </ul>
    </main>
  );
}

function HomePage() {
  const [locale, setLocale] = usePageLocale();
  return (
    <AppShell locale={locale}>
      <LanguageBar value={locale} onChange={setLocale} />
      <Home />
    </AppShell>
  );
}

renderPage(<HomePage />);
