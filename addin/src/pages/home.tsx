/** The start page of a development deployment: where everything is. */
import { Caption1, Link, Title2 } from '@fluentui/react-components';
import { AppShell, renderPage, usePageLocale } from '../components/AppShell.js';
import { LanguagePicker } from '../components/LanguagePicker.js';
import { useI18n } from '../i18n/I18nProvider.js';

function Home() {
  const { t } = useI18n();
  const links = [
    ['/playground.html', t('home.playground')],
    ['/portal.html', t('home.portal')],
    ['/mailbox.html', t('home.mailbox')],
    ['/outbox.html', t('home.outbox')],
    ['/manifest.xml', t('home.manifest')],
  ] as const;
  return (
    <main style={{ maxWidth: 720, margin: '0 auto', padding: 32, display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Title2 as="h1">
        {t('app.name')} — {t('app.tagline')}
      </Title2>
      <Caption1>{t('home.intro')}</Caption1>
      <ul style={{ lineHeight: 2 }}>
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
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 8 }}>
        <LanguagePicker value={locale} onChange={setLocale} />
      </div>
      <Home />
    </AppShell>
  );
}

renderPage(<HomePage />);
