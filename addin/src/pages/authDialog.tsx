/**
 * Entry of the sign-in page the pane opens in the Office dialog where Outlook has no nested app
 * authentication (addin/src/auth/authDialogPage.ts does the work). It hands its one answer to the
 * pane and shows what is happening meanwhile.
 */
import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { resolveLocale, type Locale } from '../../../shared/src/i18n/translate.js';
import { loadClientConfig } from '../api/apiClient.js';
import { encodeAuthDialogMessage } from '../auth/authDialogProtocol.js';
import { runAuthDialog } from '../auth/authDialogPage.js';
import { AppShell, renderPage } from '../components/AppShell.js';
import { sendToDialogParent } from '../host/officeMailHost.js';
import { useI18n } from '../i18n/I18nProvider.js';

type Outcome = { kind: 'working' } | { kind: 'answered' } | { kind: 'error'; message: string };

/** Runs once, outside React (whose development mode runs effects twice). */
async function run(): Promise<{ outcome: Outcome; locale: Locale }> {
  const config = await loadClientConfig();
  if (config.identity.provider !== 'entra') return { outcome: { kind: 'error', message: 'This deployment signs in with the development identity provider; the sign-in window is not used.' }, locale: resolveLocale(navigator.language) };
  const result = await runAuthDialog({ clientId: config.identity.clientId, apiScope: config.identity.apiScope, origin: window.location.origin, search: window.location.search, storage: window.sessionStorage });
  const locale = resolveLocale(result.locale);
  if (!result.message) return { outcome: { kind: 'working' }, locale };
  await sendToDialogParent(encodeAuthDialogMessage(result.message));
  return { outcome: { kind: 'answered' }, locale };
}

const outcome = run().catch((error: unknown) => ({ outcome: { kind: 'error' as const, message: error instanceof Error ? error.message : String(error) }, locale: resolveLocale(navigator.language) }));

function AuthDialog() {
  const { t } = useI18n();
  const [state, setState] = useState<Outcome>({ kind: 'working' });
  useEffect(() => {
    void outcome.then((result) => setState(result.outcome));
  }, []);
  return (
    <main style={{ padding: 24, display: 'flex', flexDirection: 'column', gap: 12 }}>
      {state.kind === 'error' ? (
        <MessageBar intent="error">
          <MessageBarBody>{t('authDialog.failed', { message: state.message })}</MessageBarBody>
        </MessageBar>
      ) : (
        <Spinner label={state.kind === 'answered' ? t('authDialog.done') : t('authDialog.working')} data-testid="auth-dialog-status" />
      )}
    </main>
  );
}

function Page() {
  const [locale, setLocale] = useState<Locale>(() => resolveLocale(new URLSearchParams(window.location.search).get('lang') ?? navigator.language));
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
