/**
 * Entry of the sign-in page the pane opens in the Office dialog where Outlook has no nested app
 * authentication (addin/src/auth/authDialogPage.ts does the work). It hands its one answer to the
 * pane and shows what is happening meanwhile.
 */
import {
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { resolveLocale, type Locale } from '#shared/i18n/translate.js';
import { loadClientConfig } from '../api/apiClient.js';
import { AuthDialogProtocolError, encodeAuthDialogMessage } from '../auth/authDialogProtocol.js';
import { runAuthDialog } from '../auth/authDialogPage.js';
import { AppShell, renderPage } from '../components/AppShell.js';
import { sendToDialogParent } from '../host/officeMailHost.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';

const useStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalXXL },
});

/** `not_from_pane`: opened on its own or with a request the pane does not make; `development`: this deployment does not use Entra. */
type Outcome =
  | { kind: 'working' }
  | { kind: 'answered' }
  | { kind: 'not_from_pane' }
  | { kind: 'development' }
  | { kind: 'error'; message: string };

/** Runs once, outside React (whose development mode runs effects twice). */
async function run(): Promise<{ outcome: Outcome; locale: Locale }> {
  const fallbackLocale = resolveLocale(new URLSearchParams(window.location.search).get('lang') ?? navigator.language);
  const config = await loadClientConfig();
  if (config.identity.provider !== 'entra') return { outcome: { kind: 'development' }, locale: fallbackLocale };
  let result;
  try {
    result = await runAuthDialog({
      clientId: config.identity.clientId,
      apiScope: config.identity.apiScope,
      origin: window.location.origin,
      search: window.location.search,
      storage: window.sessionStorage,
    });
  } catch (error) {
    if (error instanceof AuthDialogProtocolError) return { outcome: { kind: 'not_from_pane' }, locale: fallbackLocale };
    throw error;
  }
  const locale = resolveLocale(result.locale);
  if (!result.message) return { outcome: { kind: 'working' }, locale };
  try {
    await sendToDialogParent(encodeAuthDialogMessage(result.message));
  } catch {
    // Outside Office's dialog there is no parent to answer.
    return { outcome: { kind: 'not_from_pane' }, locale };
  }
  return { outcome: { kind: 'answered' }, locale };
}

const outcome = run().catch((error: unknown) => ({
  outcome: { kind: 'error' as const, message: error instanceof Error ? error.message : String(error) },
  locale: resolveLocale(navigator.language),
}));

function AuthDialog() {
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const [state, setState] = useState<Outcome>({ kind: 'working' });
  useEffect(() => {
    void outcome.then((result) => setState(result.outcome));
  }, []);
  return (
    <main className={mergeClasses(layout.stackM, styles.page)}>
      {state.kind === 'error' || state.kind === 'not_from_pane' || state.kind === 'development' ? (
        <MessageBar intent="error">
          <MessageBarBody data-testid="auth-dialog-error">
            {state.kind === 'error'
              ? t('authDialog.failed', { message: state.message })
              : state.kind === 'development'
                ? t('authDialog.development')
                : t('authDialog.notFromPane')}
          </MessageBarBody>
        </MessageBar>
      ) : state.kind === 'answered' ? (
        <Text role="status" data-testid="auth-dialog-status">
          {t('authDialog.done')}
        </Text>
      ) : (
        <Spinner label={t('authDialog.working')} data-testid="auth-dialog-status" />
      )}
    </main>
  );
}

function Page() {
  const [locale, setLocale] = useState<Locale>(() =>
    resolveLocale(new URLSearchParams(window.location.search).get('lang') ?? navigator.language),
  );
  useEffect(() => {
    void outcome.then((result) => setLocale(result.locale));
  }, []);
  return (
    <AppShell locale={locale}>
      <AuthDialog />
    </AppShell>
  );
}

renderPage(<Page />);
