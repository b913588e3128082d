/**
 * Entry of the task pane inside Outlook: Office.js (from Microsoft's CDN) provides the host.
 * Opened anywhere else, or when it cannot start, the page says so in the browser's language.
 */
import { resolveLocale } from '#shared/i18n/translate.js';
import { loadClientConfig } from '../api/apiClient.js';
import { AppShell, renderPage } from '../components/AppShell.js';
import { NotInOutlookError } from '../host/mailHost.js';
import { OfficeMailHost } from '../host/officeMailHost.js';
import { LicenseClient } from '../license/licenseClient.js';
import { browserStore } from '../storage/keyValueStore.js';
import { PaneStartProblemPage } from '../taskpane/PaneStartProblem.js';
import { TaskPaneApp } from '../taskpane/TaskPaneApp.js';

async function start() {
  const configuration = loadClientConfig();
  // Read even when the host fails first, so a failed read is never left unhandled.
  configuration.catch(() => undefined);
  let host: OfficeMailHost;
  try {
    host = await OfficeMailHost.initialize();
  } catch (error) {
    if (!(error instanceof NotInOutlookError)) throw error;
    const development = await configuration.then(
      (config) => config.identity.provider === 'development',
      () => false,
    );
    renderPage(<PaneStartProblemPage problem={{ kind: 'outside-outlook', development }} />);
    return;
  }
  const config = await configuration;
  const locale = resolveLocale(host.displayLanguage());
  renderPage(
    <AppShell locale={locale}>
      <TaskPaneApp
        host={host}
        config={config}
        licenseClient={
          new LicenseClient(
            { issuer: config.licenseIssuer, maxTokenAgeSeconds: config.licenseTokenTtlSeconds },
            browserStore(),
          )
        }
      />
    </AppShell>,
  );
}

start().catch((error: unknown) =>
  renderPage(
    <PaneStartProblemPage
      problem={{ kind: 'failed', message: error instanceof Error ? error.message : String(error) }}
    />,
  ),
);
