/**
 * What the task pane's page shows when it cannot start, in the browser's language: opened outside
 * Outlook (what this page is, where to open it, who installs it, and the playground in a
 * development deployment), or another failure with what to do about it.
 */
import {
  Link,
  MessageBar,
  MessageBarBody,
  Text,
  Title2,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { AppShell, usePageLocale } from '../components/AppShell.js';
import { LanguageBar } from '../components/LanguagePicker.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';

export type StartProblem = { kind: 'outside-outlook'; development: boolean } | { kind: 'failed'; message: string };

const useStyles = makeStyles({
  page: { maxWidth: '640px', margin: '0 auto', padding: `0 ${tokens.spacingHorizontalL} ${tokens.spacingVerticalXXL}` },
});

export function PaneStartProblemPage({ problem }: { problem: StartProblem }) {
  const [locale, setLocale] = usePageLocale();
  return (
    <AppShell locale={locale}>
      <LanguageBar value={locale} onChange={setLocale} />
      <PaneStartProblem problem={problem} />
    </AppShell>
  );
}

function PaneStartProblem({ problem }: { problem: StartProblem }) {
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  return (
    <main className={mergeClasses(layout.stackM, styles.page)} data-testid="pane-start-problem">
      <Title2 as="h1">{problem.kind === 'outside-outlook' ? t('outside.title') : t('app.name')}</Title2>
      {problem.kind === 'outside-outlook' ? (
        <>
          <Text>{t('outside.what')}</Text>
          <Text>{t('outside.open', { button: t('manifest.buttonLabel') })}</Text>
          <Text>
            {t('outside.install')} <Link href="/portal.html#/it-help">{t('portal.itHelp')}</Link>
          </Text>
          {problem.development && (
            <Text>
              {t('outside.playground')} <Link href="/playground.html">{t('home.playground')}</Link>
            </Text>
          )}
        </>
      ) : (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody data-testid="pane-start-failed">
            {t('pane.startFailed', { message: problem.message })}
          </MessageBarBody>
        </MessageBar>
      )}
    </main>
  );
}
